#pragma once
// The autograd pieces of the VQGAN+CLIP loop (reference.md §5.3-5.4).
#include <ATen/core/Tensor.h>

namespace pictor::gen {

/// Forward clamp to [lo, hi]; backward passes the gradient unless it would push an out-of-range
/// value further out (the reference's ClampWithGrad).
at::Tensor clampWithGrad(const at::Tensor& x, double lo, double hi);

/// Nearest codebook rows for x [..., e] with the gradient passed straight through to x.
at::Tensor vectorQuantize(const at::Tensor& x, const at::Tensor& codebook);

/// Forward value `forward`, gradient into `backward` (the reference's replace_grad).
at::Tensor replaceGrad(const at::Tensor& forward, const at::Tensor& backward);

/// Spherical distance loss of one prompt: |w| * mean(2 * asin(|î - ê| / 2)² * sign(w)), with no
/// gradient where the distance is below `stop`. images [N,D], targets [M,D] (any norm).
at::Tensor promptLoss(const at::Tensor& images, const at::Tensor& targets, double weight, double stop);

} // namespace pictor::gen
