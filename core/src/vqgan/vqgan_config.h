#pragma once
// taming-transformers VQModel / GumbelVQ hyper-parameters: from a taming model.yaml when there is
// one, checked against the tensors, otherwise read off the tensors alone.
#include "../checkpoint/tensor_ref.h"

#include <string>
#include <vector>

namespace pictor::vqgan {

struct VqganConfig {
    int ch = 0;
    std::vector<int> chMult;
    int numResBlocks = 0;
    int zChannels = 0;
    int embedDim = 0;
    int nEmbed = 0;
    int outCh = 3;
    int resolution = 0;            // nominal; 0 when unknown (no yaml)
    std::vector<int> attnResolutions;
    bool gumbel = false;
    int normGroups = 32;           // taming's GroupNorm(32); small models store another count in their metadata
    std::vector<bool> encoderAttn; // per level: has attention blocks
    std::vector<bool> decoderAttn;

    int levels() const { return int(chMult.size()); }
    int factor() const { return 1 << (levels() - 1); }
    std::string describe() const;
};

/// Infers the configuration from the tensors (names without prefix); throws pictor::Error naming
/// `what` when a tensor the architecture needs is missing or misshapen.
VqganConfig inferVqganConfig(const ckpt::TensorList& tensors, const std::string& what);

/// Reads a taming model.yaml; throws pictor::Error naming the file for anything malformed.
VqganConfig readTamingYaml(const std::string& path);
/// The same from the file's text; `path` names it in messages.
VqganConfig parseTamingYaml(const std::string& text, const std::string& path);

/// Throws when the yaml and the tensors disagree, naming the first difference.
void checkConsistent(const VqganConfig& fromYaml, const VqganConfig& fromTensors, const std::string& what);

bool looksLikeVqgan(const ckpt::TensorList& tensors);

} // namespace pictor::vqgan
