#include "start_picture.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace pictor::gen {

namespace {

constexpr int kCandidates = 32;
constexpr int kRounds = 8;  // colour rounds in all
constexpr int kPasses = 2; // outline, then colours, this many times

std::vector<Rgb> randomColours(at::Generator& gen)
{
    // Each channel arcsine-distributed (sin^2 of a uniform angle): most draws lie near 0 or 255, where
    // saturated and named colours are; uniform channels give mostly greyish mid-tones.
    const at::Tensor t = (at::sin(at::rand({kCandidates, 3}, gen) * (M_PI / 2)).pow(2) * 255).round().to(at::kByte).contiguous();
    const uint8_t* p = t.data_ptr<uint8_t>();
    std::vector<Rgb> out(kCandidates);
    for (int i = 0; i < kCandidates; ++i) std::copy_n(p + i * 3, 3, out[std::size_t(i)].begin());
    return out;
}

std::size_t argmin(const std::vector<double>& v) { return std::size_t(std::min_element(v.begin(), v.end()) - v.begin()); }

/// Whether the point (x, y), in units of the radius around the centre (y down), is inside `outline`.
bool inside(Outline outline, double x, double y)
{
    switch (outline) {
    case Outline::Disc: return x * x + y * y <= 1;
    case Outline::Ring: {
        const double r2 = x * x + y * y;
        return r2 <= 1.1 * 1.1 && r2 >= 0.6 * 0.6;
    }
    case Outline::Square: return std::abs(x) <= 0.89 && std::abs(y) <= 0.89; // the disc's area
    case Outline::Triangle:
    case Outline::Star: {
        // A polygon star-shaped about the centre: find the sector between two vertices the point's angle
        // falls in, then whether the point is on the centre's side of that sector's edge.
        const bool star = outline == Outline::Star;
        const int vertices = star ? 10 : 3;
        const double outer = 1.35, inner = star ? 0.55 : outer;
        const double angle = std::atan2(x, -y); // 0 = straight up, clockwise
        const double step = 2 * M_PI / vertices;
        const double a = std::fmod(angle + 2 * M_PI, 2 * M_PI);
        const int k = int(a / step);
        const double r0 = (star && k % 2) ? inner : outer, r1 = (star && !(k % 2)) ? inner : outer;
        // vertices k and k+1, at angles k*step and (k+1)*step, bound the sector the point lies in
        const double t0 = k * step, t1 = (k + 1) * step;
        const double ax = r0 * std::sin(t0), ay = -r0 * std::cos(t0), bx = r1 * std::sin(t1), by = -r1 * std::cos(t1);
        // side of the point relative to the edge a->b, the centre being inside
        const double cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
        const double centre = (bx - ax) * (0 - ay) - (by - ay) * (0 - ax);
        return cross * centre >= 0;
    }
    }
    return false;
}

/// The share of each pixel inside `outline` (4x4 samples per pixel), row-major.
std::vector<float> outlineCoverage(int w, int h, Outline outline, double cx, double cy, double radius)
{
    constexpr int kSub = 4;
    std::vector<float> cover(std::size_t(w) * std::size_t(h));
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            int hits = 0;
            for (int sy = 0; sy < kSub; ++sy)
                for (int sx = 0; sx < kSub; ++sx)
                    hits += inside(outline, (x + (sx + 0.5) / kSub - cx) / radius, (y + (sy + 0.5) / kSub - cy) / radius);
            cover[std::size_t(y) * std::size_t(w) + std::size_t(x)] = float(hits) / (kSub * kSub);
        }
    return cover;
}

image::Image8 paint(int w, int h, const std::vector<float>& cover, const Rgb& fill, const Rgb& ground)
{
    image::Image8 picture{w, h, 3, std::vector<uint8_t>(cover.size() * 3)};
    for (std::size_t i = 0; i < cover.size(); ++i)
        for (std::size_t c = 0; c < 3; ++c)
            picture.pixels[i * 3 + c] = uint8_t(std::lround(ground[c] + (fill[c] - ground[c]) * double(cover[i])));
    return picture;
}

} // namespace

image::Image8 outlinePicture(int w, int h, Outline outline, double cx, double cy, double radius, const Rgb& fill, const Rgb& ground)
{
    return paint(w, h, outlineCoverage(w, h, outline, cx, cy, radius), fill, ground);
}

namespace {

struct Candidate {
    Rgb fill, ground;
    std::size_t cover = 0;
};

/// CLIP's choice of outline, size and colours for one shape centred at (cx, cy): every outline in two sizes
/// (`baseRadius` and 1.25 times it) and, in turn, each colour again among random ones with the other fixed (and
/// the two swapped), starting from the best of `first`.
image::Image8 searchShape(int w, int h, at::Generator& gen, const PictureLoss& loss, double cx, double cy, double baseRadius,
                          const std::vector<Candidate>& first)
{
    // Every outline in both sizes, drawn once: the ~300 candidates differ only in their colours, and
    // drawing a star or triangle costs more than CLIP looking at it.
    std::vector<std::vector<float>> covers; // outline k, size s at k * 2 + s; 0 is the disc
    for (int k = 0; k < kOutlineCount; ++k)
        for (double scale : {1.0, 1.25}) covers.push_back(outlineCoverage(w, h, Outline(k), cx, cy, baseRadius * scale));

    Candidate chosen;
    double chosenLoss = std::numeric_limits<double>::infinity();
    auto render = [&](const Candidate& c) { return paint(w, h, covers[c.cover], c.fill, c.ground); };
    auto tryAll = [&](const std::vector<Candidate>& candidates) {
        std::vector<image::Image8> pictures;
        for (const Candidate& c : candidates) pictures.push_back(render(c));
        const std::vector<double> losses = loss(pictures);
        const std::size_t best = argmin(losses);
        if (losses[best] < chosenLoss) {
            chosenLoss = losses[best];
            chosen = candidates[best];
        }
    };
    // Each colour again with the other fixed, and the two swapped.
    auto colourRounds = [&](int rounds) {
        for (int round = 0; round < rounds; ++round) {
            std::vector<Candidate> candidates;
            for (const Rgb& o : randomColours(gen)) {
                Candidate c = chosen;
                (round % 2 ? c.fill : c.ground) = o;
                candidates.push_back(c);
            }
            candidates.back().ground = chosen.fill;
            candidates.back().fill = chosen.ground;
            tryAll(candidates);
        }
    };
    // The outline and its size, with the colours as they are.
    auto outlineRound = [&] {
        std::vector<Candidate> candidates;
        for (std::size_t i = 0; i < covers.size(); ++i) candidates.push_back({chosen.fill, chosen.ground, i});
        tryAll(candidates);
    };
    // Outline and colours in turn, so each is judged with the other nearly right (a disc asked to be a square
    // picks odd colours).
    tryAll(first);
    for (int pass = 0; pass < kPasses; ++pass) {
        outlineRound();
        colourRounds(kRounds / kPasses);
    }
    outlineRound();
    return render(chosen);
}

} // namespace

image::Image8 shapeStart(int w, int h, at::Generator& gen, const PictureLoss& loss)
{
    const at::Tensor jitter = at::rand({3}, gen);
    const double cx = w * (0.4 + 0.2 * jitter[0].item<double>()), cy = h * (0.4 + 0.2 * jitter[1].item<double>());
    const double baseRadius = std::min(w, h) * (0.22 + 0.08 * jitter[2].item<double>());
    // Colour pairs first, on a disc: a plain field of one of the prompt's colours scores well whatever
    // that colour's role.
    const std::vector<Rgb> fills = randomColours(gen), grounds = randomColours(gen);
    std::vector<Candidate> first;
    for (std::size_t i = 0; i < fills.size(); ++i) first.push_back({fills[i], grounds[i], 0});
    return searchShape(w, h, gen, loss, cx, cy, baseRadius, first);
}

image::Image8 settledShape(int w, int h, at::Generator& gen, const PictureLoss& loss, const Layout& layout)
{
    // The two sizes tried straddle the layout's: 0.89 and 1.12 times its radius.
    return searchShape(w, h, gen, loss, layout.cx, layout.cy, layout.radius / 1.12, {{layout.fill, layout.ground, 0}});
}

Layout readLayout(const image::Image8& picture)
{
    const int w = picture.width, h = picture.height;
    const std::size_t n = std::size_t(w) * std::size_t(h), channels = std::size_t(std::max(1, picture.channels));
    Layout out;
    out.cx = w / 2.0;
    out.cy = h / 2.0;
    const double side = std::min(w, h);
    out.radius = 0.25 * side;
    if (n == 0 || picture.pixels.size() < n * channels) return out;
    using Colour = std::array<double, 3>;
    auto at = [&](std::size_t i) {
        Colour c;
        for (std::size_t k = 0; k < 3; ++k) c[k] = picture.pixels[i * channels + std::min(k, channels - 1)];
        return c;
    };
    auto dist2 = [](const Colour& a, const Colour& b) { return (a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) + (a[2] - b[2]) * (a[2] - b[2]); };
    auto onBorder = [&](std::size_t i) {
        const std::size_t x = i % std::size_t(w), y = i / std::size_t(w);
        return x == 0 || y == 0 || x + 1 == std::size_t(w) || y + 1 == std::size_t(h);
    };
    // Two colours by k-means, started from the border's mean and the pixel farthest from it.
    std::array<Colour, 2> centre{};
    double borderCount = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (onBorder(i)) {
            const Colour c = at(i);
            for (std::size_t k = 0; k < 3; ++k) centre[0][k] += c[k];
            ++borderCount;
        }
    for (double& v : centre[0]) v /= borderCount;
    centre[1] = at(0);
    for (std::size_t i = 0; i < n; ++i)
        if (dist2(at(i), centre[0]) > dist2(centre[1], centre[0])) centre[1] = at(i);
    std::vector<uint8_t> label(n, 0);
    for (int iteration = 0; iteration < 10; ++iteration) {
        std::array<Colour, 2> sum{};
        std::array<double, 2> count{};
        for (std::size_t i = 0; i < n; ++i) {
            const Colour c = at(i);
            label[i] = dist2(c, centre[1]) < dist2(c, centre[0]);
            count[label[i]] += 1;
            for (std::size_t k = 0; k < 3; ++k) sum[label[i]][k] += c[k];
        }
        for (std::size_t j = 0; j < 2; ++j)
            if (count[j] > 0)
                for (std::size_t k = 0; k < 3; ++k) centre[j][k] = sum[j][k] / count[j];
    }
    std::array<int, 2> borderVotes{};
    for (std::size_t i = 0; i < n; ++i)
        if (onBorder(i)) ++borderVotes[label[i]];
    const uint8_t shapeLabel = borderVotes[0] >= borderVotes[1] ? 1 : 0; // the shape's colour: the one the border has less
    // Where the main colour's mass lies, not its largest piece: a run that made several copies keeps their middle
    // (10 held-out prompts from noise: 9 formed against 6 with the largest piece, overlap 0.33 against 0.18).
    double sx = 0, sy = 0, count = 0;
    for (std::size_t i = 0; i < n; ++i)
        if (label[i] == shapeLabel) {
            sx += double(i % std::size_t(w)) + 0.5;
            sy += double(i / std::size_t(w)) + 0.5;
            count += 1;
        }
    if (count > 0) {
        out.cx = sx / count;
        out.cy = sy / count;
    }
    out.radius = std::clamp(std::sqrt(count / M_PI), 0.15 * side, 0.35 * side);
    for (std::size_t k = 0; k < 3; ++k) {
        out.fill[k] = uint8_t(std::lround(std::clamp(centre[shapeLabel][k], 0.0, 255.0)));
        out.ground[k] = uint8_t(std::lround(std::clamp(centre[1 - shapeLabel][k], 0.0, 255.0)));
    }
    return out;
}

} // namespace pictor::gen
