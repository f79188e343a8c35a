#pragma once
// A tensor described, not loaded: dtype, shape, strides and where its storage lies in the file.
// Readers produce these after validating every bound; core/src/clip etc. materialise them.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pictor::ckpt {

class ByteSource;

enum class DType { F32, F16, BF16, F64, I64, I32, I16, I8, U8, Bool };

int dtypeSize(DType t);
const char* dtypeName(DType t);

struct TensorRef {
    DType dtype = DType::F32;
    std::vector<int64_t> shape;
    std::vector<int64_t> stride;   // in elements
    int64_t storageOffset = 0;     // in elements, from the storage start
    uint64_t storageByteOffset = 0; // where the storage starts in the source
    uint64_t storageBytes = 0;     // the storage's size in the source
    std::shared_ptr<const ByteSource> source;

    int64_t numel() const;
    /// Bytes from the storage start up to the last element this view touches.
    uint64_t extentBytes() const;
};

/// Checks sizes, strides and offsets against the storage; throws pictor::Error with `what`.
void validateView(const TensorRef& t, const std::string& what);

using TensorList = std::vector<std::pair<std::string, TensorRef>>;

} // namespace pictor::ckpt
