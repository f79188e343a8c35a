#include "byte_source.h"

#include <pictor/error.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace pictor::ckpt {

std::string ByteSource::readString(uint64_t offset, uint64_t len) const
{
    std::string out(len, '\0');
    if (len) read(offset, out.data(), len);
    return out;
}

namespace {

class FileSource final : public ByteSource {
public:
    explicit FileSource(std::string path) : m_path(std::move(path))
    {
        m_fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
        if (m_fd < 0) throw Error("Cannot open '" + m_path + "': " + std::strerror(errno));
        struct stat st {};
        if (fstat(m_fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            ::close(m_fd);
            throw Error("Cannot open '" + m_path + "': not a regular file");
        }
        m_size = uint64_t(st.st_size);
    }
    ~FileSource() override { ::close(m_fd); }
    uint64_t size() const override { return m_size; }
    const std::string& name() const override { return m_path; }
    void read(uint64_t offset, void* dst, uint64_t len) const override
    {
        if (offset > m_size || len > m_size - offset)
            throw Error("'" + m_path + "' is truncated or corrupt: read past its end");
        auto* out = static_cast<char*>(dst);
        while (len > 0) {
            const ssize_t got = ::pread(m_fd, out, len > (1u << 30) ? (1u << 30) : len, off_t(offset));
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0)
                throw Error("Cannot read '" + m_path + "': " + (got < 0 ? std::strerror(errno) : "file shrank while reading"));
            out += got;
            offset += uint64_t(got);
            len -= uint64_t(got);
        }
    }

private:
    std::string m_path;
    int m_fd = -1;
    uint64_t m_size = 0;
};

class MemorySource final : public ByteSource {
public:
    MemorySource(std::string bytes, std::string name) : m_bytes(std::move(bytes)), m_name(std::move(name)) {}
    uint64_t size() const override { return m_bytes.size(); }
    const std::string& name() const override { return m_name; }
    void read(uint64_t offset, void* dst, uint64_t len) const override
    {
        if (offset > m_bytes.size() || len > m_bytes.size() - offset)
            throw Error("'" + m_name + "' is truncated or corrupt: read past its end");
        if (len) std::memcpy(dst, m_bytes.data() + offset, len);
    }

private:
    std::string m_bytes;
    std::string m_name;
};

} // namespace

std::shared_ptr<ByteSource> openFileSource(const std::string& path)
{
    return std::make_shared<FileSource>(path);
}

bool isRegularFile(const std::string& path)
{
    struct stat st {};
    return stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::shared_ptr<ByteSource> memorySource(std::string bytes, std::string name)
{
    return std::make_shared<MemorySource>(std::move(bytes), std::move(name));
}

} // namespace pictor::ckpt
