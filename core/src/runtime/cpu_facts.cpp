#include "cpu_facts.h"

#include <algorithm>
#include <fstream>

namespace pictor {

CpuFacts readCpu()
{
    CpuFacts cpu;
    std::ifstream info("/proc/cpuinfo");
    std::string line;
    auto value = [&] {
        const auto colon = line.find(':');
        return colon == std::string::npos ? std::string() : line.substr(std::min(line.size(), colon + 2));
    };
    while ((cpu.model.empty() || cpu.flags.empty()) && std::getline(info, line)) {
        if (cpu.model.empty() && line.compare(0, 10, "model name") == 0) cpu.model = value();
        else if (cpu.flags.empty() && line.compare(0, 5, "flags") == 0) cpu.flags = " " + value() + " ";
    }
    return cpu;
}

} // namespace pictor
