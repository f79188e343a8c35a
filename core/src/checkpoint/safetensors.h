#pragma once
// safetensors: 8-byte little-endian header length N, N bytes of JSON
// {"name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, "__metadata__": {..}},
// then the raw little-endian tensor bytes, offsets relative to the end of the header.
#include "tensor_ref.h"

#include <map>
#include <memory>
#include <string>

namespace pictor::ckpt {

bool looksLikeSafetensors(const ByteSource& source);

struct SafetensorsFile {
    TensorList tensors;
    std::map<std::string, std::string> metadata;
};

/// Throws pictor::Error naming the file for any header or bound that does not check out.
SafetensorsFile readSafetensors(std::shared_ptr<const ByteSource> source);

/// Writes tensors (given as raw little-endian bytes) atomically; used by the CLI and tests.
struct SafetensorsTensorOut {
    std::string name;
    DType dtype;
    std::vector<int64_t> shape;
    std::string bytes;
};
void writeSafetensors(const std::string& path, const std::vector<SafetensorsTensorOut>& tensors,
                      const std::map<std::string, std::string>& metadata = {});

} // namespace pictor::ckpt
