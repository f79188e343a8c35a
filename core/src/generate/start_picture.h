#pragma once
// The "shape" start of a run: one plain shape on a plain ground, its outline and both colours the
// ones CLIP likes best for the prompt. Random codes give the optimiser a collage to carve from, and it
// keeps one (a patchwork CLIP scores well); one coherent object in the right colours leaves it only
// the details to change. The settle step draws the same kind of picture later in a run, where the run's
// own picture has put its colours.
#include "../image/image.h"

#include <ATen/core/Generator.h>

#include <array>
#include <functional>
#include <vector>

namespace pictor::gen {

using Rgb = std::array<uint8_t, 3>;

/// The prompt loss of each picture as it is (lower is better), one value per picture.
using PictureLoss = std::function<std::vector<double>(const std::vector<image::Image8>&)>;

/// The outlines the start can take: generic geometric primitives.
enum class Outline { Disc, Square, Triangle, Star, Ring };
constexpr int kOutlineCount = 5;

/// A w x h picture of one `outline` of size `radius` (a disc's radius; the others cover about the
/// same area) centred at (cx, cy), anti-aliased by 4x4 supersampling.
image::Image8 outlinePicture(int w, int h, Outline outline, double cx, double cy, double radius, const Rgb& fill, const Rgb& ground);

/// Where a picture's shape lies and its colours: what a settling run keeps of the picture it has made.
struct Layout {
    double cx = 0, cy = 0; ///< the centre of the main colour's pixels
    double radius = 0;     ///< a disc's radius with their area, kept within 0.15-0.35 of the shorter side
    Rgb fill{}, ground{};  ///< the two main colours (k-means); the ground is the one most of the border has
};

/// The layout of an RGB `picture`.
Layout readLayout(const image::Image8& picture);

/// The shape placed a little off centre by `gen`; its colour and the ground's chosen by `loss` among
/// random ones drawn from `gen` (32 random pairs on a disc, then each colour again with the other fixed and
/// the two swapped, eight rounds), in turn with the outline and size among the primitives.
image::Image8 shapeStart(int w, int h, at::Generator& gen, const PictureLoss& loss);

/// One plain shape at `layout`'s place and size: CLIP picks the outline and size (as shapeStart does, in
/// `layout`'s colours) and then refines the colours in the same rounds.
image::Image8 settledShape(int w, int h, at::Generator& gen, const PictureLoss& loss, const Layout& layout);

} // namespace pictor::gen
