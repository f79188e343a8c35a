#pragma once
// One entry per parser that reads outside data. Each takes arbitrary bytes and must return
// normally (a pictor::Error for bad input is caught inside): a crash, hang, leak or sanitizer report
// is a finding. The same functions run under libFuzzer (fuzz_main.cpp) and, on the kept corpora,
// in the ordinary test suite (tst_fuzz_corpora.cpp).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pictor::fuzz {

using Entry = void (*)(const uint8_t* data, std::size_t size);

void checkpoint(const uint8_t* data, std::size_t size);    // zip container + unpickler (+ safetensors by content)
void safetensors(const uint8_t* data, std::size_t size);   // safetensors header and bounds
void tamingYaml(const uint8_t* data, std::size_t size);    // taming model.yaml
void clipBpe(const uint8_t* data, std::size_t size);       // CLIP BPE tokenizer: clean, split, merge, decode
void sentencepiece(const uint8_t* data, std::size_t size); // sentencepiece wrapper: encode, decode arbitrary ids
void xlmrTokenizer(const uint8_t* data, std::size_t size); // XLM-R tokenizer: clean, encode, fairseq ids, decode
void spmModel(const uint8_t* data, std::size_t size);      // a sentencepiece.bpe.model file itself, opened as XLM-R's
void clipConfig(const uint8_t* data, std::size_t size);    // CLIP configuration from a safetensors file (OpenAI and XLM-R layouts)
void prompt(const uint8_t* data, std::size_t size);        // text:weight:stop | story ^ syntax
void pngMetadata(const uint8_t* data, std::size_t size);   // PNG text chunks + the embedded settings JSON
void galleryQuery(const uint8_t* data, std::size_t size);  // rclip-style gallery queries

struct Target {
    const char* name; // the folder under tests/fuzz/corpus
    Entry entry;
};
const std::vector<Target>& targets();

} // namespace pictor::fuzz
