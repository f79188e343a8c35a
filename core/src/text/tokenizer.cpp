#include <pictor/tokenizer.h>

#include "clip_bpe_tokenizer.h"

namespace pictor {

std::vector<int> Tokenizer::tokenize(const std::string& text, int contextLength) const
{
    std::vector<int> ids;
    ids.push_back(startId());
    for (int id : encode(text)) ids.push_back(id);
    ids.push_back(endId());
    if (contextLength > 1 && int(ids.size()) > contextLength) {
        ids.resize(std::size_t(contextLength));
        ids.back() = endId();
    }
    return ids;
}

std::vector<int> Tokenizer::tokenizeAsReference(const std::string& text, int contextLength) const
{
    std::vector<int> ids = tokenize(text, contextLength);
    if (padsToContext() && contextLength > 0 && int(ids.size()) < contextLength) ids.resize(std::size_t(contextLength), padId());
    return ids;
}

std::unique_ptr<Tokenizer> loadClipBpeTokenizer(const std::string& vocabPath)
{
    return std::make_unique<text::ClipBpeTokenizer>(vocabPath);
}

} // namespace pictor
