#pragma once
// Where the bundled demo models are: used when the user has not chosen a model.
#include <pictor/generation.h>

#include <optional>
#include <string>
#include <vector>

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

/// The demo model's steps, init weight, coarse stage and settle step for the start `base` names (initNoise, when there
/// is no init image): the one-shape start's weight keeps the run near it; any other start runs 100 steps, the first 80
/// on a quarter-, then a half-resolution grid, so that colours and layout form before the detail, and at step 80 the
/// picture settles into one shape where its main colour lies (settleStep). With an init image only the steps. The
/// rest as in `base`.
GenerationSettings demoStartSettings(GenerationSettings base);

/// Prompts in the demo model's own words (one plain shape on a plain background), English then
/// Korean: what its placeholder and suggestions offer.
std::vector<std::string> demoExamplePrompts();
/// Every word of the demo model's training captions, English (lower case) and Korean.
const std::vector<std::string>& demoVocabulary();

/// Prompts for a published CLIP trained on the web (a real ViT-B/32 knows lighthouses).
std::vector<std::string> realWorldExamplePrompts();

} // namespace pictor
