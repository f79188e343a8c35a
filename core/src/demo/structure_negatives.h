#pragma once
// Pictures with a caption's colours but not its one coherent shape: the shape scattered as small
// copies, the picture cut into shuffled and turned tiles, or irregular blobs of the shape's colour.
// The demo CLIP learns them as negatives. Without them it scored the generator's collages of
// fragments as high as whole shapes (it had only ever seen whole shapes), so generation painted
// textures of the right colours instead of one shape.
#include "shapes_world.h"

namespace pictor::demo {

enum class StructureNegative { Scattered, Tiles, Blobs };
constexpr int kStructureNegativeKinds = 3;

/// A negative for `positive` (a one-shape scene) of the given kind, random from the world's generator.
image::Image8 structureNegative(ShapesWorld& world, const Sample& positive, StructureNegative kind);

} // namespace pictor::demo
