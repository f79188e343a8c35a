#pragma once
// Opens whatever model file the user points at, recognised by content (never by extension):
// a PyTorch zip archive (torch.save), a TorchScript archive (OpenAI CLIP .pt), a Lightning .ckpt
// (weights under "state_dict") or safetensors. The result lists tensors without loading them.
#include "tensor_ref.h"

#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pictor::ckpt {

class ByteSource;

struct Checkpoint {
    std::string path;
    std::string format;                         // "safetensors", "torch-zip", "torchscript", "lightning"
    TensorList tensors;                         // sorted by name
    std::map<std::string, std::string> metadata; // safetensors __metadata__
    std::vector<std::string> ignored;           // top-level entries we skipped (optimizer state, callbacks...)

    const TensorRef* find(const std::string& name) const;
    /// Keeps only tensors under `prefix` and strips it; returns how many were kept.
    std::size_t keepPrefix(const std::string& prefix);
};

/// When the tensors do not look right at the top level, keeps those under the first of `prefixes`
/// that makes them look right (Net2Net "first_stage_model.", DataParallel "module."...). Returns
/// false when none does.
bool narrowToModel(Checkpoint& checkpoint, const std::function<bool(const TensorList&)>& looksRight,
                   std::initializer_list<const char*> prefixes);

Checkpoint openCheckpoint(const std::string& path);
Checkpoint openCheckpoint(std::shared_ptr<const ByteSource> source);

} // namespace pictor::ckpt
