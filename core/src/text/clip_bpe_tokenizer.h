#pragma once
// OpenAI CLIP's byte-level BPE (clip/simple_tokenizer.py), reimplemented from its description:
// clean the text, split it with CLIP's pattern, map each piece's UTF-8 bytes to printable code
// points, apply the ranked merges, look the symbols up in the 49,408-entry vocabulary.
#include <pictor/tokenizer.h>

#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace pictor::text {

class ClipBpeTokenizer final : public Tokenizer {
public:
    /// applyFtfy: fix typed-text oddities as ftfy does (curly quotes, ligatures, widths, NFC).
    explicit ClipBpeTokenizer(const std::string& vocabPath, bool applyFtfy = true);

    std::vector<int> encode(const std::string& text) const override;
    std::string decode(const std::vector<int>& ids) const override;
    int startId() const override { return m_startId; }
    int endId() const override { return m_endId; }
    int vocabSize() const override { return int(m_idToToken.size()); }
    TextPooling pooling() const override { return TextPooling::ArgmaxId; }
    std::string name() const override { return "clip-bpe"; }

    /// The pieces CLIP's pattern splits cleaned text into (exposed for tests).
    static std::vector<std::string> splitPieces(const std::string& cleanedUtf8);

private:
    const std::vector<std::string>& bpe(const std::string& piece) const;

    std::unordered_map<std::string, int> m_tokenToId;
    std::vector<std::string> m_idToToken;
    std::unordered_map<std::string, int> m_mergeRank; // "left right" -> rank
    std::string m_byteToSymbol[256];                  // UTF-8 of the printable stand-in of each byte
    std::unordered_map<std::string, unsigned char> m_symbolToByte;
    int m_startId = 0;
    int m_endId = 0;
    bool m_applyFtfy = true;
    mutable std::mutex m_cacheMutex;
    mutable std::unordered_map<std::string, std::vector<std::string>> m_cache;
};

} // namespace pictor::text
