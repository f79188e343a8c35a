// Pillow's antialiased bicubic resize, written from its published description (reference.md §2.1)
// because CLIP was trained on Pillow-resized pictures and OpenCV's INTER_CUBIC (a = -0.75, no
// antialiasing) shifts embeddings. No library in Debian offers this exact filter for C++.
#include "image.h"

#include <pictor/error.h>

#include <algorithm>
#include <cmath>

namespace pictor::image {

const float kClipMean[3] = {0.48145466f, 0.4578275f, 0.40821073f};
const float kClipStd[3] = {0.26862954f, 0.26130258f, 0.27577711f};

namespace {

constexpr int kPrecisionBits = 22; // fixed-point weights, as Pillow's 8-bit path

double bicubic(double x)
{
    constexpr double a = -0.5;
    x = std::fabs(x);
    if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0;
    if (x < 2.0) return (((x - 5.0) * x + 8.0) * x - 4.0) * a;
    return 0.0;
}

struct Weights {
    int taps = 0;                 // weights per output sample
    std::vector<int> first;       // first input index per output
    std::vector<int> count;       // inputs used per output
    std::vector<int32_t> fixed;   // out * taps
};

Weights computeWeights(int inSize, int outSize)
{
    const double scale = double(inSize) / double(outSize);
    const double filterScale = std::max(scale, 1.0);
    const double support = 2.0 * filterScale;
    Weights w;
    w.taps = int(std::ceil(support)) * 2 + 1;
    w.first.resize(std::size_t(outSize));
    w.count.resize(std::size_t(outSize));
    w.fixed.assign(std::size_t(outSize) * std::size_t(w.taps), 0);
    std::vector<double> k(std::size_t(w.taps));
    for (int o = 0; o < outSize; ++o) {
        const double center = (o + 0.5) * scale;
        int lo = int(center - support + 0.5);
        if (lo < 0) lo = 0;
        int hi = int(center + support + 0.5);
        if (hi > inSize) hi = inSize;
        const int n = std::min(hi - lo, w.taps);
        double total = 0.0;
        for (int i = 0; i < n; ++i) {
            k[std::size_t(i)] = bicubic((i + lo - center + 0.5) / filterScale);
            total += k[std::size_t(i)];
        }
        for (int i = 0; i < n; ++i) {
            const double v = total != 0.0 ? k[std::size_t(i)] / total : 0.0;
            w.fixed[std::size_t(o) * std::size_t(w.taps) + std::size_t(i)] =
                int32_t(v * (1 << kPrecisionBits) + (v < 0 ? -0.5 : 0.5));
        }
        w.first[std::size_t(o)] = lo;
        w.count[std::size_t(o)] = n;
    }
    return w;
}

uint8_t clip8(int64_t acc)
{
    const int64_t v = acc >> kPrecisionBits;
    return uint8_t(v < 0 ? 0 : v > 255 ? 255 : v);
}

Image8 resizeHorizontal(const Image8& in, int width)
{
    const Weights w = computeWeights(in.width, width);
    Image8 out{width, in.height, in.channels, {}};
    out.pixels.resize(std::size_t(width) * std::size_t(in.height) * std::size_t(in.channels));
    const int c = in.channels;
    for (int y = 0; y < in.height; ++y) {
        const uint8_t* src = in.row(y);
        uint8_t* dst = out.row(y);
        for (int x = 0; x < width; ++x) {
            const int32_t* k = &w.fixed[std::size_t(x) * std::size_t(w.taps)];
            const int lo = w.first[std::size_t(x)], n = w.count[std::size_t(x)];
            for (int ch = 0; ch < c; ++ch) {
                int64_t acc = int64_t(1) << (kPrecisionBits - 1);
                for (int i = 0; i < n; ++i) acc += int64_t(src[(lo + i) * c + ch]) * k[i];
                dst[x * c + ch] = clip8(acc);
            }
        }
    }
    return out;
}

Image8 resizeVertical(const Image8& in, int height)
{
    const Weights w = computeWeights(in.height, height);
    Image8 out{in.width, height, in.channels, {}};
    out.pixels.resize(std::size_t(in.width) * std::size_t(height) * std::size_t(in.channels));
    const int rowLen = in.width * in.channels;
    std::vector<int64_t> acc(static_cast<std::size_t>(rowLen));
    for (int y = 0; y < height; ++y) {
        const int32_t* k = &w.fixed[std::size_t(y) * std::size_t(w.taps)];
        const int lo = w.first[std::size_t(y)], n = w.count[std::size_t(y)];
        std::fill(acc.begin(), acc.end(), int64_t(1) << (kPrecisionBits - 1));
        for (int i = 0; i < n; ++i) {
            const uint8_t* src = in.row(lo + i);
            const int64_t ki = k[i];
            for (int j = 0; j < rowLen; ++j) acc[std::size_t(j)] += int64_t(src[j]) * ki;
        }
        uint8_t* dst = out.row(y);
        for (int j = 0; j < rowLen; ++j) dst[j] = clip8(acc[std::size_t(j)]);
    }
    return out;
}

// Pillow resizes RGBA as premultiplied "RGBa" and converts back afterwards.
void premultiply(Image8& img)
{
    for (std::size_t p = 0; p + 3 < img.pixels.size(); p += 4) {
        const int a = img.pixels[p + 3];
        for (int c = 0; c < 3; ++c) {
            const int t = img.pixels[p + std::size_t(c)] * a + 128;
            img.pixels[p + std::size_t(c)] = uint8_t(((t >> 8) + t) >> 8);
        }
    }
}

void unpremultiply(Image8& img)
{
    for (std::size_t p = 0; p + 3 < img.pixels.size(); p += 4) {
        const int a = img.pixels[p + 3];
        if (a == 0 || a == 255) continue;
        for (int c = 0; c < 3; ++c) {
            const int v = (255 * img.pixels[p + std::size_t(c)]) / a;
            img.pixels[p + std::size_t(c)] = uint8_t(v > 255 ? 255 : v);
        }
    }
}

} // namespace

Image8 resizeBicubicPillow(const Image8& in, int width, int height)
{
    if (width <= 0 || height <= 0 || in.width <= 0 || in.height <= 0) throw Error("Cannot resize an empty image");
    Image8 img = in;
    const bool alpha = img.channels == 4;
    if (alpha) premultiply(img);
    if (width != img.width) img = resizeHorizontal(img, width);
    if (height != img.height) img = resizeVertical(img, height);
    if (alpha) unpremultiply(img);
    return img;
}

Image8 toRgb(const Image8& in)
{
    if (in.channels == 3) return in;
    Image8 out{in.width, in.height, 3, {}};
    out.pixels.resize(std::size_t(in.width) * std::size_t(in.height) * 3);
    const std::size_t n = std::size_t(in.width) * std::size_t(in.height);
    for (std::size_t p = 0; p < n; ++p) {
        for (int c = 0; c < 3; ++c)
            out.pixels[p * 3 + std::size_t(c)] = in.channels == 1 ? in.pixels[p] : in.pixels[p * std::size_t(in.channels) + std::size_t(c)];
    }
    return out;
}

std::vector<float> clipPreprocess(const Image8& in, int n)
{
    if (in.width <= 0 || in.height <= 0) throw Error("Cannot preprocess an empty image");
    // Resize the short side to n; the long side is truncated, as torchvision computes it.
    int w, h;
    if (in.width <= in.height) {
        w = n;
        h = int(int64_t(n) * in.height / in.width);
    } else {
        h = n;
        w = int(int64_t(n) * in.width / in.height);
    }
    const Image8 resized = toRgb(resizeBicubicPillow(in, w, h));
    // Centre crop; Python's round() rounds halves to even, as nearbyint does by default.
    const int top = int(std::nearbyint((h - n) / 2.0));
    const int left = int(std::nearbyint((w - n) / 2.0));
    std::vector<float> out(std::size_t(3) * std::size_t(n) * std::size_t(n), 0.0f);
    for (int c = 0; c < 3; ++c) {
        const float scale = 1.0f / (255.0f * kClipStd[c]);
        const float shift = kClipMean[c] / kClipStd[c];
        for (int y = 0; y < n; ++y) {
            const int sy = y + top;
            for (int x = 0; x < n; ++x) {
                const int sx = x + left;
                float v = 0.0f; // torchvision pads with 0 where the crop leaves the image
                if (sy >= 0 && sy < h && sx >= 0 && sx < w) v = resized.row(sy)[sx * 3 + c];
                out[(std::size_t(c) * std::size_t(n) + std::size_t(y)) * std::size_t(n) + std::size_t(x)] = v * scale - shift;
            }
        }
    }
    return out;
}

} // namespace pictor::image
