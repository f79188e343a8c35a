#pragma once
// The "shape" start of a run: one disc on a plain ground, in the colours CLIP likes best for the
// prompt. Random codes give the optimiser a collage to carve from, and it keeps one (a patchwork CLIP
// scores well); one coherent object in the right colours leaves it only the outline to change.
#include "../image/image.h"

#include <ATen/core/Generator.h>

#include <array>
#include <functional>
#include <vector>

namespace pictor::gen {

using Rgb = std::array<uint8_t, 3>;

/// The prompt loss of each picture as it is (lower is better), one value per picture.
using PictureLoss = std::function<std::vector<double>(const std::vector<image::Image8>&)>;

/// A w x h picture: a disc of radius `radius` centred at (cx, cy), anti-aliased over one pixel.
image::Image8 discPicture(int w, int h, double cx, double cy, double radius, const Rgb& disc, const Rgb& ground);

/// The disc placed a little off centre by `gen`; its colour and the ground's chosen by `loss` among
/// random ones drawn from `gen`: 32 random pairs, then each colour again with the other fixed (and the
/// two swapped), four times each.
image::Image8 discStart(int w, int h, at::Generator& gen, const PictureLoss& loss);

} // namespace pictor::gen
