#pragma once
// Pixray's "custom losses": style terms added to CLIP's loss, each on the picture [1,3,H,W] in [0,1].
#include <ATen/core/Tensor.h>

#include <string>

namespace pictor::gen {

/// A palette (name or hex list, see pictor/palette.h) as [K,3] in [0,1].
at::Tensor paletteTensor(const std::string& spec);
/// Each colour of x [1,3,...] replaced by its nearest palette colour (no gradient).
at::Tensor nearestPaletteColours(const at::Tensor& x, const at::Tensor& palette);

/// Mean absolute difference between the picture and its left-right mirror.
at::Tensor symmetryLoss(const at::Tensor& picture);
/// Mean squared distance of every pixel to its nearest palette colour.
at::Tensor paletteLoss(const at::Tensor& picture, const at::Tensor& palette);
/// Mean saturation (max - min of the channels): added with a negative sign to raise it.
at::Tensor saturation(const at::Tensor& picture);
/// How far the border band (an eighth of each side) is from one plain colour: its variance.
at::Tensor edgesLoss(const at::Tensor& picture);
/// Total variation: mean absolute difference of neighbouring pixels (the "smoothness" loss); with
/// `wrap`, the pixels across the picture's edges are neighbours too (a seamless tile).
at::Tensor smoothnessLoss(const at::Tensor& picture, bool wrap = false);

} // namespace pictor::gen
