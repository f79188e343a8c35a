#pragma once
// Process-wide compute settings: LibTorch's thread pool and the BLAS it calls.
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace pictor {

/// Sets LibTorch's intra-op threads (0 = every core). Call before heavy work; the inter-op pool
/// is sized once per process.
void setComputeThreads(int threads);
int computeThreads();

struct RuntimeInfo {
    int threads = 0;
    int cores = 0;
    std::string blasLibrary;  ///< resolved path of the BLAS LibTorch calls
    bool referenceBlas = false; ///< the slow netlib BLAS: matrix products 16x slower
    bool blasThreadsContend = false; ///< a pthread OpenBLAS whose threads fight LibTorch's OpenMP ones
    bool bf16 = false;        ///< the CPU has native bf16 dot products (avx512_bf16 / amx)
    std::string cpu;          ///< model name and vector units, e.g. "AMD EPYC, AVX2"
    /// The precision generation steps run in by default, "bf16" or "fp32", and a sentence saying why.
    std::string generationPath;
    std::string generationPathWhy;
    std::string torchVersion;
    std::string opencvVersion;
    std::string qtVersion;
};

RuntimeInfo runtimeInfo();
/// The machine that timings and quality figures were taken on, e.g. "2 cores, AMD EPYC, AVX2, no GPU"
/// (Pictor computes on the CPU only).
std::string machineDescription();
/// A sentence for the user when the BLAS is the slow reference one or a pthread OpenBLAS; empty otherwise.
std::string blasWarning();

/// A kernel choice this machine measured: where the engine has more than one way to compute the
/// same thing, fp32 runs time them at their real shapes once and keep the fastest.
struct KernelChoice {
    std::string op;     ///< e.g. "clip.dense"
    std::string shape;  ///< what was timed, in words
    std::string chosen;
    std::vector<std::pair<std::string, double>> millis; ///< each candidate's median milliseconds
};
/// Every choice cached for this machine (CPU, LibTorch version, threads).
std::vector<KernelChoice> kernelChoices();
/// The file the choices are kept in.
std::string kernelChoiceCachePath();
/// Receives one line when a run starts measuring (a few seconds, once per machine and size).
void setKernelTuningNotice(std::function<void(const std::string&)> notice);

/// Hands memory freed by a finished run back to the system. Each worker thread's malloc arena
/// otherwise keeps its high-water mark, and a long session (run after run, index pass after index
/// pass) grew its resident size by fragmentation alone.
void releaseFreeMemory();

} // namespace pictor
