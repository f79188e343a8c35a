#include "clip_net.h"

#include "fp32_kernels.h"
#include "xlmr_text_tower.h"

#include "../torch/swish.h"

#include <pictor/error.h>

#include <ATen/ATen.h>

#include <cmath>

namespace pictor::clip {

ClipNet::ClipNet(ClipConfig config, torchutil::TensorMap weights, std::string what)
    : m_config(std::move(config)), m_weights(std::move(weights)), m_what(std::move(what))
{
}

at::Tensor ClipNet::layerNorm(const at::Tensor& x, const std::string& p) const
{
    // CLIP's LayerNorm computes in fp32 whatever the input type.
    const at::Tensor y = at::layer_norm(x.to(at::kFloat), {x.size(-1)}, w(p + "weight").to(at::kFloat), w(p + "bias").to(at::kFloat), 1e-5);
    return y.to(x.scalar_type());
}

at::Tensor ClipNet::dense(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) const
{
    return m_fp32Kernels && m_kernels.oneDnnDense && x.scalar_type() == at::kFloat ? denseFp32(x, weight, bias) : at::linear(x, weight, bias);
}

at::Tensor ClipNet::block(const at::Tensor& x, const std::string& p, int heads, const at::Tensor& mask, bool firstTokenOnly) const
{
    const int64_t n = x.size(0), len = x.size(1), d = x.size(2), hd = d / heads;
    at::Tensor y = layerNorm(x, p + "ln_1.");
    const at::Tensor& inW = w(p + "attn.in_proj_weight");
    const at::Tensor& inB = w(p + "attn.in_proj_bias");
    at::Tensor q, k, v;
    if (firstTokenOnly) {
        // Only the first token's output is read after this block (the image tower's last layer): its
        // query, attention, projection and MLP are the only ones computed. Keys and values still come
        // from every token, so the result is the full block's first row.
        const at::Tensor kv = dense(y, inW.narrow(0, d, 2 * d), inB.narrow(0, d, 2 * d));
        const auto parts = kv.view({n, len, 2, heads, hd}).permute({2, 0, 3, 1, 4}).unbind(0);
        k = parts[0];
        v = parts[1];
        q = dense(y.narrow(1, 0, 1), inW.narrow(0, 0, d), inB.narrow(0, 0, d)).view({n, 1, heads, hd}).transpose(1, 2);
    } else {
        const at::Tensor qkv = dense(y, inW, inB);
        // unbind, not three selects: its backward stacks the three gradients in one pass instead of
        // zero-filling three qkv-sized tensors and adding them.
        const auto parts = qkv.view({n, len, 3, heads, hd}).permute({2, 0, 3, 1, 4}).unbind(0); // 3 x [N, H, L, hd]
        q = parts[0];
        k = parts[1];
        v = parts[2];
    }
    const double qScale = m_scalesFolded ? 1.0 : 1.0 / std::sqrt(double(hd));
    at::Tensor attn;
    if (m_fp32Kernels && m_kernels.headAttention && !mask.defined() && q.scalar_type() == at::kFloat) {
        attn = headAttentionFp32(q, k, v, qScale); // the scale rides in the products
    } else {
        if (qScale != 1.0) q = q * qScale;
        at::Tensor scores = at::matmul(q, k.transpose(-2, -1));
        if (mask.defined()) scores = scores + mask.to(scores.scalar_type());
        attn = at::matmul(at::softmax(scores, -1), v);
    }
    const int64_t rows = q.size(2);
    y = dense(attn.transpose(1, 2).reshape({n, rows, d}), w(p + "attn.out_proj.weight"), w(p + "attn.out_proj.bias"));
    at::Tensor out = (firstTokenOnly ? x.narrow(1, 0, 1) : x) + y;
    y = dense(layerNorm(out, p + "ln_2."), w(p + "mlp.c_fc.weight"), w(p + "mlp.c_fc.bias"));
    if (m_scalesFolded && m_config.quickGelu) y = torchutil::swish(y); // c_fc already scaled by 1.702, c_proj by 1/1.702
    else if (m_config.quickGelu && m_fp32Kernels) y = at::silu(y * 1.702) * (1.0 / 1.702); // x·σ(1.702x), keeping one tensor for backward
    else y = m_config.quickGelu ? y * at::sigmoid(1.702 * y) : at::gelu(y);
    return out + dense(y, w(p + "mlp.c_proj.weight"), w(p + "mlp.c_proj.bias"));
}

at::Tensor ClipNet::visionBlock(const at::Tensor& x, int layer) const
{
    return block(x, "visual.transformer.resblocks." + std::to_string(layer) + ".", m_config.visionHeads, {});
}

at::Tensor ClipNet::transformer(at::Tensor x, const std::string& prefix, int layers, int heads, const at::Tensor& mask) const
{
    for (int i = 0; i < layers; ++i) x = block(x, prefix + std::to_string(i) + ".", heads, mask);
    return x;
}

at::Tensor ClipNet::encodeVit(const at::Tensor& images) const
{
    const int64_t n = images.size(0);
    at::Tensor x = at::conv2d(images, w("visual.conv1.weight"), {}, m_config.visionPatch);
    const int64_t width = x.size(1);
    x = x.flatten(2).transpose(1, 2); // [N, grid², width]
    const at::Tensor cls = w("visual.class_embedding").to(x.scalar_type()).view({1, 1, width}).expand({n, 1, width});
    x = at::cat({cls, x}, 1) + w("visual.positional_embedding").to(x.scalar_type());
    x = layerNorm(x, "visual.ln_pre.");
    const int layers = m_config.visionLayers[0];
    const std::string prefix = "visual.transformer.resblocks.";
    const int full = m_lastBlockClassTokenOnly ? layers - 1 : layers;
    x = transformer(x, prefix, full, m_config.visionHeads, {});
    if (full < layers) x = block(x, prefix + std::to_string(layers - 1) + ".", m_config.visionHeads, {}, /*firstTokenOnly=*/true);
    x = layerNorm(x.select(1, 0), "visual.ln_post.");
    return at::matmul(x, w("visual.proj"));
}

at::Tensor ClipNet::batchNorm(const at::Tensor& x, const std::string& p) const
{
    return at::batch_norm(x, w(p + "weight"), w(p + "bias"), w(p + "running_mean"), w(p + "running_var"), false, 0.1, 1e-5, false);
}

at::Tensor ClipNet::bottleneck(const at::Tensor& x, const std::string& p, int stride) const
{
    at::Tensor out = at::relu(batchNorm(at::conv2d(x, w(p + "conv1.weight")), p + "bn1."));
    out = at::relu(batchNorm(at::conv2d(out, w(p + "conv2.weight"), {}, 1, 1), p + "bn2."));
    if (stride > 1) out = at::avg_pool2d(out, stride);
    out = batchNorm(at::conv2d(out, w(p + "conv3.weight")), p + "bn3.");
    at::Tensor identity = x;
    if (m_weights.count(p + "downsample.0.weight")) {
        if (stride > 1) identity = at::avg_pool2d(identity, stride);
        identity = batchNorm(at::conv2d(identity, w(p + "downsample.0.weight")), p + "downsample.1.");
    }
    return at::relu(out + identity);
}

at::Tensor ClipNet::attentionPool(const at::Tensor& x) const
{
    // Tokens: the mean of the feature map followed by every position; only the mean token queries.
    const int64_t n = x.size(0), c = x.size(1), heads = m_config.visionHeads, hd = c / heads;
    at::Tensor t = x.flatten(2).permute({0, 2, 1});               // [N, HW, C]
    t = at::cat({t.mean(1, true), t}, 1) + w("visual.attnpool.positional_embedding").to(t.scalar_type());
    const int64_t len = t.size(1);
    const at::Tensor q = at::linear(t.narrow(1, 0, 1), w("visual.attnpool.q_proj.weight"), w("visual.attnpool.q_proj.bias"))
                             .view({n, 1, heads, hd}).transpose(1, 2) * (1.0 / std::sqrt(double(hd)));
    const at::Tensor k = at::linear(t, w("visual.attnpool.k_proj.weight"), w("visual.attnpool.k_proj.bias")).view({n, len, heads, hd}).transpose(1, 2);
    const at::Tensor v = at::linear(t, w("visual.attnpool.v_proj.weight"), w("visual.attnpool.v_proj.bias")).view({n, len, heads, hd}).transpose(1, 2);
    const at::Tensor o = at::matmul(at::softmax(at::matmul(q, k.transpose(-2, -1)), -1), v); // [N, H, 1, hd]
    return at::linear(o.transpose(1, 2).reshape({n, c}), w("visual.attnpool.c_proj.weight"), w("visual.attnpool.c_proj.bias"));
}

at::Tensor ClipNet::encodeResNet(const at::Tensor& images) const
{
    at::Tensor x = images;
    if (m_channelsLast) x = x.contiguous(at::MemoryFormat::ChannelsLast);
    x = at::relu(batchNorm(at::conv2d(x, w("visual.conv1.weight"), {}, 2, 1), "visual.bn1."));
    x = at::relu(batchNorm(at::conv2d(x, w("visual.conv2.weight"), {}, 1, 1), "visual.bn2."));
    x = at::relu(batchNorm(at::conv2d(x, w("visual.conv3.weight"), {}, 1, 1), "visual.bn3."));
    x = at::avg_pool2d(x, 2);
    for (int layer = 0; layer < 4; ++layer)
        for (int b = 0; b < m_config.visionLayers[std::size_t(layer)]; ++b)
            x = bottleneck(x, "visual.layer" + std::to_string(layer + 1) + "." + std::to_string(b) + ".", layer > 0 && b == 0 ? 2 : 1);
    return attentionPool(x.contiguous());
}

at::Tensor ClipNet::encodeImage(const at::Tensor& images) const
{
    if (images.dim() != 4 || images.size(1) != 3)
        throw Error("CLIP image input must be [N,3,H,W]");
    const int r = m_config.imageResolution;
    if (images.size(2) != r || images.size(3) != r)
        throw Error("'" + m_what + "' expects " + std::to_string(r) + "x" + std::to_string(r) + " images");
    return m_config.vit ? encodeVit(images) : encodeResNet(images);
}

at::Tensor ClipNet::encodeText(const at::Tensor& tokens, TextPooling pooling, int endId) const
{
    const int64_t n = tokens.size(0), len = tokens.size(1);
    if (len > m_config.contextLength) throw Error("text longer than the model's context of " + std::to_string(m_config.contextLength) + " tokens");
    if (tokens.numel() && (tokens.max().item<int64_t>() >= m_config.vocabSize || tokens.min().item<int64_t>() < 0))
        throw Error("token id outside the vocabulary of '" + m_what + "' (does the tokenizer match the model?)");
    if (m_config.textTower == TextTower::XlmRoberta) return encodeXlmrText(m_weights, m_config, tokens, m_what);
    const at::Tensor& emb = w("token_embedding.weight");
    at::Tensor x = at::embedding(emb, tokens) + w("positional_embedding").narrow(0, 0, len).to(emb.scalar_type());
    // Causal mask: -inf above the diagonal. Later positions never influence earlier ones, so
    // running only up to the longest text gives the same features as padding to 77.
    const at::Tensor mask = at::full({len, len}, -std::numeric_limits<float>::infinity(), emb.options().dtype(at::kFloat)).triu(1);
    x = transformer(x, "transformer.resblocks.", m_config.textLayers, m_config.textHeads, mask);
    x = layerNorm(x, "ln_final.");
    at::Tensor index;
    if (pooling == TextPooling::ArgmaxId) {
        index = tokens.argmax(-1);
    } else {
        // first end token; a text without one pools at its last position
        const at::Tensor isEnd = tokens.eq(endId);
        const at::Tensor positions = at::arange(len, tokens.options()).unsqueeze(0).expand({n, len});
        const at::Tensor masked = at::where(isEnd, positions, at::full_like(positions, len - 1));
        index = std::get<0>(masked.min(-1));
    }
    const at::Tensor flat = x.reshape({n * len, x.size(2)});
    const at::Tensor picked = flat.index_select(0, at::arange(n, tokens.options()) * len + index);
    return at::matmul(picked, w("text_projection"));
}

double ClipNet::logitScale() const
{
    auto it = m_weights.find("logit_scale");
    if (it == m_weights.end()) return 1.0 / 0.07;
    return std::min(100.0, std::exp(it->second.to(at::kDouble).item<double>()));
}

int64_t ClipNet::parameterCount() const
{
    int64_t n = 0;
    for (const auto& [name, t] : m_weights) n += t.numel();
    return n;
}

void ClipNet::moveTo(c10::Device device)
{
    for (auto& [name, t] : m_weights) t = t.to(device);
}

c10::Device ClipNet::device() const { return m_weights.empty() ? c10::Device(c10::kCPU) : m_weights.begin()->second.device(); }

void ClipNet::convertWeights(c10::ScalarType type)
{
    for (auto& [name, t] : m_weights)
        if (at::isFloatingType(t.scalar_type())) t = t.to(type);
}

std::unique_ptr<ClipNet> ClipNet::imageTowerCopy(c10::ScalarType type, bool foldScales) const
{
    torchutil::TensorMap visual;
    for (const auto& [name, t] : m_weights)
        if (name.compare(0, 7, "visual.") == 0) visual.emplace(name, t);
    auto copy = std::make_unique<ClipNet>(m_config, std::move(visual), m_what);
    if (m_config.vit && foldScales) copy->foldScales();
    if (type != at::kFloat) copy->convertWeights(type);
    return copy;
}

void ClipNet::foldScales()
{
    // x * sigmoid(1.702 x) = silu(1.702 x) / 1.702: with 1.702 moved into c_fc and 1/1.702 into
    // c_proj, the activation is one fused silu (one pass forward, one backward, instead of five),
    // and the query scaling moves into the q rows of in_proj. Same function, new tensors (the
    // originals are shared with the model this copy came from).
    const int64_t width = w("visual.conv1.weight").size(0), hd = width / m_config.visionHeads;
    const double qScale = 1.0 / std::sqrt(double(hd));
    for (int i = 0; i < m_config.visionLayers[0]; ++i) {
        const std::string p = "visual.transformer.resblocks." + std::to_string(i) + ".";
        for (const char* name : {"attn.in_proj_weight", "attn.in_proj_bias"}) {
            at::Tensor t = w(p + name).to(at::kFloat).clone();
            t.narrow(0, 0, width).mul_(qScale);
            m_weights[p + name] = t;
        }
        if (!m_config.quickGelu) continue;
        m_weights[p + "mlp.c_fc.weight"] = w(p + "mlp.c_fc.weight").to(at::kFloat) * 1.702;
        m_weights[p + "mlp.c_fc.bias"] = w(p + "mlp.c_fc.bias").to(at::kFloat) * 1.702;
        m_weights[p + "mlp.c_proj.weight"] = w(p + "mlp.c_proj.weight").to(at::kFloat) * (1.0 / 1.702);
    }
    m_scalesFolded = true;
}

void ClipNet::useChannelsLast()
{
    for (auto& [name, t] : m_weights)
        if (t.dim() == 4) t = t.contiguous(at::MemoryFormat::ChannelsLast);
    m_channelsLast = true;
}

} // namespace pictor::clip
