// The CUDA build (LibTorch from pytorch.org): the GPUs as the CUDA runtime describes them.
#include "cuda_facts.h"

#include <ATen/cuda/CUDAContext.h>
#include <c10/cuda/CUDAFunctions.h>

namespace pictor::device {

int gpuCount() { return int(c10::cuda::device_count()); }

GpuFacts gpuFacts(int index)
{
    const cudaDeviceProp* p = at::cuda::getDeviceProperties(index);
    GpuFacts f;
    f.name = p->name;
    f.memoryBytes = int64_t(p->totalGlobalMem);
    f.major = p->major;
    f.minor = p->minor;
    return f;
}

} // namespace pictor::device
