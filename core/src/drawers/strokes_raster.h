#pragma once
// A differentiable rasteriser for Bézier strokes, in LibTorch. diffvg (Pixray's) is not in Debian and
// is a CUDA/C++ build of its own; this one computes each pixel's soft coverage from its distance to the
// curve (sampled as a polyline), so CLIP's gradient reaches control points, widths and colours.
#include <ATen/core/Tensor.h>

namespace pictor::gen {

struct Strokes {
    at::Tensor points;     ///< [N,4,2] cubic Bézier control points, x and y in pixels
    at::Tensor widths;     ///< [N] in pixels
    at::Tensor colours;    ///< [N,4] RGB and opacity in [0,1]
    at::Tensor background; ///< [3] in [0,1]
};

/// The strokes drawn in order over the background: [1,3,H,W]. Works in the points' dtype (fp64 for checks).
/// wrap: what crosses an edge comes back at the opposite one (seamless tiles).
at::Tensor rasteriseStrokes(const Strokes& strokes, int64_t height, int64_t width, bool wrap = false);

} // namespace pictor::gen
