#pragma once
// The arithmetic one VQGAN+CLIP step needs, counted from the models' shapes: the decoder's and the
// image tower's multiply-adds, forward and the backward to their inputs (weights are constant, so no
// weight gradients). Element-wise work is left out: it is memory-bound and a few percent of the sum.
// Every mode of a benchmark is divided into the same count, so their GFLOP/s compare as their times do.
#include "clip/clip_config.h"
#include "vqgan/vqgan_net.h"

namespace pictor::bench {

/// Forward FLOPs of a ViT or ResNet image tower for one image (2 per multiply-add).
double clipImageForwardFlops(const clip::ClipConfig& config);

/// Forward FLOPs of the decoder (post_quant_conv included) for a latent of tokensH x tokensW.
double vqganDecodeForwardFlops(const vqgan::VqganNet& net, int64_t tokensH, int64_t tokensW);

/// One step: decode + cutn cutouts through CLIP, each forward and backward (twice the forward).
double stepFlops(const clip::ClipConfig& clip, const vqgan::VqganNet& vqgan, int64_t tokensH, int64_t tokensW, int cutn);

} // namespace pictor::bench
