#include "generation_negatives.h"

#include "demo_eval.h"

#include <pictor/clip_model.h>
#include <pictor/generation.h>
#include <pictor/vqgan_model.h>

#include <chrono>

namespace pictor::demo {

std::vector<MinedNegative> mineGenerationNegatives(ShapesWorld& world, const MiningOptions& o)
{
    ClipLoadOptions clipOptions;
    clipOptions.tokenizerPath = o.tokenizerPath;
    const std::shared_ptr<ClipModel> clip = ClipModel::load(o.clipPath, clipOptions);
    const std::shared_ptr<VqganModel> vqgan = VqganModel::load(o.vqganPath);
    std::mt19937_64& rng = world.rng();
    std::vector<MinedNegative> out;
    const auto start = std::chrono::steady_clock::now();
    while (int(out.size()) < o.count) {
        MinedNegative m;
        m.scene = world.randomScene(0.0);
        const ShapeSpec& s = m.scene.shapes[0];
        // Half in the words the held-out prompts use, half in the training captions' own wording.
        if (rng() % 2) {
            m.caption = plainCaption(s.shape, s.colour, m.scene.background);
        } else {
            m.caption = rng() % 10 < 3 ? world.captionKorean(m.scene) : world.captionEnglish(m.scene);
            if (!captionNamesShape(m.caption, s.shape)) continue; // "red", "a blue background": any picture of those colours fits
        }
        GenerationSettings g = demoPreset();
        g.prompt = m.caption;
        g.cutn = o.cutn;
        g.steps = std::uniform_int_distribution<int>(o.minSteps, o.maxSteps)(rng);
        // No draw without noise runs: the recipes mined before keep their random sequence.
        if (o.noiseShare > 0 && std::uniform_real_distribution<double>(0, 1)(rng) < o.noiseShare) {
            g.initNoise = "pixels";
            g.initWeight = 0; // the preset's weight belongs to its one-shape start
            g.steps = std::uniform_int_distribution<int>(o.noiseMinSteps, o.noiseMaxSteps)(rng);
        }
        g.seed = int64_t(rng() >> 1);
        g.threads = o.threads;
        GenerationRun run(clip, vqgan, g);
        run.start();
        const RgbImage picture = run.runLoop().image;
        m.picture = image::Image8{picture.width, picture.height, 3, picture.pixels};
        out.push_back(std::move(m));
        if (o.log && out.size() % 25 == 0)
            o.log("mined " + std::to_string(out.size()) + "/" + std::to_string(o.count) + " generator negatives (" +
                  std::to_string(int(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count())) + " s)");
    }
    return out;
}

} // namespace pictor::demo
