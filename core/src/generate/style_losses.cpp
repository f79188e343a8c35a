#include "style_losses.h"

#include <pictor/palette.h>

#include <ATen/ATen.h>

namespace pictor::gen {

at::Tensor paletteTensor(const std::string& spec)
{
    const std::vector<PaletteColour> colours = parsePalette(spec);
    at::Tensor t = at::empty({int64_t(colours.size()), 3}, at::kFloat);
    for (std::size_t i = 0; i < colours.size(); ++i)
        for (int c = 0; c < 3; ++c) t[int64_t(i)][c] = float(colours[i][std::size_t(c)]) / 255.0f;
    return t;
}

namespace {
/// Squared distance of each pixel to each palette colour: [P,K] for x [1,3,...].
at::Tensor paletteDistances(const at::Tensor& x, const at::Tensor& palette)
{
    const at::Tensor pixels = x.reshape({3, -1}).t(); // [P,3]
    return (pixels.unsqueeze(1) - palette.to(x.device(), x.scalar_type()).unsqueeze(0)).pow(2).sum(2);
}
} // namespace

at::Tensor nearestPaletteColours(const at::Tensor& x, const at::Tensor& palette)
{
    at::NoGradGuard noGrad;
    const at::Tensor idx = paletteDistances(x.detach(), palette).argmin(1);
    return palette.to(x.device(), x.scalar_type()).index_select(0, idx).t().reshape(x.sizes());
}

at::Tensor symmetryLoss(const at::Tensor& picture) { return (picture - picture.flip({3})).abs().mean(); }

at::Tensor paletteLoss(const at::Tensor& picture, const at::Tensor& palette) { return std::get<0>(paletteDistances(picture, palette).min(1)).mean(); }

at::Tensor saturation(const at::Tensor& picture) { return (std::get<0>(picture.max(1)) - std::get<0>(picture.min(1))).mean(); }

at::Tensor edgesLoss(const at::Tensor& picture)
{
    const int64_t h = picture.size(2), w = picture.size(3);
    const int64_t bh = std::max<int64_t>(1, h / 8), bw = std::max<int64_t>(1, w / 8);
    const at::Tensor band = at::cat({picture.narrow(2, 0, bh).reshape({3, -1}), picture.narrow(2, h - bh, bh).reshape({3, -1}),
                                     picture.narrow(3, 0, bw).reshape({3, -1}), picture.narrow(3, w - bw, bw).reshape({3, -1})},
                                    1);
    return band.var(1, false).sum();
}

at::Tensor smoothnessLoss(const at::Tensor& out, bool wrap)
{
    if (wrap) // a tile: the last column's neighbour is the first
        return (at::roll(out, {-1}, {3}) - out).abs().mean() + (at::roll(out, {-1}, {2}) - out).abs().mean();
    const int64_t h = out.size(2), w = out.size(3);
    const at::Tensor dy = (out.narrow(2, 1, h - 1) - out.narrow(2, 0, h - 1)).abs().mean();
    const at::Tensor dx = (out.narrow(3, 1, w - 1) - out.narrow(3, 0, w - 1)).abs().mean();
    return dx + dy;
}

} // namespace pictor::gen
