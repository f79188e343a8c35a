#include <pictor/error.h>
#include <pictor/palette.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

namespace pictor {

namespace {

// The published colours of each palette.
const std::map<std::string, std::vector<std::string>>& namedPalettes()
{
    static const std::map<std::string, std::vector<std::string>> palettes{
        {"pico-8", {"000000", "1d2b53", "7e2553", "008751", "ab5236", "5f574f", "c2c3c7", "fff1e8", "ff004d", "ffa300", "ffec27", "00e436",
                    "29adff", "83769c", "ff77a8", "ffccaa"}},
        {"game-boy", {"0f380f", "306230", "8bac0f", "9bbc0f"}},
        {"cga", {"000000", "55ffff", "ff55ff", "ffffff"}},
        {"black-and-white", {"000000", "ffffff"}},
        {"primary", {"ffffff", "000000", "ff0000", "00ff00", "0000ff", "ffff00"}},
    };
    return palettes;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = char(std::tolower(static_cast<unsigned char>(c)));
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

PaletteColour parseHex(const std::string& word, const std::string& spec)
{
    std::string h = word[0] == '#' ? word.substr(1) : word;
    const bool validDigits = std::all_of(h.begin(), h.end(), [](char c) { return hexDigit(c) >= 0; });
    if (!validDigits || (h.size() != 3 && h.size() != 6))
        throw Error("'" + word + "' in the palette '" + spec + "' is not a colour (use #rrggbb or #rgb, or one of: pico-8, game-boy, cga, black-and-white, primary)");
    if (h.size() == 3) h = {h[0], h[0], h[1], h[1], h[2], h[2]};
    PaletteColour c{};
    for (int i = 0; i < 3; ++i) c[std::size_t(i)] = uint8_t(hexDigit(h[std::size_t(2 * i)]) * 16 + hexDigit(h[std::size_t(2 * i + 1)]));
    return c;
}

} // namespace

std::vector<std::string> paletteNames()
{
    std::vector<std::string> out;
    for (const auto& [name, colours] : namedPalettes()) out.push_back(name);
    return out;
}

std::vector<PaletteColour> parsePalette(const std::string& spec)
{
    std::string lower = spec;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    const auto& named = namedPalettes();
    auto it = named.find(lower);
    std::vector<std::string> words;
    if (it != named.end()) words = it->second;
    else {
        std::string word;
        for (char c : spec + " ") {
            if (c == ',' || std::isspace(static_cast<unsigned char>(c))) {
                if (!word.empty()) words.push_back(word);
                word.clear();
            } else word += c;
        }
        if (words.size() == 1 && hexDigit(words[0][0]) < 0 && words[0][0] != '#')
            throw Error("Unknown palette '" + spec + "' (use pico-8, game-boy, cga, black-and-white, primary or hex colours like #ff004d,#29adff)");
    }
    if (words.empty()) throw Error("The palette is empty: give a name or hex colours");
    if (words.size() > 256) throw Error("The palette '" + spec.substr(0, 40) + "...' has more than 256 colours");
    std::vector<PaletteColour> out;
    for (const std::string& w : words) out.push_back(parseHex(w, spec));
    return out;
}

std::string paletteHex(const PaletteColour& colour)
{
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", colour[0], colour[1], colour[2]);
    return buf;
}

} // namespace pictor
