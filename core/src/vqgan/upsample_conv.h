#pragma once
// taming's decoder upsampling — nearest x2, then a 3x3 convolution — without the upsampled picture.
// Each output pixel (2i+a, 2j+b) sees a 2x2 window of the input, and the 3x3 kernel's taps that
// fall on the same input pixel add up: along rows, phase a=0 uses (k0 | k1+k2) on rows (i-1, i),
// phase a=1 uses (k0+k1 | k2) on rows (i, i+1); columns likewise. One 2x2 convolution with the
// four phase kernels stacked (4x the output channels) does 16 multiply-adds per four outputs where
// the 3x3 over the upsampled picture does 36: the same function with 2.25x less work, in the
// convolutions that make up a fifth of the f16 decoder.
#include <ATen/core/Tensor.h>

namespace pictor::vqgan {

/// conv2d(upsample_nearest2d(x, 2x), weight, bias, padding 1). weight [O, I, 3, 3]; x [N, I, H, W]
/// (channels-last or not; the result has the same layout). Differentiable in x and weight.
/// circular: the padding wraps around (seamless tiles) instead of zeros.
at::Tensor upsampleConv(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, bool circular = false);

/// x [N, C, H, W] padded by `pad` on every side with what lies across the opposite edge, as
/// padding_mode="circular" does; differentiable.
at::Tensor wrapPad(const at::Tensor& x, int64_t pad);

} // namespace pictor::vqgan
