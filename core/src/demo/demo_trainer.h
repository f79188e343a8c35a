#pragma once
// Trains Pictor's demo models on the shapes world: a sentencepiece tokenizer on the captions, a
// small taming-style VQGAN (f8, 256 codes) and a small OpenAI-style CLIP (ViT, 64 px), all
// instances of the same classes that run the published weights.
#include <cstdint>
#include <functional>
#include <string>

namespace pictor::demo {

struct DemoTrainOptions {
    std::string outDir;
    uint64_t seed = 20261127;
    int vqganSteps = 3000;
    int vqganBatch = 16;
    double vqganLr = 5e-4;
    /// Share of the VQGAN's steps, at the end, over which its learning rate decays to zero (cosine).
    double vqganDecay = 0;
    int clipSteps = 3000;
    int clipBatch = 128;
    double clipLr = 1e-3;
    /// Share of the hard-negative pairs that differ in shape (the rest: size, position or colour).
    double clipShapePairs = 1.0;
    /// Share of training scenes with two shapes.
    double clipTwoShapes = 0.0;
    /// The generator's augmentations (codes as in GenerationSettings::augments, e.g. "Af", "Pe") on
    /// CLIP's training pictures, so its gradients mean something on the run's cutouts.
    std::vector<std::string> clipAugments;
    /// Share of the hard-negative pairs that also get a structure negative (the caption's colours
    /// without its one coherent shape: structure_negatives.h).
    double clipStructureNegatives = 0.0;
    /// Start CLIP from these weights (a safetensors file of the same architecture) instead of at random.
    std::string clipInit;
    /// Generator negatives mined with the starting CLIP (generation_negatives.h; needs clipInit), and
    /// how many of them each batch holds beside fresh renderings of their scenes.
    int clipMine = 0;
    int clipMinedPerBatch = 16;
    /// The share of mined runs that start from pixel noise (what a user who picks a noise start gets) instead
    /// of the demo preset's one-shape start.
    double clipMineNoise = 0;
    /// Mining rounds: the first mines with the starting CLIP, each later one (evenly spaced through the
    /// steps) with the CLIP as trained so far, adding to the mined set: the generator's next tricks.
    int clipMineRounds = 1;
    /// Adversarial training: each batch's pictures are first pushed by `clipAdversarialSteps` signed-gradient
    /// steps (within a box drawn per picture up to +-clipAdversarial per channel, pictures in [0,1]) towards
    /// what this CLIP matches worst, and CLIP trains on those. A CLIP robust so near its pictures has gradients
    /// that change what a person sees, which is what a generator started from noise follows. 0: off.
    double clipAdversarial = 0;
    int clipAdversarialSteps = 2;
    int threads = 0;
    /// bf16 forward passes (fp32 master weights) where the CPU has them. Off by default: with bf16
    /// the VQGAN stalled at 10 dB on this world of flat colours, in fp32 it passed 24 dB in 400 steps.
    bool bf16 = false;
    bool skipVqgan = false; ///< reuse outDir/vqgan.safetensors
    double reusedVqganSeconds = -1; ///< its training time, for the manifest, when reusing
    std::function<void(const std::string&)> log;
};

/// Writes tokenizer.model, vqgan.safetensors, clip.safetensors and manifest.json into outDir.
void trainDemoModels(const DemoTrainOptions& options);

} // namespace pictor::demo
