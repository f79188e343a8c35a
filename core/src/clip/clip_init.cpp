#include "clip_init.h"

#include <pictor/error.h>

#include <ATen/ATen.h>

#include <cmath>

namespace pictor::clip {

namespace {

void addBlock(torchutil::TensorMap& m, const std::string& p, int64_t w, int layers, at::Generator& gen)
{
    const double attnStd = std::pow(double(w), -0.5);
    const double projStd = attnStd * std::pow(2.0 * layers, -0.5);
    const double fcStd = std::pow(2.0 * double(w), -0.5);
    auto normal = [&](at::IntArrayRef shape, double std) { return at::normal(0.0, std, shape, gen); };
    m[p + "attn.in_proj_weight"] = normal({3 * w, w}, attnStd);
    m[p + "attn.in_proj_bias"] = at::zeros({3 * w});
    m[p + "attn.out_proj.weight"] = normal({w, w}, projStd);
    m[p + "attn.out_proj.bias"] = at::zeros({w});
    m[p + "ln_1.weight"] = at::ones({w});
    m[p + "ln_1.bias"] = at::zeros({w});
    m[p + "ln_2.weight"] = at::ones({w});
    m[p + "ln_2.bias"] = at::zeros({w});
    m[p + "mlp.c_fc.weight"] = normal({4 * w, w}, fcStd);
    m[p + "mlp.c_fc.bias"] = at::zeros({4 * w});
    m[p + "mlp.c_proj.weight"] = normal({w, 4 * w}, projStd);
    m[p + "mlp.c_proj.bias"] = at::zeros({w});
}

} // namespace

ClipConfig vitB32Config()
{
    ClipConfig c;
    c.vit = true;
    c.embedDim = 512;
    c.imageResolution = 224;
    c.visionLayers = {12};
    c.visionWidth = 768;
    c.visionPatch = 32;
    c.visionHeads = 12;
    c.contextLength = 77;
    c.vocabSize = 49408;
    c.textWidth = 512;
    c.textHeads = 8;
    c.textLayers = 12;
    return c;
}

ClipConfig vitL14Config()
{
    ClipConfig c = vitB32Config();
    c.embedDim = 768;
    c.visionLayers = {24};
    c.visionWidth = 1024;
    c.visionPatch = 14;
    c.visionHeads = 16;
    c.textWidth = 768;
    c.textHeads = 12;
    return c;
}

torchutil::TensorMap initClipWeights(const ClipConfig& c, uint64_t seed)
{
    if (!c.vit) throw Error("initClipWeights: only ViT image towers can be created");
    at::Generator gen = at::detail::createCPUGenerator(seed);
    torchutil::TensorMap m;
    auto normal = [&](at::IntArrayRef shape, double std) { return at::normal(0.0, std, shape, gen); };
    const int64_t tw = c.textWidth, vw = c.visionWidth, e = c.embedDim;
    m["token_embedding.weight"] = normal({c.vocabSize, tw}, 0.02);
    m["positional_embedding"] = normal({c.contextLength, tw}, 0.01);
    m["ln_final.weight"] = at::ones({tw});
    m["ln_final.bias"] = at::zeros({tw});
    m["text_projection"] = normal({tw, e}, std::pow(double(tw), -0.5));
    m["logit_scale"] = at::full({}, std::log(1.0 / 0.07));
    for (int i = 0; i < c.textLayers; ++i) addBlock(m, "transformer.resblocks." + std::to_string(i) + ".", tw, c.textLayers, gen);

    const double scale = std::pow(double(vw), -0.5);
    const int64_t grid = c.imageResolution / c.visionPatch;
    m["visual.conv1.weight"] = normal({vw, 3, c.visionPatch, c.visionPatch}, std::pow(3.0 * c.visionPatch * c.visionPatch, -0.5));
    m["visual.class_embedding"] = normal({vw}, scale);
    m["visual.positional_embedding"] = normal({grid * grid + 1, vw}, scale);
    m["visual.ln_pre.weight"] = at::ones({vw});
    m["visual.ln_pre.bias"] = at::zeros({vw});
    m["visual.ln_post.weight"] = at::ones({vw});
    m["visual.ln_post.bias"] = at::zeros({vw});
    m["visual.proj"] = normal({vw, e}, scale);
    for (int i = 0; i < c.visionLayers[0]; ++i)
        addBlock(m, "visual.transformer.resblocks." + std::to_string(i) + ".", vw, c.visionLayers[0], gen);
    return m;
}

ClipConfig xlmrBaseVitB32Config()
{
    ClipConfig c = vitB32Config();
    c.textTower = TextTower::XlmRoberta;
    c.quickGelu = false;
    c.vocabSize = 250002;
    c.textWidth = 768;
    c.textHeads = 12;
    c.textLayers = 12;
    c.textIntermediate = 3072;
    c.textPositions = 514;
    c.textProjection = TextProjection::Mlp;
    c.textProjectionHidden = (768 + 512) / 2;
    return c;
}

torchutil::TensorMap initXlmrClipWeights(const ClipConfig& c, uint64_t seed)
{
    // The image tower as OpenAI's; then the text tower replaced by XLM-R's.
    ClipConfig openAi = c;
    openAi.textTower = TextTower::OpenAi;
    openAi.textWidth = 8, openAi.textLayers = 0, openAi.vocabSize = 1, openAi.contextLength = 1;
    torchutil::TensorMap m;
    for (auto& [name, t] : initClipWeights(openAi, seed))
        if (name.compare(0, 7, "visual.") == 0 || name == "logit_scale") m.emplace(name, t);
    at::Generator gen = at::detail::createCPUGenerator(seed + 1);
    auto normal = [&](at::IntArrayRef shape) { return at::normal(0.0, 0.02, shape, gen); };
    const int64_t w = c.textWidth, inner = c.textIntermediate;
    const std::string emb = "text.transformer.embeddings.";
    m[emb + "word_embeddings.weight"] = normal({c.vocabSize, w});
    m[emb + "position_embeddings.weight"] = normal({c.textPositions, w});
    m[emb + "token_type_embeddings.weight"] = normal({1, w});
    m[emb + "LayerNorm.weight"] = at::ones({w});
    m[emb + "LayerNorm.bias"] = at::zeros({w});
    auto linear = [&](const std::string& p, int64_t out, int64_t in) {
        m[p + "weight"] = normal({out, in});
        m[p + "bias"] = at::zeros({out});
    };
    auto layerNorm = [&](const std::string& p) {
        m[p + "LayerNorm.weight"] = at::ones({w});
        m[p + "LayerNorm.bias"] = at::zeros({w});
    };
    for (int i = 0; i < c.textLayers; ++i) {
        const std::string p = "text.transformer.encoder.layer." + std::to_string(i) + ".";
        for (const char* qkv : {"query.", "key.", "value."}) linear(p + "attention.self." + qkv, w, w);
        linear(p + "attention.output.dense.", w, w);
        layerNorm(p + "attention.output.");
        linear(p + "intermediate.dense.", inner, w);
        linear(p + "output.dense.", w, inner);
        layerNorm(p + "output.");
    }
    if (c.textProjection == TextProjection::Mlp) {
        m["text.proj.0.weight"] = normal({c.textProjectionHidden, w});
        m["text.proj.2.weight"] = normal({c.embedDim, c.textProjectionHidden});
    } else {
        m["text.proj.weight"] = normal({c.embedDim, w});
    }
    return m;
}

} // namespace pictor::clip
