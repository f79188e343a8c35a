#include "cli_common.h"
#include "commands.h"

#include <pictor/clip_model.h>
#include <pictor/demo_model.h>
#include <pictor/error.h>
#include <pictor/generation.h>
#include <pictor/model_file.h>
#include <pictor/vqgan_model.h>

#include <QFileInfo>
#include <QJsonDocument>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>

namespace pictor::cli {

namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void onInterrupt(int) { g_interrupted = true; }

QString clockText(double seconds)
{
    const int s = int(seconds + 0.5);
    return s >= 3600 ? QString("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QChar('0')).arg(s % 60, 2, 10, QChar('0'))
                     : QString("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
}

double doubleValue(const CommandLine& cl, const QString& option, double fallback)
{
    if (!cl.isSet(option)) return fallback;
    bool ok = false;
    const double v = cl.value(option).toDouble(&ok);
    if (!ok) throw UsageError{"--" + option.toStdString() + " expects a number, got '" + cl.value(option).toStdString() + "'"};
    return v;
}

/// A WxH option ("256x256") into two numbers.
void sizeValue(const CommandLine& cl, const QString& option, const char* example, int& width, int& height)
{
    const QStringList wh = cl.value(option).toLower().split('x');
    bool okW = false, okH = false;
    if (wh.size() == 2) {
        width = wh[0].toInt(&okW);
        height = wh[1].toInt(&okH);
    }
    if (!okW || !okH) throw UsageError{"--" + option.toStdString() + " expects WxH, e.g. " + example};
}

QString numberedPath(const QString& out, int step)
{
    const QFileInfo info(out);
    return info.path() + "/" + info.completeBaseName() + QString("_%1.").arg(step, 5, 10, QChar('0')) + (info.suffix().isEmpty() ? "png" : info.suffix());
}

} // namespace

int runGenerate(const QStringList& args)
{
    CommandLine cl("generate", "Make a picture from a prompt with VQGAN+CLIP. Progress on stderr, a JSON summary on stdout.\n"
                               "Prompt syntax: \"text:weight:stop\", several joined by '|', story phrases by '^'; a negative weight pushes away.",
                   args);
    auto& p = cl.parser();
    p.addOption({"prompt", "Text prompt(s).", "TEXT"});
    p.addOption({"image-prompt", "Picture to steer towards (PATH or PATH:WEIGHT); repeatable.", "FILE"});
    p.addOption({"noise-prompt", "SEED:WEIGHT noise prompt; repeatable.", "SPEC"});
    p.addOption({"init-image", "Start from this picture instead of random codes.", "FILE"});
    p.addOption({"init-weight", "Keep close to the starting latent (default 0).", "X"});
    p.addOption({"coarse-steps", "Shape a half-resolution token grid for the first N steps, then refine at full size (default 0).", "N"});
    p.addOption({"coarse-levels", "Halvings of the coarse grid, 1-3: 2 shapes a quarter-resolution grid, then a half one, each for half the coarse steps (default 1).", "N"});
    p.addOption({"settle-step", "At step N the picture settles into one shape: where its main colour lies, CLIP picks one plain outline and both colours, and the rest of the run refines it (vqgan drawer; default 0, off).", "N"});
    p.addOption({"smoothness", "Total-variation penalty on the picture: fewer, larger shapes (default 0).", "X"});
    p.addOption({"init-noise", "Start from 'pixels' or 'gradient' noise, or 'shape' (one plain shape in the outline and colours CLIP picks for the prompt, to refine).", "KIND"});
    p.addOption({"clip", "CLIP model file (default: the bundled demo model); repeat for an ensemble judging together.", "MODEL"});
    p.addOption({"clip-weight", "Weight of each --clip in an ensemble, in order (repeatable or comma-separated; default 1 each).", "X"});
    p.addOption({"drawer", "What the optimiser changes: vqgan (default), pixel, strokes or image.", "KIND"});
    p.addOption({"pixel-size", "pixel drawer: grid cells WxH, or auto (default: square cells that divide the picture, about 1/16 of its shorter side).", "WxH"});
    p.addOption({"palette", "Colours of the pixel drawer and the palette loss: pico-8, game-boy, cga, black-and-white, primary or hex (#ff004d,#29adff).", "P"});
    p.addOption({"strokes", "strokes drawer: how many curves (default 40).", "N"});
    p.addOption({"stroke-width", "strokes drawer: starting width in pixels (default 4).", "PX"});
    p.addOption({"stroke-style", "strokes drawer: colour (default) or line (black on white).", "S"});
    p.addOption({"fourier", "image drawer: optimise the picture's spectrum instead of its pixels."});
    p.addOption({"symmetry", "Weight of the left-right mirror loss (default 0).", "X"});
    p.addOption({"palette-weight", "Weight of the loss pulling colours toward --palette (default 0).", "X"});
    p.addOption({"saturation", "Weight of the saturation loss: > 0 more colourful, < 0 greyer (default 0).", "X"});
    p.addOption({"edges", "Weight of the loss keeping the border plain (default 0).", "X"});
    p.addOption({"tile", "Seamless tile: the picture wraps around and repeats without a seam."});
    p.addOption({"vocab", "Tokenizer file (default: next to the CLIP model).", "FILE"});
    p.addOption({"text-heads", "Text attention heads of a small custom CLIP (default: width / 64).", "N"});
    p.addOption({"gelu", "The CLIP model uses plain GELU (open_clip) instead of QuickGELU."});
    p.addOption({"vqgan", "VQGAN model file (.ckpt / .safetensors; model.yaml beside it is read; default: the demo model).", "MODEL"});
    p.addOption({"size", "Picture size WxH (default 256x256; floored to the VQGAN's factor).", "WxH"});
    p.addOption({"steps", "Optimiser steps (default 500; 0 = until Ctrl-C).", "N"});
    p.addOption({"seed", "Random seed (default: random, reported).", "S"});
    p.addOption({"lr", "Learning rate (default 0.1).", "X"});
    p.addOption({"cutn", "Cutouts per step (default 32).", "N"});
    p.addOption({"cut-pow", "Cutout size power for --cut-method original (default 1).", "X"});
    p.addOption({"cut-method", "latest (pooled whole picture, default) or original (random crops).", "M"});
    p.addOption({"augment", "Augmentations, comma-separated: Af,Pe,Ro,Hf,Ji,Er,Gn (default Af,Pe,Ji,Er; 'none' for none).", "LIST"});
    p.addOption({"optimizer", "Adam (default), AdamW, Adagrad, RMSprop or SGD.", "O"});
    p.addOption({"save-every", "Also write OUT_00050.png etc. every N steps.", "N"});
    p.addOption({"video", "Time-lapse video of every step (.mp4, else .avi).", "FILE"});
    p.addOption({"story-every", "Move to the next '^' phrase every N steps.", "N"});
    p.addOption({"zoom-every", "Zoom video mode: zoom and re-encode every N steps.", "N"});
    p.addOption({"zoom-scale", "Zoom factor per zoom (default 0.99).", "X"});
    p.addOption({"zoom-shift", "Shift per zoom in pixels, X,Y.", "X,Y"});
    p.addOption({"best-of", "Try N seeds for a few steps and continue the one CLIP likes best.", "N"});
    p.addOption({"best-of-steps", "Steps per Best-of-N trial (default 20).", "N"});
    p.addOption({"no-bf16", "Compute CLIP in fp32 even where the CPU has bf16."});
    p.addOption({"device", "Where to compute: auto (default: the first CUDA GPU if there is one, else the CPU), cpu, cuda or cuda:N.", "D"});
    p.addOption({"snapshot", "Save the run's full state here at the end (to continue later with --resume).", "FILE"});
    p.addOption({"resume", "Continue from a snapshot made with --snapshot (same models and size).", "FILE"});
    p.addOption({"from", "Rerun the settings embedded in a Pictor PNG (other options override them).", "IMAGE.png"});
    p.addOption({"out", "Output PNG (default output.png).", "FILE"});
    if (!cl.parse({})) return 0;
    if (!cl.positional().isEmpty()) throw UsageError{"unexpected argument '" + cl.positional()[0].toStdString() + "' (quote the prompt and pass it with --prompt)"};

    GenerationSettings s;
    if (cl.isSet("from")) {
        const auto text = readPngText(cl.value("from").toStdString());
        auto it = text.find("pictor");
        if (it == text.end()) throw Error("'" + cl.value("from").toStdString() + "' carries no Pictor settings");
        s = GenerationSettings::fromJson(it->second);
    }
    if (cl.isSet("prompt")) s.prompt = cl.value("prompt").toStdString();
    for (const QString& v : cl.parser().values("image-prompt")) s.imagePrompts.push_back(v.toStdString());
    for (const QString& v : cl.parser().values("noise-prompt")) s.noisePrompts.push_back(v.toStdString());
    if (cl.isSet("init-image")) s.initImage = cl.value("init-image").toStdString();
    s.initWeight = doubleValue(cl, "init-weight", s.initWeight);
    s.smoothness = doubleValue(cl, "smoothness", s.smoothness);
    s.coarseSteps = cl.intValue("coarse-steps", s.coarseSteps);
    s.coarseLevels = cl.intValue("coarse-levels", s.coarseLevels);
    s.settleStep = cl.intValue("settle-step", s.settleStep);
    if (cl.isSet("init-noise")) s.initNoise = cl.value("init-noise").toStdString();
    if (cl.isSet("size")) sizeValue(cl, "size", "256x256", s.width, s.height);
    s.steps = cl.intValue("steps", s.steps);
    if (cl.isSet("seed")) {
        bool ok = false;
        s.seed = cl.value("seed").toLongLong(&ok);
        if (!ok || s.seed < 0) throw UsageError{"--seed expects a whole number >= 0"};
    }
    s.learningRate = doubleValue(cl, "lr", s.learningRate);
    s.cutn = cl.intValue("cutn", s.cutn);
    s.cutPow = doubleValue(cl, "cut-pow", s.cutPow);
    if (cl.isSet("cut-method")) s.cutMethod = cl.value("cut-method").toStdString();
    if (cl.isSet("augment")) {
        s.augments.clear();
        if (cl.value("augment") != "none")
            for (const QString& a : cl.value("augment").split(',', Qt::SkipEmptyParts)) s.augments.push_back(a.trimmed().toStdString());
    }
    if (cl.isSet("optimizer")) s.optimizer = cl.value("optimizer").toStdString();
    s.storyEvery = cl.intValue("story-every", s.storyEvery);
    s.zoomEvery = cl.intValue("zoom-every", s.zoomEvery);
    s.zoomScale = doubleValue(cl, "zoom-scale", s.zoomScale);
    if (cl.isSet("zoom-shift")) {
        const QStringList xy = cl.value("zoom-shift").split(',');
        if (xy.size() != 2) throw UsageError{"--zoom-shift expects X,Y"};
        s.zoomShiftX = xy[0].toInt();
        s.zoomShiftY = xy[1].toInt();
    }
    if (cl.isSet("no-bf16")) s.bf16 = false;
    if (cl.isSet("device")) s.device = cl.value("device").toStdString();
    if (cl.isSet("drawer")) s.drawer = cl.value("drawer").toStdString();
    if (cl.isSet("pixel-size") && cl.value("pixel-size").toLower() != "auto") sizeValue(cl, "pixel-size", "40x24", s.pixelColumns, s.pixelRows);
    if (cl.isSet("palette")) s.palette = cl.value("palette").toStdString();
    s.strokes = cl.intValue("strokes", s.strokes);
    s.strokeWidth = doubleValue(cl, "stroke-width", s.strokeWidth);
    if (cl.isSet("stroke-style")) s.strokeStyle = cl.value("stroke-style").toStdString();
    if (cl.isSet("fourier")) s.fourier = true;
    s.symmetryWeight = doubleValue(cl, "symmetry", s.symmetryWeight);
    s.paletteWeight = doubleValue(cl, "palette-weight", s.paletteWeight);
    s.saturationWeight = doubleValue(cl, "saturation", s.saturationWeight);
    s.edgesWeight = doubleValue(cl, "edges", s.edgesWeight);
    if (cl.isSet("tile")) s.tile = true;
    if (cl.isSet("clip-weight")) {
        s.clipWeights.clear();
        for (const QString& v : cl.parser().values("clip-weight"))
            for (const QString& w : v.split(',', Qt::SkipEmptyParts)) {
                bool ok = false;
                s.clipWeights.push_back(w.trimmed().toDouble(&ok));
                if (!ok) throw UsageError{"--clip-weight expects numbers, got '" + w.toStdString() + "'"};
            }
    }
    const bool needsVqgan = s.needsVqgan();
    const std::vector<std::string> drawers = drawerNames();
    if (std::find(drawers.begin(), drawers.end(), s.drawer) == drawers.end())
        throw UsageError{"unknown drawer '" + s.drawer + "' (use vqgan, pixel, strokes or image)"};
    s.threads = cl.intValue("threads", 0);
    const int saveEvery = cl.intValue("save-every", 0);
    const QString out = cl.isSet("out") ? cl.value("out") : QString("output.png");
    if (s.prompt.empty() && s.imagePrompts.empty() && s.noisePrompts.empty()) throw UsageError{"give --prompt TEXT (or an image or noise prompt)"};

    cl.applyRuntimeOptions();
    ClipLoadOptions clipOptions;
    QStringList clipPaths = cl.parser().values("clip");
    QString vqganPath = cl.value("vqgan");
    std::string demoTokenizer;
    if (clipPaths.isEmpty() || (needsVqgan && vqganPath.isEmpty())) {
        const ModelSet demo = requireDemoModel();
        if (clipPaths.isEmpty()) {
            clipPaths << QString::fromStdString(demo.clip);
            demoTokenizer = demo.tokenizer;
        }
        if (needsVqgan && vqganPath.isEmpty()) vqganPath = QString::fromStdString(demo.vqgan);
        note("using the bundled demo model (" + demo.folder + "); choose others with --clip and --vqgan");
        if (!cl.isSet("from")) { // what suits the demo model, where the user did not say
            const GenerationSettings d = demoModelSettings(s);
            if (!cl.isSet("size")) s.width = d.width, s.height = d.height;
            if (!cl.isSet("cutn")) s.cutn = d.cutn;
            if (!cl.isSet("lr")) s.learningRate = d.learningRate;
            if (!cl.isSet("augment")) s.augments = d.augments;
            if (!cl.isSet("smoothness")) s.smoothness = d.smoothness;
            if (!cl.isSet("cut-method")) s.cutMethod = d.cutMethod;
            if (!cl.isSet("init-noise") && !cl.isSet("init-image")) s.initNoise = d.initNoise; // the one-shape start
            // The steps, init weight, coarse stage and settle step that suit the start (the one shape's weight keeps the run
            // near it; from noise a coarse stage lays out the colours, then the picture settles into one shape), where
            // the user did not say.
            const GenerationSettings forStart = demoStartSettings(s);
            if (!cl.isSet("steps")) s.steps = forStart.steps;
            if (!cl.isSet("init-weight")) s.initWeight = forStart.initWeight;
            if (!cl.isSet("coarse-steps")) s.coarseSteps = forStart.coarseSteps;
            if (!cl.isSet("coarse-levels")) s.coarseLevels = forStart.coarseLevels;
            if (!cl.isSet("settle-step")) s.settleStep = forStart.settleStep;
        }
    }
    if (!s.clipWeights.empty() && s.clipWeights.size() != std::size_t(clipPaths.size()))
        throw UsageError{"give one --clip-weight per --clip (" + std::to_string(clipPaths.size()) + " models, " + std::to_string(s.clipWeights.size()) + " weights)"};
    clipOptions.textHeads = cl.intValue("text-heads", 0);
    clipOptions.quickGelu = !cl.isSet("gelu");
    clipOptions.device = s.device;
    std::vector<std::shared_ptr<ClipModel>> clips;
    for (const QString& path : clipPaths) {
        ClipLoadOptions o = clipOptions;
        o.tokenizerPath = cl.isSet("vocab") ? cl.value("vocab").toStdString() : demoTokenizer;
        clips.push_back(ClipModel::load(path.toStdString(), o));
    }
    std::shared_ptr<ClipModel> clip = clips.front();
    std::shared_ptr<VqganModel> vqgan = needsVqgan ? VqganModel::load(vqganPath.toStdString()) : nullptr;
    for (const auto& c : clips) note("CLIP " + c->info().architecture);
    if (vqgan) {
        note("VQGAN " + vqgan->info().architecture);
        const int f = vqgan->info().factor;
        if (s.width > 0 && s.height > 0 && (s.width % f || s.height % f))
            note("note: " + std::to_string(s.width) + "x" + std::to_string(s.height) + " is not a multiple of the VQGAN's " + std::to_string(f) +
                 " px cells; using " + std::to_string(s.width / f * f) + "x" + std::to_string(s.height / f * f));
    } else note("drawer " + s.drawer + " (no VQGAN needed)");
    if (s.drawer == "pixel") {
        const PixelGrid grid = pixelGrid(s);
        note("pixel grid " + std::to_string(grid.columns) + "x" + std::to_string(grid.rows) + " of " + std::to_string(grid.cellWidth) + "x" +
             std::to_string(grid.cellHeight) + " px cells" + (grid.automatic ? " (chosen for the size)" : "") +
             (grid.width != s.width || grid.height != s.height
                  ? "; the picture is " + std::to_string(grid.width) + "x" + std::to_string(grid.height) + ", not " + std::to_string(s.width) + "x" +
                        std::to_string(s.height)
                  : ""));
    }

    if (cl.isSet("best-of")) {
        const int n = cl.intValue("best-of", 1);
        s.seed = pickBestSeed(clips, vqgan, s, n, cl.intValue("best-of-steps", 20), [&](int i, int64_t seed, double score) {
            note("best-of: candidate " + std::to_string(i + 1) + "/" + std::to_string(n) + " seed " + std::to_string(seed) +
                 " CLIP similarity " + QString::number(score, 'f', 4).toStdString());
        });
        note("best-of: continuing with seed " + std::to_string(s.seed));
    }

    GenerationRun run(clips, vqgan, s);
    run.start();
    note("device " + run.settings().device + " (" + run.deviceWhy() + ")");
    if (cl.isSet("resume")) {
        run.loadSnapshot(cl.value("resume").toStdString());
        note("resumed at step " + std::to_string(run.stepsDone()));
    }
    const GenerationSettings& used = run.settings();
    std::map<std::string, std::string> identity{{"clip_model", QFileInfo(QString::fromStdString(clip->info().path)).fileName().toStdString()},
                                                {"clip_sha256", sha256File(clip->info().path)},
                                                {"app_version", PICTOR_VERSION}};
    if (vqgan) {
        identity["vqgan_model"] = QFileInfo(QString::fromStdString(vqgan->info().path)).fileName().toStdString();
        identity["vqgan_sha256"] = sha256File(vqgan->info().path);
    }
    for (std::size_t i = 1; i < clips.size(); ++i) { // the ensemble's other members
        identity["clip_model_" + std::to_string(i + 1)] = QFileInfo(QString::fromStdString(clips[i]->info().path)).fileName().toStdString();
        identity["clip_sha256_" + std::to_string(i + 1)] = sha256File(clips[i]->info().path);
    }

    std::unique_ptr<VideoRecorder> video;
    if (cl.isSet("video")) {
        video = std::make_unique<VideoRecorder>(cl.value("video").toStdString(), used.width, used.height, 15.0);
        note("video: " + video->describe());
    }
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    const bool tty = isatty(fileno(stderr));
    const GenerationResult result = run.runLoop([&](const GenerationFrame& frame) {
        if (video) video->add(frame.image);
        if (saveEvery > 0 && frame.step % saveEvery == 0) saveArtwork(frame.image, numberedPath(out, frame.step).toStdString(), used, identity);
        QString line = QString("step %1").arg(frame.step);
        if (frame.totalSteps) line += QString("/%1").arg(frame.totalSteps);
        line += QString("  loss %1  %2 s/step").arg(frame.loss, 0, 'f', 4).arg(frame.secondsPerStep, 0, 'f', 2);
        if (frame.totalSteps) line += "  ETA " + clockText(frame.secondsPerStep * (frame.totalSteps - frame.step));
        if (tty) std::fprintf(stderr, "\r%s\033[K", qPrintable(line));
        else if (frame.step == 1 || frame.step % 10 == 0 || frame.step == frame.totalSteps) std::fprintf(stderr, "%s\n", qPrintable(line));
        if (g_interrupted) run.stop();
    });
    if (tty) std::fprintf(stderr, "\n");
    if (result.stopped) note("stopped at step " + std::to_string(result.steps) + "; saving the current picture");
    saveArtwork(result.image, out.toStdString(), used, identity);
    if (video) video->finish();
    if (cl.isSet("snapshot")) run.saveSnapshot(cl.value("snapshot").toStdString());
    QJsonObject summary{{"output", out},
                        {"steps", result.steps},
                        {"seconds_per_step", result.secondsPerStep},
                        {"final_loss", result.finalLoss},
                        {"clip_similarity", result.clipSimilarity},
                        {"seed", qint64(result.seed)},
                        {"width", used.width},
                        {"height", used.height},
                        {"device", QString::fromStdString(used.device)},
                        {"stopped", result.stopped}};
    if (video) summary.insert("video", QString::fromStdString(video->path()));
    printJsonLine(summary);
    return 0;
}

int runInfo(const QStringList& args)
{
    CommandLine cl("info", "Print the settings embedded in a picture Pictor made (JSON).", args);
    if (!cl.parse("IMAGE.png...")) return 0;
    if (cl.positional().isEmpty()) throw UsageError{"give at least one IMAGE.png"};
    for (const QString& path : cl.positional()) {
        const auto text = readPngText(path.toStdString());
        QJsonObject o{{"path", path}};
        auto it = text.find("pictor");
        if (it != text.end()) o.insert("settings", QJsonDocument::fromJson(QByteArray::fromStdString(it->second)).object());
        else note("'" + path.toStdString() + "' carries no Pictor settings");
        auto params = text.find("parameters");
        if (params != text.end()) o.insert("parameters", QString::fromStdString(params->second));
        printJsonLine(o);
    }
    return 0;
}

} // namespace pictor::cli
