#pragma once
// A taming-transformers VQGAN (VQModel or GumbelVQ) loaded from a .ckpt or safetensors file, with
// its model.yaml when there is one. Used by the generator; the file-to-file helpers below serve
// `pictor-cli vqgan` so the model's parity can be checked from outside.
#include <cstdint>
#include <memory>
#include <string>

namespace pictor {

struct VqganInfo {
    std::string path;
    std::string format;
    std::string architecture;
    std::string yamlPath; ///< the model.yaml that was read and checked, or empty
    int factor = 16;      ///< pixels per latent cell
    int codes = 0;
    int embedDim = 0;
    bool gumbel = false;
    int64_t parameters = 0;
};

class VqganModel {
public:
    /// yamlPath empty: uses "<file stem>.yaml" or "model.yaml" beside the weights when present.
    static std::unique_ptr<VqganModel> load(const std::string& path, const std::string& yamlPath = {});
    ~VqganModel();
    const VqganInfo& info() const;

    struct Impl;
    Impl& impl() const { return *d; }

private:
    explicit VqganModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

/// Decodes int64 `indices` [1,h,w] from a safetensors file; writes `decoded` [1,3,H,W] in [-1,1]
/// to a .safetensors output, or a picture for any image extension (.png, .jpg, ...).
void vqganDecodeFile(const VqganModel& model, const std::string& codesPath, const std::string& outPath);
/// Encodes `input` [N,3,H,W] in [-1,1] from a safetensors file, or an image file; writes
/// `encoded_pre_quant` and `encoded_indices` to a safetensors file.
void vqganEncodeFile(const VqganModel& model, const std::string& inputPath, const std::string& outPath);

} // namespace pictor
