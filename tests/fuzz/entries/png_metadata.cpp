// PNG metadata: the text chunks of a picture from anywhere, and the settings JSON Pictor reads
// back from its own "pictor" chunk (pictor-cli info, generate --from, the window's Open).
#include "../fuzz_entries.h"

#include "image/png_text.h"

#include <pictor/error.h>
#include <pictor/generation.h>

namespace pictor::fuzz {

void pngMetadata(const uint8_t* data, std::size_t size)
{
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        const auto chunks = image::readPngTextChunks(bytes, "fuzz.png");
        const auto it = chunks.find("pictor");
        if (it != chunks.end()) GenerationSettings::fromJson(it->second);
    } catch (const Error&) {
    }
    // The JSON reader on its own too: most inputs never make it through the chunk CRCs.
    try {
        GenerationSettings::fromJson(bytes);
    } catch (const Error&) {
    }
}

} // namespace pictor::fuzz
