#include "../fuzz_entries.h"

namespace pictor::fuzz {

const std::vector<Target>& targets()
{
    static const std::vector<Target> all{
        {"checkpoint", checkpoint}, {"safetensors", safetensors}, {"taming_yaml", tamingYaml},
        {"clip_bpe", clipBpe},      {"sentencepiece", sentencepiece}, {"prompt", prompt},
        {"png_metadata", pngMetadata}, {"gallery_query", galleryQuery},
    };
    return all;
}

} // namespace pictor::fuzz
