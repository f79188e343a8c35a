#include "gif_writer.h"

namespace pictor::test {

namespace {

void put16(std::string& out, int v)
{
    out += char(v & 0xff);
    out += char((v >> 8) & 0xff);
}

/// 8-bit LZW codes, 9 bits each: a clear code before every 250 pixels keeps the decoder's table
/// (and so the code width) from growing.
std::string lzw(const std::vector<uint8_t>& indices)
{
    std::vector<int> codes;
    const int clear = 256, end = 257;
    for (std::size_t i = 0; i < indices.size(); ++i) {
        if (i % 250 == 0) codes.push_back(clear);
        codes.push_back(indices[i]);
    }
    codes.push_back(end);
    std::string bytes;
    uint32_t bits = 0;
    int count = 0;
    for (int c : codes) {
        bits |= uint32_t(c) << count;
        count += 9;
        while (count >= 8) {
            bytes += char(bits & 0xff);
            bits >>= 8;
            count -= 8;
        }
    }
    if (count > 0) bytes += char(bits & 0xff);
    std::string blocks;
    blocks += char(8); // minimum code size
    for (std::size_t at = 0; at < bytes.size(); at += 255) {
        const std::size_t n = std::min<std::size_t>(255, bytes.size() - at);
        blocks += char(n);
        blocks += bytes.substr(at, n);
    }
    blocks += char(0);
    return blocks;
}

} // namespace

std::string gifFile(int width, int height, const std::vector<uint8_t>& paletteRgb, const std::vector<GifFrame>& frames)
{
    std::string out = "GIF89a";
    put16(out, width);
    put16(out, height);
    out += char(0xf7); // global colour table, 8 bits, 256 entries
    out += char(0);
    out += char(0);
    std::string palette = std::string(paletteRgb.begin(), paletteRgb.end());
    palette.resize(256 * 3, '\0');
    out += palette;
    if (frames.size() > 1) out += std::string("\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00", 19); // loop forever
    for (const GifFrame& f : frames) {
        out += std::string("\x21\xf9\x04\x00\x0a\x00\x00\x00", 8); // graphic control: 0.1 s a frame
        out += char(0x2c);
        put16(out, 0);
        put16(out, 0);
        put16(out, width);
        put16(out, height);
        out += char(0);
        out += lzw(f.indices);
    }
    out += char(0x3b);
    return out;
}

} // namespace pictor::test
