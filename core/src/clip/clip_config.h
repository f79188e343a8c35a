#pragma once
// CLIP hyper-parameters read off the tensors, as openai/CLIP's build_model does: no config file.
#include "../checkpoint/tensor_ref.h"

#include <string>
#include <vector>

namespace pictor::clip {

/// The text tower's layout: OpenAI's causal transformer, or open_clip's Hugging Face XLM-RoBERTa.
enum class TextTower { OpenAi, XlmRoberta };

/// How an XLM-R text tower's pooled feature becomes an embedding (open_clip's `proj`).
enum class TextProjection { Mlp, Linear };

struct ClipConfig {
    TextTower textTower = TextTower::OpenAi;
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
    // XLM-RoBERTa text towers only:
    int textIntermediate = 0;      // the MLP's hidden width
    int textPositions = 0;         // position embeddings (the context is 2 fewer: fairseq starts at pad + 1)
    int textPadId = 1;
    TextProjection textProjection = TextProjection::Mlp;
    int textProjectionHidden = 0;  // mlp: (width + embedDim) / 2

    /// "ViT-B/32", "RN50", "multilingual CLIP, XLM-R base text tower, ViT-B/32" when it matches a
    /// published model, else a description.
    std::string describe() const;
    std::string describeImageTower() const;
};

/// Infers the configuration and checks that every tensor the architecture needs is present with
/// the right shape. Throws pictor::Error naming `what` and listing what is wrong.
ClipConfig inferClipConfig(const ckpt::TensorList& tensors, const std::string& what);

/// True when the tensor names look like a CLIP model (text and image towers), in either layout.
bool looksLikeClip(const ckpt::TensorList& tensors);

/// True for open_clip's multilingual layout: `visual.*` and a Hugging Face XLM-R `text.transformer.*`.
bool looksLikeXlmrClip(const ckpt::TensorList& tensors);

/// Tensors open_clip's multilingual files carry but its forward pass never reads: the pooler (mean
/// pooling replaces it) and the position / token-type id buffers.
bool isUnusedXlmrTensor(const std::string& name);

/// inferClipConfig for the multilingual layout (xlmr_config.cpp): every key must be one it knows
/// (the unused pooler and position-id buffer excepted), every shape must agree.
ClipConfig inferXlmrClipConfig(const ckpt::TensorList& tensors, const std::string& what);

} // namespace pictor::clip

namespace pictor::clip {
/// TorchScript archives carry attributes that are not weights (attn_mask, input_resolution...),
/// and open_clip's XLM-R files an unused pooler and a position-id buffer: drop them so parameter
/// counts match the reference's model. Returns the names dropped from the XLM-R layout.
std::vector<std::string> dropNonParameters(ckpt::TensorList& tensors);
} // namespace pictor::clip
