#pragma once
// Picks the fastest of several ways to compute the same thing by timing them on this machine.
//
// Why: which kernel wins depends on the CPU, not on its ISA's name. On an AVX-512 EPYC oneDNN's
// 1x1 convolution runs CLIP's linear layers 2-3x faster than OpenBLAS; on AVX2 machines the same
// choice made the engine slower than a plain LibTorch loop. Timing the candidates on the real
// shapes, once per machine, is cheaper than being wrong on every step after.
#include <functional>
#include <string>
#include <vector>

namespace pictor::tuning {

struct Candidate {
    std::string name;
    std::function<void()> run; ///< one use at the real shapes (forward and backward where the run does both)
};

/// The name of the fastest candidate for `op` at `shape`.
/// From the cache when this machine measured it before; else each candidate runs once to warm up,
/// then they take turns for three rounds (more while they are fast) and the medians decide; the
/// result is stored (choice_cache.h). The first candidate is the default: another must beat it by
/// 3 % to be chosen, so that a near-tie does not flip between runs.
/// PICTOR_KERNELS=defaults takes the first candidate without measuring.
std::string chooseKernel(const std::string& op, const std::string& shape, const std::vector<Candidate>& candidates);

/// Forgets this process's choices, so the next chooseKernel reads the cache again (as a new process would).
void forgetChoicesInMemory();

/// Receives one line when measuring starts, once per sink set (the CLI prints it, the window shows it
/// for the run that set it).
void setTuningNotice(std::function<void(const std::string&)> notice);

} // namespace pictor::tuning
