/* The plain C interface of libpictor_spm, the only binary that links sentencepiece.
 * sentencepiece carries its own protobuf-lite and LibTorch loads the system protobuf: both in one
 * symbol namespace crash at start-up, so Pictor dlopen()s this library with RTLD_DEEPBIND.
 * Strings are UTF-8. Functions returning int return 0 on success, or -1 and fill err. */
#pragma once
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pictor_spm pictor_spm;

pictor_spm* pictor_spm_open(const char* model_path, char* err, size_t err_len);
void pictor_spm_close(pictor_spm* handle);
/* Writes up to capacity ids; returns the number of ids the text has (may exceed capacity), or -1. */
int pictor_spm_encode(pictor_spm* handle, const char* text, int* ids, int capacity, char* err, size_t err_len);
/* Writes the decoded text (NUL-terminated, truncated to capacity); returns its full length or -1. */
int pictor_spm_decode(pictor_spm* handle, const int* ids, int count, char* out, size_t capacity);
int pictor_spm_vocab_size(pictor_spm* handle);
int pictor_spm_piece_to_id(pictor_spm* handle, const char* piece);
int pictor_spm_bos_id(pictor_spm* handle);
int pictor_spm_eos_id(pictor_spm* handle);
/* Trains a model; args is sentencepiece's "--input=... --model_prefix=..." string. */
int pictor_spm_train(const char* args, char* err, size_t err_len);

#ifdef __cplusplus
}
#endif
