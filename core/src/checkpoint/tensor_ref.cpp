#include "tensor_ref.h"

#include <pictor/error.h>

namespace pictor::ckpt {

int dtypeSize(DType t)
{
    switch (t) {
    case DType::F64: case DType::I64: return 8;
    case DType::F32: case DType::I32: return 4;
    case DType::F16: case DType::BF16: case DType::I16: return 2;
    case DType::I8: case DType::U8: case DType::Bool: return 1;
    }
    return 1;
}

const char* dtypeName(DType t)
{
    switch (t) {
    case DType::F32: return "F32";
    case DType::F16: return "F16";
    case DType::BF16: return "BF16";
    case DType::F64: return "F64";
    case DType::I64: return "I64";
    case DType::I32: return "I32";
    case DType::I16: return "I16";
    case DType::I8: return "I8";
    case DType::U8: return "U8";
    case DType::Bool: return "BOOL";
    }
    return "?";
}

int64_t TensorRef::numel() const
{
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

uint64_t TensorRef::extentBytes() const
{
    if (numel() == 0) return 0;
    uint64_t last = uint64_t(storageOffset);
    for (std::size_t i = 0; i < shape.size(); ++i) last += uint64_t(shape[i] - 1) * uint64_t(stride[i]);
    return (last + 1) * uint64_t(dtypeSize(dtype));
}

void validateView(const TensorRef& t, const std::string& what)
{
    if (t.shape.size() != t.stride.size()) throw Error(what + ": shape and stride have different ranks");
    if (t.shape.size() > 16) throw Error(what + ": more than 16 dimensions");
    if (t.storageOffset < 0) throw Error(what + ": negative storage offset");
    // Every product below stays under 2^62 so nothing can overflow.
    const uint64_t limit = uint64_t(1) << 62;
    uint64_t count = 1;
    uint64_t last = uint64_t(t.storageOffset);
    if (last > limit) throw Error(what + ": storage offset out of range");
    bool empty = false;
    for (std::size_t i = 0; i < t.shape.size(); ++i) {
        if (t.shape[i] < 0) throw Error(what + ": negative dimension");
        if (t.stride[i] < 0) throw Error(what + ": negative stride");
        if (t.shape[i] == 0) empty = true;
        if (t.shape[i] > 0 && count > limit / uint64_t(t.shape[i])) throw Error(what + ": element count overflows");
        count *= uint64_t(t.shape[i] ? t.shape[i] : 1);
        if (t.shape[i] > 1) {
            const uint64_t step = uint64_t(t.shape[i] - 1);
            if (uint64_t(t.stride[i]) != 0 && step > (limit - last) / uint64_t(t.stride[i]))
                throw Error(what + ": strides reach past any storage");
            last += step * uint64_t(t.stride[i]);
        }
    }
    if (empty) return;
    const uint64_t elem = uint64_t(dtypeSize(t.dtype));
    if (last + 1 > t.storageBytes / elem)
        throw Error(what + ": the tensor reaches element " + std::to_string(last) + " but its storage holds only " +
                    std::to_string(t.storageBytes / elem));
}

} // namespace pictor::ckpt
