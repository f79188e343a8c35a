// demo_quality: the figures of the bundled demo model on fresh shapes-world pictures: VQGAN PSNR and
// codebook use, CLIP zero-shot accuracy (English and Korean labels), generation on the 20 held-out
// prompts x 2 seeds, and generation speed.
// usage: demo_quality [--prompts N] [--seeds N] [--save DIR]
#include "demo/demo_eval.h"

#include <pictor/clip_model.h>
#include <pictor/demo_model.h>
#include <pictor/runtime.h>
#include <pictor/vqgan_model.h>

#include <QDir>

#include <chrono>
#include <cstdio>
#include <cstring>

using namespace pictor;

int main(int argc, char** argv)
{
    int prompts = 20, seeds = 2;
    std::string save;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--prompts")) prompts = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--seeds")) seeds = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--save")) save = argv[i + 1];
    }
    setComputeThreads(0);
    const ModelSet demo = requireDemoModel();
    ClipLoadOptions o;
    o.tokenizerPath = demo.tokenizer;
    std::shared_ptr<ClipModel> clip = ClipModel::load(demo.clip, o);
    std::shared_ptr<VqganModel> vqgan = VqganModel::load(demo.vqgan);
    std::printf("demo model: %s\n", demo.folder.c_str());
    const auto rec = demo::measureReconstruction(*vqgan, 256, 777);
    std::printf("VQGAN reconstruction: PSNR %.2f dB, codes in use %.0f%%\n", rec.psnr, 100 * rec.codesUsed);
    for (bool ko : {false, true}) {
        const auto z = demo::measureZeroShot(*clip, 400, 4242, ko);
        std::printf("zero-shot (%s labels): shape %.1f%%, colour %.1f%%, background %.1f%%\n", ko ? "Korean" : "English", 100 * z.shape,
                    100 * z.colour, 100 * z.background);
    }
    if (!save.empty()) QDir().mkpath(QString::fromStdString(save));
    const auto t0 = std::chrono::steady_clock::now();
    const auto g = demo::measureGeneration(clip, vqgan, demo::demoPreset(), prompts, seeds, save);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("generation, %d held-out prompts x %d seeds (%d steps each): background %d/%d, shape colour %d/%d, both %d/%d, shape %d/%d\n",
                prompts, seeds, demo::demoPreset().steps, g.background, g.runs, g.colour, g.runs, g.colourAndBackground, g.runs, g.shape, g.runs);
    std::printf("generation speed: %.1f steps/s at 64x64 with %d cutouts (%d threads)\n", g.runs * demo::demoPreset().steps / secs,
                demo::demoPreset().cutn, computeThreads());
    return 0;
}
