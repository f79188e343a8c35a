#pragma once
// Fresh VQGAN weights with PyTorch's default initialisation, laid out exactly as taming's VQModel
// names them: used to train the demo model and by the benchmarks' random-weight models.
#include "vqgan_config.h"

#include "../torch/tensor_loader.h"

#include <cstdint>

namespace pictor::vqgan {

/// config needs ch, chMult, numResBlocks, zChannels, embedDim, nEmbed, encoderAttn, decoderAttn.
torchutil::TensorMap initVqganWeights(const VqganConfig& config, uint64_t seed);

/// The f16 ImageNet configuration (vqgan_imagenet_f16_16384 when codes = 16384).
VqganConfig imagenetF16Config(int codes);

} // namespace pictor::vqgan
