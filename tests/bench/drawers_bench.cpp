// drawers_bench: steps per second of each drawer at 224x224 (the vqgan drawer at 256x256) with
// ViT-B/32-sized random weights, 32 cutouts, Adam; then the cost of each extra CLIP of an ensemble
// (the vqgan drawer judged by ViT-B/32, + ViT-B/16, + a second ViT-B/32).
// usage: drawers_bench [--steps N] [--vocab FILE]   (the vocabulary: ../shared/vectors/tokenizer)
#include "clip/clip_init.h"
#include "torch/tensor_loader.h"
#include "vqgan/vqgan_init.h"

#include <pictor/clip_model.h>
#include <pictor/generation.h>
#include <pictor/runtime.h>
#include <pictor/vqgan_model.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

using namespace pictor;

namespace {

std::shared_ptr<ClipModel> randomClip(const std::string& dir, const std::string& name, clip::ClipConfig config, uint64_t seed, const std::string& vocab)
{
    const std::string path = dir + "/" + name + ".safetensors";
    torchutil::saveSafetensors(path, clip::initClipWeights(config, seed));
    ClipLoadOptions o;
    o.tokenizerPath = vocab;
    auto model = ClipModel::load(path, o);
    unlink(path.c_str());
    return model;
}

/// Median seconds per step after the first (which warms caches and the allocator).
double secondsPerStep(std::vector<std::shared_ptr<ClipModel>> clips, std::shared_ptr<VqganModel> vqgan, const GenerationSettings& s, int steps)
{
    GenerationRun run(std::move(clips), std::move(vqgan), s);
    run.start();
    run.step();
    for (int i = 0; i < steps; ++i) run.step();
    return run.step().secondsPerStep; // the run's own median of its last 15 steps: the slow first one does not move it
}

} // namespace

int main(int argc, char** argv)
{
    int steps = 5;
    std::string vocab = PICTOR_SOURCE_DIR "/../shared/vectors/tokenizer/bpe_simple_vocab_16e6.txt.gz";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--steps")) steps = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--vocab")) vocab = argv[i + 1];
    }
    setComputeThreads(0);
    const RuntimeInfo rt = runtimeInfo();
    char dir[] = "/tmp/drawers_bench_XXXXXX";
    if (!mkdtemp(dir)) return 1;
    const clip::ClipConfig b32 = clip::vitB32Config();
    clip::ClipConfig b16 = b32;
    b16.visionPatch = 16;
    auto vitB32 = randomClip(dir, "b32", b32, 1, vocab);
    const std::string vqPath = std::string(dir) + "/vqgan.safetensors";
    torchutil::saveSafetensors(vqPath, vqgan::initVqganWeights(vqgan::imagenetF16Config(16384), 2));
    std::shared_ptr<VqganModel> vq = VqganModel::load(vqPath);
    unlink(vqPath.c_str());
    std::printf("drawers_bench: ViT-B/32 (random weights), 32 cutouts, Adam, %d steps after one; %d threads, bf16 %s\n", steps, rt.threads,
                rt.bf16 ? "yes" : "no");

    GenerationSettings base;
    base.prompt = "a watercolor painting of a lighthouse at sunset";
    base.seed = 1;
    base.cutn = 32;
    struct Case {
        const char* label;
        std::string drawer;
        int size;
        bool fourier = false;
    };
    const std::vector<Case> cases{{"vqgan (f16-16384), 256x256", "vqgan", 256},
                                  {"pixel (28x28 cells), 224x224", "pixel", 224},
                                  {"strokes (40), 224x224", "strokes", 224},
                                  {"image, 224x224", "image", 224},
                                  {"image (Fourier), 224x224", "image", 224, true}};
    std::printf("\n| drawer | s/step | steps/s | vs vqgan |\n|---|---|---|---|\n");
    double vqganSeconds = 0;
    for (const Case& c : cases) {
        GenerationSettings s = base;
        s.drawer = c.drawer;
        s.width = s.height = c.size;
        s.pixelColumns = s.pixelRows = 28;
        s.fourier = c.fourier;
        const double t = secondsPerStep({vitB32}, c.drawer == "vqgan" ? vq : nullptr, s, steps);
        if (c.drawer == "vqgan") vqganSeconds = t;
        std::printf("| %s | %.3f | %.2f | %.2fx |\n", c.label, t, 1 / t, vqganSeconds / t);
        std::fflush(stdout);
    }

    auto vitB16 = randomClip(dir, "b16", b16, 3, vocab);
    auto vitB32b = randomClip(dir, "b32b", b32, 4, vocab);
    rmdir(dir);
    std::printf("\n| vqgan drawer, 256x256, judged by | s/step | added by the last member |\n|---|---|---|\n");
    GenerationSettings s = base;
    s.width = s.height = 256;
    double previous = 0;
    const std::vector<std::pair<const char*, std::vector<std::shared_ptr<ClipModel>>>> ensembles{
        {"ViT-B/32", {vitB32}}, {"ViT-B/32 + ViT-B/16", {vitB32, vitB16}}, {"ViT-B/32 + ViT-B/16 + ViT-B/32", {vitB32, vitB16, vitB32b}}};
    for (const auto& [label, clips] : ensembles) {
        const double t = secondsPerStep(clips, vq, s, steps);
        std::printf("| %s | %.3f | %s |\n", label, t, previous > 0 ? (std::to_string(t - previous).substr(0, 5) + " s").c_str() : "-");
        std::fflush(stdout);
        previous = t;
    }
    return 0;
}
