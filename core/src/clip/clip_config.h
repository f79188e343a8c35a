#pragma once
// CLIP hyper-parameters read off the tensors, as openai/CLIP's build_model does: no config file.
#include "../checkpoint/tensor_ref.h"

#include <string>
#include <vector>

namespace pictor::clip {

struct ClipConfig {
    bool vit = true;
    int embedDim = 0;
    int imageResolution = 0;
    std::vector<int> visionLayers; // ViT: {layers}; ResNet: blocks per stage (4 stages)
    int visionWidth = 0;
    int visionPatch = 0;           // ViT only
    int visionHeads = 0;
    int contextLength = 0;
    int vocabSize = 0;
    int textWidth = 0;
    int textHeads = 0;
    int textLayers = 0;
    bool quickGelu = true;         // OpenAI weights; open_clip's plain configs use GELU

    /// "ViT-B/32", "RN50" when it matches a published model, else a description.
    std::string describe() const;
};

/// Infers the configuration and checks that every tensor the architecture needs is present with
/// the right shape. Throws pictor::Error naming `what` and listing what is wrong.
ClipConfig inferClipConfig(const ckpt::TensorList& tensors, const std::string& what);

/// True when the tensor names look like a CLIP model (text and image towers).
bool looksLikeClip(const ckpt::TensorList& tensors);

} // namespace pictor::clip

namespace pictor::clip {
/// TorchScript archives carry attributes that are not weights (attn_mask, input_resolution...):
/// drop them so parameter counts match the reference's state_dict.
void dropNonParameters(ckpt::TensorList& tensors);
} // namespace pictor::clip
