// open_clip's multilingual CLIP layout (`xlm-roberta-base-ViT-B-32`, `xlm-roberta-large-ViT-H-14`):
// an OpenAI-named image tower under `visual.`, a Hugging Face XLMRobertaModel under
// `text.transformer.`, open_clip's projection under `text.proj`. Sizes come from the tensors.
#include "clip_config.h"
#include "tensor_shapes.h"

#include <algorithm>

namespace pictor::clip {

namespace {

constexpr const char* kText = "text.transformer.";
// open_clip tokenizes HF text towers to 77 tokens, as CLIP.
constexpr int kOpenClipContext = 77;
// XLM-R numbers positions from pad + 1 = 2, so a text of n tokens reads position n + 1.
constexpr int kPositionOffset = 2;

void expectLayerNorm(const Shapes& s, const std::string& p, int64_t w, const std::string& what)
{
    expect(s, p + "LayerNorm.weight", {w}, what);
    expect(s, p + "LayerNorm.bias", {w}, what);
}

void expectLinear(const Shapes& s, const std::string& p, int64_t out, int64_t in, const std::string& what)
{
    expect(s, p + "weight", {out, in}, what);
    expect(s, p + "bias", {out}, what);
}

} // namespace

bool isUnusedXlmrTensor(const std::string& name)
{
    const std::string pooler = std::string(kText) + "pooler.", emb = std::string(kText) + "embeddings.";
    return name.compare(0, pooler.size(), pooler) == 0 || name == emb + "position_ids" || name == emb + "token_type_ids";
}

ClipConfig inferXlmrClipConfig(const ckpt::TensorList& tensors, const std::string& what)
{
    const Shapes s(tensors);
    ClipConfig c;
    c.textTower = TextTower::XlmRoberta;
    c.quickGelu = false; // open_clip builds these image towers with nn.GELU
    inferVision(s, c, what);
    // open_clip's ViT-H/14 has 80-wide heads (16 of them); the OpenAI-sized towers 64-wide.
    if (c.vit && c.visionWidth == 1280) c.visionHeads = 16;

    const std::string emb = std::string(kText) + "embeddings.";
    c.vocabSize = int(s.dim(emb + "word_embeddings.weight", 0, what));
    c.textWidth = int(s.dim(emb + "word_embeddings.weight", 1, what));
    c.textPositions = int(s.dim(emb + "position_embeddings.weight", 0, what));
    c.textLayers = s.countDistinct(std::string(kText) + "encoder.layer.", 4); // text.transformer.encoder.layer.N
    c.textHeads = c.textWidth / 64 > 0 ? c.textWidth / 64 : 1;
    const std::string layer0 = std::string(kText) + "encoder.layer.0.";
    if (c.textLayers <= 0) throw Error("'" + what + "' is not a complete multilingual CLIP: the XLM-R text tower has no layers");
    c.textIntermediate = int(s.dim(layer0 + "intermediate.dense.weight", 0, what));
    if (c.textPositions <= kPositionOffset) throw Error("'" + what + "': " + emb + "position_embeddings.weight has too few positions");
    c.contextLength = std::min(kOpenClipContext, c.textPositions - kPositionOffset);
    if (s.has("text.proj.0.weight") || s.has("text.proj.2.weight")) {
        c.textProjection = TextProjection::Mlp;
        c.textProjectionHidden = int(s.dim("text.proj.0.weight", 0, what));
        c.embedDim = int(s.dim("text.proj.2.weight", 0, what));
    } else {
        c.textProjection = TextProjection::Linear;
        c.embedDim = int(s.dim("text.proj.weight", 0, what));
    }

    const int64_t w = c.textWidth, inner = c.textIntermediate, e = c.embedDim;
    if (w <= 0 || e <= 0 || c.vocabSize <= 0 || inner <= 0) throw Error("'" + what + "': the XLM-R text tower has an empty dimension");
    expect(s, emb + "word_embeddings.weight", {c.vocabSize, w}, what);
    expect(s, emb + "position_embeddings.weight", {c.textPositions, w}, what);
    expect(s, emb + "token_type_embeddings.weight", {s.dim(emb + "token_type_embeddings.weight", 0, what), w}, what);
    expectLayerNorm(s, emb, w, what);
    for (int i = 0; i < c.textLayers; ++i) {
        const std::string p = std::string(kText) + "encoder.layer." + std::to_string(i) + ".";
        for (const char* qkv : {"query.", "key.", "value."}) expectLinear(s, p + "attention.self." + qkv, w, w, what);
        expectLinear(s, p + "attention.output.dense.", w, w, what);
        expectLayerNorm(s, p + "attention.output.", w, what);
        expectLinear(s, p + "intermediate.dense.", inner, w, what);
        expectLinear(s, p + "output.dense.", w, inner, what);
        expectLayerNorm(s, p + "output.", w, what);
    }
    if (c.textProjection == TextProjection::Mlp) {
        expect(s, "text.proj.0.weight", {c.textProjectionHidden, w}, what);
        expect(s, "text.proj.2.weight", {e, c.textProjectionHidden}, what);
    } else {
        expect(s, "text.proj.weight", {e, w}, what);
    }
    checkVision(s, c, what);
    checkLogitScale(s, what);

    // Callers drop these first (dropNonParameters); a list that still holds them is not refused for them.
    for (const auto& [name, ref] : tensors)
        if (isUnusedXlmrTensor(name)) s.shape(name, what);
    const std::string unknown = s.firstUnread();
    if (!unknown.empty())
        throw Error("'" + what + "': tensor '" + unknown + "' is not part of an open_clip XLM-RoBERTa CLIP (refusing a file it does not understand)");
    return c;
}

} // namespace pictor::clip
