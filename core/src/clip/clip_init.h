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

} // namespace pictor::clip
