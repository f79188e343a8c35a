#pragma once
// A plain 8-bit RGB picture: what the engine hands to the CLI and the GUI.
#include <cstdint>
#include <vector>

namespace pictor {

struct RgbImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> pixels; ///< width * height * 3, row-major RGB
    bool empty() const { return pixels.empty(); }
};

} // namespace pictor
