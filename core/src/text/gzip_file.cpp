#include "gzip_file.h"

#include <pictor/error.h>
#include <zlib.h>

#include <memory>

namespace pictor::text {

std::string readGzipFile(const std::string& path, std::size_t maxBytes)
{
    std::unique_ptr<gzFile_s, int (*)(gzFile)> file(gzopen(path.c_str(), "rb"), gzclose);
    if (!file) throw Error("Cannot open '" + path + "': file not found or not readable");
    std::string out;
    char buffer[1 << 16];
    for (;;) {
        const int got = gzread(file.get(), buffer, sizeof buffer);
        if (got < 0) {
            int code = 0;
            const char* why = gzerror(file.get(), &code);
            throw Error("Cannot read '" + path + "': " + (why ? why : "corrupt gzip data"));
        }
        if (got == 0) break;
        if (out.size() + std::size_t(got) > maxBytes)
            throw Error("Cannot read '" + path + "': larger than " + std::to_string(maxBytes >> 20) + " MiB uncompressed");
        out.append(buffer, std::size_t(got));
    }
    return out;
}

} // namespace pictor::text
