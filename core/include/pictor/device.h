#pragma once
// Which device computes: the CPU, or an NVIDIA GPU when the LibTorch in use was built with CUDA and
// sees one. Plain strings and numbers, so the window and the CLI can list and choose without torch.
#include <cstdint>
#include <string>
#include <vector>

namespace pictor {

struct ComputeDevice {
    std::string id;          ///< "cpu", "cuda:0", "cuda:1", ...
    std::string name;        ///< "AMD EPYC 9B45, AVX-512 with bf16" or "NVIDIA H200"
    int64_t memoryBytes = 0; ///< the GPU's memory (0 for the CPU: it shares the machine's)
    std::string capability;  ///< CUDA compute capability, e.g. "9.0" (empty for the CPU)
};

/// Every device this build can compute on: the CPU first, then each CUDA device LibTorch sees.
std::vector<ComputeDevice> computeDevices();

/// Whether the LibTorch in use was built with CUDA (Debian's is not; pytorch.org's CUDA builds are).
bool libtorchHasCuda();

struct DeviceDecision {
    std::string id;  ///< "cpu" or "cuda:N"
    std::string why; ///< one sentence: why this device, and for "auto" on the CPU, why no GPU
};

/// What a run asked for ("auto", "cpu", "cuda", "cuda:N"; empty means auto) becomes a device.
/// "auto" takes the first CUDA device when there is one, else the CPU, and says why. A request that
/// cannot be met (cuda without a CUDA LibTorch or GPU, cuda:N past the last device, an unknown name)
/// throws pictor::Error naming what was asked and what was found.
DeviceDecision chooseDevice(const std::string& request);

/// The device names a user may give, for help texts: "auto, cpu, cuda, cuda:N".
std::string deviceRequestSyntax();

} // namespace pictor
