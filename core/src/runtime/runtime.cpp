#include <pictor/runtime.h>

#include "../torch/memory_pool.h"

#include <malloc.h>

#include <ATen/Parallel.h>
#include <torch/version.h>
#include <opencv2/core/version.hpp>
#include <QtGlobal>

#include <climits>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <thread>

namespace pictor {

namespace {

std::string resolvedBlas()
{
    // The BLAS is whatever libblas.so.3 the dynamic linker mapped; Debian's alternatives decide.
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        const auto slash = line.find('/');
        if (slash == std::string::npos) continue;
        const std::string path = line.substr(slash);
        if (path.find("libblas.so") != std::string::npos || path.find("libopenblas") != std::string::npos ||
            path.find("libblis") != std::string::npos || path.find("libmkl") != std::string::npos) {
            char real[PATH_MAX];
            return realpath(path.c_str(), real) ? std::string(real) : path;
        }
    }
    return {};
}

bool cpuHasBf16()
{
    std::ifstream info("/proc/cpuinfo");
    std::string line;
    while (std::getline(info, line))
        if (line.compare(0, 5, "flags") == 0) return line.find("avx512_bf16") != std::string::npos || line.find("amx_bf16") != std::string::npos;
    return false;
}

} // namespace

void setComputeThreads(int threads)
{
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    const int n = threads > 0 ? threads : cores;
    static std::once_flag interop;
    std::call_once(interop, [&] { at::set_num_interop_threads(n); });
    at::set_num_threads(n);
}

int computeThreads() { return at::get_num_threads(); }

RuntimeInfo runtimeInfo()
{
    RuntimeInfo info;
    info.threads = at::get_num_threads();
    info.cores = int(std::thread::hardware_concurrency());
    info.blasLibrary = resolvedBlas();
    info.referenceBlas = info.blasLibrary.find("/blas/libblas") != std::string::npos;
    info.bf16 = cpuHasBf16();
    info.torchVersion = std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." + std::to_string(TORCH_VERSION_PATCH);
    info.opencvVersion = CV_VERSION;
    info.qtVersion = qVersion();
    return info;
}

std::string blasWarning()
{
    const RuntimeInfo info = runtimeInfo();
    if (!info.referenceBlas) return {};
    return "warning: LibTorch is using the slow reference BLAS (" + info.blasLibrary +
           "); matrix products run about 16x slower. Install OpenBLAS: apt-get install libopenblas0-pthread";
}

void releaseFreeMemory()
{
    torchutil::trimMemoryPool();
    malloc_trim(0);
}

} // namespace pictor
