#pragma once
// Where checkpoint bytes come from: a file read with pread (never mmap: a file truncated under us
// must give an error, not SIGBUS) or a buffer in memory (tests and fuzzers).
#include <cstdint>
#include <memory>
#include <string>

namespace pictor::ckpt {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    virtual uint64_t size() const = 0;
    /// Reads exactly len bytes at offset or throws pictor::Error naming the source.
    virtual void read(uint64_t offset, void* dst, uint64_t len) const = 0;
    /// Name used in messages (the file path).
    virtual const std::string& name() const = 0;

    std::string readString(uint64_t offset, uint64_t len) const;
};

std::shared_ptr<ByteSource> openFileSource(const std::string& path);
/// True for an existing regular file (model files found by name beside others).
bool isRegularFile(const std::string& path);
std::shared_ptr<ByteSource> memorySource(std::string bytes, std::string name);

} // namespace pictor::ckpt
