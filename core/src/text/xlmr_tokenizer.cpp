#include "xlmr_tokenizer.h"

#include "text_cleaner.h"

#include <pictor/error.h>

namespace pictor::text {

namespace {
// Sentencepiece's own numbering in XLM-R's model; fairseq shifts every piece by one to make room
// for <pad>, and sends sentencepiece's <unk> to its own <unk>.
constexpr int kSpUnk = 0, kSpStart = 1, kSpEnd = 2;
constexpr int kFairseqOffset = 1;
} // namespace

XlmrTokenizer::XlmrTokenizer(const std::string& modelPath) : m_spm(modelPath), m_pieces(m_spm.vocabSize())
{
    if (m_spm.startId() != kSpStart || m_spm.endId() != kSpEnd || m_spm.pieceId("<unk>") != kSpUnk)
        throw Error("Sentencepiece model '" + modelPath + "' is not laid out as XLM-RoBERTa's (<unk>=0, <s>=1, </s>=2); it has <s>=" +
                    std::to_string(m_spm.startId()) + ", </s>=" + std::to_string(m_spm.endId()));
}

std::vector<int> XlmrTokenizer::encode(const std::string& text) const
{
    const QString cleaned = cleanForClip(QString::fromUtf8(text.data(), qsizetype(text.size())), true, /*lowerCase=*/false);
    std::vector<int> ids = m_spm.encode(cleaned.toStdString());
    for (int& id : ids) id = id == kSpUnk ? kUnk : id + kFairseqOffset;
    return ids;
}

std::string XlmrTokenizer::decode(const std::vector<int>& ids) const
{
    std::vector<int> pieces;
    for (int id : ids)
        if (id > kUnk && id < m_pieces + kFairseqOffset) pieces.push_back(id - kFairseqOffset);
    return m_spm.decode(pieces);
}

} // namespace pictor::text

namespace pictor {

std::unique_ptr<Tokenizer> loadXlmrTokenizer(const std::string& modelPath)
{
    return std::make_unique<text::XlmrTokenizer>(modelPath);
}

std::unique_ptr<Tokenizer> openTokenizerFile(const std::string& path, bool xlmr)
{
    auto endsWith = [&](const char* suffix) {
        const std::string s(suffix);
        return path.size() >= s.size() && path.compare(path.size() - s.size(), s.size(), s) == 0;
    };
    // sentencepiece.bpe.model is the name XLM-R's tokenizer is published under.
    if (xlmr || endsWith("sentencepiece.bpe.model")) return loadXlmrTokenizer(path);
    if (endsWith(".model")) return loadSentencePieceTokenizer(path);
    return loadClipBpeTokenizer(path);
}

} // namespace pictor
