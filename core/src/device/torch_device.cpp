#include "torch_device.h"

#include "cuda_facts.h"

#include <pictor/error.h>

#include <cstdio>

namespace pictor::device {

c10::Device torchDevice(const std::string& id)
{
    if (id.empty() || id == "cpu") return c10::Device(c10::kCPU);
    if (id.rfind("cuda:", 0) == 0) return c10::Device(c10::kCUDA, c10::DeviceIndex(std::stoi(id.substr(5))));
    throw Error("Unknown device '" + id + "'");
}

bool isOutOfMemory(const std::string& message) { return message.find("out of memory") != std::string::npos; }

std::string outOfMemoryMessage(const c10::Device& device, int width, int height, int cutn)
{
    releaseCachedGpuMemory();
    const GpuMemory m = gpuMemory(device.index());
    char numbers[160];
    std::snprintf(numbers, sizeof numbers, "%.1f GiB of %.1f GiB free, the run held up to %.1f GiB", double(m.freeBytes) / (1 << 30),
                  double(m.totalBytes) / (1 << 30), double(m.peakAllocated) / (1 << 30));
    return "The GPU (" + device.str() + ") ran out of memory at " + std::to_string(width) + "x" + std::to_string(height) + " with " +
           std::to_string(cutn) + " cutouts (" + numbers + "). Choose a smaller size or fewer cutouts, or --device cpu.";
}

} // namespace pictor::device
