// Device listing and choice: what `--device` and the window's Device setting resolve through.
#include <pictor/device.h>

#include "cuda_facts.h"

#include <pictor/error.h>
#include <pictor/runtime.h>

#include <cstdio>
#include <cstdlib>

namespace pictor {

namespace {

std::string gib(int64_t bytes)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f GiB", double(bytes) / double(1LL << 30));
    return text;
}

std::string describeGpu(const ComputeDevice& d) { return d.id + " (" + d.name + ", " + gib(d.memoryBytes) + ", compute capability " + d.capability + ")"; }

/// What the machine and the LibTorch offer, read once per process: the window asks on every state change and
/// every model load asks again, and the CPU's description costs reads of /proc (runtimeInfo()).
struct Machine {
    std::vector<ComputeDevice> devices; ///< the CPU first, then the GPUs
    std::string torchVersion;
};

const Machine& machine()
{
    static const Machine m = [] {
        Machine out;
        const RuntimeInfo info = runtimeInfo();
        out.torchVersion = info.torchVersion;
        out.devices.push_back({"cpu", info.cpu, 0, {}});
        const int gpus = device::gpuCount();
        for (int i = 0; i < gpus; ++i) {
            const device::GpuFacts f = device::gpuFacts(i);
            out.devices.push_back({"cuda:" + std::to_string(i), f.name, f.memoryBytes, std::to_string(f.major) + "." + std::to_string(f.minor)});
        }
        return out;
    }();
    return m;
}

/// Why there is no GPU to take, in words a user can act on.
std::string whyNoGpu()
{
    if (!libtorchHasCuda())
        return "this LibTorch (" + machine().torchVersion +
               ") was built without CUDA; to compute on an NVIDIA GPU, build Pictor against a CUDA LibTorch from pytorch.org "
               "(README, NVIDIA GPU)";
    const char* visible = std::getenv("CUDA_VISIBLE_DEVICES");
    return "this LibTorch has CUDA but sees no GPU (is the NVIDIA driver loaded?" +
           std::string(visible ? " CUDA_VISIBLE_DEVICES is \"" + std::string(visible) + "\"" : "") + ")";
}

std::string found(const std::vector<ComputeDevice>& devices)
{
    std::string text;
    for (const ComputeDevice& d : devices) text += (text.empty() ? "" : ", ") + (d.id == "cpu" ? "cpu" : describeGpu(d));
    return text;
}

} // namespace

bool libtorchHasCuda()
{
#ifdef PICTOR_WITH_CUDA
    return true;
#else
    return false;
#endif
}

std::vector<ComputeDevice> computeDevices() { return machine().devices; }

std::string deviceRequestSyntax() { return "auto, cpu, cuda or cuda:N"; }

DeviceDecision chooseDevice(const std::string& request)
{
    const std::vector<ComputeDevice>& devices = machine().devices;
    const int gpus = int(devices.size()) - 1;
    if (request.empty() || request == "auto") {
        if (gpus > 0) return {"cuda:0", "auto: the first CUDA device, " + describeGpu(devices[1])};
        return {"cpu", "auto: the CPU, because " + whyNoGpu()};
    }
    if (request == "cpu") return {"cpu", "asked for the CPU"};
    int index = -1;
    if (request == "cuda") {
        index = 0;
    } else if (request.rfind("cuda:", 0) == 0 && request.size() > 5 && request.size() <= 8 &&
               request.find_first_not_of("0123456789", 5) == std::string::npos) {
        index = std::atoi(request.c_str() + 5);
    } else {
        throw Error("Unknown device '" + request + "': use " + deviceRequestSyntax());
    }
    if (gpus == 0) throw Error("Device '" + request + "' was asked for, but " + whyNoGpu() + ". Devices found: " + found(devices) + ".");
    if (index >= gpus)
        throw Error("Device '" + request + "' was asked for, but there " + (gpus == 1 ? "is 1 CUDA device" : "are " + std::to_string(gpus) + " CUDA devices") +
                    " (numbered from 0). Devices found: " + found(devices) + ".");
    return {"cuda:" + std::to_string(index), "asked for " + request + ": " + describeGpu(devices[std::size_t(index) + 1])};
}

} // namespace pictor
