// Model files: torch zip / TorchScript / Lightning archives (zip reader + unpickler), safetensors,
// and taming's model.yaml. Every tensor a reader accepts is also read back byte for byte, so a
// bound the reader promised but did not check shows up here as a sanitizer report.
#include "../fuzz_entries.h"

#include "checkpoint/byte_source.h"
#include "checkpoint/checkpoint.h"
#include "checkpoint/safetensors.h"
#include "clip/clip_config.h"
#include "vqgan/vqgan_config.h"

#include <pictor/error.h>

namespace pictor::fuzz {

namespace {

void readEveryTensor(const ckpt::TensorList& tensors)
{
    std::string buffer;
    for (const auto& [name, t] : tensors) {
        const uint64_t bytes = t.extentBytes();
        if (bytes > (64u << 20)) continue; // validated already; reading it adds nothing but time
        buffer.resize(bytes);
        if (bytes) t.source->read(t.storageByteOffset, buffer.data(), bytes);
    }
}

} // namespace

void checkpoint(const uint8_t* data, std::size_t size)
{
    try {
        const ckpt::Checkpoint c = ckpt::openCheckpoint(ckpt::memorySource(std::string(reinterpret_cast<const char*>(data), size), "fuzz.pt"));
        readEveryTensor(c.tensors);
    } catch (const Error&) {
    }
}

void safetensors(const uint8_t* data, std::size_t size)
{
    try {
        const auto file = ckpt::readSafetensors(ckpt::memorySource(std::string(reinterpret_cast<const char*>(data), size), "fuzz.safetensors"));
        readEveryTensor(file.tensors);
    } catch (const Error&) {
    }
}

void clipConfig(const uint8_t* data, std::size_t size)
{
    try {
        auto file = ckpt::readSafetensors(ckpt::memorySource(std::string(reinterpret_cast<const char*>(data), size), "fuzz.safetensors"));
        if (!clip::looksLikeClip(file.tensors)) return;
        clip::dropNonParameters(file.tensors);
        clip::inferClipConfig(file.tensors, "fuzz.safetensors").describe();
    } catch (const Error&) {
    }
}

void tamingYaml(const uint8_t* data, std::size_t size)
{
    try {
        vqgan::parseTamingYaml(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yaml");
    } catch (const Error&) {
    }
}

} // namespace pictor::fuzz
