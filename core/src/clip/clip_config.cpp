#include "clip_config.h"
#include "tensor_shapes.h"

#include <pictor/error.h>

#include <cmath>
#include <map>
#include <set>

namespace pictor::clip {

bool looksLikeClip(const ckpt::TensorList& tensors)
{
    if (looksLikeXlmrClip(tensors)) return true;
    bool text = false, visual = false;
    for (const auto& [name, ref] : tensors) {
        if (name == "text_projection") text = true;
        if (name == "visual.conv1.weight") visual = true;
    }
    return text && visual;
}

bool looksLikeXlmrClip(const ckpt::TensorList& tensors)
{
    bool text = false, visual = false;
    for (const auto& [name, ref] : tensors) {
        if (name == "text.transformer.embeddings.word_embeddings.weight") text = true;
        if (name == "visual.conv1.weight") visual = true;
    }
    return text && visual;
}

void inferVision(const Shapes& s, ClipConfig& c, const std::string& what)
{
    c.vit = s.has("visual.proj");
    if (c.vit) {
        c.visionWidth = int(s.dim("visual.conv1.weight", 0, what));
        c.visionLayers = {s.countSuffix("visual.", ".attn.in_proj_weight")};
        c.visionPatch = int(s.dim("visual.conv1.weight", -1, what));
        const int64_t tokens = s.dim("visual.positional_embedding", 0, what);
        const int grid = int(std::lround(std::sqrt(double(tokens - 1))));
        if (grid <= 0 || int64_t(grid) * grid + 1 != tokens) throw Error("'" + what + "': visual.positional_embedding is not a square grid");
        c.imageResolution = c.visionPatch * grid;
        c.visionHeads = c.visionWidth / 64 > 0 ? c.visionWidth / 64 : 1;
    } else {
        for (int b = 1; b <= 4; ++b) c.visionLayers.push_back(s.countDistinct("visual.layer" + std::to_string(b) + ".", 2));
        c.visionWidth = int(s.dim("visual.layer1.0.conv1.weight", 0, what));
        const int64_t tokens = s.dim("visual.attnpool.positional_embedding", 0, what);
        const int out = int(std::lround(std::sqrt(double(tokens - 1))));
        if (out <= 0 || int64_t(out) * out + 1 != tokens) throw Error("'" + what + "': visual.attnpool.positional_embedding is not a square grid");
        c.imageResolution = out * 32;
        c.visionHeads = c.visionWidth * 32 / 64;
    }
}

void checkVision(const Shapes& s, const ClipConfig& c, const std::string& what)
{
    const int64_t e = c.embedDim;
    if (c.vit) {
        const int64_t vw = c.visionWidth, g = c.imageResolution / c.visionPatch;
        expect(s, "visual.conv1.weight", {vw, 3, c.visionPatch, c.visionPatch}, what);
        expect(s, "visual.class_embedding", {vw}, what);
        expect(s, "visual.positional_embedding", {g * g + 1, vw}, what);
        expect(s, "visual.proj", {vw, e}, what);
        for (const char* ln : {"visual.ln_pre.", "visual.ln_post."}) {
            expect(s, std::string(ln) + "weight", {vw}, what);
            expect(s, std::string(ln) + "bias", {vw}, what);
        }
        if (c.visionLayers[0] <= 0) throw Error("'" + what + "': the image transformer has no layers");
        for (int i = 0; i < c.visionLayers[0]; ++i) expectBlock(s, "visual.transformer.resblocks." + std::to_string(i) + ".", vw, what);
    } else {
        const int64_t w = c.visionWidth;
        expect(s, "visual.conv1.weight", {w / 2, 3, 3, 3}, what);
        expect(s, "visual.conv2.weight", {w / 2, w / 2, 3, 3}, what);
        expect(s, "visual.conv3.weight", {w, w / 2, 3, 3}, what);
        expectBatchNorm(s, "visual.bn1.", w / 2, what);
        expectBatchNorm(s, "visual.bn2.", w / 2, what);
        expectBatchNorm(s, "visual.bn3.", w, what);
        int64_t inplanes = w;
        for (int layer = 0; layer < 4; ++layer) {
            const int64_t planes = w << layer;
            if (c.visionLayers[std::size_t(layer)] <= 0) throw Error("'" + what + "': ResNet stage " + std::to_string(layer + 1) + " is empty");
            for (int b = 0; b < c.visionLayers[std::size_t(layer)]; ++b) {
                const std::string p = "visual.layer" + std::to_string(layer + 1) + "." + std::to_string(b) + ".";
                expect(s, p + "conv1.weight", {planes, inplanes, 1, 1}, what);
                expect(s, p + "conv2.weight", {planes, planes, 3, 3}, what);
                expect(s, p + "conv3.weight", {planes * 4, planes, 1, 1}, what);
                expectBatchNorm(s, p + "bn1.", planes, what);
                expectBatchNorm(s, p + "bn2.", planes, what);
                expectBatchNorm(s, p + "bn3.", planes * 4, what);
                const bool stride = layer > 0 && b == 0;
                if (stride || inplanes != planes * 4) {
                    expect(s, p + "downsample.0.weight", {planes * 4, inplanes, 1, 1}, what);
                    expectBatchNorm(s, p + "downsample.1.", planes * 4, what);
                }
                inplanes = planes * 4;
            }
        }
        const int64_t ed = w * 32;
        const int64_t hw = (c.imageResolution / 32) * (c.imageResolution / 32);
        expect(s, "visual.attnpool.positional_embedding", {hw + 1, ed}, what);
        for (const char* p : {"q_proj", "k_proj", "v_proj"}) {
            expect(s, std::string("visual.attnpool.") + p + ".weight", {ed, ed}, what);
            expect(s, std::string("visual.attnpool.") + p + ".bias", {ed}, what);
        }
        expect(s, "visual.attnpool.c_proj.weight", {e, ed}, what);
        expect(s, "visual.attnpool.c_proj.bias", {e}, what);
    }
}

ClipConfig inferClipConfig(const ckpt::TensorList& tensors, const std::string& what)
{
    if (looksLikeXlmrClip(tensors)) return inferXlmrClipConfig(tensors, what);
    const Shapes s(tensors);
    ClipConfig c;
    inferVision(s, c, what);
    c.embedDim = int(s.dim("text_projection", 1, what));
    c.contextLength = int(s.dim("positional_embedding", 0, what));
    c.vocabSize = int(s.dim("token_embedding.weight", 0, what));
    c.textWidth = int(s.dim("ln_final.weight", 0, what));
    c.textHeads = c.textWidth / 64 > 0 ? c.textWidth / 64 : 1;
    c.textLayers = s.countDistinct("transformer.resblocks.", 2);

    // Everything the forward pass reads, with its shape (what build_model's strict load checks).
    const int64_t tw = c.textWidth, e = c.embedDim;
    if (c.textLayers <= 0 || c.embedDim <= 0 || c.textWidth <= 0) throw Error("'" + what + "' is not a CLIP model: no text transformer");
    expect(s, "token_embedding.weight", {c.vocabSize, tw}, what);
    expect(s, "positional_embedding", {c.contextLength, tw}, what);
    expect(s, "text_projection", {tw, e}, what);
    expect(s, "ln_final.bias", {tw}, what);
    for (int i = 0; i < c.textLayers; ++i) expectBlock(s, "transformer.resblocks." + std::to_string(i) + ".", tw, what);
    checkVision(s, c, what);
    checkLogitScale(s, what);
    return c;
}

void checkLogitScale(const Shapes& s, const std::string& what)
{
    if (s.has("logit_scale") && !s.shape("logit_scale", what).empty() && s.shape("logit_scale", what) != std::vector<int64_t>{1})
        throw Error("'" + what + "': logit_scale is not a scalar");
}

namespace {

std::string joined(const std::vector<int>& values)
{
    std::string out;
    for (int v : values) out += (out.empty() ? "" : ",") + std::to_string(v);
    return out;
}

} // namespace

std::string ClipConfig::describeImageTower() const
{
    if (vit)
        return "ViT (width " + std::to_string(visionWidth) + ", " + joined(visionLayers) + " layers, patch " + std::to_string(visionPatch) +
               ", " + std::to_string(imageResolution) + " px)";
    return "ModifiedResNet (width " + std::to_string(visionWidth) + ", blocks " + joined(visionLayers) + ", " +
           std::to_string(imageResolution) + " px)";
}

std::string ClipConfig::describe() const
{
    if (textTower == TextTower::XlmRoberta) {
        // The two LAION models open_clip publishes with XLM-R text towers.
        constexpr int kXlmrVocab = 250002;
        std::string image = describeImageTower();
        if (vit && imageResolution == 224 && visionPatch == 32 && visionWidth == 768 && visionLayers == std::vector<int>{12}) image = "ViT-B/32";
        if (vit && imageResolution == 224 && visionPatch == 14 && visionWidth == 1280 && visionLayers == std::vector<int>{32}) image = "ViT-H/14";
        std::string text = "XLM-R text tower (width " + std::to_string(textWidth) + ", " + std::to_string(textLayers) + " layers, " +
                           std::to_string(vocabSize) + " tokens)";
        if (vocabSize == kXlmrVocab && textWidth == 768 && textLayers == 12) text = "XLM-R base text tower";
        if (vocabSize == kXlmrVocab && textWidth == 1024 && textLayers == 24) text = "XLM-R large text tower";
        return "multilingual CLIP, " + text + ", " + image + (image.rfind("ViT-", 0) == 0 ? "" : "; embedding " + std::to_string(embedDim));
    }
    struct Known {
        const char* name;
        bool vit;
        int embed, res, width, patch, textWidth;
        std::vector<int> layers;
    };
    static const Known known[] = {
        {"RN50", false, 1024, 224, 64, 0, 512, {3, 4, 6, 3}},      {"RN101", false, 512, 224, 64, 0, 512, {3, 4, 23, 3}},
        {"RN50x4", false, 640, 288, 80, 0, 640, {4, 6, 10, 6}},    {"RN50x16", false, 768, 384, 96, 0, 768, {6, 8, 18, 8}},
        {"RN50x64", false, 1024, 448, 128, 0, 1024, {3, 15, 36, 10}}, {"ViT-B/32", true, 512, 224, 768, 32, 512, {12}},
        {"ViT-B/16", true, 512, 224, 768, 16, 512, {12}},          {"ViT-L/14", true, 768, 224, 1024, 14, 768, {24}},
        {"ViT-L/14@336px", true, 768, 336, 1024, 14, 768, {24}}};
    for (const Known& k : known)
        if (k.vit == vit && k.embed == embedDim && k.res == imageResolution && k.width == visionWidth && k.patch == visionPatch &&
            k.textWidth == textWidth && k.layers == visionLayers && textLayers == 12)
            return k.name;
    const std::string image = describeImageTower();
    return image.substr(0, image.size() - 1) + "; text width " + std::to_string(textWidth) + ", " + std::to_string(textLayers) +
           " layers; embedding " + std::to_string(embedDim) + ")";
}

} // namespace pictor::clip

namespace pictor::clip {
std::vector<std::string> dropNonParameters(ckpt::TensorList& tensors)
{
    const bool xlmr = looksLikeXlmrClip(tensors);
    ckpt::TensorList kept;
    std::vector<std::string> dropped;
    for (auto& t : tensors) {
        const std::string& n = t.first;
        const bool mask = n.size() >= 10 && n.compare(n.size() - 10, 10, ".attn_mask") == 0;
        if (mask || n == "attn_mask" || n == "input_resolution" || n == "context_length" || n == "vocab_size") continue;
        if (xlmr && isUnusedXlmrTensor(n)) {
            dropped.push_back(n);
            continue;
        }
        kept.push_back(std::move(t));
    }
    tensors.swap(kept);
    return dropped;
}
} // namespace pictor::clip
