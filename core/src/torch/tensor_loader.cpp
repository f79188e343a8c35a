#include "tensor_loader.h"

#include "../checkpoint/byte_source.h"

#include <pictor/error.h>

#include <ATen/ATen.h>

namespace pictor::torchutil {

namespace {

c10::ScalarType scalarType(ckpt::DType t)
{
    switch (t) {
    case ckpt::DType::F32: return at::kFloat;
    case ckpt::DType::F16: return at::kHalf;
    case ckpt::DType::BF16: return at::kBFloat16;
    case ckpt::DType::F64: return at::kDouble;
    case ckpt::DType::I64: return at::kLong;
    case ckpt::DType::I32: return at::kInt;
    case ckpt::DType::I16: return at::kShort;
    case ckpt::DType::I8: return at::kChar;
    case ckpt::DType::U8: return at::kByte;
    case ckpt::DType::Bool: return at::kBool;
    }
    return at::kFloat;
}

} // namespace

at::Tensor loadTensor(const ckpt::TensorRef& ref, c10::ScalarType floatType)
{
    const c10::ScalarType type = scalarType(ref.dtype);
    const uint64_t bytes = ref.extentBytes();
    if (bytes == 0) return at::empty(ref.shape, at::TensorOptions().dtype(at::isFloatingType(type) ? floatType : type));
    // Bounds were checked when the reference was built; check again, cheaply, before reading.
    if (bytes > ref.storageBytes) throw Error("'" + ref.source->name() + "': tensor reaches past its storage");
    const int64_t elem = ckpt::dtypeSize(ref.dtype);
    at::Tensor raw = at::empty({int64_t(bytes) / elem}, at::TensorOptions().dtype(type));
    ref.source->read(ref.storageByteOffset, raw.data_ptr(), bytes);
    at::Tensor view = raw.as_strided(ref.shape, ref.stride, ref.storageOffset);
    if (at::isFloatingType(type) && type != floatType) return view.to(floatType).contiguous();
    return view.contiguous().clone();
}

TensorMap loadTensors(const ckpt::Checkpoint& checkpoint, c10::ScalarType floatType)
{
    TensorMap map;
    for (const auto& [name, ref] : checkpoint.tensors)
        map.emplace(name, guarded("Cannot load '" + checkpoint.path + "'", [&] { return loadTensor(ref, floatType); }));
    return map;
}

const at::Tensor& require(const TensorMap& map, const std::string& name, const std::string& what)
{
    auto it = map.find(name);
    if (it == map.end()) throw Error("'" + what + "' lacks the tensor '" + name + "'");
    return it->second;
}

} // namespace pictor::torchutil

#include "../checkpoint/safetensors.h"

namespace pictor::torchutil {

void saveSafetensors(const std::string& path, const TensorMap& tensors, const std::map<std::string, std::string>& metadata)
{
    std::map<std::string, at::Tensor> sorted(tensors.begin(), tensors.end());
    std::vector<ckpt::SafetensorsTensorOut> out;
    for (const auto& [name, tensor] : sorted) {
        at::Tensor t = tensor.detach().to(at::kCPU).contiguous(); // a GPU run's tensors are written from host memory
        ckpt::DType dtype;
        switch (t.scalar_type()) {
        case at::kHalf: dtype = ckpt::DType::F16; break;
        case at::kBFloat16: dtype = ckpt::DType::BF16; break;
        case at::kLong: dtype = ckpt::DType::I64; break;
        case at::kInt: dtype = ckpt::DType::I32; break;
        case at::kByte: dtype = ckpt::DType::U8; break;
        case at::kBool: dtype = ckpt::DType::Bool; break;
        default: t = t.to(at::kFloat); dtype = ckpt::DType::F32; break;
        }
        ckpt::SafetensorsTensorOut o{name, dtype, t.sizes().vec(), std::string(static_cast<const char*>(t.data_ptr()), std::size_t(t.nbytes()))};
        out.push_back(std::move(o));
    }
    ckpt::writeSafetensors(path, out, metadata);
}

} // namespace pictor::torchutil
