#pragma once
// Cutouts: the views of the picture CLIP scores each step, with nerdyrodent's augmentation codes.
// All cutouts of a step go through one batched warp (the geometric augmentations are composed
// into one homography per cutout) and one colour transform.
#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace pictor::gen {

struct CutoutOptions {
    std::string method = "latest"; ///< "latest": pooled whole image; "original": random crops
    int cutn = 32;
    int size = 224;                ///< CLIP's input resolution
    double cutPow = 1.0;
    std::vector<std::string> augments{"Af", "Pe", "Ji", "Er"};
    double noise = 0.1;            ///< per-cutout noise factor upper bound ("latest")
    bool composeWarps = true;      ///< false: one grid_sample per augmentation (the benchmark baseline)
};

/// Known augmentation codes: Af affine, Pe perspective, Ro rotation, Hf horizontal flip,
/// Ji colour jitter, Er erasing, Gn gaussian noise. Throws pictor::Error for others.
void validateAugments(const std::vector<std::string>& codes);

/// image [1,3,H,W] in [0,1] -> [cutn,3,size,size] (not normalised).
at::Tensor makeCutouts(const at::Tensor& image, const CutoutOptions& options, at::Generator& gen);

/// The augmentations alone, applied to a batch [N,3,S,S].
at::Tensor augmentBatch(const at::Tensor& batch, const std::vector<std::string>& codes, at::Generator& gen, bool composeWarps);

/// CLIP's mean/std normalisation of [N,3,S,S] pictures in [0,1].
at::Tensor clipNormalize(const at::Tensor& x);

} // namespace pictor::gen
