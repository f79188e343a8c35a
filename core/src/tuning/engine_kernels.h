#pragma once
// The engine's fp32 kernel choices, each timed at the run's real shapes (kernel_timer.h).
// bf16 runs have one path (channels-last oneDNN kernels), so only fp32 runs choose.
#include "../clip/clip_net.h"
#include "../vqgan/vqgan_net.h"

namespace pictor::tuning {

/// Sets and returns the fastest fp32 kernels for a ViT image tower that sees `batch` cutouts at a
/// time: linear layers through oneDNN or BLAS, attention per head or batched. Timed on one
/// transformer block's forward and backward. A ResNet tower keeps LibTorch's kernels.
clip::Fp32Kernels chooseClipFp32Kernels(clip::ClipNet& tower, int64_t batch);

/// Sets and returns whether an fp32 decoder runs its activations channels-last (else NCHW), timed
/// on one residual block at the picture's full resolution (at most 256x256), forward and backward
/// (most of a decode's time is at that level; a whole decode would take seconds per candidate).
bool chooseVqganChannelsLast(vqgan::VqganNet& decoder, int64_t tokensH, int64_t tokensW);

} // namespace pictor::tuning
