#pragma once
// One interface for every text tokenizer a CLIP model may use.
#include <memory>
#include <string>
#include <vector>

namespace pictor {

/// Where the text tower reads its pooled feature from.
enum class TextPooling {
    ArgmaxId,      ///< position of the largest id (OpenAI CLIP: the end token has the largest id)
    FirstEndToken, ///< position of the first end token (sentencepiece models)
    MeanNonPad     ///< mean over every token that is not padding (open_clip's XLM-R text towers)
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
    /// The id rows are padded with to a common length.
    virtual int padId() const { return 0; }
    /// Whether the reference pads every text to the full context (Hugging Face tokenizers do;
    /// `pictor-cli tokenize` shows the ids as the reference gives them).
    virtual bool padsToContext() const { return false; }

    /// [start] + encode(text) + [end], cut to contextLength keeping the end token last.
    /// Not padded: the caller pads with padId() to the model's context.
    std::vector<int> tokenize(const std::string& text, int contextLength = 77) const;
    /// tokenize(), then padded with padId() to contextLength when padsToContext().
    std::vector<int> tokenizeAsReference(const std::string& text, int contextLength = 77) const;
};

/// The OpenAI CLIP byte-level BPE tokenizer from a `bpe_simple_vocab_16e6.txt.gz` file.
/// Throws pictor::Error naming the file when it cannot be read.
std::unique_ptr<Tokenizer> loadClipBpeTokenizer(const std::string& vocabPath);

/// A sentencepiece model, through the isolated shim library (see core/spm_shim).
std::unique_ptr<Tokenizer> loadSentencePieceTokenizer(const std::string& modelPath);

/// XLM-RoBERTa's tokenizer (`sentencepiece.bpe.model`) with fairseq's id mapping, as Hugging Face's
/// XLMRobertaTokenizer and open_clip's HFTokenizer use it: <s>=0, <pad>=1, </s>=2, <unk>=3, every
/// other piece its sentencepiece id + 1, <mask> last.
std::unique_ptr<Tokenizer> loadXlmrTokenizer(const std::string& modelPath);

/// Opens a tokenizer file by its kind: bpe_simple_vocab_16e6.txt.gz (CLIP BPE), XLM-R's
/// sentencepiece.bpe.model (or any file when `xlmr`), other .model files as plain sentencepiece.
std::unique_ptr<Tokenizer> openTokenizerFile(const std::string& path, bool xlmr = false);

/// The shared-library path the sentencepiece shim is loaded from (for messages and tests).
std::string sentencePieceShimPath();

} // namespace pictor
