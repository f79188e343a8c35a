#pragma once
// Reads the zip container PyTorch writes (torch.save >= 1.6, torch.jit.save, Lightning .ckpt).
// Format: entries described by a central directory at the end (optionally ZIP64); PyTorch stores
// entries uncompressed. We read only the directory and the bytes we are asked for, and check every
// offset and size against the file's real size.
#include "byte_source.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace pictor::ckpt {

struct ZipEntry {
    std::string name;
    uint16_t method = 0; // 0 stored, 8 deflated
    uint64_t compressedSize = 0;
    uint64_t size = 0;
    uint64_t localOffset = 0; // of its local header
    uint64_t dataOffset = 0; // of the (possibly compressed) bytes
};

class ZipArchive {
public:
    /// Throws pictor::Error naming the source when it is not a readable zip.
    explicit ZipArchive(std::shared_ptr<const ByteSource> source);

    static bool looksLikeZip(const ByteSource& source);

    const std::vector<ZipEntry>& entries() const { return m_entries; }
    const ZipEntry* find(const std::string& name) const;
    /// The whole entry, decompressed; refuses entries larger than maxBytes.
    std::string read(const ZipEntry& entry, uint64_t maxBytes) const;
    const std::shared_ptr<const ByteSource>& source() const { return m_source; }

private:
    std::shared_ptr<const ByteSource> m_source;
    std::vector<ZipEntry> m_entries;
};

} // namespace pictor::ckpt
