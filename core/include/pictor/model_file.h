#pragma once
// What a model file is, read from its content without loading the weights (pictor-cli model-info).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace pictor {

struct ModelFileInfo {
    std::string path;
    std::string format;       ///< "safetensors", "torch-zip" (torch.save), "torchscript", "lightning"
    std::string kind;         ///< clip, vqgan, unknown
    std::string architecture; ///< inferred configuration
    int64_t parameters = 0;
    int64_t tensorCount = 0;
    std::map<std::string, int64_t> dtypeElements; ///< "F16" -> number of elements stored as F16
    std::vector<std::string> ignored;             ///< checkpoint entries that are not weights
    std::map<std::string, std::string> metadata;
};

/// Throws pictor::Error naming the file when it is not a model file Pictor can read.
ModelFileInfo inspectModelFile(const std::string& path);

} // namespace pictor

namespace pictor {
/// Hex SHA-256 of a file (streamed); throws pictor::Error naming the file when it cannot be read.
std::string sha256File(const std::string& path);
} // namespace pictor
