#pragma once
// GIF files for the tests (Debian's OpenCV cannot write them, and ImageMagick is not a dependency):
// a 256-entry palette, one or more frames of palette indices, LZW with a clear code often enough
// that every code stays 9 bits wide, as some encoders write it.
#include <cstdint>
#include <string>
#include <vector>

namespace pictor::test {

struct GifFrame {
    std::vector<uint8_t> indices; ///< width * height palette indices
};

/// palette: up to 256 RGB triples (padded to 256). Several frames make an animation.
std::string gifFile(int width, int height, const std::vector<uint8_t>& paletteRgb, const std::vector<GifFrame>& frames);

} // namespace pictor::test
