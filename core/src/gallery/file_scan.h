#pragma once
// Finding the pictures under the user's folders, and fingerprinting them cheaply.
#include <cstdint>
#include <string>
#include <vector>

namespace pictor::gallery {

struct ScannedFile {
    std::string path; ///< absolute, lexically normal; bytes as the file system has them
    std::string folder;
    std::string ext; ///< lower case, no dot
    int64_t size = 0;
    int64_t mtime = 0; ///< nanoseconds
};

struct ScanResult {
    std::vector<ScannedFile> files;
    std::vector<std::pair<std::string, std::string>> problems; ///< path, reason (unreadable folders, loops)
};

/// Picture files (by extension) under the folders, recursively, following symbolic links to
/// folders once each (a link loop is reported, not followed forever).
ScanResult scanFolders(const std::vector<std::string>& folders);

/// Absolute and lexically normal, without a trailing separator (how folders are stored).
std::string normalFolder(const std::string& folder);

/// A fast content fingerprint: SHA-256 over the size, the first and the last 64 KiB. Files
/// that share it are taken as identical (renames and copies reuse their embedding).
std::string contentHash(const std::string& path);

bool isPictureExtension(const std::string& lowerExt);

} // namespace pictor::gallery
