// demo_quality: the figures of the bundled demo model on fresh shapes-world pictures: VQGAN PSNR and
// codebook use, CLIP zero-shot accuracy (English and Korean labels), generation on the 20 held-out
// prompts x 2 seeds, and generation speed. --fidelity judges runs against each prompt's ideal picture
// instead (demo_fidelity.h: colour shares, overlap with the ideal shape, specks; no CLIP involved) on 40
// held-out prompts: from the default start (the step-0 picture against the last) and from pixel noise.
// Options: see usageError() below (printed for an unknown option). The overrides try other generation
// settings than the demo preset; PICTOR_MODELS_DIR picks the model; --read prints what the checker sees
// in each picture an earlier --save wrote, asked vs found; --record writes the figures (demo preset,
// every held-out run) into the model's manifest.json, atomically, as its "figures".
#include "demo/demo_eval.h"
#include "demo/demo_fidelity.h"
#include "demo/gallery_eval.h"
#include "demo/shapes_world.h"
#include "image/image.h"
#include "io/atomic_file.h"

#include <pictor/clip_model.h>
#include <pictor/demo_model.h>
#include <pictor/runtime.h>
#include <pictor/vqgan_model.h>

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>

using namespace pictor;

namespace {

std::string nameOr(const std::vector<std::string>& names, int i)
{
    return i >= 0 && i < int(names.size()) ? names[std::size_t(i)] : "-";
}

int readSaved(const std::string& folder, int prompts, int seeds)
{
    for (int i = 0; i < prompts; ++i)
        for (int k = 0; k < seeds; ++k) {
            const std::string path = folder + "/heldout_" + std::to_string(i) + "_" + std::to_string(k) + ".png";
            const image::Image8 img = image::toRgb(image::loadImage(path));
            const auto read = demo::readPicture(RgbImage{img.width, img.height, img.pixels});
            const demo::ShapeSpec& want = demo::heldOutShapes()[std::size_t(i)];
            const int wantBg = demo::heldOutBackgrounds()[std::size_t(i)];
            std::printf("%2d/%d %-42s found %-7s %-8s on %-7s %s%s%s  shape mean (%3.0f,%3.0f,%3.0f)\n", i, k, demo::heldOutPrompt(i).c_str(),
                        nameOr(demo::colourNames(), read.colour).c_str(), nameOr(demo::shapeNames(), read.shape).c_str(),
                        nameOr(demo::colourNames(), read.background).c_str(), read.background == wantBg ? "B" : "b",
                        read.colour == want.colour ? "C" : "c", read.shape == int(want.shape) ? "S" : "s", read.shapeRgb[0],
                        read.shapeRgb[1], read.shapeRgb[2]);
        }
    return 0;
}

struct FidelitySums {
    double colours = 0, foreground = 0, background = 0, overlap = 0, specks = 0;
    int formed = 0, runs = 0;
    void add(const demo::Fidelity& f)
    {
        colours += f.colours;
        foreground += f.foreground;
        background += f.background;
        overlap += f.overlap;
        specks += f.specks;
        formed += f.formed;
        ++runs;
    }
    void print(const char* what) const
    {
        const double n = std::max(1, runs);
        std::printf("  %-26s colours %.3f (shape %.3f, background %.3f)  overlap %.3f  specks %.3f  formed %d/%d\n", what, colours / n,
                    foreground / n, background / n, overlap / n, specks / n, formed, runs);
    }
};

/// --fidelity: each prompt from the default start (step 0 and the end) and from pixel noise (`noiseSteps` steps).
int fidelityRuns(std::shared_ptr<ClipModel> clip, std::shared_ptr<VqganModel> vqgan, const GenerationSettings& preset,
                 const GenerationSettings& noisePreset, int prompts, const std::string& save, bool noiseOnly)
{
    const auto all = demo::fidelityPrompts();
    prompts = std::clamp(prompts, 1, int(all.size()));
    FidelitySums start, end, noiseEnd;
    const auto t0 = std::chrono::steady_clock::now();
    auto line = [](const demo::Fidelity& f) {
        char buf[128];
        std::snprintf(buf, sizeof buf, "col %.2f fg %.2f bg %.2f iou %.2f sp %.3f %s", f.colours, f.foreground, f.background, f.overlap, f.specks,
                      f.formed ? "F" : "-");
        return std::string(buf);
    };
    for (int i = 0; i < prompts; ++i) {
        const demo::FidelityPrompt& p = all[std::size_t(i)];
        GenerationSettings s = preset;
        s.prompt = p.prompt;
        s.seed = 1000 + 17 * i;
        demo::Fidelity a, b;
        RgbImage last;
        GenerationSettings ran = s;
        if (!noiseOnly) {
            GenerationRun run(clip, vqgan, s);
            run.start();
            a = demo::measureFidelity(run.currentImage(), p.scene);
            last = run.runLoop().image;
            b = demo::measureFidelity(last, p.scene);
            ran = run.settings();
            start.add(a);
            end.add(b);
        }
        GenerationSettings n = noisePreset; // what a user who picks a noise start gets, unless asked otherwise
        n.prompt = s.prompt;
        n.seed = s.seed;
        GenerationRun fromNoise(clip, vqgan, n);
        fromNoise.start();
        const RgbImage noiseLast = fromNoise.runLoop().image;
        const demo::Fidelity c = demo::measureFidelity(noiseLast, p.scene);
        noiseEnd.add(c);
        if (noiseOnly)
            std::printf("%2d %-62s noise %s\n", i, p.prompt.c_str(), line(c).c_str());
        else
            std::printf("%2d %-62s start %s | end %s | noise %s\n", i, p.prompt.c_str(), line(a).c_str(), line(b).c_str(), line(c).c_str());
        std::fflush(stdout);
        if (!save.empty()) {
            if (!noiseOnly) saveArtwork(last, save + "/fidelity_" + std::to_string(i) + "_end.png", ran);
            saveArtwork(noiseLast, save + "/fidelity_" + std::to_string(i) + "_noise.png", fromNoise.settings());
        }
    }
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("fidelity on %d held-out prompts (%d steps from the default start, %d from pixel noise; %.0f s):\n", prompts, preset.steps, noisePreset.steps,
                secs);
    if (!noiseOnly) {
        start.print("default start, step 0");
        end.print("default start, end");
    }
    noiseEnd.print("pixel noise, end");
    // The three figures: the end may not fall below the start on colours or overlap, nor gain more than 0.01 specks.
    std::string worse;
    if (end.colours < start.colours) worse += " colours";
    if (end.overlap < start.overlap) worse += " overlap";
    if (end.specks > start.specks + 0.01 * start.runs) worse += " specks";
    if (noiseOnly) {
        std::printf("  from noise %d/%d formed\n", noiseEnd.formed, noiseEnd.runs);
        return 0;
    }
    std::printf("  from the default start the end is %s; from noise %d/%d formed\n", worse.empty() ? "no worse than the start on any figure" : ("worse on" + worse).c_str(),
                noiseEnd.formed, noiseEnd.runs);
    return 0;
}

// A mistyped option must not start a many-minute measurement with the settings it did not change.
int usageError(const char* arg)
{
    std::fprintf(stderr,
                 "demo_quality: unknown option or missing value: %s\n"
                 "usage: demo_quality [--prompts N] [--seeds N] [--save DIR] [--generation-only | --diagnose | --read DIR | --record | --fidelity [--noise-only] [--noise-steps N] [--settle-step N]]\n"
                 "                    [--steps N] [--lr X] [--cutn N] [--size PX] [--coarse-steps N] [--coarse-levels N] [--best-of N]\n"
                 "                    [--augment Af,Pe] [--cut-method M] [--smoothness X] [--init-noise KIND] [--init-weight X] [--optimizer NAME] [--no-bf16]\n",
                 arg);
    return 2;
}

/// Puts `figures` into the model's manifest.json beside what the trainer wrote there; the rest of the
/// manifest (the files' SHA-256 among it) stays as it was.
int recordFigures(const std::string& folder, const QJsonObject& figures)
{
    const QString path = QString::fromStdString(folder) + "/manifest.json";
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "demo_quality: cannot read %s\n", qPrintable(path));
        return 1;
    }
    QJsonParseError error;
    QJsonObject manifest = QJsonDocument::fromJson(file.readAll(), &error).object();
    if (error.error != QJsonParseError::NoError) {
        std::fprintf(stderr, "demo_quality: %s is not JSON: %s\n", qPrintable(path), qPrintable(error.errorString()));
        return 1;
    }
    manifest["figures"] = figures;
    io::writeFileAtomic(path.toStdString(), QJsonDocument(manifest).toJson().toStdString());
    std::printf("figures recorded in %s\n", qPrintable(path));
    return 0;
}

QJsonObject zeroShotJson(const demo::ZeroShotQuality& z)
{
    return {{"shape", z.shape}, {"colour", z.colour}, {"background", z.background}};
}

} // namespace

int main(int argc, char** argv)
{
    int prompts = 20, seeds = 2, bestOf = 1;
    std::string save, readFolder;
    // notRecordable: an option that measures something else than the preset's full figures (other settings,
    // fewer runs, only a part), which --record must not write into the manifest.
    bool generationOnly = false, diagnose = false, record = false, notRecordable = false, fidelity = false;
    bool noiseOnly = false;
    bool promptsGiven = false; // --fidelity runs all 40 of its prompts unless told otherwise
    // The default start's settings and the noise start's (--fidelity); an override applies to both unless it names one.
    GenerationSettings preset = demo::demoPreset(), noisePreset = demo::demoNoisePreset();
    auto both = [&](auto&& change) {
        change(preset);
        change(noisePreset);
    };
    for (int i = 1; i < argc; ++i) {
        const bool hasValue = i + 1 < argc;
        notRecordable = notRecordable || (std::strcmp(argv[i], "--save") && std::strcmp(argv[i], "--record"));
        if (!std::strcmp(argv[i], "--generation-only")) generationOnly = true;
        else if (!std::strcmp(argv[i], "--diagnose")) diagnose = true;
        else if (!std::strcmp(argv[i], "--record")) record = true;
        else if (!std::strcmp(argv[i], "--fidelity")) fidelity = true;
        else if (!std::strcmp(argv[i], "--noise-only")) fidelity = noiseOnly = true;
        else if (!std::strcmp(argv[i], "--no-bf16")) both([](GenerationSettings& g) { g.bf16 = false; });
        else if (!hasValue) return usageError(argv[i]);
        else if (!std::strcmp(argv[i], "--prompts")) prompts = std::atoi(argv[++i]), promptsGiven = true;
        else if (!std::strcmp(argv[i], "--seeds")) seeds = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--noise-steps")) noisePreset.steps = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--settle-step")) noisePreset.settleStep = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--save")) save = argv[++i];
        else if (!std::strcmp(argv[i], "--read")) readFolder = argv[++i];
        else if (!std::strcmp(argv[i], "--steps")) preset.steps = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--init-noise")) preset.initNoise = argv[++i];
        else if (!std::strcmp(argv[i], "--best-of")) bestOf = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--init-weight")) both([v = std::atof(argv[++i])](GenerationSettings& g) { g.initWeight = v; });
        else if (!std::strcmp(argv[i], "--lr")) both([v = std::atof(argv[++i])](GenerationSettings& g) { g.learningRate = v; });
        else if (!std::strcmp(argv[i], "--cutn")) both([v = std::atoi(argv[++i])](GenerationSettings& g) { g.cutn = v; });
        else if (!std::strcmp(argv[i], "--coarse-steps")) both([v = std::atoi(argv[++i])](GenerationSettings& g) { g.coarseSteps = v; });
        else if (!std::strcmp(argv[i], "--coarse-levels")) both([v = std::atoi(argv[++i])](GenerationSettings& g) { g.coarseLevels = v; });
        else if (!std::strcmp(argv[i], "--size")) both([v = std::atoi(argv[++i])](GenerationSettings& g) { g.width = g.height = v; });
        else if (!std::strcmp(argv[i], "--cut-method")) both([v = std::string(argv[++i])](GenerationSettings& g) { g.cutMethod = v; });
        else if (!std::strcmp(argv[i], "--smoothness")) both([v = std::atof(argv[++i])](GenerationSettings& g) { g.smoothness = v; });
        else if (!std::strcmp(argv[i], "--optimizer")) both([v = std::string(argv[++i])](GenerationSettings& g) { g.optimizer = v; });
        else if (!std::strcmp(argv[i], "--augment")) {
            std::vector<std::string> augments;
            for (const QString& a : QString(argv[++i]).split(',', Qt::SkipEmptyParts))
                if (a != "none") augments.push_back(a.toStdString());
            both([&](GenerationSettings& g) { g.augments = augments; });
        } else
            return usageError(argv[i]);
    }
    if (record && notRecordable) {
        std::fprintf(stderr, "demo_quality: --record keeps only the demo preset's figures over every held-out run: drop the other options\n");
        return 2;
    }
    if (!readFolder.empty()) return readSaved(readFolder, prompts, seeds);
    setComputeThreads(0);
    const ModelSet demo = requireDemoModel();
    ClipLoadOptions o;
    o.tokenizerPath = demo.tokenizer;
    std::shared_ptr<ClipModel> clip = ClipModel::load(demo.clip, o);
    std::shared_ptr<VqganModel> vqgan = VqganModel::load(demo.vqgan);
    std::printf("demo model: %s\n", demo.folder.c_str());
    if (!save.empty()) QDir().mkpath(QString::fromStdString(save));
    if (fidelity) return fidelityRuns(clip, vqgan, preset, noisePreset, promptsGiven ? prompts : int(demo::fidelityPrompts().size()), save, noiseOnly);
    QJsonObject figures;
    if (!generationOnly) {
    const int reconstructionPictures = 256, zeroShotPictures = 400;
    const auto rec = demo::measureReconstruction(*vqgan, reconstructionPictures, 777);
    std::printf("VQGAN reconstruction: PSNR %.2f dB, codes in use %.0f%%\n", rec.psnr, 100 * rec.codesUsed);
    figures["vqgan_reconstruction"] = QJsonObject{{"psnr_db", rec.psnr}, {"codes_in_use", rec.codesUsed}, {"pictures", reconstructionPictures}};
    QJsonObject zeroShot{{"pictures", zeroShotPictures}};
    for (bool ko : {false, true}) {
        const auto z = demo::measureZeroShot(*clip, zeroShotPictures, 4242, ko);
        std::printf("zero-shot (%s labels): shape %.1f%%, colour %.1f%%, background %.1f%%\n", ko ? "Korean" : "English", 100 * z.shape,
                    100 * z.colour, 100 * z.background);
        zeroShot[ko ? "korean" : "english"] = zeroShotJson(z);
    }
    figures["zero_shot"] = zeroShot;
    QTemporaryDir galleryDir;
    const auto gallery = demo::measureGallerySearch(*clip, galleryDir.path().toStdString());
    std::printf("gallery: precision@5 %.2f over %d caption queries on %d pictures (background queries %.2f)\n", gallery.precision,
                gallery.queries, gallery.pictures, gallery.backgroundPrecision);
    figures["gallery_search"] = QJsonObject{{"precision_at_5", gallery.precision}, {"queries", gallery.queries}, {"pictures", gallery.pictures}};
    }
    if (diagnose) {
        // Does CLIP prefer the true picture to what the generator makes, and does the generator keep
        // the true picture when it starts from it? Cosines without augmentation.
        demo::ShapesWorld world(99, 64, false);
        double truthSum = 0, keptSum = 0;
        int kept = 0;
        const QString dir = QDir::temp().filePath("demo_quality_truth");
        QDir().mkpath(dir);
        for (int i = 0; i < prompts; ++i) {
            demo::Scene scene;
            scene.background = demo::heldOutBackgrounds()[std::size_t(i)];
            scene.shapes = {demo::heldOutShapes()[std::size_t(i)]};
            const auto truth = world.render(scene);
            const std::string path = dir.toStdString() + "/truth_" + std::to_string(i) + ".png";
            image::saveImageAtomic(truth.image, path);
            const std::string prompt = demo::heldOutPrompt(i);
            const auto text = clip->embedTexts({prompt})[0];
            auto cosine = [&](const image::Image8& img) {
                const auto e = clip->embedPreprocessed(image::clipPreprocess(img, clip->info().imageResolution), 1)[0];
                double d = 0;
                for (std::size_t j = 0; j < e.size(); ++j) d += double(e[j]) * text[j];
                return d;
            };
            GenerationSettings s = preset;
            s.prompt = prompt;
            s.seed = 1000 + 17 * i;
            s.initImage = path;
            GenerationRun run(clip, vqgan, s);
            run.start();
            const RgbImage after = run.runLoop().image;
            const auto read = demo::readPicture(after);
            const bool shapeKept = read.shape == int(scene.shapes[0].shape);
            const double t = cosine(truth.image), a = cosine(image::Image8{after.width, after.height, 3, after.pixels});
            std::string generated = "-";
            if (!save.empty() && QFile::exists(QString::fromStdString(save + "/heldout_" + std::to_string(i) + "_0.png")))
                generated = std::to_string(cosine(image::toRgb(image::loadImage(save + "/heldout_" + std::to_string(i) + "_0.png"))));
            std::printf("%-45s truth %.3f  generated %s  from truth after %d steps %.3f (shape %s)\n", prompt.c_str(), t, generated.c_str(),
                        s.steps, a, shapeKept ? "kept" : "lost");
            truthSum += t;
            keptSum += a;
            kept += shapeKept;
            if (!save.empty()) saveArtwork(after, save + "/fromtruth_" + std::to_string(i) + ".png", run.settings());
        }
        std::printf("mean cosine: truth %.3f, after %d steps from truth %.3f; shape kept in %d/%d\n", truthSum / prompts, preset.steps,
                    keptSum / prompts, kept, prompts);
        return 0;
    }
    const auto t0 = std::chrono::steady_clock::now();
    const auto g = demo::measureGeneration(clip, vqgan, preset, prompts, seeds, save, bestOf);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("generation, %d held-out prompts x %d seeds (%d steps each): background %d/%d, shape colour %d/%d, both %d/%d, shape %d/%d\n",
                prompts, seeds, preset.steps, g.background, g.runs, g.colour, g.runs, g.colourAndBackground, g.runs, g.shape, g.runs);
    const double stepsPerSecond = g.runs * preset.steps / secs;
    std::printf("generation speed: %.1f steps/s at 64x64 with %d cutouts (%d threads)\n", stepsPerSecond, preset.cutn, computeThreads());
    if (!record) return 0;
    figures["generation"] = QJsonObject{{"runs", g.runs},
                                        {"steps", preset.steps},
                                        {"cutouts", preset.cutn},
                                        {"background", g.background},
                                        {"shape_colour", g.colour},
                                        {"background_and_shape_colour", g.colourAndBackground},
                                        {"shape", g.shape},
                                        {"steps_per_second", stepsPerSecond}};
    figures["measured"] = QJsonObject{{"by", "tests/bench/demo_quality --record"},
                                      {"date", QDateTime::currentDateTimeUtc().date().toString(Qt::ISODate)},
                                      {"machine", QString::fromStdString(machineDescription())}};
    return recordFigures(demo.folder, figures);
}
