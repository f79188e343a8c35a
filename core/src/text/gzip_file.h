#pragma once
#include <cstddef>
#include <string>

namespace pictor::text {

/// Reads a whole gzip file (or a plain file) into memory, refusing more than maxBytes of output.
std::string readGzipFile(const std::string& path, std::size_t maxBytes);

} // namespace pictor::text
