#include "engine_kernels.h"

#include "kernel_timer.h"

#include "../torch/memory_pool.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/autograd.h>

#include <algorithm>

namespace pictor::tuning {

namespace {

/// Runs fn's output backward with ones, as the loss's gradient would reach it.
void forwardBackward(const at::Tensor& input, const std::function<at::Tensor(const at::Tensor&)>& fn)
{
    c10::InferenceMode normalTensors(false); // also when a caller measures inside an inference-only section
    at::AutoGradMode gradients(true);
    const at::Tensor x = input.detach().clone().requires_grad_(true);
    const at::Tensor y = fn(x);
    torch::autograd::backward({y}, {at::ones_like(y)});
}

} // namespace

clip::Fp32Kernels chooseClipFp32Kernels(clip::ClipNet& tower, int64_t batch)
{
    const clip::ClipConfig& c = tower.config();
    clip::Fp32Kernels kernels;
    if (!c.vit || c.visionPatch <= 0) {
        tower.setFp32Kernels(true, kernels);
        return kernels;
    }
    const int64_t grid = c.imageResolution / c.visionPatch, tokens = grid * grid + 1;
    at::Generator gen = at::detail::createCPUGenerator(7);
    const at::Tensor x = at::randn({batch, tokens, c.visionWidth}, gen);
    const std::string shape = "ViT width " + std::to_string(c.visionWidth) + ", " + std::to_string(c.visionHeads) + " heads, " +
                              std::to_string(tokens) + " tokens x " + std::to_string(batch) + " (a block forward and backward)";
    auto timed = [&](clip::Fp32Kernels k) {
        return [&tower, &x, k] {
            tower.setFp32Kernels(true, k);
            forwardBackward(x, [&](const at::Tensor& in) { return tower.visionBlock(in, 0); });
        };
    };
    clip::Fp32Kernels blas = kernels;
    blas.oneDnnDense = false;
    kernels.oneDnnDense = chooseKernel("clip.dense", shape, {{"oneDNN 1x1 convolution", timed(kernels)}, {"LibTorch linear (BLAS)", timed(blas)}}) ==
                          "oneDNN 1x1 convolution";
    clip::Fp32Kernels batched = kernels;
    batched.headAttention = false;
    kernels.headAttention =
        chooseKernel("clip.attention", shape, {{"per head (BLAS)", timed(kernels)}, {"batched matmul", timed(batched)}}) == "per head (BLAS)";
    tower.setFp32Kernels(true, kernels);
    torchutil::trimMemoryPool(); // what the timing allocated is not a step's memory
    return kernels;
}

bool chooseVqganChannelsLast(vqgan::VqganNet& decoder, int64_t tokensH, int64_t tokensW)
{
    const vqgan::VqganConfig& c = decoder.config();
    // At most 256x256: beyond it both layouts run the same kernels on more pixels (their ratio holds), and a
    // 512x512 block would take seconds per try.
    const int64_t h = std::min<int64_t>(tokensH * c.factor(), 256), w = std::min<int64_t>(tokensW * c.factor(), 256);
    const int64_t width = int64_t(c.ch) * c.chMult.at(0);
    at::Generator gen = at::detail::createCPUGenerator(7);
    const at::Tensor x = at::randn({1, width, h, w}, gen);
    const std::string shape = "VQGAN decoder's full-resolution residual block, " + std::to_string(width) + " channels at " + std::to_string(w) + "x" +
                              std::to_string(h) + " (forward and backward)";
    auto timed = [&](bool channelsLast) {
        return [&decoder, &x, channelsLast] {
            decoder.useChannelsLastActivations(channelsLast);
            forwardBackward(x, [&](const at::Tensor& in) { return decoder.fullResolutionBlock(in); });
        };
    };
    const bool channelsLast = chooseKernel("vqgan.layout", shape, {{"channels-last", timed(true)}, {"NCHW", timed(false)}}) == "channels-last";
    decoder.useChannelsLastActivations(channelsLast);
    torchutil::trimMemoryPool(); // what the timing allocated is not a step's memory
    return channelsLast;
}

} // namespace pictor::tuning
