#pragma once
// Negatives mined from the generator itself: short VQGAN+CLIP runs on training captions with the
// CLIP being trained, whose pictures are what that CLIP scores highly without being the caption's
// one shape (collages of fragments in the right colours). A second CLIP stage learns to rank each
// below a fresh rendering of its scene. The hand-made structure negatives did not look like these
// and did not change what the generator painted (README, demo model).
#include "shapes_world.h"

#include <functional>
#include <string>
#include <vector>

namespace pictor::demo {

struct MinedNegative {
    Scene scene;          ///< what the caption describes (rendered afresh as the positive)
    std::string caption;  ///< the prompt the picture was generated for; it names the shape
    image::Image8 picture; ///< what the generator made of it
};

struct MiningOptions {
    std::string clipPath, tokenizerPath, vqganPath;
    int count = 200;
    int minSteps = 20, maxSteps = 80; ///< each run stops at a random step in this range
    int cutn = 16;
    double noiseShare = 0;             ///< share of runs from pixel noise (init weight 0) instead of the one-shape start
    int noiseMinSteps = 20, noiseMaxSteps = 100;
    int threads = 0;
    std::function<void(const std::string&)> log;
};

std::vector<MinedNegative> mineGenerationNegatives(ShapesWorld& world, const MiningOptions& options);

} // namespace pictor::demo
