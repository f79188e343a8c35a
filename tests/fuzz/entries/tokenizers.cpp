// Tokenizers: whatever a user types (or a file name, a pasted web page) goes through them.
// The vocabulary and the sentencepiece model are the project's own files, not fuzzed input.
#include "../fuzz_entries.h"

#include <pictor/error.h>
#include <pictor/tokenizer.h>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>
#include <memory>

#ifndef PICTOR_FUZZ_CLIP_VOCAB
#define PICTOR_FUZZ_CLIP_VOCAB ""
#endif
#ifndef PICTOR_FUZZ_SPM_MODEL
#define PICTOR_FUZZ_SPM_MODEL ""
#endif
#ifndef PICTOR_FUZZ_XLMR_MODEL
#define PICTOR_FUZZ_XLMR_MODEL ""
#endif

namespace pictor::fuzz {

namespace {

std::string fileFromEnv(const char* variable, const char* fallback)
{
    const char* v = std::getenv(variable);
    return v && *v ? v : fallback;
}

void exercise(const Tokenizer& tok, const uint8_t* data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const std::vector<int> ids = tok.encode(text);
        tok.decode(ids);
        tok.tokenize(text, 77);
        tok.tokenizeAsReference(text, 77);
    } catch (const Error&) {
    }
    // The same bytes read as ids, in and out of range: decode must refuse, not read past a table.
    std::vector<int> ids;
    for (std::size_t i = 0; i + 2 <= size && ids.size() < 256; i += 2)
        ids.push_back(int(int16_t(uint16_t(data[i]) | uint16_t(data[i + 1]) << 8)));
    try {
        tok.decode(ids);
    } catch (const Error&) {
    }
}

} // namespace

void clipBpe(const uint8_t* data, std::size_t size)
{
    static const std::unique_ptr<Tokenizer> tok = loadClipBpeTokenizer(fileFromEnv("PICTOR_FUZZ_CLIP_VOCAB", PICTOR_FUZZ_CLIP_VOCAB));
    exercise(*tok, data, size);
}

void sentencepiece(const uint8_t* data, std::size_t size)
{
    static const std::unique_ptr<Tokenizer> tok = loadSentencePieceTokenizer(fileFromEnv("PICTOR_FUZZ_SPM_MODEL", PICTOR_FUZZ_SPM_MODEL));
    exercise(*tok, data, size);
}

void xlmrTokenizer(const uint8_t* data, std::size_t size)
{
    static const std::unique_ptr<Tokenizer> tok = loadXlmrTokenizer(fileFromEnv("PICTOR_FUZZ_XLMR_MODEL", PICTOR_FUZZ_XLMR_MODEL));
    exercise(*tok, data, size);
}

void spmModel(const uint8_t* data, std::size_t size)
{
    // sentencepiece opens models by path: the bytes go through a private temporary file.
    char path[] = "/tmp/pictor-fuzz-spm-XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) return;
    const bool written = write(fd, data, size) == ssize_t(size);
    close(fd);
    if (written) {
        try {
            const auto tok = loadXlmrTokenizer(path);
            tok->tokenize("a red circle 빨간 원", 77);
        } catch (const Error&) {
        }
    }
    std::remove(path);
}

} // namespace pictor::fuzz
