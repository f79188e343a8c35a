#pragma once
// How close a generated picture is to the one its prompt asks for, judged without the CLIP that was
// optimised: the shapes world can draw every prompt's ideal picture, so a run is compared with it
// pixel by pixel. A loop that fools a small CLIP (specks, drifting colours, a lumpy outline) scores
// worse here even while its CLIP loss falls.
#include "shapes_world.h"

#include <pictor/generation.h>

#include <string>
#include <vector>

namespace pictor::demo {

struct FidelityPrompt {
    Scene scene;        ///< what the prompt asks for: one shape (colour, kind, size, place) on a background
    std::string prompt; ///< e.g. "a large red circle in the centre, on a blue background"
};

/// 40 prompts the demo model never saw in training: each held-out (shape, colour, background)
/// combination large in the centre, and at another place and size.
std::vector<FidelityPrompt> fidelityPrompts();

struct Fidelity {
    double colours = 0;    ///< share of all pixels in the asked colour for their place (shape colour inside the ideal shape, background outside)
    double foreground = 0; ///< share of the ideal shape's pixels near the asked shape colour
    double background = 0; ///< share of the ideal background's pixels near the asked background colour
    double overlap = 0;    ///< intersection over union of the pixels near the shape colour and the ideal shape
    double specks = 0;     ///< share of pixels near neither colour
    bool formed = false;   ///< the picture reader finds the asked background, shape colour and shape kind
};

/// `picture` (square) against the ideal picture of `asked` at its size.
Fidelity measureFidelity(const RgbImage& picture, const Scene& asked);

} // namespace pictor::demo
