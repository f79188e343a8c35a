#pragma once
// GroupNorm for channels-last activations with frozen weights. LibTorch 1.13's GroupNorm backward
// has no channels-last kernel: it copies the input and the incoming gradient to NCHW and hands an
// NCHW gradient to the convolution before it, which copies it back. In the generator's bf16
// decoder those copies took half of the GroupNorm time; this backward works on the channels-last
// layout directly. The forward is ATen's own (native_group_norm). NCHW activations (the fp32
// decoder's layout where it measures faster) take ATen's own backward, which is fast in NCHW;
// what they gain here is the memory of the fused swish below.
#include <ATen/core/Tensor.h>

#include <tuple>

namespace pictor::vqgan {

/// ATen's native_group_norm (output, mean, rstd), except that bf16 (or fp16) channels-last activations are
/// normalised in fp32 and rounded after: LibTorch 1.13's channels-last GroupNorm in bf16 gets the statistics wrong,
/// which washed the demo VQGAN's colours out (a mean error of 44 in 8-bit steps; NCHW bf16: 0.4; tst_vqgan).
std::tuple<at::Tensor, at::Tensor, at::Tensor> groupNormForward(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, int64_t groups,
                                                                double eps);
/// Whether x is such an activation (a reduced float type, channels-last): every GroupNorm of it goes through fp32.
bool groupNormInFp32(const at::Tensor& x);

/// Same function as at::group_norm(x, groups, weight, bias, eps); gradients flow to x only, so
/// use it where weight and bias do not require grad. x: [N, C, H, W], channels-last (or contiguous NCHW).
at::Tensor groupNormChannelsLast(const at::Tensor& x, int64_t groups, const at::Tensor& weight, const at::Tensor& bias, double eps);

/// swish(groupNormChannelsLast(x, ...)) keeping only x for the backward pass, which recomputes the
/// normalised values it needs anyway: the norm's output (and in bf16 the swish's sigmoid and
/// output) are not kept, 1-2 activation-sized tensors per residual half-block.
at::Tensor groupNormSwishChannelsLast(const at::Tensor& x, int64_t groups, const at::Tensor& weight, const at::Tensor& bias, double eps);

} // namespace pictor::vqgan
