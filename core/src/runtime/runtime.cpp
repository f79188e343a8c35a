#include <pictor/runtime.h>

#include "../torch/memory_pool.h"

#include <malloc.h>

#include <ATen/Parallel.h>
#include <torch/version.h>
#include <opencv2/core/version.hpp>
#include <QtGlobal>

#include <algorithm>
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

std::string cpuInfoField(const std::string& field)
{
    std::ifstream info("/proc/cpuinfo");
    std::string line;
    while (std::getline(info, line))
        if (line.compare(0, field.size(), field) == 0) {
            const auto colon = line.find(':');
            return colon == std::string::npos ? std::string() : line.substr(std::min(line.size(), colon + 2));
        }
    return {};
}

bool cpuHasBf16()
{
    const std::string flags = " " + cpuInfoField("flags") + " ";
    return flags.find(" avx512_bf16 ") != std::string::npos || flags.find(" amx_bf16 ") != std::string::npos;
}

/// "AMD EPYC, AVX-512": what decides how fast the engine runs here (training times are quoted with it).
std::string cpuDescription()
{
    const std::string flags = " " + cpuInfoField("flags") + " ";
    const char* vector = flags.find(" avx512f ") != std::string::npos ? "AVX-512"
                         : flags.find(" avx2 ") != std::string::npos  ? "AVX2"
                                                                      : "no AVX2";
    std::string model = cpuInfoField("model name");
    if (model.empty()) model = "unknown CPU";
    return model + ", " + vector + (cpuHasBf16() ? " with bf16" : "");
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
    info.blasThreadsContend = info.blasLibrary.find("openblas-pthread") != std::string::npos;
    info.bf16 = cpuHasBf16();
    info.cpu = cpuDescription();
    info.torchVersion = std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." + std::to_string(TORCH_VERSION_PATCH);
    info.opencvVersion = CV_VERSION;
    info.qtVersion = qVersion();
    return info;
}

std::string blasWarning()
{
    const RuntimeInfo info = runtimeInfo();
    if (info.referenceBlas)
        return "warning: LibTorch is using the slow reference BLAS (" + info.blasLibrary +
               "); matrix products run about 16x slower. Install OpenBLAS: apt-get install libopenblas0-openmp";
    if (info.blasThreadsContend)
        return "warning: LibTorch is using the pthread build of OpenBLAS (" + info.blasLibrary +
               "), whose threads compete with LibTorch's for the cores; generation runs about 3x slower. "
               "Install the OpenMP build: apt-get install libopenblas0-openmp";
    return {};
}

void releaseFreeMemory()
{
    torchutil::trimMemoryPool();
    malloc_trim(0);
}

} // namespace pictor
