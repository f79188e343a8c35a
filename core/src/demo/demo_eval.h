#pragma once
// What a user of the demo model would check, measured on fresh pictures from the shapes world:
// VQGAN reconstruction, CLIP zero-shot accuracy, and whether generated pictures show what was asked.
#include "shapes_world.h"

#include <pictor/generation.h>

#include <memory>
#include <string>

namespace pictor {
class ClipModel;
class VqganModel;
}

namespace pictor::demo {

struct ReconstructionQuality {
    double psnr = 0;          ///< dB, pictures in [0,1]
    double codesUsed = 0;     ///< fraction of the codebook used on these pictures
};
ReconstructionQuality measureReconstruction(const VqganModel& vqgan, int count, uint64_t seed);

struct ZeroShotQuality {
    double shape = 0, colour = 0, background = 0; ///< accuracy on single-shape pictures
};
/// Labels: English "a circle" / "red" / "a red background", Korean "원" / "빨간색" / "빨간 배경".
ZeroShotQuality measureZeroShot(const ClipModel& clip, int count, uint64_t seed, bool korean);

/// What an OpenCV look at a picture finds: background colour (border), colour and kind of the
/// largest shape. -1 where nothing was found.
struct PictureReading {
    int background = -1;
    int colour = -1;
    int shape = -1;
    double shapeRgb[3] = {0, 0, 0}; ///< mean colour of the largest shape
};
PictureReading readPicture(const RgbImage& picture);

struct GenerationQuality {
    int runs = 0;
    int background = 0, colour = 0, shape = 0, colourAndBackground = 0;
};
/// Generates the held-out prompts (first `prompts` of them) with `seeds` seeds each; with bestOf > 1,
/// each run continues the best of that many candidate seeds (pickBestSeed, 20 steps each).
GenerationQuality measureGeneration(std::shared_ptr<ClipModel> clip, std::shared_ptr<VqganModel> vqgan, const GenerationSettings& base,
                                    int prompts, int seeds, const std::string& saveFolder = {}, int bestOf = 1);

/// The prompt the generation check uses for held-out combination i.
std::string heldOutPrompt(int i);

/// The demo preset: the settings that work best on the demo model.
GenerationSettings demoPreset();
/// The demo model's settings from pixel noise (any start but the one shape): see demoStartSettings.
GenerationSettings demoNoisePreset();

} // namespace pictor::demo
