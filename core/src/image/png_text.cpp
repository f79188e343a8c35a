#include "png_text.h"

#include <pictor/error.h>

#include <zlib.h>

#include <cstring>

namespace pictor::image {

namespace {

const char kSignature[8] = {'\x89', 'P', 'N', 'G', '\r', '\n', '\x1a', '\n'};
constexpr uint32_t kMaxChunk = 64u << 20;
constexpr uint32_t kMaxText = 16u << 20;

uint32_t be32(const unsigned char* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }
void putBe32(std::string& s, uint32_t v)
{
    for (int i = 3; i >= 0; --i) s += char((v >> (8 * i)) & 0xff);
}

std::string chunk(const std::string& type, const std::string& data)
{
    std::string out;
    putBe32(out, uint32_t(data.size()));
    const std::string body = type + data;
    out += body;
    putBe32(out, uint32_t(crc32(0, reinterpret_cast<const Bytef*>(body.data()), uInt(body.size()))));
    return out;
}

std::string inflateText(const std::string& data, const std::string& what)
{
    std::string out(std::min<std::size_t>(data.size() * 4 + 64, kMaxText), '\0');
    z_stream zs{};
    if (inflateInit(&zs) != Z_OK) throw Error("zlib initialisation failed");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = uInt(data.size());
    int rc;
    do {
        if (zs.total_out == out.size()) {
            if (out.size() >= kMaxText) {
                inflateEnd(&zs);
                throw Error("'" + what + "': a compressed text chunk expands beyond 16 MiB");
            }
            out.resize(std::min<std::size_t>(out.size() * 2, kMaxText));
        }
        zs.next_out = reinterpret_cast<Bytef*>(out.data() + zs.total_out);
        zs.avail_out = uInt(out.size() - zs.total_out);
        rc = inflate(&zs, Z_NO_FLUSH);
    } while (rc == Z_OK);
    const std::size_t produced = zs.total_out;
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) throw Error("'" + what + "': a compressed text chunk is corrupt");
    out.resize(produced);
    return out;
}

} // namespace

std::string addPngText(const std::string& png, const std::map<std::string, std::string>& text)
{
    if (png.size() < 33 || std::memcmp(png.data(), kSignature, 8) != 0) throw Error("not a PNG stream");
    const std::size_t afterIhdr = 8 + 12 + be32(reinterpret_cast<const unsigned char*>(png.data()) + 8);
    std::string extra;
    for (const auto& [key, value] : text) {
        // keyword, NUL, compression flag 0, method 0, empty language tag NUL, empty translated keyword NUL, text
        std::string data = key;
        data += '\0';
        data += '\0';
        data += '\0';
        data += '\0';
        data += '\0';
        data += value;
        extra += chunk("iTXt", data);
    }
    return png.substr(0, afterIhdr) + extra + png.substr(afterIhdr);
}

std::map<std::string, std::string> readPngTextChunks(const std::string& png, const std::string& what)
{
    if (png.size() < 8 || std::memcmp(png.data(), kSignature, 8) != 0) throw Error("'" + what + "' is not a PNG file");
    std::map<std::string, std::string> out;
    std::size_t pos = 8;
    const auto* p = reinterpret_cast<const unsigned char*>(png.data());
    while (pos + 12 <= png.size()) {
        const uint32_t len = be32(p + pos);
        if (len > kMaxChunk || len > png.size() - pos - 12) throw Error("'" + what + "' is truncated or corrupt (chunk length)");
        const std::string type = png.substr(pos + 4, 4);
        const uint32_t crc = be32(p + pos + 8 + len);
        if (crc != uint32_t(crc32(0, p + pos + 4, uInt(len + 4)))) throw Error("'" + what + "' is corrupt (bad CRC in a " + type + " chunk)");
        const std::string data = png.substr(pos + 8, len);
        pos += 12 + std::size_t(len);
        if (type == "IEND") break;
        const std::size_t nul = data.find('\0');
        if (nul == std::string::npos || nul == 0 || nul > 79) {
            if (type == "tEXt" || type == "iTXt" || type == "zTXt") throw Error("'" + what + "' has a text chunk without a keyword");
            continue;
        }
        const std::string key = data.substr(0, nul);
        if (type == "tEXt") {
            // Latin-1 -> UTF-8
            std::string utf8;
            for (unsigned char c : data.substr(nul + 1)) {
                if (c < 0x80) utf8 += char(c);
                else {
                    utf8 += char(0xC0 | (c >> 6));
                    utf8 += char(0x80 | (c & 0x3F));
                }
            }
            out[key] = utf8;
        } else if (type == "zTXt") {
            if (data.size() < nul + 2) throw Error("'" + what + "' has a truncated zTXt chunk");
            out[key] = inflateText(data.substr(nul + 2), what);
        } else if (type == "iTXt") {
            if (data.size() < nul + 3) throw Error("'" + what + "' has a truncated iTXt chunk");
            const bool compressed = data[nul + 1] != 0;
            const std::size_t lang = data.find('\0', nul + 3);
            const std::size_t translated = lang == std::string::npos ? std::string::npos : data.find('\0', lang + 1);
            if (translated == std::string::npos) throw Error("'" + what + "' has a malformed iTXt chunk");
            const std::string text = data.substr(translated + 1);
            out[key] = compressed ? inflateText(text, what) : text;
        }
    }
    return out;
}

} // namespace pictor::image
