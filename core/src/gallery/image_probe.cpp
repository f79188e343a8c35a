#include "image_probe.h"

#include <libexif/exif-data.h>

#include <cstring>
#include <ctime>

namespace pictor::gallery {

namespace {

uint32_t be16(const uint8_t* p) { return uint32_t(p[0]) << 8 | p[1]; }
uint32_t be32(const uint8_t* p) { return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3]; }
uint32_t le16(const uint8_t* p) { return uint32_t(p[1]) << 8 | p[0]; }
uint32_t le24(const uint8_t* p) { return uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | p[0]; }
uint32_t le32(const uint8_t* p) { return uint32_t(p[3]) << 24 | uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | p[0]; }

bool isSof(uint8_t m) { return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC; }

void jpegSize(const uint8_t* d, std::size_t n, ImageProbe& out)
{
    std::size_t pos = 2;
    while (pos + 4 <= n) {
        if (d[pos] != 0xFF) return; // not at a marker: corrupt
        const uint8_t marker = d[pos + 1];
        if (marker == 0xFF) { // fill byte
            ++pos;
            continue;
        }
        if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) { // no length
            pos += 2;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9) return; // scan data or end: no frame header seen
        const std::size_t len = be16(d + pos + 2);
        if (len < 2) return;
        if (isSof(marker)) {
            if (pos + 9 > n) return;
            out.height = int(be16(d + pos + 5));
            out.width = int(be16(d + pos + 7));
            return;
        }
        pos += 2 + len;
    }
}

void readExif(const uint8_t* d, std::size_t n, ImageProbe& out)
{
    ExifData* exif = exif_data_new_from_data(d, unsigned(std::min<std::size_t>(n, 1u << 20)));
    if (!exif) return;
    const ExifByteOrder order = exif_data_get_byte_order(exif);
    if (ExifEntry* e = exif_data_get_entry(exif, EXIF_TAG_ORIENTATION); e && e->format == EXIF_FORMAT_SHORT && e->size >= 2) {
        const int o = exif_get_short(e->data, order);
        if (o >= 1 && o <= 8) out.orientation = o;
    }
    for (ExifTag tag : {EXIF_TAG_DATE_TIME_ORIGINAL, EXIF_TAG_DATE_TIME_DIGITIZED, EXIF_TAG_DATE_TIME}) {
        ExifEntry* e = exif_data_get_entry(exif, tag);
        if (!e || e->format != EXIF_FORMAT_ASCII || e->size < 19) continue;
        char text[20] = {};
        std::memcpy(text, e->data, 19);
        std::tm tm{};
        if (std::sscanf(text, "%4d:%2d:%2d %2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6) continue;
        if (tm.tm_year < 1900 || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31) continue;
        tm.tm_year -= 1900;
        tm.tm_mon -= 1;
        out.takenAt = int64_t(timegm(&tm));
        break;
    }
    exif_data_unref(exif);
}

} // namespace

ImageProbe probeImage(const std::string& bytes)
{
    ImageProbe out;
    const auto* d = reinterpret_cast<const uint8_t*>(bytes.data());
    const std::size_t n = bytes.size();
    if (n >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF) {
        out.format = "jpeg";
        jpegSize(d, n, out);
        readExif(d, n, out);
    } else if (n >= 24 && std::memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0) {
        out.format = "png";
        if (std::memcmp(d + 12, "IHDR", 4) == 0) {
            out.width = int(std::min<uint32_t>(be32(d + 16), 1u << 30));
            out.height = int(std::min<uint32_t>(be32(d + 20), 1u << 30));
        }
    } else if (n >= 10 && (std::memcmp(d, "GIF87a", 6) == 0 || std::memcmp(d, "GIF89a", 6) == 0)) {
        out.format = "gif";
        out.width = int(le16(d + 6));
        out.height = int(le16(d + 8));
    } else if (n >= 26 && d[0] == 'B' && d[1] == 'M') {
        out.format = "bmp";
        const uint32_t header = le32(d + 14);
        if (header == 12) {
            out.width = int(le16(d + 18));
            out.height = int(le16(d + 20));
        } else if (header >= 40) {
            const int32_t w = int32_t(le32(d + 18)), h = int32_t(le32(d + 22));
            out.width = w == INT32_MIN ? 0 : std::abs(w);
            out.height = h == INT32_MIN ? 0 : std::abs(h);
        }
    } else if (n >= 30 && std::memcmp(d, "RIFF", 4) == 0 && std::memcmp(d + 8, "WEBP", 4) == 0) {
        out.format = "webp";
        if (std::memcmp(d + 12, "VP8 ", 4) == 0 && d[23] == 0x9d && d[24] == 0x01 && d[25] == 0x2a) {
            out.width = int(le16(d + 26) & 0x3fff);
            out.height = int(le16(d + 28) & 0x3fff);
        } else if (std::memcmp(d + 12, "VP8L", 4) == 0 && d[20] == 0x2f) {
            const uint32_t bits = le32(d + 21);
            out.width = int((bits & 0x3fff) + 1);
            out.height = int(((bits >> 14) & 0x3fff) + 1);
        } else if (std::memcmp(d + 12, "VP8X", 4) == 0) {
            out.width = int(le24(d + 24) + 1);
            out.height = int(le24(d + 27) + 1);
        }
    } else if (n >= 4 && (std::memcmp(d, "II*\0", 4) == 0 || std::memcmp(d, "MM\0*", 4) == 0)) {
        out.format = "tiff";
        readExif(d, n, out);
    }
    return out;
}

int jpegReduction(int width, int height, int minSide)
{
    const int shortSide = std::min(width, height);
    int factor = 1;
    while (factor < 8 && shortSide / (factor * 2) >= minSide) factor *= 2;
    return factor;
}

} // namespace pictor::gallery
