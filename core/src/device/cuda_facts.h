#pragma once
// What the CUDA runtime says about each GPU. Compiled from cuda_facts_cuda.cpp when the LibTorch in use
// has CUDA (its headers need the CUDA toolkit's), else from cuda_facts_none.cpp: the same sources build
// against Debian's CPU-only LibTorch and pytorch.org's CUDA one.
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

} // namespace pictor::device
