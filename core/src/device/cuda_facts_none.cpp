// The CPU-only build (Debian's LibTorch): no GPU to describe.
#include "cuda_facts.h"

namespace pictor::device {

int gpuCount() { return 0; }

GpuFacts gpuFacts(int) { return {}; }

} // namespace pictor::device
