#include "vqgan_config.h"

#include <pictor/error.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace pictor::vqgan {

namespace {

using ShapeMap = std::map<std::string, std::vector<int64_t>>;

const std::vector<int64_t>& need(const ShapeMap& s, const std::string& name, const std::string& what)
{
    auto it = s.find(name);
    if (it == s.end()) throw Error("'" + what + "' is not a complete VQGAN: tensor '" + name + "' is missing");
    return it->second;
}

int countIndices(const ShapeMap& s, const std::string& prefix)
{
    std::set<int> seen;
    for (const auto& [name, shape] : s) {
        if (name.compare(0, prefix.size(), prefix) != 0) continue;
        const std::string rest = name.substr(prefix.size());
        const auto dot = rest.find('.');
        if (dot == std::string::npos || dot == 0) continue;
        bool digits = true;
        for (std::size_t i = 0; i < dot; ++i) digits = digits && std::isdigit(static_cast<unsigned char>(rest[i]));
        if (digits && dot < 6) seen.insert(std::stoi(rest.substr(0, dot)));
    }
    return int(seen.size());
}

bool hasPrefix(const ShapeMap& s, const std::string& prefix)
{
    auto it = s.lower_bound(prefix);
    return it != s.end() && it->first.compare(0, prefix.size(), prefix) == 0;
}

} // namespace

bool looksLikeVqgan(const ckpt::TensorList& tensors)
{
    bool enc = false, dec = false;
    for (const auto& [name, ref] : tensors) {
        if (name == "encoder.conv_in.weight") enc = true;
        if (name == "decoder.conv_out.weight") dec = true;
    }
    return enc && dec;
}

VqganConfig inferVqganConfig(const ckpt::TensorList& tensors, const std::string& what)
{
    ShapeMap s;
    for (const auto& [name, ref] : tensors) s.emplace(name, ref.shape);
    VqganConfig c;
    c.ch = int(need(s, "encoder.conv_in.weight", what).at(0));
    const int levels = countIndices(s, "encoder.down.");
    if (levels <= 0 || levels > 8) throw Error("'" + what + "': cannot tell the VQGAN's levels from its tensors");
    c.numResBlocks = countIndices(s, "encoder.down.0.block.");
    if (c.numResBlocks <= 0) throw Error("'" + what + "': the VQGAN encoder has no blocks");
    for (int i = 0; i < levels; ++i) {
        const std::string p = "encoder.down." + std::to_string(i) + ".";
        const int out = int(need(s, p + "block." + std::to_string(c.numResBlocks - 1) + ".conv2.weight", what).at(0));
        if (c.ch <= 0 || out % c.ch) throw Error("'" + what + "': encoder level " + std::to_string(i) + " has an unexpected width");
        c.chMult.push_back(out / c.ch);
        c.encoderAttn.push_back(hasPrefix(s, p + "attn."));
        c.decoderAttn.push_back(hasPrefix(s, "decoder.up." + std::to_string(i) + ".attn."));
        if (i + 1 < levels) need(s, p + "downsample.conv.weight", what);
        if (i > 0) need(s, "decoder.up." + std::to_string(i) + ".upsample.conv.weight", what);
        if (countIndices(s, "decoder.up." + std::to_string(i) + ".block.") != c.numResBlocks + 1)
            throw Error("'" + what + "': decoder level " + std::to_string(i) + " does not have " + std::to_string(c.numResBlocks + 1) + " blocks");
    }
    c.zChannels = int(need(s, "decoder.conv_in.weight", what).at(1));
    c.embedDim = int(need(s, "post_quant_conv.weight", what).at(1));
    c.outCh = int(need(s, "decoder.conv_out.weight", what).at(0));
    if (s.count("quantize.embedding.weight")) {
        c.nEmbed = int(s.at("quantize.embedding.weight").at(0));
        if (s.at("quantize.embedding.weight").at(1) != c.embedDim) throw Error("'" + what + "': codebook width does not match post_quant_conv");
    } else if (s.count("quantize.embed.weight")) {
        c.gumbel = true;
        c.nEmbed = int(s.at("quantize.embed.weight").at(0));
        need(s, "quantize.proj.weight", what);
    } else {
        throw Error("'" + what + "' is not a complete VQGAN: no codebook (quantize.embedding.weight or quantize.embed.weight)");
    }
    need(s, "quant_conv.weight", what);
    for (const char* m : {"mid.block_1.conv1.weight", "mid.attn_1.q.weight", "mid.block_2.conv2.weight", "norm_out.weight", "conv_out.weight"}) {
        need(s, std::string("encoder.") + m, what);
        need(s, std::string("decoder.") + m, what);
    }
    return c;
}

void checkConsistent(const VqganConfig& y, const VqganConfig& t, const std::string& what)
{
    auto fail = [&](const std::string& field) {
        throw Error("'" + what + "': the model.yaml and the weights disagree on " + field + "; they do not belong together");
    };
    if (y.ch != t.ch) fail("ch");
    if (y.chMult != t.chMult) fail("ch_mult");
    if (y.numResBlocks != t.numResBlocks) fail("num_res_blocks");
    if (y.zChannels != t.zChannels) fail("z_channels");
    if (y.embedDim != t.embedDim) fail("embed_dim");
    if (y.nEmbed != t.nEmbed) fail("n_embed");
    if (y.gumbel != t.gumbel) fail("the quantizer type");
    if (y.encoderAttn != t.encoderAttn || y.decoderAttn != t.decoderAttn) fail("attn_resolutions");
}

std::string VqganConfig::describe() const
{
    std::string s = gumbel ? "VQGAN (Gumbel quantizer)" : "VQGAN";
    s += ", f" + std::to_string(factor()) + ", " + std::to_string(nEmbed) + " codes x " + std::to_string(embedDim);
    return s;
}

} // namespace pictor::vqgan
