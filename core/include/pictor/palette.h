#pragma once
// Palettes for pixel art: named ones users know (PICO-8, Game Boy, ...) or a list of hex colours.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace pictor {

using PaletteColour = std::array<uint8_t, 3>;

/// Names parsePalette() accepts, e.g. "pico-8", "game-boy".
std::vector<std::string> paletteNames();

/// A palette name or hex colours separated by commas or spaces ("#ff004d, 29adff" or "f04").
/// Throws pictor::Error naming the part it cannot read; an empty palette is an error too.
std::vector<PaletteColour> parsePalette(const std::string& spec);

/// "#rrggbb" for a colour.
std::string paletteHex(const PaletteColour& colour);

} // namespace pictor
