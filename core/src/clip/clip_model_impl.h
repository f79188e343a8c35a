#pragma once
#include "clip_net.h"

#include <pictor/clip_model.h>

#include <memory>

namespace pictor {

struct ClipModel::Impl {
    ClipInfo info;
    std::unique_ptr<clip::ClipNet> net;
    std::unique_ptr<clip::ClipNet> bf16Visual; ///< set by useBf16Images (fp16 on a GPU)
    c10::ScalarType reducedType = c10::kBFloat16;
    std::unique_ptr<Tokenizer> tokenizer;
    int padId = 0; ///< what token rows are padded with (XLM-R: <pad> = 1)
    std::string device = "cpu";
    std::string deviceWhy;
    c10::Device torchDevice{c10::kCPU}; ///< where the weights live and the model computes

    /// [N, L] int64 tokens for texts, padded with padId to the longest one.
    at::Tensor tokenize(const std::vector<std::string>& texts) const;
    at::Tensor tokensFromIds(const std::vector<std::vector<int>>& ids) const;
};

} // namespace pictor
