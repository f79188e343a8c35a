// taming-transformers' model.yaml (the ddconfig a .ckpt was trained with), read with yaml-cpp.
#include "vqgan_config.h"

#include <pictor/error.h>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace pictor::vqgan {

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

} // namespace pictor::vqgan
