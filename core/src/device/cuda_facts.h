#pragma once
// What the CUDA runtime says about each GPU, and its memory. Compiled from cuda_facts_cuda.cpp when the
// LibTorch in use has CUDA (its headers need the CUDA toolkit's), else from cuda_facts_none.cpp: the same
// sources build against Debian's CPU-only LibTorch and pytorch.org's CUDA one.
#include <cstdint>
#include <string>

namespace pictor::device {

struct GpuFacts {
    std::string name;
    int64_t memoryBytes = 0;
    int major = 0;
    int minor = 0;
};

/// How many GPUs the CUDA runtime sees (0 when this build has no CUDA).
int gpuCount();
/// Facts about GPU `index` (0 <= index < gpuCount()).
GpuFacts gpuFacts(int index);

struct GpuMemory {
    int64_t freeBytes = 0;     ///< free on the card now (the CUDA runtime's count: other processes included)
    int64_t totalBytes = 0;
    int64_t peakAllocated = 0; ///< the most LibTorch's allocator held for tensors since the last reset (torch's max_memory_allocated)
};

GpuMemory gpuMemory(int index);
/// Starts a new peak count for GPU `index`.
void resetGpuPeak(int index);
/// Hands the allocator's cached, unused blocks back to the driver (after an out-of-memory error, so the
/// next run starts from an empty card).
void releaseCachedGpuMemory();
/// Waits until the GPU has finished the work queued so far (for timing).
void synchroniseGpu(int index);
/// Lets cuDNN time its convolution algorithms for the shapes it meets (the steps repeat one shape).
void enableConvolutionAutotuning();

} // namespace pictor::device
