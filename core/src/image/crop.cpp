// Cropping: plain memory copies, shared by the full build and the engine-only one (no codecs needed).
#include "image.h"

#include <pictor/error.h>

#include <algorithm>

namespace pictor::image {

Image8 cropImage(const Image8& in, int x, int y, int w, int h)
{
    if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > in.width || y + h > in.height) throw Error("crop outside the image");
    Image8 out{w, h, in.channels, {}};
    out.pixels.resize(std::size_t(w) * std::size_t(h) * std::size_t(in.channels));
    for (int r = 0; r < h; ++r)
        std::copy_n(in.row(y + r) + std::size_t(x) * std::size_t(in.channels), std::size_t(w) * std::size_t(in.channels), out.row(r));
    return out;
}

} // namespace pictor::image
