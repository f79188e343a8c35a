#pragma once
// Where the bundled demo models are: used when the user has not chosen a model.
#include <pictor/generation.h>

#include <optional>
#include <string>

namespace pictor {

struct ModelSet {
    std::string name;
    std::string folder;
    std::string clip;
    std::string vqgan;
    std::string tokenizer;
};

/// Looks in $PICTOR_MODELS_DIR/demo, <executable>/../share/pictor/models/demo and the source
/// tree's models/demo; nullopt when none holds a complete set.
std::optional<ModelSet> findDemoModel();
/// The same, or a pictor::Error saying where it looked.
ModelSet requireDemoModel();

/// Settings that suit the demo model (its 64 px world): size, steps, cutouts, learning rate,
/// augmentations and smoothness; everything else as in `base`.
GenerationSettings demoModelSettings(GenerationSettings base = {});

} // namespace pictor
