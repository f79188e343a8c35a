#pragma once
// The OpenAI CLIP forward pass (clip/model.py) written with ATen functions over a name -> tensor
// map, so the same code runs the published weights, our demo weights and random test weights.
// Gradients flow to the inputs (the generator differentiates through encodeImage).
#include "clip_config.h"

#include "../torch/tensor_loader.h"

#include <memory>
#include <pictor/tokenizer.h>

#include <ATen/core/Tensor.h>

namespace pictor::clip {

/// How a ViT's fp32 products run (fp32_kernels.h); which wins depends on the machine, so the
/// generator measures (tuning/engine_kernels.h).
struct Fp32Kernels {
    bool oneDnnDense = true;   ///< linear layers as oneDNN 1x1 convolutions, else LibTorch's (BLAS)
    bool headAttention = true; ///< attention per (image, head) pair with direct BLAS calls, else batched matmuls
};

class ClipNet {
public:
    ClipNet(ClipConfig config, torchutil::TensorMap weights, std::string what);

    const ClipConfig& config() const { return m_config; }
    /// images: [N,3,R,R], already normalised with the CLIP mean/std. Returns [N, embedDim], raw.
    at::Tensor encodeImage(const at::Tensor& images) const;
    /// tokens: [N,L] int64 with L <= contextLength, padded with the tokenizer's pad id (XLM-R
    /// towers pool over the non-pad tokens and ignore `pooling`). Returns [N, embedDim], raw.
    at::Tensor encodeText(const at::Tensor& tokens, TextPooling pooling, int endId) const;
    /// exp(logit_scale), capped at 100 as CLIP does when training (1/0.07 when absent).
    double logitScale() const;
    int64_t parameterCount() const;
    const torchutil::TensorMap& weights() const { return m_weights; }
    torchutil::TensorMap& weights() { return m_weights; }
    /// Converts every floating weight (used for bf16 benchmarks).
    void convertWeights(c10::ScalarType type);
    /// Lays 4-D convolution weights out channels-last (faster oneDNN kernels).
    void useChannelsLast();
    /// A private copy of the image tower alone, its floating weights in `type` (bf16 copies for
    /// the generator and the gallery).
    /// Without `foldScales`, an fp32 copy shares every weight with this model (no memory of its own).
    /// Moves every weight to `device` (a GPU run's copy; the CPU-only kernels stay off there).
    void moveTo(c10::Device device);
    c10::Device device() const;
    std::unique_ptr<ClipNet> imageTowerCopy(c10::ScalarType type, bool foldScales = true) const;
    /// Whether the ViT's last block computes only the class token's row (the only one read after
    /// it; default). The benchmark's straightforward baseline turns it off, as the reference runs.
    void setLastBlockClassTokenOnly(bool only) { m_lastBlockClassTokenOnly = only; }
    /// Runs the ViT's fp32 linear layers and attention through fp32_kernels.h (the generator's
    /// fp32 path: 2-3x faster products than LibTorch's defaults on an AVX-512 EPYC, the same arithmetic).
    void useFp32Kernels(bool on) { setFp32Kernels(on, {}); }
    /// The fp32 path with the given kernels (each off: LibTorch's own for that product).
    void setFp32Kernels(bool on, Fp32Kernels kernels)
    {
        m_fp32Kernels = on;
        m_kernels = kernels;
    }
    /// One transformer block of the image tower (index `layer`) on tokens [N, L, width]: what the
    /// kernel choice is timed on.
    at::Tensor visionBlock(const at::Tensor& x, int layer) const;

private:
    const at::Tensor& w(const std::string& name) const { return torchutil::require(m_weights, name, m_what); }
    at::Tensor transformer(at::Tensor x, const std::string& prefix, int layers, int heads, const at::Tensor& mask) const;
    at::Tensor block(const at::Tensor& x, const std::string& p, int heads, const at::Tensor& mask, bool firstTokenOnly = false) const;
    at::Tensor layerNorm(const at::Tensor& x, const std::string& p) const;
    at::Tensor dense(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) const;
    at::Tensor batchNorm(const at::Tensor& x, const std::string& p) const;
    at::Tensor encodeVit(const at::Tensor& images) const;
    at::Tensor encodeResNet(const at::Tensor& images) const;
    at::Tensor bottleneck(const at::Tensor& x, const std::string& p, int stride) const;
    at::Tensor attentionPool(const at::Tensor& x) const;
    /// Moves the query scaling and QuickGELU's 1.702 into the weights (ViT image towers).
    void foldScales();

    ClipConfig m_config;
    torchutil::TensorMap m_weights;
    std::string m_what;
    bool m_channelsLast = false;
    bool m_scalesFolded = false;
    bool m_lastBlockClassTokenOnly = true;
    bool m_fp32Kernels = false;
    Fp32Kernels m_kernels;
};

} // namespace pictor::clip
