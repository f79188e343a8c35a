#pragma once
// Shape checks over a checkpoint's tensor list, shared by the CLIP configuration readers (OpenAI
// layout and open_clip's XLM-R layout): every message names the model file and the tensor.
#include "clip_config.h"

#include "../checkpoint/tensor_ref.h"

#include <pictor/error.h>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace pictor::clip {

class Shapes {
public:
    explicit Shapes(const ckpt::TensorList& tensors)
    {
        for (const auto& [name, ref] : tensors) m_shapes.emplace(name, ref.shape);
    }
    bool has(const std::string& name) const { return m_shapes.count(name) != 0; }
    const std::vector<int64_t>& shape(const std::string& name, const std::string& what) const
    {
        m_read.insert(name);
        auto it = m_shapes.find(name);
        if (it == m_shapes.end()) throw Error("'" + what + "' is not a complete CLIP model: tensor '" + name + "' is missing");
        return it->second;
    }
    int64_t dim(const std::string& name, int index, const std::string& what) const
    {
        const auto& s = shape(name, what);
        const int i = index < 0 ? int(s.size()) + index : index;
        if (i < 0 || i >= int(s.size())) throw Error("'" + what + "': tensor '" + name + "' has an unexpected shape");
        return s[std::size_t(i)];
    }
    int countDistinct(const std::string& prefix, int component) const
    {
        std::set<std::string> values;
        for (const auto& [name, s] : m_shapes) {
            if (name.compare(0, prefix.size(), prefix) != 0) continue;
            std::size_t pos = 0;
            std::string part;
            for (int c = 0; c <= component; ++c) {
                const std::size_t dot = name.find('.', pos);
                part = name.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
                if (dot == std::string::npos && c < component) {
                    part.clear();
                    break;
                }
                pos = dot + 1;
            }
            if (!part.empty()) values.insert(part);
        }
        return int(values.size());
    }
    int countSuffix(const std::string& prefix, const std::string& suffix) const
    {
        int n = 0;
        for (const auto& [name, s] : m_shapes)
            if (name.compare(0, prefix.size(), prefix) == 0 && name.size() >= suffix.size() &&
                name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
                ++n;
        return n;
    }

    /// The first tensor no check has read (empty when every one was), for layouts that refuse
    /// what they do not understand.
    std::string firstUnread() const
    {
        for (const auto& [name, s] : m_shapes)
            if (!m_read.count(name)) return name;
        return {};
    }

private:
    std::map<std::string, std::vector<int64_t>> m_shapes;
    mutable std::set<std::string> m_read;
};

inline void expect(const Shapes& s, const std::string& name, const std::vector<int64_t>& shape, const std::string& what)
{
    if (s.shape(name, what) != shape) {
        std::string want, got;
        for (int64_t d : shape) want += (want.empty() ? "" : "x") + std::to_string(d);
        for (int64_t d : s.shape(name, what)) got += (got.empty() ? "" : "x") + std::to_string(d);
        throw Error("'" + what + "': tensor '" + name + "' has shape [" + got + "], expected [" + want + "]");
    }
}

inline void expectBlock(const Shapes& s, const std::string& p, int64_t w, const std::string& what)
{
    expect(s, p + "attn.in_proj_weight", {3 * w, w}, what);
    expect(s, p + "attn.in_proj_bias", {3 * w}, what);
    expect(s, p + "attn.out_proj.weight", {w, w}, what);
    expect(s, p + "attn.out_proj.bias", {w}, what);
    expect(s, p + "ln_1.weight", {w}, what);
    expect(s, p + "ln_1.bias", {w}, what);
    expect(s, p + "ln_2.weight", {w}, what);
    expect(s, p + "ln_2.bias", {w}, what);
    expect(s, p + "mlp.c_fc.weight", {4 * w, w}, what);
    expect(s, p + "mlp.c_fc.bias", {4 * w}, what);
    expect(s, p + "mlp.c_proj.weight", {w, 4 * w}, what);
    expect(s, p + "mlp.c_proj.bias", {w}, what);
}

inline void expectBatchNorm(const Shapes& s, const std::string& p, int64_t c, const std::string& what)
{
    for (const char* k : {"weight", "bias", "running_mean", "running_var"}) expect(s, p + k, {c}, what);
}


/// The image tower's configuration (ViT or ModifiedResNet), then every tensor it reads with its
/// shape; the same in both checkpoint layouts.
void inferVision(const Shapes& s, ClipConfig& c, const std::string& what);
void checkVision(const Shapes& s, const ClipConfig& c, const std::string& what);
void checkLogitScale(const Shapes& s, const std::string& what);

} // namespace pictor::clip
