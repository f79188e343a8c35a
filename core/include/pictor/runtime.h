#pragma once
// Process-wide compute settings: LibTorch's thread pool and the BLAS it calls.
#include <string>

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

/// Hands memory freed by a finished run back to the system. Each worker thread's malloc arena
/// otherwise keeps its high-water mark, and a long session (run after run, index pass after index
/// pass) grew its resident size by fragmentation alone.
void releaseFreeMemory();

} // namespace pictor
