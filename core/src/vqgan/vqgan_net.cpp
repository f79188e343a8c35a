#include "vqgan_net.h"

#include "constant_weight_conv.h"
#include "group_norm_cl.h"
#include "upsample_conv.h"

#include "../torch/swish.h"

#include <pictor/error.h>

#include <ATen/ATen.h>

#include <cmath>

namespace pictor::vqgan {

VqganNet::VqganNet(VqganConfig config, torchutil::TensorMap weights, std::string what)
    : m_config(std::move(config)), m_weights(std::move(weights)), m_what(std::move(what))
{
}

at::Tensor VqganNet::conv(const at::Tensor& x, const std::string& p, int stride, int padding) const
{
    const at::Tensor& weight = w(p + "weight");
    int pad = padding >= 0 ? padding : int(weight.size(-1) / 2);
    const bool wrap = m_circular && pad > 0;
    const at::Tensor in = wrap ? wrapPad(x, pad) : x;
    if (wrap) pad = 0;
    if (!m_tamingOps && stride == 1 && (wrap || pad == weight.size(-1) / 2) && constantWeightsBackward(in, weight))
        return constantWeightConv(in, weight, w(p + "bias"), pad);
    return at::conv2d(in, weight, w(p + "bias"), stride, pad);
}

bool VqganNet::constantWeightsBackward(const at::Tensor& x, const at::Tensor& weight)
{
    return x.requires_grad() && at::GradMode::is_enabled() && !weight.requires_grad();
}

bool VqganNet::channelsLastBackward(const at::Tensor& x, const at::Tensor& weight) const
{
    return m_channelsLast && constantWeightsBackward(x, weight) && x.is_contiguous(at::MemoryFormat::ChannelsLast);
}

at::Tensor VqganNet::norm(const at::Tensor& x, const std::string& p) const
{
    const at::Tensor& weight = w(p + "weight");
    if (channelsLastBackward(x, weight)) return groupNormChannelsLast(x, m_config.normGroups, weight, w(p + "bias"), 1e-6);
    if (groupNormInFp32(x))
        return at::group_norm(x.to(at::kFloat), m_config.normGroups, weight.to(at::kFloat), w(p + "bias").to(at::kFloat), 1e-6).to(x.scalar_type());
    return at::group_norm(x, m_config.normGroups, weight, w(p + "bias"), 1e-6);
}

at::Tensor VqganNet::normSwish(const at::Tensor& x, const std::string& p) const
{
    const at::Tensor& weight = w(p + "weight");
    // Only x is kept for the backward pass, in either layout (NCHW where the fp32 decoder measures it faster).
    const bool layoutKnown = m_channelsLast ? x.is_contiguous(at::MemoryFormat::ChannelsLast) : x.is_contiguous();
    if (!m_tamingOps && constantWeightsBackward(x, weight) && layoutKnown)
        return groupNormSwishChannelsLast(x, m_config.normGroups, weight, w(p + "bias"), 1e-6);
    return swish(norm(x, p));
}

at::Tensor VqganNet::swish(const at::Tensor& x) const
{
    // x * sigmoid(x) as taming writes it, or the same function as one fused kernel each way.
    return m_tamingOps ? x * at::sigmoid(x) : torchutil::swish(x);
}

at::Tensor VqganNet::resBlock(const at::Tensor& x, const std::string& p) const
{
    at::Tensor h = conv(normSwish(x, p + "norm1."), p + "conv1.");
    h = conv(normSwish(h, p + "norm2."), p + "conv2.");
    const at::Tensor shortcut = has(p + "nin_shortcut.weight") ? conv(x, p + "nin_shortcut.") : x;
    return shortcut + h;
}

at::Tensor VqganNet::attnBlock(const at::Tensor& x, const std::string& p) const
{
    const at::Tensor h = norm(x, p + "norm.");
    const int64_t b = x.size(0), c = x.size(1), hh = x.size(2), ww = x.size(3);
    const at::Tensor q = conv(h, p + "q.").reshape({b, c, hh * ww}).transpose(1, 2); // [b, hw, c]
    const at::Tensor k = conv(h, p + "k.").reshape({b, c, hh * ww});                  // [b, c, hw]
    const at::Tensor v = conv(h, p + "v.").reshape({b, c, hh * ww});
    const at::Tensor attn = at::softmax(at::bmm(q, k) * (1.0 / std::sqrt(double(c))), 2); // [b, hw(q), hw(k)]
    at::Tensor out = at::bmm(v, attn.transpose(1, 2)).reshape({b, c, hh, ww});
    if (m_channelsLast) out = out.contiguous(at::MemoryFormat::ChannelsLast);
    return x + conv(out, p + "proj_out.");
}

at::Tensor VqganNet::encodePreQuant(const at::Tensor& input) const
{
    const int f = m_config.factor();
    if (input.dim() != 4 || input.size(1) != 3 || input.size(2) % f || input.size(3) % f)
        throw Error("VQGAN input must be [N,3,H,W] with H and W multiples of " + std::to_string(f));
    at::Tensor h = m_channelsLast ? input.contiguous(at::MemoryFormat::ChannelsLast) : input;
    h = conv(h, "encoder.conv_in.");
    const int levels = m_config.levels();
    for (int i = 0; i < levels; ++i) {
        const std::string p = "encoder.down." + std::to_string(i) + ".";
        for (int j = 0; j < m_config.numResBlocks; ++j) {
            h = resBlock(h, p + "block." + std::to_string(j) + ".");
            if (m_config.encoderAttn[std::size_t(i)]) h = attnBlock(h, p + "attn." + std::to_string(j) + ".");
        }
        if (i + 1 < levels) {
            // taming pads right and bottom by one before its stride-2 convolution; a tile wraps instead.
            const at::Tensor padded = m_circular ? wrapPad(h, 1).narrow(2, 1, h.size(2) + 1).narrow(3, 1, h.size(3) + 1) : at::constant_pad_nd(h, {0, 1, 0, 1}, 0);
            h = conv(padded, p + "downsample.conv.", 2, 0);
        }
    }
    h = resBlock(h, "encoder.mid.block_1.");
    h = attnBlock(h, "encoder.mid.attn_1.");
    h = resBlock(h, "encoder.mid.block_2.");
    h = conv(swish(norm(h, "encoder.norm_out.")), "encoder.conv_out.");
    return conv(h, "quant_conv.");
}

const at::Tensor& VqganNet::codebook() const
{
    return m_config.gumbel ? w("quantize.embed.weight") : w("quantize.embedding.weight");
}

at::Tensor VqganNet::codeIndices(const at::Tensor& z) const
{
    if (m_config.gumbel) return conv(z, "quantize.proj.").argmax(1);
    // ||z||² + ||e||² − 2 z·e, argmin over codes, as the reference computes it.
    const at::Tensor flat = z.permute({0, 2, 3, 1}).reshape({-1, z.size(1)});
    const at::Tensor& book = codebook();
    const at::Tensor d = flat.pow(2).sum(1, true) + book.pow(2).sum(1).unsqueeze(0) - 2 * at::matmul(flat, book.t());
    return d.argmin(1).reshape({z.size(0), z.size(2), z.size(3)});
}

at::Tensor VqganNet::codesToLatent(const at::Tensor& indices) const
{
    if (indices.numel() && (indices.min().item<int64_t>() < 0 || indices.max().item<int64_t>() >= m_config.nEmbed))
        throw Error("code index outside the codebook of '" + m_what + "' (" + std::to_string(m_config.nEmbed) + " codes)");
    return at::embedding(codebook(), indices).permute({0, 3, 1, 2}).contiguous();
}

at::Tensor VqganNet::decode(const at::Tensor& zIn) const
{
    at::Tensor z = m_channelsLast ? zIn.contiguous(at::MemoryFormat::ChannelsLast) : zIn;
    at::Tensor h = conv(conv(z, "post_quant_conv."), "decoder.conv_in.");
    h = resBlock(h, "decoder.mid.block_1.");
    h = attnBlock(h, "decoder.mid.attn_1.");
    h = resBlock(h, "decoder.mid.block_2.");
    for (int i = m_config.levels() - 1; i >= 0; --i) {
        const std::string p = "decoder.up." + std::to_string(i) + ".";
        for (int j = 0; j <= m_config.numResBlocks; ++j) {
            h = resBlock(h, p + "block." + std::to_string(j) + ".");
            if (m_config.decoderAttn[std::size_t(i)]) h = attnBlock(h, p + "attn." + std::to_string(j) + ".");
        }
        if (i > 0) {
            if (m_tamingOps) h = conv(at::upsample_nearest2d(h, {h.size(2) * 2, h.size(3) * 2}), p + "upsample.conv.");
            else h = upsampleConv(h, w(p + "upsample.conv.weight"), w(p + "upsample.conv.bias"), m_circular);
        }
    }
    return conv(normSwish(h, "decoder.norm_out."), "decoder.conv_out.");
}

at::Tensor VqganNet::fullResolutionBlock(const at::Tensor& x) const
{
    // Block 1 keeps its width (block 0 may change it from the level below); a model with one block per level has only block 0.
    const std::string p = "decoder.up.0.block." + std::to_string(m_config.numResBlocks >= 1 ? 1 : 0) + ".";
    return resBlock(m_channelsLast ? x.contiguous(at::MemoryFormat::ChannelsLast) : x.contiguous(), p);
}

void VqganNet::useChannelsLast()
{
    for (auto& [name, t] : m_weights)
        if (t.dim() == 4) t = t.contiguous(at::MemoryFormat::ChannelsLast);
    m_channelsLast = true;
}

void VqganNet::convertWeights(c10::ScalarType type)
{
    for (auto& [name, t] : m_weights)
        if (at::isFloatingType(t.scalar_type())) t = t.to(type);
}

int64_t VqganNet::parameterCount() const
{
    int64_t n = 0;
    for (const auto& [name, t] : m_weights) n += t.numel();
    return n;
}

} // namespace pictor::vqgan
