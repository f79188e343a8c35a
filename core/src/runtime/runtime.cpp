#include <pictor/runtime.h>

#include "cpu_facts.h"

#include "../torch/memory_pool.h"
#include "../tuning/choice_cache.h"
#include "../tuning/kernel_timer.h"

#include <malloc.h>

#include <ATen/Parallel.h>
#include <torch/version.h>
#ifndef PICTOR_ENGINE_ONLY
#include <opencv2/core/version.hpp>
#endif
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

bool hasBf16(const CpuFacts& cpu) { return cpu.has("avx512_bf16") || cpu.has("amx_bf16"); }

/// "AMD EPYC, AVX-512": what decides how fast the engine runs here (training times are quoted with it).
std::string describe(const CpuFacts& cpu)
{
    const char* vector = cpu.has("avx512f") ? "AVX-512" : cpu.has("avx2") ? "AVX2" : "no AVX2";
    return (cpu.model.empty() ? "unknown CPU" : cpu.model) + ", " + vector + (hasBf16(cpu) ? " with bf16" : "");
}

bool isReferenceBlas(const std::string& blas) { return blas.find("/blas/libblas") != std::string::npos; }
bool blasThreadsContend(const std::string& blas) { return blas.find("openblas-pthread") != std::string::npos; }

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
    info.referenceBlas = isReferenceBlas(info.blasLibrary);
    info.blasThreadsContend = blasThreadsContend(info.blasLibrary);
    const CpuFacts cpu = readCpu();
    // PICTOR_NO_BF16=1 runs as a CPU without bf16 does (fp32 steps and gallery embeddings): the path of most
    // laptops, so that a machine with bf16 can run the test suite on both paths.
    const char* noBf16 = std::getenv("PICTOR_NO_BF16");
    const bool bf16Off = noBf16 && *noBf16 && std::string(noBf16) != "0";
    info.bf16 = hasBf16(cpu) && !bf16Off;
    info.cpu = describe(cpu);
    // The fastest correct path for this CPU: bf16 only where it is native; elsewhere LibTorch would emulate it,
    // several times slower than fp32.
    info.generationPath = info.bf16 ? "bf16" : "fp32";
    info.generationPathWhy =
        info.bf16 ? "this CPU has native bf16 dot products (avx512_bf16 or amx_bf16): generation steps run in bf16, about twice as fast as fp32 "
                    "here, and the picture you keep is decoded in fp32 (--no-bf16 or the window's bf16 box runs fp32 steps)"
                  : bf16Off ? "PICTOR_NO_BF16 is set: generation steps run in fp32, as on a CPU with no native bf16"
                  : "this CPU has no native bf16 (no avx512_bf16 or amx_bf16), where bf16 would be emulated and slower than fp32: generation "
                    "steps run in fp32, with the kernels measured fastest on this machine (kernel_choices)";
    info.torchVersion = std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." + std::to_string(TORCH_VERSION_PATCH);
#ifndef PICTOR_ENGINE_ONLY
    info.opencvVersion = CV_VERSION;
#else
    info.opencvVersion = "none (engine-only build)";
#endif
    info.qtVersion = qVersion();
    return info;
}

std::string machineDescription()
{
    return std::to_string(std::thread::hardware_concurrency()) + " cores, " + describe(readCpu()) + ", no GPU";
}

std::string blasWarning()
{
    // Start-up work for every command: only the BLAS matters here, not the rest of runtimeInfo().
    const std::string blas = resolvedBlas();
    if (isReferenceBlas(blas))
        return "warning: LibTorch is using the slow reference BLAS (" + blas +
               "); matrix products run about 16x slower. Install OpenBLAS: apt-get install libopenblas0-openmp";
    if (blasThreadsContend(blas))
        return "warning: LibTorch is using the pthread build of OpenBLAS (" + blas +
               "), whose threads compete with LibTorch's for the cores; generation runs about 3x slower. "
               "Install the OpenMP build: apt-get install libopenblas0-openmp";
    return {};
}

std::vector<KernelChoice> kernelChoices()
{
    std::vector<KernelChoice> out;
    for (const auto& [key, m] : tuning::allChoices()) {
        const auto dot = key.find(" · ");
        KernelChoice c;
        c.op = key.substr(0, dot);
        c.shape = dot == std::string::npos ? std::string() : key.substr(dot + std::string(" · ").size());
        c.chosen = m.chosen;
        c.millis = m.millis;
        out.push_back(std::move(c));
    }
    return out;
}

std::string kernelChoiceCachePath() { return tuning::choiceCachePath(); }

void setKernelTuningNotice(std::function<void(const std::string&)> notice) { tuning::setTuningNotice(std::move(notice)); }

void releaseFreeMemory()
{
    torchutil::trimMemoryPool();
    malloc_trim(0);
}

} // namespace pictor
