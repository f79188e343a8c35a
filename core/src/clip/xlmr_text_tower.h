#pragma once
// The text tower of open_clip's multilingual CLIP: transformers' XLMRobertaModel (post-LN BERT
// blocks, fairseq positions, erf GELU) followed by open_clip's HFTextEncoder (mean over the
// non-pad tokens, then the `mlp` or `linear` projection), written with ATen functions.
#include "clip_config.h"

#include "../torch/tensor_loader.h"

#include <ATen/core/Tensor.h>

namespace pictor::clip {

/// tokens: [N,L] int64 padded with config.textPadId. Returns [N, embedDim], raw.
at::Tensor encodeXlmrText(const torchutil::TensorMap& weights, const ClipConfig& config, const at::Tensor& tokens, const std::string& what);

} // namespace pictor::clip
