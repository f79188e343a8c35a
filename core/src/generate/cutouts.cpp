#include "cutouts.h"

#include "losses.h"

#include "../image/image.h"

#include <pictor/error.h>

#include <ATen/ATen.h>

#include <cmath>

namespace pictor::gen {

namespace {

constexpr double kPi = 3.14159265358979323846;

at::Tensor uniform(at::Generator& gen, at::IntArrayRef shape, double lo, double hi)
{
    return at::rand(shape, gen, at::TensorOptions().dtype(at::kFloat)).mul(hi - lo).add(lo);
}

/// Per-sample coin flips with probability p, as floats 0/1: [N].
at::Tensor coins(at::Generator& gen, int64_t n, double p)
{
    return at::rand({n}, gen).lt(p).to(at::kFloat);
}

/// Normal noise shaped like `like`, on its device, drawn from `gen` (the run's CPU stream: a GPU run draws the
/// same numbers as a CPU run with the same seed, so the two can be compared step by step).
at::Tensor randnLike(const at::Tensor& like, at::Generator& gen)
{
    if (like.device() == gen.device()) return at::randn(like.sizes(), gen, like.options());
    return at::randn(like.sizes(), gen, like.options().device(gen.device())).to(like.device());
}

at::Tensor identity(int64_t n)
{
    return at::eye(3).unsqueeze(0).repeat({n, 1, 1});
}

/// Blend each matrix with the identity where the coin says "not applied".
at::Tensor gated(const at::Tensor& m, const at::Tensor& applied)
{
    const at::Tensor a = applied.view({-1, 1, 1});
    return m * a + identity(m.size(0)) * (1 - a);
}

// Sampling matrices map output coordinates to input coordinates, in normalised [-1,1] units.
at::Tensor affineMatrices(at::Generator& gen, int64_t n, double degrees, double translate, double shearDeg)
{
    const at::Tensor angle = uniform(gen, {n}, -degrees, degrees) * (kPi / 180);
    const at::Tensor shear = uniform(gen, {n}, -shearDeg, shearDeg) * (kPi / 180);
    const at::Tensor tx = uniform(gen, {n}, -translate, translate) * 2, ty = uniform(gen, {n}, -translate, translate) * 2;
    at::Tensor m = identity(n);
    const at::Tensor c = angle.cos(), s = angle.sin(), sh = shear.tan();
    m.select(2, 0).select(1, 0).copy_(c);
    m.select(2, 1).select(1, 0).copy_(-s + c * sh);
    m.select(2, 0).select(1, 1).copy_(s);
    m.select(2, 1).select(1, 1).copy_(c + s * sh);
    m.select(2, 2).select(1, 0).copy_(tx);
    m.select(2, 2).select(1, 1).copy_(ty);
    return m;
}

at::Tensor perspectiveMatrices(at::Generator& gen, int64_t n, double distortion)
{
    // kornia's RandomPerspective moves the corners inwards by up to distortion/2 of the side and warps
    // the picture so its corners land there: the picture shrinks into a quadrilateral with zero
    // padding around it. As a sampling matrix (output -> input) that is the homography taking each
    // moved corner back to its own corner. (The inverse would zoom in, making objects look larger
    // to CLIP than they are, and runs shrink them to compensate.)
    const float cx[4] = {-1, 1, 1, -1}, cy[4] = {-1, -1, 1, 1};
    const at::Tensor offsets = uniform(gen, {n, 4, 2}, 0, distortion);
    at::Tensor a = at::zeros({n, 8, 8});
    at::Tensor b = at::zeros({n, 8});
    for (int k = 0; k < 4; ++k) {
        const at::Tensor x = -cx[k] * offsets.select(1, k).select(1, 0) + cx[k];
        const at::Tensor y = -cy[k] * offsets.select(1, k).select(1, 1) + cy[k];
        // cx = (h0 x + h1 y + h2) / (h6 x + h7 y + 1), cy likewise with h3..h5
        auto row = a.select(1, 2 * k);
        row.select(1, 0).copy_(x);
        row.select(1, 1).copy_(y);
        row.select(1, 2).fill_(1);
        row.select(1, 6).copy_(-x * cx[k]);
        row.select(1, 7).copy_(-y * cx[k]);
        auto row2 = a.select(1, 2 * k + 1);
        row2.select(1, 3).copy_(x);
        row2.select(1, 4).copy_(y);
        row2.select(1, 5).fill_(1);
        row2.select(1, 6).copy_(-x * cy[k]);
        row2.select(1, 7).copy_(-y * cy[k]);
        b.select(1, 2 * k).fill_(cx[k]);
        b.select(1, 2 * k + 1).fill_(cy[k]);
    }
    const at::Tensor h = at::linalg_solve(a, b); // [n, 8]
    return at::cat({h, at::ones({n, 1})}, 1).view({n, 3, 3});
}

at::Tensor warp(const at::Tensor& x, const at::Tensor& m, int64_t hgt = 0, int64_t wid = 0)
{
    const int64_t n = m.size(0);
    if (!hgt) hgt = x.size(2);
    if (!wid) wid = x.size(3);
    // Pixel centres in normalised coordinates (align_corners = false).
    const at::TensorOptions on = at::TensorOptions().dtype(at::kFloat).device(x.device());
    const at::Tensor mx = m.to(x.device()); // the matrices are drawn on the CPU; the grid is made where the picture is
    const at::Tensor ys = (at::arange(hgt, on) * 2 + 1) / hgt - 1;
    const at::Tensor xs = (at::arange(wid, on) * 2 + 1) / wid - 1;
    const auto mesh = at::meshgrid({ys, xs}, "ij");
    const at::Tensor base = at::stack({mesh[1], mesh[0], at::ones_like(mesh[0])}, -1).view({1, hgt * wid, 3});
    const at::Tensor p = at::matmul(base.expand({n, hgt * wid, 3}), mx.transpose(1, 2)); // [n, hw, 3]
    const at::Tensor grid = (p.narrow(2, 0, 2) / p.narrow(2, 2, 1).clamp_min(1e-6)).view({n, hgt, wid, 2}).to(x.scalar_type());
    return at::grid_sampler(x, grid, 0, 0, false);
}

at::Tensor colourJitter(const at::Tensor& x, at::Generator& gen)
{
    // brightness ±0.1 (added), contrast and saturation x[0.9,1.1], hue ±0.1 turn, applied with p 0.7,
    // composed into one 3x3 matrix and offset per cutout.
    const int64_t n = x.size(0);
    const at::Tensor applied = coins(gen, n, 0.7).view({n, 1, 1});
    const at::Tensor bright = uniform(gen, {n}, -0.1, 0.1);
    const at::Tensor contrast = uniform(gen, {n}, 0.9, 1.1);
    const at::Tensor sat = uniform(gen, {n}, 0.9, 1.1);
    const at::Tensor hue = uniform(gen, {n}, -0.1, 0.1) * (2 * kPi);
    // Hue rotation about the grey axis (the luminance-preserving rotation in RGB).
    const at::Tensor c = hue.cos(), s = hue.sin();
    const double k = 1.0 / 3.0, r = std::sqrt(1.0 / 3.0);
    auto entry = [&](double diag) { return c * (diag ? 1 - k : -k) + k; };
    at::Tensor rot = at::empty({n, 3, 3});
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j) {
            at::Tensor v = entry(i == j ? 1 : 0);
            if (i != j) v = v + ((j - i + 3) % 3 == 1 ? -1.0 : 1.0) * r * s;
            rot.select(1, i).select(1, j).copy_(v);
        }
    const at::Tensor grey = at::full({3, 3}, 1.0 / 3.0).unsqueeze(0);
    const at::Tensor satM = grey * (1 - sat.view({n, 1, 1})) + at::eye(3).unsqueeze(0) * sat.view({n, 1, 1});
    at::Tensor m = at::matmul(rot, satM) * contrast.view({n, 1, 1});
    m = m * applied + at::eye(3).unsqueeze(0) * (1 - applied);
    const at::Tensor offset = (bright.view({n, 1}) * applied.view({n, 1})).expand({n, 3});
    const at::Tensor flat = x.reshape({n, 3, -1});
    const at::Tensor out = at::matmul(m.to(x.device(), x.scalar_type()), flat) + offset.to(x.device(), x.scalar_type()).unsqueeze(-1);
    return out.view(x.sizes()).clamp(0, 1);
}

at::Tensor erase(const at::Tensor& x, at::Generator& gen)
{
    // One rectangle for the whole batch (same_on_batch), area 10-40%, aspect 0.3-3.3, p 0.7.
    if (coins(gen, 1, 0.7).item<float>() == 0) return x;
    const int64_t h = x.size(2), w = x.size(3);
    const double area = uniform(gen, {1}, 0.1, 0.4).item<double>() * double(h * w);
    const double ratio = std::exp(uniform(gen, {1}, std::log(0.3), std::log(1 / 0.3)).item<double>());
    const int64_t eh = std::min<int64_t>(h, std::max<int64_t>(1, int64_t(std::sqrt(area * ratio))));
    const int64_t ew = std::min<int64_t>(w, std::max<int64_t>(1, int64_t(std::sqrt(area / ratio))));
    const int64_t y0 = int64_t(uniform(gen, {1}, 0, double(h - eh + 1)).item<double>());
    const int64_t x0 = int64_t(uniform(gen, {1}, 0, double(w - ew + 1)).item<double>());
    at::Tensor mask = at::ones({1, 1, h, w}, x.options());
    mask.narrow(2, std::min(y0, h - eh), eh).narrow(3, std::min(x0, w - ew), ew).zero_();
    return x * mask;
}

} // namespace

void validateAugments(const std::vector<std::string>& codes)
{
    static const std::vector<std::string> known{"Af", "Pe", "Ro", "Hf", "Ji", "Er", "Gn"};
    for (const auto& c : codes)
        if (std::find(known.begin(), known.end(), c) == known.end())
            throw Error("Unknown augmentation '" + c + "' (known: Af affine, Pe perspective, Ro rotation, Hf flip, Ji colour jitter, "
                        "Er erasing, Gn noise)");
}

at::Tensor clipNormalize(const at::Tensor& x)
{
    const at::Tensor mean = at::tensor({image::kClipMean[0], image::kClipMean[1], image::kClipMean[2]}).view({1, 3, 1, 1});
    const at::Tensor std = at::tensor({image::kClipStd[0], image::kClipStd[1], image::kClipStd[2]}).view({1, 3, 1, 1});
    return (x - mean.to(x.device(), x.scalar_type())) / std.to(x.device(), x.scalar_type());
}

at::Tensor augmentBatch(const at::Tensor& batch, const std::vector<std::string>& codes, at::Generator& gen, bool composeWarps)
{
    const int64_t n = batch.size(0);
    at::Tensor x = batch;
    at::Tensor pending; // composed sampling matrix of the geometric augmentations so far
    auto geometric = [&](const at::Tensor& m) {
        if (composeWarps) pending = pending.defined() ? at::matmul(pending, m) : m;
        else x = warp(x, m);
    };
    auto flush = [&] {
        if (pending.defined()) x = warp(x, pending);
        pending = at::Tensor();
    };
    for (const std::string& code : codes) {
        if (code == "Af") geometric(gated(affineMatrices(gen, n, 15, 0.1, 5), coins(gen, n, 0.7)));
        else if (code == "Ro") geometric(gated(affineMatrices(gen, n, 15, 0, 0), coins(gen, n, 0.7)));
        else if (code == "Pe") geometric(gated(perspectiveMatrices(gen, n, 0.7), coins(gen, n, 0.7)));
        else if (code == "Hf") {
            at::Tensor m = identity(n);
            m.select(2, 0).select(1, 0).fill_(-1);
            geometric(gated(m, coins(gen, n, 0.5)));
        } else if (code == "Ji") {
            flush();
            x = colourJitter(x, gen);
        } else if (code == "Er") {
            flush();
            x = erase(x, gen);
        } else if (code == "Gn") {
            flush();
            x = x + randnLike(x, gen) * coins(gen, n, 0.5).view({n, 1, 1, 1}).to(x.device(), x.scalar_type());
        } else {
            validateAugments({code});
        }
    }
    flush();
    return x;
}

at::Tensor makeCutouts(const at::Tensor& image, const CutoutOptions& o, at::Generator& gen)
{
    const int64_t side = o.size;
    if (o.method == "latest") {
        // Every cutout is the whole picture pooled to CLIP's size; diversity comes from the
        // augmentations and the noise.
        const at::Tensor pooled = (at::adaptive_avg_pool2d(image, {side, side}) + std::get<0>(at::adaptive_max_pool2d(image, {side, side}))) / 2;
        at::Tensor batch = pooled.expand({o.cutn, 3, side, side});
        if (!o.composeWarps) batch = batch.contiguous();
        batch = augmentBatch(batch, o.augments, gen, o.composeWarps);
        const at::Tensor facs = uniform(gen, {o.cutn, 1, 1, 1}, 0, o.noise).to(batch.device(), batch.scalar_type());
        return batch + facs * randnLike(batch, gen);
    }
    if (o.method == "original") {
        // Random square crops of size floor(u^cut_pow (max - min) + min), resampled to CLIP's size
        // in one batched warp.
        const int64_t h = image.size(2), w = image.size(3);
        const int64_t maxSize = std::min(h, w), minSize = std::min<int64_t>(maxSize, side);
        const at::Tensor u = at::rand({o.cutn}, gen);
        const at::Tensor sizes = (u.pow(o.cutPow) * double(maxSize - minSize) + double(minSize)).floor();
        const at::Tensor ox = (at::rand({o.cutn}, gen) * (double(w) - sizes + 1)).floor();
        const at::Tensor oy = (at::rand({o.cutn}, gen) * (double(h) - sizes + 1)).floor();
        at::Tensor m = identity(o.cutn);
        m.select(2, 0).select(1, 0).copy_(sizes / double(w));
        m.select(2, 1).select(1, 1).copy_(sizes / double(h));
        m.select(2, 2).select(1, 0).copy_((ox * 2 + sizes) / double(w) - 1);
        m.select(2, 2).select(1, 1).copy_((oy * 2 + sizes) / double(h) - 1);
        return clampWithGrad(warp(image.expand({o.cutn, 3, h, w}), m, side, side), 0, 1);
    }
    throw Error("Unknown cut method '" + o.method + "' (use 'latest' or 'original')");
}

} // namespace pictor::gen
