#include "vqgan_config.h"

#include <pictor/error.h>

#include <yaml-cpp/yaml.h>

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

VqganConfig readTamingYaml(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("Cannot open '" + path + "'");
    std::stringstream buffer;
    buffer << in.rdbuf();
    return parseTamingYaml(buffer.str(), path);
}

VqganConfig parseTamingYaml(const std::string& text, const std::string& path)
{
    // A config is a few hundred bytes; refusing large or deeply bracketed input keeps the YAML
    // parser's recursion bounded on hostile files.
    if (text.size() > (256u << 10)) throw Error("'" + path + "' is too large to be a taming model.yaml");
    int depth = 0, worst = 0;
    for (char ch : text) {
        if (ch == '[' || ch == '{') worst = std::max(worst, ++depth);
        if (ch == ']' || ch == '}') --depth;
    }
    if (worst > 16) throw Error("'" + path + "' nests too deeply to be a taming model.yaml");
    if (text.find("<html") != std::string::npos || text.find("<!DOCTYPE") != std::string::npos)
        throw Error("'" + path + "' is a web page (HTML), not a model.yaml: the download probably failed");
    try {
        const YAML::Node root = YAML::Load(text);
        const YAML::Node model = root["model"];
        if (!model || !model["params"]) throw Error("'" + path + "' is not a taming model.yaml (no model.params)");
        const YAML::Node params = model["params"];
        const YAML::Node dd = params["ddconfig"];
        if (!dd) throw Error("'" + path + "' has no model.params.ddconfig");
        VqganConfig c;
        c.gumbel = model["target"] && model["target"].as<std::string>().find("Gumbel") != std::string::npos;
        c.embedDim = params["embed_dim"].as<int>();
        c.nEmbed = params["n_embed"].as<int>();
        c.ch = dd["ch"].as<int>();
        c.chMult = dd["ch_mult"].as<std::vector<int>>();
        c.numResBlocks = dd["num_res_blocks"].as<int>();
        c.zChannels = dd["z_channels"].as<int>();
        c.outCh = dd["out_ch"] ? dd["out_ch"].as<int>() : 3;
        c.resolution = dd["resolution"].as<int>();
        c.attnResolutions = dd["attn_resolutions"].as<std::vector<int>>();
        if (c.chMult.empty() || c.chMult.size() > 8 || c.ch <= 0 || c.resolution <= 0)
            throw Error("'" + path + "' has an implausible ddconfig");
        // Attention sits at the levels whose resolution is listed (fixed by the nominal size).
        int res = c.resolution;
        for (std::size_t i = 0; i < c.chMult.size(); ++i) {
            bool attn = false;
            for (int r : c.attnResolutions) attn = attn || r == res;
            c.encoderAttn.push_back(attn);
            if (i + 1 < c.chMult.size()) res /= 2;
        }
        // The decoder walks up from the lowest resolution: level i has resolution res0 / 2^i.
        res = c.resolution;
        for (std::size_t i = 0; i < c.chMult.size(); ++i) {
            bool attn = false;
            for (int r : c.attnResolutions) attn = attn || r == res;
            c.decoderAttn.push_back(attn);
            res /= 2;
        }
        return c;
    } catch (const YAML::Exception& e) {
        throw Error("'" + path + "' is not a valid taming model.yaml: " + e.what());
    }
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
