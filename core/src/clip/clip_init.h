#pragma once
// Fresh CLIP weights, initialised as openai/CLIP's initialize_parameters does (ViT towers):
// used to train the demo model and by the benchmarks' random-weight models.
#include "clip_config.h"

#include "../torch/tensor_loader.h"

#include <cstdint>

namespace pictor::clip {

torchutil::TensorMap initClipWeights(const ClipConfig& config, uint64_t seed);
/// OpenAI's ViT-B/32 configuration (for random-weight models of the real size).
ClipConfig vitB32Config();
/// OpenAI's ViT-L/14 configuration (the largest model people run VQGAN+CLIP with on a CPU).
ClipConfig vitL14Config();

/// open_clip's xlm-roberta-base-ViT-B-32 configuration, and random weights in its layout
/// (transformers' initialisation: normal(0.02), LayerNorm 1/0) for the benchmarks.
ClipConfig xlmrBaseVitB32Config();
torchutil::TensorMap initXlmrClipWeights(const ClipConfig& config, uint64_t seed);

} // namespace pictor::clip
