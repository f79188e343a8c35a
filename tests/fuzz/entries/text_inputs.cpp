// Text a user types or pastes: generation prompts and gallery queries.
#include "../fuzz_entries.h"

#include <pictor/error.h>
#include <pictor/gallery.h>
#include <pictor/generation.h>

namespace pictor::fuzz {

void prompt(const uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        parsePromptStory(text);
    } catch (const Error&) {
    }
    try {
        parsePrompt(text);
    } catch (const Error&) {
    }
}

void galleryQuery(const uint8_t* data, std::size_t size)
{
    try {
        parseGalleryQuery(std::string(reinterpret_cast<const char*>(data), size));
    } catch (const Error&) {
    }
}

} // namespace pictor::fuzz
