#include "strokes_raster.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace pictor::gen {

namespace {
constexpr int kSamples = 17;        // points along each curve (16 straight pieces)
constexpr double kSoftness = 0.5;   // pixels over which a stroke's edge fades (anti-aliasing)
constexpr double kMargin = 12.0;    // pixels beyond the stroke's edge still drawn: sigmoid(-24) < 1e-10
} // namespace

at::Tensor rasteriseStrokes(const Strokes& s, int64_t height, int64_t width, bool wrap)
{
    const auto opts = s.points.options();
    const int64_t n = s.points.size(0);
    // Cubic Bernstein weights [T,4] and the sampled curves [N,T,2].
    const at::Tensor t = at::linspace(0, 1, kSamples, opts).unsqueeze(1);
    const at::Tensor u = 1 - t;
    const at::Tensor bern = at::cat({u.pow(3), 3 * u.pow(2) * t, 3 * u * t.pow(2), t.pow(3)}, 1);
    const at::Tensor curves = at::einsum("tk,nkd->ntd", {bern, s.points});

    // Every stroke is measured only in a box around it (beyond kMargin its coverage is below 1e-10), all
    // strokes at once in boxes of one size: a few large operations instead of many small ones per stroke.
    const at::Tensor reach = s.widths.detach().to(at::kDouble) / 2 + kMargin;
    const at::Tensor lo = (std::get<0>(curves.detach().min(1)).to(at::kDouble) - reach.unsqueeze(1)).floor().to(at::kLong);
    const at::Tensor hi = (std::get<0>(curves.detach().max(1)).to(at::kDouble) + reach.unsqueeze(1)).ceil().to(at::kLong);
    // The box holds the longest stroke whole (the strokes drawer keeps points within 10% outside the picture and
    // widths below a quarter of it); the cap only guards against absurd coordinates.
    const int64_t boxW = std::clamp<int64_t>((hi - lo).select(1, 0).max().item<int64_t>(), 1, 2 * width + 4 * int64_t(kMargin));
    const int64_t boxH = std::clamp<int64_t>((hi - lo).select(1, 1).max().item<int64_t>(), 1, 2 * height + 4 * int64_t(kMargin));
    const std::vector<at::Tensor> local = at::meshgrid({at::arange(boxH, at::kLong), at::arange(boxW, at::kLong)}, "ij");
    const at::Tensor px = lo.select(1, 0).view({n, 1}) + local[1].reshape({1, -1}); // [N,P] pixel columns
    const at::Tensor py = lo.select(1, 1).view({n, 1}) + local[0].reshape({1, -1});
    const at::Tensor centres = at::stack({px, py}, 2).to(opts.dtype()).add(0.5); // [N,P,2] as (x, y)

    const at::Tensor a = curves.narrow(1, 0, kSamples - 1);     // [N,S,2]
    const at::Tensor ab = curves.narrow(1, 1, kSamples - 1) - a; // [N,S,2]
    const at::Tensor ap = centres.unsqueeze(2) - a.unsqueeze(1); // [N,P,S,2]
    const at::Tensor along = ((ap * ab.unsqueeze(1)).sum(3) / ab.pow(2).sum(2).clamp_min(1e-12).unsqueeze(1)).clamp(0, 1);
    const at::Tensor offset = ap - along.unsqueeze(3) * ab.unsqueeze(1);
    const at::Tensor dist = at::sqrt(std::get<0>(offset.pow(2).sum(3).min(2)) + 1e-8); // [N,P]
    const at::Tensor coverage = at::sigmoid((s.widths.unsqueeze(1) / 2 - dist) / kSoftness) * s.colours.select(1, 3).unsqueeze(1);

    at::Tensor alpha; // [N,HW]
    if (wrap) {
        // A tile: box pixels outside the picture land across the opposite edge. A box wider than the picture
        // puts two of its pixels on one (one of them in the stroke's fading margin): their coverage adds up, at most 1.
        const at::Tensor index = at::remainder(py, height) * width + at::remainder(px, width);
        alpha = at::zeros({n, height * width}, opts).scatter_add(1, index, coverage).clamp_max(1.0);
    } else {
        // Into the picture: box pixels outside it go to one spare column, dropped after.
        const at::Tensor inside = px.ge(0) & px.lt(width) & py.ge(0) & py.lt(height);
        const at::Tensor index = at::where(inside, py * width + px, at::full({}, height * width, at::kLong));
        alpha = at::zeros({n, height * width + 1}, opts).scatter(1, index, coverage).narrow(1, 0, height * width);
    }

    // Strokes in order over the background: each later stroke covers a share of what is below it.
    at::Tensor canvas = s.background.view({3, 1}).expand({3, height * width});
    for (int64_t i = 0; i < n; ++i) canvas = canvas * (1 - alpha[i]) + s.colours[i].narrow(0, 0, 3).unsqueeze(1) * alpha[i];
    return canvas.reshape({1, 3, height, width});
}

} // namespace pictor::gen
