#include "start_picture.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace pictor::gen {

namespace {

constexpr int kCandidates = 32;
constexpr int kRounds = 8;

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

} // namespace

image::Image8 discPicture(int w, int h, double cx, double cy, double radius, const Rgb& disc, const Rgb& ground)
{
    image::Image8 picture{w, h, 3, std::vector<uint8_t>(std::size_t(w) * std::size_t(h) * 3)};
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            const double inside = std::clamp(radius + 0.5 - std::hypot(x + 0.5 - cx, y + 0.5 - cy), 0.0, 1.0);
            uint8_t* px = picture.pixels.data() + (std::size_t(y) * std::size_t(w) + std::size_t(x)) * 3;
            for (std::size_t c = 0; c < 3; ++c) px[c] = uint8_t(std::lround(ground[c] + (disc[c] - ground[c]) * inside));
        }
    return picture;
}

image::Image8 discStart(int w, int h, at::Generator& gen, const PictureLoss& loss)
{
    const at::Tensor jitter = at::rand({3}, gen);
    const double cx = w * (0.4 + 0.2 * jitter[0].item<double>()), cy = h * (0.4 + 0.2 * jitter[1].item<double>());
    const double radius = std::min(w, h) * (0.22 + 0.08 * jitter[2].item<double>());

    using Pair = std::pair<Rgb, Rgb>; // disc, ground
    Pair chosen;
    double chosenLoss = std::numeric_limits<double>::infinity();
    auto tryPairs = [&](const std::vector<Pair>& pairs) {
        std::vector<image::Image8> pictures;
        for (const Pair& p : pairs) pictures.push_back(discPicture(w, h, cx, cy, radius, p.first, p.second));
        const std::vector<double> losses = loss(pictures);
        const std::size_t best = argmin(losses);
        if (losses[best] < chosenLoss) {
            chosenLoss = losses[best];
            chosen = pairs[best];
        }
    };
    // Pairs first: a plain field of one of the prompt's colours scores well whatever that colour's role.
    const std::vector<Rgb> discs = randomColours(gen), grounds = randomColours(gen);
    std::vector<Pair> pairs;
    for (std::size_t i = 0; i < discs.size(); ++i) pairs.emplace_back(discs[i], grounds[i]);
    tryPairs(pairs);
    // Then each colour again with the other fixed, and the two swapped.
    for (int round = 0; round < kRounds; ++round) {
        pairs.clear();
        for (const Rgb& o : randomColours(gen)) pairs.push_back(round % 2 ? Pair{o, chosen.second} : Pair{chosen.first, o});
        pairs.back() = {chosen.second, chosen.first};
        tryPairs(pairs);
    }
    return discPicture(w, h, cx, cy, radius, chosen.first, chosen.second);
}

} // namespace pictor::gen
