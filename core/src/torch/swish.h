#pragma once
// swish(x) = x * sigmoid(x) (SiLU), the activation of taming's VQGAN and — scaled — of CLIP's
// QuickGELU, in the form that runs fastest on LibTorch 1.13's CPU kernels: at::silu for fp32 (one
// fused pass each way, 2.5x faster than two ops), and for bf16 a backward of three vectorised
// passes, because at::silu_backward has no vectorised bf16 kernel there (16 ms on 8.4M values,
// against ~1 ms per plain bf16 pass).
#include <ATen/core/Tensor.h>

namespace pictor::torchutil {

at::Tensor swish(const at::Tensor& x);

/// The same function's values and gradient (grad · swish'(x)) outside autograd, in the forms above:
/// for autograd functions that fuse the swish with what comes before it.
at::Tensor swishValues(const at::Tensor& x);
at::Tensor swishGradient(const at::Tensor& grad, const at::Tensor& x);

} // namespace pictor::torchutil
