#pragma once
// A file replaced all at once: readers see the old content or the whole new one, never a part.
// QSaveFile does the temporary-file-and-rename, but by itself it ignores a failed flush of its
// buffer (a small file written to a full disk "succeeds" as a truncated one) and a failed fsync;
// this checks both, so nothing half-written ever takes the place of the user's file.
#include <cstddef>
#include <memory>
#include <string>

class QSaveFile;

namespace pictor::io {

class AtomicFile {
public:
    /// Opens the temporary file beside `path`; throws pictor::Error naming the path.
    explicit AtomicFile(const std::string& path);
    ~AtomicFile(); ///< discards the temporary file unless committed
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    void write(const void* data, std::size_t size);
    /// Flushes, syncs to disk and renames over `path`; throws on any failure (the old file stays).
    void commit();

private:
    [[noreturn]] void fail(const std::string& why);
    std::string m_path;
    std::unique_ptr<QSaveFile> m_file;
};

/// The whole of `bytes` as `path`, atomically.
void writeFileAtomic(const std::string& path, const std::string& bytes);

} // namespace pictor::io
