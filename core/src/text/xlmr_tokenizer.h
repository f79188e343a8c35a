#pragma once
// XLM-RoBERTa's tokenizer as open_clip's HFTokenizer runs it: the text cleaned as CLIP cleans it
// but not lower-cased (ftfy fixes, HTML unescaped twice, whitespace folded), split by the
// sentencepiece model, then fairseq's id mapping (<s>=0, <pad>=1, </s>=2, <unk>=3, every other piece
// its sentencepiece id + 1, <mask> last), padded with <pad> to the context.
#include "sentencepiece_tokenizer.h"

#include <pictor/tokenizer.h>

#include <memory>
#include <string>

namespace pictor::text {

class XlmrTokenizer final : public Tokenizer {
public:
    /// Throws pictor::Error naming the file when it is not a sentencepiece model laid out as
    /// XLM-R's (<unk>=0, <s>=1, </s>=2 in sentencepiece's own numbering).
    explicit XlmrTokenizer(const std::string& modelPath);

    std::vector<int> encode(const std::string& text) const override;
    std::string decode(const std::vector<int>& ids) const override;
    int startId() const override { return kStart; }
    int endId() const override { return kEnd; }
    int padId() const override { return kPad; }
    bool padsToContext() const override { return true; }
    /// Sentencepiece pieces + <pad> + <mask> (250,002 for xlm-roberta-base).
    int vocabSize() const override { return m_pieces + 2; }
    TextPooling pooling() const override { return TextPooling::MeanNonPad; }
    std::string name() const override { return "xlm-roberta sentencepiece"; }

    static constexpr int kStart = 0, kPad = 1, kEnd = 2, kUnk = 3;

private:
    SentencePieceTokenizer m_spm;
    int m_pieces = 0;
};

} // namespace pictor::text
