#include "../fuzz_entries.h"

namespace pictor::fuzz {

const std::vector<Target>& targets()
{
    static const std::vector<Target> all{
        {"checkpoint", checkpoint}, {"safetensors", safetensors}, {"taming_yaml", tamingYaml},
        {"clip_bpe", clipBpe},      {"sentencepiece", sentencepiece}, {"prompt", prompt},
        {"png_metadata", pngMetadata}, {"gallery_query", galleryQuery}, {"xlmr_tokenizer", xlmrTokenizer},
        {"spm_model", spmModel},       {"clip_config", clipConfig},
    };
    return all;
}

} // namespace pictor::fuzz
