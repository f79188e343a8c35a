#include "xlmr_text_tower.h"

#include <ATen/ATen.h>

#include <cmath>
#include <limits>

namespace pictor::clip {

namespace {

constexpr double kLayerNormEps = 1e-5; // XLM-R's layer_norm_eps

class Weights {
public:
    Weights(const torchutil::TensorMap& map, std::string what) : m_map(map), m_what(std::move(what)) {}
    const at::Tensor& operator()(const std::string& name) const { return torchutil::require(m_map, name, m_what); }
    at::Tensor linear(const at::Tensor& x, const std::string& p) const { return at::linear(x, (*this)(p + "weight"), (*this)(p + "bias")); }
    at::Tensor layerNorm(const at::Tensor& x, const std::string& p) const
    {
        return at::layer_norm(x, {x.size(-1)}, (*this)(p + "LayerNorm.weight"), (*this)(p + "LayerNorm.bias"), kLayerNormEps);
    }

private:
    const torchutil::TensorMap& m_map;
    std::string m_what;
};

} // namespace

at::Tensor encodeXlmrText(const torchutil::TensorMap& map, const ClipConfig& c, const at::Tensor& tokens, const std::string& what)
{
    const Weights w(map, what);
    const int64_t n = tokens.size(0), len = tokens.size(1), width = c.textWidth, heads = c.textHeads, hd = width / heads;
    const at::Tensor keep = tokens.ne(c.textPadId); // [N, L]
    // fairseq positions: the k-th real token sits at pad + k; pads keep position `pad`.
    const at::Tensor keepLong = keep.to(at::kLong);
    const at::Tensor positions = keepLong.cumsum(1) * keepLong + c.textPadId;
    const std::string emb = "text.transformer.embeddings.";
    const at::Tensor& words = w(emb + "word_embeddings.weight");
    at::Tensor x = at::embedding(words, tokens) + at::embedding(w(emb + "position_embeddings.weight"), positions) +
                   w(emb + "token_type_embeddings.weight").select(0, 0);
    x = w.layerNorm(x, emb);

    // Hugging Face adds the float32 minimum, not -inf, on padded keys.
    const at::Tensor keyMask = (1.0 - keep.to(x.scalar_type())).mul(std::numeric_limits<float>::lowest()).view({n, 1, 1, len});
    const double scale = 1.0 / std::sqrt(double(hd));
    for (int i = 0; i < c.textLayers; ++i) {
        const std::string p = "text.transformer.encoder.layer." + std::to_string(i) + ".";
        auto split = [&](const at::Tensor& t) { return t.view({n, len, heads, hd}).transpose(1, 2); };
        const at::Tensor q = split(w.linear(x, p + "attention.self.query."));
        const at::Tensor k = split(w.linear(x, p + "attention.self.key."));
        const at::Tensor v = split(w.linear(x, p + "attention.self.value."));
        const at::Tensor scores = at::matmul(q, k.transpose(-2, -1)) * scale + keyMask;
        const at::Tensor context = at::matmul(at::softmax(scores, -1), v).transpose(1, 2).reshape({n, len, width});
        const at::Tensor attended = w.layerNorm(w.linear(context, p + "attention.output.dense.") + x, p + "attention.output.");
        const at::Tensor hidden = at::gelu(w.linear(attended, p + "intermediate.dense."));
        x = w.layerNorm(w.linear(hidden, p + "output.dense.") + attended, p + "output.");
    }

    const at::Tensor keepF = keep.to(x.scalar_type()).unsqueeze(-1);
    const at::Tensor pooled = (x * keepF).sum(1) / keepF.sum(1);
    if (c.textProjection == TextProjection::Linear) return at::linear(pooled, w("text.proj.weight"));
    return at::linear(at::gelu(at::linear(pooled, w("text.proj.0.weight"))), w("text.proj.2.weight"));
}

} // namespace pictor::clip
