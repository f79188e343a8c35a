#pragma once
// Conversions between 8-bit images and the [-1,1] / [0,1] float tensors the models use.
#include "image.h"

#include <ATen/core/Tensor.h>

namespace pictor::image {

/// [3,H,W] float in [-1,1] (VQGAN range) from an RGB image.
at::Tensor imageToTensor(const Image8& rgb);
/// RGB image from [3,H,W] in [-1,1] (clamped, rounded).
Image8 tensorToImage(const at::Tensor& chw);
/// RGB image from [3,H,W] in [0,1] (the generator's output range).
Image8 unitTensorToImage(const at::Tensor& chw);

} // namespace pictor::image
