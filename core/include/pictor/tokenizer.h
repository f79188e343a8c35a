#pragma once
// One interface for every text tokenizer a CLIP model may use.
#include <memory>
#include <string>
#include <vector>

namespace pictor {

/// Where the text tower reads its pooled feature from.
enum class TextPooling {
    ArgmaxId,     ///< position of the largest id (OpenAI CLIP: the end token has the largest id)
    FirstEndToken ///< position of the first end token (sentencepiece models)
};

class Tokenizer {
public:
    virtual ~Tokenizer() = default;

    /// Ids of the text without start/end tokens.
    virtual std::vector<int> encode(const std::string& text) const = 0;
    /// Best-effort inverse of encode (for messages and tests).
    virtual std::string decode(const std::vector<int>& ids) const = 0;

    virtual int startId() const = 0;
    virtual int endId() const = 0;
    virtual int vocabSize() const = 0;
    virtual TextPooling pooling() const = 0;
    virtual std::string name() const = 0;

    /// [start] + encode(text) + [end], cut to contextLength keeping the end token last.
    /// Not padded: the caller pads with 0 to the model's context.
    std::vector<int> tokenize(const std::string& text, int contextLength = 77) const;
};

/// The OpenAI CLIP byte-level BPE tokenizer from a `bpe_simple_vocab_16e6.txt.gz` file.
/// Throws pictor::Error naming the file when it cannot be read.
std::unique_ptr<Tokenizer> loadClipBpeTokenizer(const std::string& vocabPath);

/// A sentencepiece model, through the isolated shim library (see core/spm_shim).
std::unique_ptr<Tokenizer> loadSentencePieceTokenizer(const std::string& modelPath);

/// The shared-library path the sentencepiece shim is loaded from (for messages and tests).
std::string sentencePieceShimPath();

} // namespace pictor
