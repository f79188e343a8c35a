#pragma once
// taming-transformers' VQModel (Encoder, Decoder, VectorQuantizer / GumbelQuantize) as ATen calls
// over a name -> tensor map. Any spatial size that is a multiple of the model's factor works;
// attention sits where the weights put it (fixed by the nominal resolution, as in the reference).
#include "vqgan_config.h"

#include "../torch/tensor_loader.h"

#include <ATen/core/Tensor.h>

namespace pictor::vqgan {

class VqganNet {
public:
    VqganNet(VqganConfig config, torchutil::TensorMap weights, std::string what);

    const VqganConfig& config() const { return m_config; }
    /// x in [-1,1], [N,3,H,W] -> quant_conv(encoder(x)), [N,embedDim,H/f,W/f].
    at::Tensor encodePreQuant(const at::Tensor& x) const;
    /// Nearest codebook entry per position (Gumbel: argmax of quantize.proj), [N,h,w] int64.
    at::Tensor codeIndices(const at::Tensor& preQuant) const;
    /// Codebook rows for indices [N,h,w] -> [N,embedDim,h,w].
    at::Tensor codesToLatent(const at::Tensor& indices) const;
    /// decoder(post_quant_conv(z)) in [-1,1] (not clamped).
    at::Tensor decode(const at::Tensor& z) const;
    /// One residual block of the decoder's last level, which runs at the picture's full resolution
    /// and takes most of a decode's time: x [N, ch * chMult[0], H, W]. What the layout choice is timed on.
    at::Tensor fullResolutionBlock(const at::Tensor& x) const;
    /// The codebook the generator snaps to: [nEmbed, embedDim].
    const at::Tensor& codebook() const;
    /// Lays 4-D weights out channels-last (2.2x faster oneDNN convolutions on this CPU).
    void useChannelsLast();
    /// Runs the activations channels-last but leaves the weights as they are, shared with the model
    /// this net was made from: oneDNN lays each weight out per call (a copy of one kernel, not of the
    /// whole decoder). The fp32 generator uses this; bf16 needs its own converted copy anyway.
    void useChannelsLastActivations(bool on = true) { m_channelsLast = on; }
    /// Runs swish and the decoder's upsampling as taming writes them (x * sigmoid(x); nearest x2
    /// then a 3x3 convolution) instead of the faster forms of the same functions (one fused swish;
    /// upsample_conv.h), and convolutions with LibTorch's own backward (not constant_weight_conv.h).
    /// For the benchmark's baseline and the tests that compare the two.
    void setTamingOps(bool taming) { m_tamingOps = taming; }
    /// Convolutions pad with what lies across the opposite edge instead of zeros, so that a picture
    /// decoded from a latent wraps around without a seam (seamless tiles).
    void setCircular(bool circular) { m_circular = circular; }
    void convertWeights(c10::ScalarType type);
    int64_t parameterCount() const;
    const torchutil::TensorMap& weights() const { return m_weights; }
    torchutil::TensorMap& weights() { return m_weights; }

private:
    const at::Tensor& w(const std::string& name) const { return torchutil::require(m_weights, name, m_what); }
    bool has(const std::string& name) const { return m_weights.count(name) != 0; }
    at::Tensor conv(const at::Tensor& x, const std::string& p, int stride = 1, int padding = -1) const;
    at::Tensor norm(const at::Tensor& x, const std::string& p) const;
    at::Tensor normSwish(const at::Tensor& x, const std::string& p) const;
    /// A backward pass to x through constant weights (the generator's), where our own functions apply.
    static bool constantWeightsBackward(const at::Tensor& x, const at::Tensor& weight);
    /// ... on channels-last activations (group_norm_cl.h).
    bool channelsLastBackward(const at::Tensor& x, const at::Tensor& weight) const;
    at::Tensor resBlock(const at::Tensor& x, const std::string& p) const;
    at::Tensor attnBlock(const at::Tensor& x, const std::string& p) const;
    at::Tensor swish(const at::Tensor& x) const;

    VqganConfig m_config;
    torchutil::TensorMap m_weights;
    std::string m_what;
    bool m_channelsLast = false;
    bool m_tamingOps = false;
    bool m_circular = false;
};

} // namespace pictor::vqgan
