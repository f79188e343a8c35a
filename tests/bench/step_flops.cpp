#include "step_flops.h"

#include <ATen/ATen.h>

#include <string>

namespace pictor::bench {

double clipImageForwardFlops(const clip::ClipConfig& c)
{
    if (!c.vit) return 0; // the benchmarks time ViT towers
    const double grid = double(c.imageResolution / c.visionPatch), tokens = grid * grid + 1, d = c.visionWidth;
    const double patch = grid * grid * 3.0 * c.visionPatch * c.visionPatch * d * 2;
    // Per block: qkv (3d²), output (d²) and MLP (8d²) products per token, and two L x L x d attention products.
    const double block = tokens * d * d * 24 + 4 * tokens * tokens * d;
    return patch + block * c.visionLayers[0] + d * c.embedDim * 2;
}

double vqganDecodeForwardFlops(const vqgan::VqganNet& net, int64_t tokensH, int64_t tokensW)
{
    const vqgan::VqganConfig& c = net.config();
    const int levels = c.levels();
    double flops = 0;
    for (const auto& [name, w] : net.weights()) {
        if (w.dim() != 4) continue;
        const bool decoder = name.rfind("decoder.", 0) == 0 || name.rfind("post_quant_conv.", 0) == 0;
        if (!decoder) continue;
        // The scale a convolution runs at: the latent's, times 2 per level climbed (decoder.up.{i} runs at 2^(levels-1-i)).
        int64_t scale = 1;
        if (name.rfind("decoder.up.", 0) == 0) {
            const int i = std::stoi(name.substr(std::string("decoder.up.").size()));
            scale = int64_t(1) << (levels - 1 - i);
            if (name.find(".upsample.") != std::string::npos) scale *= 2;
        } else if (name.rfind("decoder.conv_out.", 0) == 0) {
            scale = int64_t(1) << (levels - 1);
        }
        const double pixels = double(tokensH * scale) * double(tokensW * scale);
        flops += pixels * double(w.size(0) * w.size(1) * w.size(2) * w.size(3)) * 2;
        // Attention blocks: two (HW x HW x C) products, counted once per block at its q weight.
        if (name.size() > 9 && name.compare(name.size() - 9, 9, ".q.weight") == 0) flops += 2 * pixels * pixels * double(w.size(0)) * 2;
    }
    return flops;
}

double stepFlops(const clip::ClipConfig& clip, const vqgan::VqganNet& vqgan, int64_t tokensH, int64_t tokensW, int cutn)
{
    return 2 * (vqganDecodeForwardFlops(vqgan, tokensH, tokensW) + cutn * clipImageForwardFlops(clip));
}

} // namespace pictor::bench
