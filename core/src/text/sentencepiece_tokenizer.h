#pragma once
// A sentencepiece model behind the Tokenizer interface. sentencepiece itself lives in the shim
// library (core/spm_shim), loaded on first use with dlopen(RTLD_LOCAL | RTLD_DEEPBIND).
#include <pictor/tokenizer.h>

#include "../../spm_shim/spm_shim.h"

#include <string>

namespace pictor::text {

/// The shim's functions, resolved once per process.
struct SpmShim {
    decltype(&pictor_spm_open) open;
    decltype(&pictor_spm_close) close;
    decltype(&pictor_spm_encode) encode;
    decltype(&pictor_spm_decode) decode;
    decltype(&pictor_spm_vocab_size) vocabSize;
    decltype(&pictor_spm_piece_to_id) pieceToId;
    decltype(&pictor_spm_bos_id) bosId;
    decltype(&pictor_spm_eos_id) eosId;
    decltype(&pictor_spm_train) train;
    std::string path;
};

/// Loads the shim (throws pictor::Error saying where it looked when it cannot).
const SpmShim& spmShim();

class SentencePieceTokenizer final : public Tokenizer {
public:
    explicit SentencePieceTokenizer(const std::string& modelPath);
    ~SentencePieceTokenizer() override;

    std::vector<int> encode(const std::string& text) const override;
    std::string decode(const std::vector<int>& ids) const override;
    int startId() const override { return m_start; }
    int endId() const override { return m_end; }
    int vocabSize() const override { return m_vocab; }
    TextPooling pooling() const override { return TextPooling::FirstEndToken; }
    std::string name() const override { return "sentencepiece"; }
    /// The piece's id (sentencepiece answers its <unk> id for a piece it does not know).
    int pieceId(const std::string& piece) const { return m_shim.pieceToId(m_handle, piece.c_str()); }

private:
    const SpmShim& m_shim;
    pictor_spm* m_handle = nullptr;
    int m_start = 0;
    int m_end = 0;
    int m_vocab = 0;
};

} // namespace pictor::text
