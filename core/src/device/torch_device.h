#pragma once
// The engine's side of a device choice: the ATen device for an id that chooseDevice() gave, and the
// recognition of a GPU's out-of-memory error, which a run turns into a message with the numbers.
#include <c10/core/Device.h>

#include <string>

namespace pictor::device {

/// "cpu" -> the CPU, "cuda:N" -> CUDA device N (ids as chooseDevice() returns them).
c10::Device torchDevice(const std::string& id);

/// Whether an error LibTorch raised is a GPU running out of memory.
bool isOutOfMemory(const std::string& message);

/// The message a run ends with when the GPU runs out of memory at this size: what happened, the card's
/// numbers, and what to change. Releases the allocator's cache first, so the memory is back for the next run.
std::string outOfMemoryMessage(const c10::Device& device, int width, int height, int cutn);

} // namespace pictor::device
