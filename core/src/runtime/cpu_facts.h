#pragma once
// What /proc/cpuinfo says about the first CPU: read by the runtime report and by the kernel-choice
// cache's machine key.
#include <string>

namespace pictor {

/// The first CPU's model name and feature flags, read from /proc/cpuinfo in one pass.
struct CpuFacts {
    std::string model;
    std::string flags; ///< space-separated, with a space at each end so " name " finds whole flags
    bool has(const char* flag) const { return flags.find(std::string(" ") + flag + " ") != std::string::npos; }
};

CpuFacts readCpu();

} // namespace pictor
