// The CUDA build (LibTorch from pytorch.org): the GPUs and their memory as the CUDA runtime and
// LibTorch's caching allocator describe them.
#include "cuda_facts.h"

#include <ATen/Context.h>
#include <ATen/cuda/CUDAContext.h>
#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAFunctions.h>
#include <c10/cuda/CUDAGuard.h>

namespace pictor::device {

namespace alloc = c10::cuda::CUDACachingAllocator;

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

GpuMemory gpuMemory(int index)
{
    GpuMemory m;
    const c10::cuda::CUDAGuard guard(c10::DeviceIndex(index));
    size_t freeBytes = 0, totalBytes = 0;
    if (cudaMemGetInfo(&freeBytes, &totalBytes) == cudaSuccess) {
        m.freeBytes = int64_t(freeBytes);
        m.totalBytes = int64_t(totalBytes);
    }
    const auto stats = alloc::getDeviceStats(c10::DeviceIndex(index));
    m.peakAllocated = stats.allocated_bytes[0].peak; // index 0: StatType::AGGREGATE, whose namespace moved between LibTorch 2.x versions
    return m;
}

void resetGpuPeak(int index) { alloc::resetPeakStats(c10::DeviceIndex(index)); }

void releaseCachedGpuMemory() { alloc::emptyCache(); }

void synchroniseGpu(int index)
{
    const c10::cuda::CUDAGuard guard(c10::DeviceIndex(index));
    cudaDeviceSynchronize();
}

void enableConvolutionAutotuning() { at::globalContext().setBenchmarkCuDNN(true); }

} // namespace pictor::device
