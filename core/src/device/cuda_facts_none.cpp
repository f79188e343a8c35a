// The CPU-only build (Debian's LibTorch): no GPU to describe.
#include "cuda_facts.h"

namespace pictor::device {

int gpuCount() { return 0; }
GpuFacts gpuFacts(int) { return {}; }
GpuMemory gpuMemory(int) { return {}; }
void resetGpuPeak(int) {}
void releaseCachedGpuMemory() {}
void synchroniseGpu(int) {}
void enableConvolutionAutotuning() {}

} // namespace pictor::device
