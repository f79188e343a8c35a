#include "clip_bpe_tokenizer.h"

#include "gzip_file.h"
#include "text_cleaner.h"

#include <pictor/error.h>

#include <QChar>
#include <QList>
#include <QString>

#include <climits>

namespace pictor::text {

namespace {

constexpr int kMergeCount = 49152 - 256 - 2; // lines 1..48894 of the vocabulary file
const char* const kStartToken = "<|startoftext|>";
const char* const kEndToken = "<|endoftext|>";

std::string utf8Of(char32_t c)
{
    return QString::fromUcs4(&c, 1).toStdString();
}

bool isLetter(char32_t c) { return QChar::isLetter(c); }
bool isNumber(char32_t c) { return QChar::isNumber(c); }

} // namespace

ClipBpeTokenizer::ClipBpeTokenizer(const std::string& vocabPath, bool applyFtfy) : m_applyFtfy(applyFtfy)
{
    const std::string data = readGzipFile(vocabPath, 64u << 20);

    // bytes_to_unicode: printable Latin-1 bytes stand for themselves, the other 68 bytes map to
    // U+0100 upwards in byte order. The vocabulary starts with these 256 symbols in that order.
    std::vector<int> order;
    for (int b = '!'; b <= '~'; ++b) order.push_back(b);
    for (int b = 0xA1; b <= 0xAC; ++b) order.push_back(b);
    for (int b = 0xAE; b <= 0xFF; ++b) order.push_back(b);
    bool printable[256] = {};
    for (int b : order) printable[b] = true;
    int next = 256;
    for (int b = 0; b < 256; ++b) {
        m_byteToSymbol[b] = utf8Of(char32_t(printable[b] ? b : next));
        if (!printable[b]) {
            order.push_back(b);
            ++next;
        }
    }
    for (int b = 0; b < 256; ++b) m_symbolToByte[m_byteToSymbol[b]] = static_cast<unsigned char>(b);

    for (int b : order) m_idToToken.push_back(m_byteToSymbol[b]);
    for (int b : order) m_idToToken.push_back(m_byteToSymbol[b] + "</w>");

    // Merges: one "left right" pair per line after the header line.
    std::size_t pos = data.find('\n');
    if (pos == std::string::npos || data.compare(0, 8, "\"bpe_sim") != 0)
        throw Error("'" + vocabPath + "' is not a CLIP BPE vocabulary (bpe_simple_vocab_16e6.txt.gz): unexpected header");
    ++pos;
    for (int rank = 0; rank < kMergeCount; ++rank) {
        const std::size_t end = data.find('\n', pos);
        if (end == std::string::npos)
            throw Error("'" + vocabPath + "' is not a complete CLIP BPE vocabulary: only " + std::to_string(rank) +
                        " of " + std::to_string(kMergeCount) + " merges");
        const std::string line = data.substr(pos, end - pos);
        pos = end + 1;
        const std::size_t space = line.find(' ');
        if (space == std::string::npos || space == 0 || space + 1 >= line.size())
            throw Error("'" + vocabPath + "': merge line " + std::to_string(rank + 2) + " is malformed");
        m_mergeRank.emplace(line, rank);
        m_idToToken.push_back(line.substr(0, space) + line.substr(space + 1));
    }
    m_startId = int(m_idToToken.size());
    m_idToToken.push_back(kStartToken);
    m_endId = int(m_idToToken.size());
    m_idToToken.push_back(kEndToken);
    for (int id = 0; id < int(m_idToToken.size()); ++id) m_tokenToId.emplace(m_idToToken[id], id);
    m_cache[kStartToken] = {kStartToken};
    m_cache[kEndToken] = {kEndToken};
}

std::vector<std::string> ClipBpeTokenizer::splitPieces(const std::string& cleanedUtf8)
{
    // <\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+
    const QList<uint> cps = QString::fromStdString(cleanedUtf8).toUcs4();
    const qsizetype n = cps.size();
    auto startsWith = [&](qsizetype i, const char* ascii) {
        for (qsizetype k = 0; ascii[k]; ++k)
            if (i + k >= n || cps[i + k] != uint(static_cast<unsigned char>(ascii[k]))) return false;
        return true;
    };
    auto piece = [&](qsizetype from, qsizetype to) {
        return QString::fromUcs4(reinterpret_cast<const char32_t*>(cps.constData() + from), to - from).toStdString();
    };
    static const char* const fixed[] = {kStartToken, kEndToken, "'s", "'t", "'re", "'ve", "'m", "'ll", "'d"};
    std::vector<std::string> pieces;
    qsizetype i = 0;
    while (i < n) {
        bool done = false;
        for (const char* f : fixed) {
            if (startsWith(i, f)) {
                const qsizetype len = qsizetype(std::char_traits<char>::length(f));
                pieces.push_back(piece(i, i + len));
                i += len;
                done = true;
                break;
            }
        }
        if (done) continue;
        const char32_t c = cps[i];
        qsizetype j = i + 1;
        if (isLetter(c)) {
            while (j < n && isLetter(cps[j])) ++j;
        } else if (isNumber(c)) {
            // a single digit
        } else if (isPythonSpace(c)) {
            i = j;
            continue;
        } else {
            while (j < n && !isLetter(cps[j]) && !isNumber(cps[j]) && !isPythonSpace(cps[j])) ++j;
        }
        pieces.push_back(piece(i, j));
        i = j;
    }
    return pieces;
}

const std::vector<std::string>& ClipBpeTokenizer::bpe(const std::string& piece) const
{
    {
        std::lock_guard<std::mutex> lock(m_cacheMutex);
        auto it = m_cache.find(piece);
        if (it != m_cache.end()) return it->second;
    }
    std::vector<std::string> word;
    word.reserve(piece.size());
    for (unsigned char b : piece) word.push_back(m_byteToSymbol[b]);
    word.back() += "</w>";

    std::string key;
    while (word.size() > 1) {
        int best = INT_MAX;
        std::size_t bestAt = 0;
        for (std::size_t k = 0; k + 1 < word.size(); ++k) {
            key.assign(word[k]).append(1, ' ').append(word[k + 1]);
            auto r = m_mergeRank.find(key);
            if (r != m_mergeRank.end() && r->second < best) {
                best = r->second;
                bestAt = k;
            }
        }
        if (best == INT_MAX) break;
        const std::string left = word[bestAt];
        const std::string right = word[bestAt + 1];
        std::vector<std::string> merged;
        merged.reserve(word.size());
        for (std::size_t k = 0; k < word.size();) {
            if (k + 1 < word.size() && word[k] == left && word[k + 1] == right) {
                merged.push_back(left + right);
                k += 2;
            } else {
                merged.push_back(word[k]);
                ++k;
            }
        }
        word.swap(merged);
    }
    std::lock_guard<std::mutex> lock(m_cacheMutex);
    if (m_cache.size() > 100000) m_cache.clear(); // bounded: prompts are untrusted
    return m_cache.emplace(piece, std::move(word)).first->second;
}

std::vector<int> ClipBpeTokenizer::encode(const std::string& text) const
{
    const std::string cleaned = cleanForClip(QString::fromStdString(text), m_applyFtfy).toStdString();
    std::vector<int> ids;
    for (const std::string& piece : splitPieces(cleaned)) {
        for (const std::string& symbol : bpe(piece)) {
            auto it = m_tokenToId.find(symbol);
            if (it == m_tokenToId.end()) throw Error("CLIP tokenizer: no id for symbol '" + symbol + "'");
            ids.push_back(it->second);
        }
    }
    return ids;
}

std::string ClipBpeTokenizer::decode(const std::vector<int>& ids) const
{
    std::string symbols;
    for (int id : ids) {
        if (id < 0 || id >= int(m_idToToken.size())) continue;
        if (id == m_startId || id == m_endId) continue;
        symbols += m_idToToken[id];
    }
    // Map the stand-in code points back to bytes; "</w>" marks a word end.
    std::string out;
    const QList<uint> cps = QString::fromStdString(symbols).toUcs4();
    for (qsizetype i = 0; i < cps.size(); ++i) {
        if (cps[i] == '<' && i + 3 < cps.size() && cps[i + 1] == '/' && cps[i + 2] == 'w' && cps[i + 3] == '>') {
            out += ' ';
            i += 3;
            continue;
        }
        auto it = m_symbolToByte.find(utf8Of(char32_t(cps[i])));
        if (it != m_symbolToByte.end()) out += char(it->second);
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

} // namespace pictor::text
