#pragma once
// PNG text chunks. A PNG is an 8-byte signature and chunks (length, type, data, CRC-32). We add
// iTXt chunks (UTF-8 text) after IHDR and read tEXt / iTXt / zTXt back, checking every length and
// CRC: picture files come from anywhere.
#include <map>
#include <string>

namespace pictor::image {

/// Returns the PNG with one uncompressed iTXt chunk per entry inserted after IHDR.
std::string addPngText(const std::string& png, const std::map<std::string, std::string>& text);
/// Text chunks by keyword; throws pictor::Error naming `what` for a malformed PNG.
std::map<std::string, std::string> readPngTextChunks(const std::string& png, const std::string& what);

} // namespace pictor::image
