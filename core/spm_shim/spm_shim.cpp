#include "spm_shim.h"

#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>

#include <cstring>
#include <string>
#include <vector>

struct pictor_spm {
    sentencepiece::SentencePieceProcessor processor;
};

namespace {
void setError(char* err, size_t len, const std::string& message)
{
    if (!err || len == 0) return;
    std::strncpy(err, message.c_str(), len - 1);
    err[len - 1] = '\0';
}
} // namespace

extern "C" {

pictor_spm* pictor_spm_open(const char* model_path, char* err, size_t err_len)
{
    auto* handle = new (std::nothrow) pictor_spm;
    if (!handle) return nullptr;
    const auto status = handle->processor.Load(model_path);
    if (!status.ok()) {
        setError(err, err_len, status.ToString());
        delete handle;
        return nullptr;
    }
    return handle;
}

void pictor_spm_close(pictor_spm* handle) { delete handle; }

int pictor_spm_encode(pictor_spm* handle, const char* text, int* ids, int capacity, char* err, size_t err_len)
{
    std::vector<int> out;
    const auto status = handle->processor.Encode(text, &out);
    if (!status.ok()) {
        setError(err, err_len, status.ToString());
        return -1;
    }
    for (int i = 0; i < capacity && i < int(out.size()); ++i) ids[i] = out[size_t(i)];
    return int(out.size());
}

int pictor_spm_decode(pictor_spm* handle, const int* ids, int count, char* out, size_t capacity)
{
    std::string text;
    const auto status = handle->processor.Decode(std::vector<int>(ids, ids + count), &text);
    if (!status.ok()) return -1;
    setError(out, capacity, text);
    return int(text.size());
}

int pictor_spm_vocab_size(pictor_spm* handle) { return handle->processor.GetPieceSize(); }
int pictor_spm_piece_to_id(pictor_spm* handle, const char* piece) { return handle->processor.PieceToId(piece); }
int pictor_spm_bos_id(pictor_spm* handle) { return handle->processor.bos_id(); }
int pictor_spm_eos_id(pictor_spm* handle) { return handle->processor.eos_id(); }

int pictor_spm_train(const char* args, char* err, size_t err_len)
{
    const auto status = sentencepiece::SentencePieceTrainer::Train(args);
    if (!status.ok()) {
        setError(err, err_len, status.ToString());
        return -1;
    }
    return 0;
}

} // extern "C"
