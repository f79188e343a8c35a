#pragma once
// A stride-1 convolution whose weights are constants (the generator never trains the decoder).
//
// Why: LibTorch's convolution keeps its input for the weights' gradient even when nobody asks for
// it: 32 MB per convolution at 128 channels and 256x256 in fp32, five of them alive per residual
// block. On large pictures this one keeps nothing of the input, and computes the input's gradient
// as the forward convolution with the kernel flipped and its channels swapped, which oneDNN runs
// faster here than its backward-data kernel (fp32, 128 channels, 256x256: 112 against 169 ms).
// Small pictures keep the input and LibTorch's own backward, whose numbers they keep exactly.
#include <ATen/core/Tensor.h>

namespace pictor::vqgan {

/// conv2d(x, weight, bias, stride 1, padding) for odd square kernels with padding = size / 2.
at::Tensor constantWeightConv(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, int64_t padding);

} // namespace pictor::vqgan
