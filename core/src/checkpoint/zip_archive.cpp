#include "zip_archive.h"

#include <pictor/error.h>

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace pictor::ckpt {

namespace {

uint16_t le16(const unsigned char* p) { return uint16_t(p[0] | (p[1] << 8)); }
uint32_t le32(const unsigned char* p) { return uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) | (uint32_t(p[3]) << 24); }
uint64_t le64(const unsigned char* p) { return uint64_t(le32(p)) | (uint64_t(le32(p + 4)) << 32); }

constexpr uint32_t kLocalSig = 0x04034b50;
constexpr uint32_t kCentralSig = 0x02014b50;
constexpr uint32_t kEndSig = 0x06054b50;
constexpr uint32_t kEnd64Sig = 0x06064b50;
constexpr uint32_t kEnd64LocatorSig = 0x07064b50;
constexpr uint64_t kMaxEntries = 1u << 20;

} // namespace

bool ZipArchive::looksLikeZip(const ByteSource& source)
{
    if (source.size() < 4) return false;
    unsigned char magic[4];
    source.read(0, magic, 4);
    return le32(magic) == kLocalSig;
}

ZipArchive::ZipArchive(std::shared_ptr<const ByteSource> source) : m_source(std::move(source))
{
    const ByteSource& src = *m_source;
    const std::string& name = src.name();
    auto fail = [&](const std::string& why) { throw Error("'" + name + "' is not a valid zip archive: " + why); };
    const uint64_t fileSize = src.size();
    if (fileSize < 22) fail("too small");

    // The end-of-central-directory record is in the last 64 KiB + 22 bytes.
    const uint64_t tailLen = std::min<uint64_t>(fileSize, 65557);
    const std::string tail = src.readString(fileSize - tailLen, tailLen);
    const auto* t = reinterpret_cast<const unsigned char*>(tail.data());
    int64_t eocd = -1;
    for (int64_t i = int64_t(tailLen) - 22; i >= 0; --i) {
        if (le32(t + i) == kEndSig) {
            eocd = i;
            break;
        }
    }
    if (eocd < 0) fail("no end-of-central-directory record (truncated file?)");
    const uint64_t eocdPos = fileSize - tailLen + uint64_t(eocd);
    uint64_t count = le16(t + eocd + 10);
    uint64_t cdSize = le32(t + eocd + 12);
    uint64_t cdOffset = le32(t + eocd + 16);

    if (count == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF) {
        if (eocdPos < 20) fail("ZIP64 locator missing");
        unsigned char loc[20];
        src.read(eocdPos - 20, loc, 20);
        if (le32(loc) != kEnd64LocatorSig) fail("ZIP64 locator missing");
        const uint64_t end64 = le64(loc + 8);
        unsigned char rec[56];
        if (end64 > fileSize || fileSize - end64 < 56) fail("ZIP64 record out of range");
        src.read(end64, rec, 56);
        if (le32(rec) != kEnd64Sig) fail("bad ZIP64 record");
        count = le64(rec + 32);
        cdSize = le64(rec + 40);
        cdOffset = le64(rec + 48);
    }
    if (count > kMaxEntries) fail("claims " + std::to_string(count) + " entries");
    if (cdOffset > fileSize || cdSize > fileSize - cdOffset) fail("central directory out of range");

    const std::string cd = src.readString(cdOffset, cdSize);
    const auto* c = reinterpret_cast<const unsigned char*>(cd.data());
    uint64_t pos = 0;
    m_entries.reserve(std::size_t(count));
    for (uint64_t i = 0; i < count; ++i) {
        if (cdSize - pos < 46 || le32(c + pos) != kCentralSig) fail("central directory entry " + std::to_string(i) + " is corrupt");
        const uint16_t flags = le16(c + pos + 8);
        ZipEntry e;
        e.method = le16(c + pos + 10);
        e.compressedSize = le32(c + pos + 20);
        e.size = le32(c + pos + 24);
        const uint16_t nameLen = le16(c + pos + 28);
        const uint16_t extraLen = le16(c + pos + 30);
        const uint16_t commentLen = le16(c + pos + 32);
        uint64_t localOffset = le32(c + pos + 42);
        if (cdSize - pos < 46u + nameLen + extraLen + commentLen) fail("central directory entry " + std::to_string(i) + " overruns");
        e.name.assign(reinterpret_cast<const char*>(c + pos + 46), nameLen);
        // ZIP64 extra field: the 64-bit values, in order, for the fields that are saturated.
        const unsigned char* extra = c + pos + 46 + nameLen;
        for (uint32_t x = 0; x + 4 <= extraLen;) {
            const uint16_t id = le16(extra + x);
            const uint16_t len = le16(extra + x + 2);
            if (x + 4u + len > extraLen) break;
            if (id == 0x0001) {
                const unsigned char* f = extra + x + 4;
                uint32_t used = 0;
                auto take = [&](uint64_t& field) {
                    if (used + 8 <= len) {
                        field = le64(f + used);
                        used += 8;
                    }
                };
                if (e.size == 0xFFFFFFFF) take(e.size);
                if (e.compressedSize == 0xFFFFFFFF) take(e.compressedSize);
                if (localOffset == 0xFFFFFFFF) take(localOffset);
            }
            x += 4u + len;
        }
        pos += 46u + nameLen + extraLen + commentLen;
        if (flags & 0x1) fail("entry '" + e.name + "' is encrypted");
        if (e.method != 0 && e.method != 8) fail("entry '" + e.name + "' uses unsupported compression method " + std::to_string(e.method));
        if (e.method == 0 && e.size != e.compressedSize) fail("entry '" + e.name + "' has inconsistent sizes");

        unsigned char local[30];
        if (localOffset > fileSize || fileSize - localOffset < 30) fail("entry '" + e.name + "' points outside the file");
        src.read(localOffset, local, 30);
        if (le32(local) != kLocalSig) fail("entry '" + e.name + "' has no local header");
        e.dataOffset = localOffset + 30 + le16(local + 26) + le16(local + 28);
        if (e.dataOffset > fileSize || e.compressedSize > fileSize - e.dataOffset)
            fail("entry '" + e.name + "' is truncated (" + std::to_string(e.compressedSize) + " bytes claimed)");
        // Nothing is ever extracted to disk, but a name that climbs out of the archive has no
        // business in a checkpoint: refuse it rather than guess what it was meant to reach.
        if (e.name.empty() || e.name[0] == '/' || e.name.find('\\') != std::string::npos || e.name.find('\0') != std::string::npos ||
            ("/" + e.name + "/").find("/../") != std::string::npos)
            fail("entry name '" + e.name + "' is unsafe (absolute or climbing out with '..')");
        e.localOffset = localOffset;
        m_entries.push_back(std::move(e));
    }
    // Entries sharing bytes are the trick behind non-recursive zip bombs; PyTorch never writes them.
    std::vector<const ZipEntry*> byOffset;
    for (const ZipEntry& e : m_entries) byOffset.push_back(&e);
    std::sort(byOffset.begin(), byOffset.end(), [](const ZipEntry* a, const ZipEntry* b) { return a->localOffset < b->localOffset; });
    for (std::size_t i = 1; i < byOffset.size(); ++i)
        if (byOffset[i]->localOffset < byOffset[i - 1]->dataOffset + byOffset[i - 1]->compressedSize)
            fail("entries '" + byOffset[i - 1]->name + "' and '" + byOffset[i]->name + "' overlap");
}

const ZipEntry* ZipArchive::find(const std::string& name) const
{
    for (const ZipEntry& e : m_entries)
        if (e.name == name) return &e;
    return nullptr;
}

std::string ZipArchive::read(const ZipEntry& entry, uint64_t maxBytes) const
{
    const std::string& name = m_source->name();
    if (entry.size > maxBytes)
        throw Error("'" + name + "': entry '" + entry.name + "' is " + std::to_string(entry.size) + " bytes, more than the " +
                    std::to_string(maxBytes) + " allowed");
    const std::string raw = m_source->readString(entry.dataOffset, entry.compressedSize);
    if (entry.method == 0) return raw;
    // Deflate: a declared size far beyond the compressed bytes is a zip bomb.
    if (entry.size > entry.compressedSize * 1100 + 1024)
        throw Error("'" + name + "': entry '" + entry.name + "' claims an impossible compression ratio");
    std::string out(entry.size, '\0');
    z_stream zs{};
    if (inflateInit2(&zs, -MAX_WBITS) != Z_OK) throw Error("zlib initialisation failed");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw.data()));
    zs.avail_in = uInt(raw.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = uInt(out.size());
    const int rc = inflate(&zs, Z_FINISH);
    const uint64_t produced = zs.total_out;
    inflateEnd(&zs);
    if (rc != Z_STREAM_END || produced != entry.size)
        throw Error("'" + name + "': entry '" + entry.name + "' is corrupt (deflate data does not match its size)");
    return out;
}

} // namespace pictor::ckpt
