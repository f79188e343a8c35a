// The VQGAN+CLIP optimisation loop (reference.md §5), for every drawer: the drawer's picture ->
// cutouts -> each CLIP of the ensemble -> spherical distance to the prompts (+ style losses) ->
// optimiser step -> the drawer keeps its parameters in range.
#include "generation_run_impl.h"
#include "losses.h"
#include "reference_ops.h"
#include "style_losses.h"

#include "../device/cuda_facts.h"
#include "../device/torch_device.h"
#include "../image/tensor_image.h"
#include "../torch/memory_pool.h"
#include "../tuning/engine_kernels.h"
#include "../vqgan/vqgan_model_impl.h"

#include <pictor/device.h>
#include <pictor/error.h>
#include <pictor/palette.h>
#include <pictor/runtime.h>

#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/autograd.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace pictor {

using gen::Judge;
using Clock = std::chrono::steady_clock;

std::vector<std::string> drawerNames() { return gen::drawerKinds(); }

void GenerationRun::Impl::refuseModelsLargerThanTheGpu() const
{
    // The weights a GPU run holds there: each CLIP in the run's CLIP type (the whole model, an upper bound on its
    // image tower's copy), the VQGAN in fp32.
    int64_t bytes = 0;
    const int64_t clipBytes = clipType == at::kFloat ? 4 : 2;
    for (const Judge& judge : judges) bytes += judge.model->info().parameters * clipBytes;
    if (vqganModel) bytes += vqganModel->info().parameters * 4;
    const device::GpuMemory m = device::gpuMemory(device.index());
    if (m.totalBytes > 0 && bytes > m.freeBytes) {
        char numbers[160];
        std::snprintf(numbers, sizeof numbers, "%.2f GiB of weights, %.2f GiB free of %.2f GiB", double(bytes) / (1 << 30),
                      double(m.freeBytes) / (1 << 30), double(m.totalBytes) / (1 << 30));
        throw Error("The models do not fit on " + device.str() + " (" + numbers + "). Choose smaller models, or --device cpu.");
    }
}

GenerationRun::GenerationRun(std::shared_ptr<ClipModel> clip, std::shared_ptr<VqganModel> vqgan, GenerationSettings settings)
    : GenerationRun(std::vector<std::shared_ptr<ClipModel>>{std::move(clip)}, std::move(vqgan), std::move(settings))
{
}

GenerationRun::GenerationRun(std::vector<std::shared_ptr<ClipModel>> clips, std::shared_ptr<VqganModel> vqgan, GenerationSettings settings)
    : d(std::make_unique<Impl>())
{
    if (clips.empty()) throw Error("No CLIP model");
    for (auto& c : clips) {
        if (!c) throw Error("No CLIP model");
        d->judges.emplace_back().model = std::move(c);
    }
    if (!vqgan && settings.needsVqgan()) throw Error("No VQGAN model");
    if (!settings.clipWeights.empty() && settings.clipWeights.size() != d->judges.size())
        throw Error("Give one CLIP weight per CLIP model (" + std::to_string(d->judges.size()) + " models, " + std::to_string(settings.clipWeights.size()) +
                    " weights)");
    for (std::size_t i = 0; i < settings.clipWeights.size(); ++i) {
        if (!std::isfinite(settings.clipWeights[i]) || settings.clipWeights[i] < 0)
            throw Error("CLIP weights must be 0 or more (got " + std::to_string(settings.clipWeights[i]) + ")");
        d->judges[i].weight = settings.clipWeights[i];
    }
    d->vqganModel = std::move(vqgan);
    d->settings = std::move(settings);
}

GenerationRun::~GenerationRun() = default;

void GenerationRun::start()
{
    torchutil::installMemoryPool(); // steps reuse their activations' memory instead of faulting in fresh pages
    Impl& s = *d;
    GenerationSettings& g = s.settings;
    if (g.width <= 0 || g.height <= 0) throw Error("The size must be positive (got " + std::to_string(g.width) + "x" + std::to_string(g.height) + ")");
    if (int64_t(g.width) * g.height > 4096LL * 4096) throw Error("The size " + std::to_string(g.width) + "x" + std::to_string(g.height) + " is too large");
    if (g.steps < 0) throw Error("Steps must be 0 (until stopped) or more");
    if (g.cutn <= 0 || g.cutn > 512) throw Error("Cutouts must be between 1 and 512");
    gen::checkLearningRate(g.learningRate);
    gen::validateAugments(g.augments);
    if (g.coarseSteps < 0) throw Error("Coarse steps must be 0 (off) or more");
    if (g.coarseLevels < 1 || g.coarseLevels > 3) throw Error("Coarse levels must be 1, 2 or 3");
    if (g.settleStep < 0) throw Error("The settle step must be 0 (off) or more (got " + std::to_string(g.settleStep) + ")");
    for (double w : {g.symmetryWeight, g.paletteWeight, g.saturationWeight, g.edgesWeight, g.smoothness})
        if (!std::isfinite(w)) throw Error("Loss weights must be numbers");
    if (g.paletteWeight != 0 && g.palette.empty()) throw Error("The palette loss needs a palette: give one (e.g. pico-8 or #ff004d,#29adff)");
    if (g.cutMethod != "latest" && g.cutMethod != "original") throw Error("Unknown cut method '" + g.cutMethod + "' (use latest or original)");
    // Both used to pass unchecked: a negative or NaN cut power made every crop empty, and a zoom scale above 1 ran
    // until the first zoom and then failed with "crop outside the image".
    if (!(g.cutPow > 0 && std::isfinite(g.cutPow))) throw Error("The cut power must be a number above 0 (got " + gen::numberText(g.cutPow) + ")");
    if (g.zoomEvery < 0) throw Error("Zoom every must be 0 (off) or more steps (got " + std::to_string(g.zoomEvery) + ")");
    if (g.zoomEvery > 0 && !(g.zoomScale > 0 && g.zoomScale <= 1))
        throw Error("The zoom scale must be above 0 and at most 1 (got " + gen::numberText(g.zoomScale) + "): each zoom enlarges the middle of the picture");
    for (const Judge& j : s.judges)
        if (j.model->impl().net->config().embedDim != s.primary().config().embedDim && !g.noisePrompts.empty())
            throw Error("Noise prompts need CLIP models of one embedding size");
    DeviceDecision device = chooseDevice(g.device); // refused before any work, naming the devices found
    const bool vqganDrawer = g.drawer.empty() || g.drawer == "vqgan";
    if (device.id != "cpu" && !vqganDrawer) {
        // The pixel, strokes and image drawers have only been built and measured on the CPU.
        if (!g.device.empty() && g.device != "auto")
            throw Error("The " + g.drawer + " drawer computes on the CPU only in this version (asked for " + g.device + "); use --device cpu or auto");
        device = {"cpu", "auto: the CPU, because the " + g.drawer + " drawer computes on the CPU only"};
    }
    g.device = device.id;
    s.deviceWhy = device.why;
    s.device = device::torchDevice(device.id);
    const bool gpu = !s.device.is_cpu();
    if (gpu) device::enableConvolutionAutotuning(); // every step repeats one set of shapes
    if (!g.palette.empty()) s.palette = gen::paletteTensor(g.palette).to(s.device); // once, not a copy per step
    if (g.threads > 0) setComputeThreads(g.threads);

    if (g.seed < 0) g.seed = int64_t(std::random_device{}() & 0x7fffffff);
    s.seed = g.seed;
    s.gen = at::detail::createCPUGenerator(uint64_t(g.seed));
    // Reduced precision for CLIP's image tower: fp16 on a GPU (what clip.load gives there), bf16 on a CPU that has it.
    s.clipType = !g.bf16 ? at::kFloat : gpu ? at::kHalf : runtimeInfo().bf16 ? at::kBFloat16 : at::kFloat;

    gen::DrawerContext context;
    context.settings = &s.settings;
    context.gen = &s.gen;
    context.vqgan = s.vqganModel;
    context.computeType = gpu ? at::kFloat : s.clipType; // on a GPU the decoder stays fp32; fp16 is for CLIP
    context.device = s.device;
    context.palette = s.palette;
    context.pictureLoss = [&s](const std::vector<image::Image8>& pictures) { return s.plainLosses(pictures); };
    if (gpu) s.refuseModelsLargerThanTheGpu();
    s.drawer = s.guardedOnDevice("Cannot start generation", [&] { return gen::makeDrawer(context); });
    g.width = s.drawer->width(); // sizes are floored to the drawer's cells (VQGAN's factor, the pixel grid), as in the reference
    g.height = s.drawer->height();
    if (g.drawer == "pixel") { // the grid the drawer chose, recorded with the picture
        const PixelGrid grid = pixelGrid(g);
        g.pixelColumns = grid.columns;
        g.pixelRows = grid.rows;
    }

    s.guardedOnDevice("Cannot start generation", [&] {
        for (Judge& judge : s.judges) {
            // A private copy of the image tower, in bf16 when the CPU has it.
            const clip::ClipNet& clipNet = *judge.model->impl().net;
            // In fp32 the copy shares the model's weights (no scales folded into copies) and runs the fp32 kernels,
            // which are the CPU's (oneDNN / cblas): a GPU run's copy folds its scales and runs LibTorch's own ops.
            const bool fp32 = s.clipType == at::kFloat && !gen::referenceOps() && !gpu;
            judge.visual = clipNet.imageTowerCopy(s.clipType, /*foldScales=*/!fp32);
            judge.visual->moveTo(s.device); // the run's device, wherever the model was loaded (no copy when they agree)
            judge.visual->useFp32Kernels(fp32);
            // Which fp32 kernels are fastest depends on the machine: timed once at these shapes, then cached.
            if (fp32) tuning::chooseClipFp32Kernels(*judge.visual, std::min<int64_t>(g.cutn, gen::clipPassSize(clipNet.config())));
            if (!clipNet.config().vit) judge.visual->useChannelsLast();
            judge.cutouts.method = g.cutMethod;
            judge.cutouts.cutn = g.cutn;
            judge.cutouts.size = clipNet.config().imageResolution;
            judge.cutouts.cutPow = g.cutPow;
            judge.cutouts.augments = g.augments;
        }

        s.buildStory(g.prompt);
        // Image prompts: the picture resized to the output size, cut out like the output, encoded by each CLIP.
        for (const std::string& spec : g.imagePrompts) {
            const TextPrompt p = parsePrompt(spec);
            const image::Image8 img = image::resizeLanczos(image::toRgb(image::loadImage(p.text)), g.width, g.height);
            c10::InferenceMode guard;
            const at::Tensor unit = gen::imageToUnit(img).to(s.device);
            for (Judge& judge : s.judges) judge.fixedTargets.push_back({s.encodeImageForClip(judge, gen::makeCutouts(unit, judge.cutouts, s.gen)), p.weight, p.stop});
        }
        for (const std::string& spec : g.noisePrompts) {
            const TextPrompt p = parsePrompt(spec);
            char* end = nullptr;
            const long long noiseSeed = std::strtoll(p.text.c_str(), &end, 10);
            if (end == p.text.c_str() || *end) throw Error("Noise prompt '" + spec + "' must be SEED:WEIGHT");
            at::Generator noiseGen = at::detail::createCPUGenerator(uint64_t(noiseSeed));
            const at::Tensor noise = at::randn({1, s.primary().config().embedDim}, noiseGen);
            for (Judge& judge : s.judges) judge.fixedTargets.push_back({noise.to(s.device), p.weight, p.stop});
        }
        if (s.storyLength() == 0 && s.primary().fixedTargets.empty()) throw Error("Give a text prompt, an image prompt or a noise prompt");

        s.drawer->initialise();
        // Every further CLIP draws its cutouts from a copy of the run's stream as it is now, so each sees the
        // cutouts it would see alone with this seed (and the first CLIP's pictures do not change when one is added).
        for (std::size_t i = 1; i < s.judges.size(); ++i) s.judges[i].ownGen = s.gen.clone();
        s.restartOptimizer();
        return 0;
    });
    s.steps = 0;
    s.started = Clock::now();
}

GenerationFrame GenerationRun::step()
{
    Impl& s = *d;
    if (!s.optimizer) throw Error("The run was not started");
    s.applySteering();
    const GenerationSettings& g = s.settings;
    if (g.storyEvery > 0 && s.steps > 0 && s.steps % g.storyEvery == 0 && s.storyLength() > 1) s.phrase = (s.phrase + 1) % s.storyLength();
    if (g.zoomEvery > 0 && s.steps > 0 && s.steps % g.zoomEvery == 0 && !s.lastImage.empty()) s.zoomStep();

    const auto t0 = Clock::now();
    double lossValue = 0;
    s.guardedOnDevice("Generation step failed", [&] {
        if (s.drawer->beginStep(s.steps)) s.restartOptimizer();
        s.optimizer->zero_grad();
        const at::Tensor out = s.drawer->render();
        at::Tensor seen = out;
        if (g.tile) {
            // Seamless tiles: the cutouts see the picture rolled by a random offset, so what crosses an edge
            // continues on the opposite side and the seams are judged like any other place.
            const int64_t dy = at::randint(0, out.size(2), {1}, s.gen, at::kLong).item<int64_t>();
            const int64_t dx = at::randint(0, out.size(3), {1}, s.gen, at::kLong).item<int64_t>();
            seen = at::roll(out, {dy, dx}, {2, 3});
        }
        std::vector<at::Tensor> cuts;
        for (Judge& judge : s.judges) cuts.push_back(gen::makeCutouts(seen, judge.cutouts, judge.ownGen ? *judge.ownGen : s.gen));
        at::Tensor loss = at::zeros({}, at::TensorOptions().dtype(at::kFloat).device(s.device));
        if (const at::Tensor held = s.drawer->initPenalty(g.initWeight); held.defined()) loss = loss + held; // none at weight 0
        loss = s.styleLoss(out, loss);
        // CLIP's passes end at the cutouts; then one backward pass from the cutouts (with their
        // gradients) and the other losses through the drawer.
        double clipLoss = 0;
        std::vector<at::Tensor> roots, rootGrads;
        for (std::size_t j = 0; j < s.judges.size(); ++j) {
            at::Tensor grad = s.clipPasses(s.judges[j], cuts[j], clipLoss);
            if (!grad.defined()) continue;
            roots.push_back(cuts[j]);
            rootGrads.push_back(std::move(grad));
        }
        cuts.clear();
        if (loss.requires_grad()) {
            roots.push_back(loss);
            rootGrads.push_back(at::ones_like(loss));
        }
        if (roots.empty()) throw Error("Nothing to optimise: no prompt is active and no other loss is on");
        torch::autograd::backward(roots, rootGrads);
        roots.clear();
        rootGrads.clear();
        s.optimizer->step();
        {
            at::NoGradGuard noGrad;
            s.drawer->project();
        }
        lossValue = loss.item<double>() + clipLoss;
        s.lastImage = s.frameImage(out);
        return 0;
    });
    const double dt = std::chrono::duration<double>(Clock::now() - t0).count();
    s.recentStepSeconds.push_back(dt);
    if (s.recentStepSeconds.size() > 15) s.recentStepSeconds.erase(s.recentStepSeconds.begin());
    std::vector<double> sorted = s.recentStepSeconds;
    std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(sorted.size() / 2), sorted.end());
    ++s.steps;
    s.lastLoss = lossValue;
    GenerationFrame frame;
    frame.image = s.lastImage;
    frame.step = s.steps;
    frame.totalSteps = g.steps;
    frame.loss = lossValue;
    frame.secondsPerStep = sorted[sorted.size() / 2];
    frame.seconds = std::chrono::duration<double>(Clock::now() - s.started).count();
    return frame;
}

GenerationResult GenerationRun::runLoop(const std::function<void(const GenerationFrame&)>& onFrame)
{
    Impl& s = *d;
    GenerationResult result;
    double total = 0;
    int counted = 0;
    while (s.settings.steps == 0 || s.steps < s.settings.steps) {
        {
            std::unique_lock<std::mutex> lock(s.mutex);
            s.wake.wait(lock, [&] { return !s.paused || s.stopRequested.load(); });
        }
        if (s.stopRequested.load()) break;
        const GenerationFrame frame = step();
        total += frame.secondsPerStep;
        ++counted;
        if (onFrame) onFrame(frame);
    }
    result.stopped = s.stopRequested.load() && (s.settings.steps == 0 || s.steps < s.settings.steps);
    result.image = currentImage();
    result.steps = s.steps;
    result.secondsPerStep = counted ? total / counted : 0;
    result.finalLoss = s.lastLoss;
    result.seed = s.seed;
    if (s.storyLength() > 0 && !s.primary().story[s.phrase].empty()) {
        const auto phrases = parsePromptStory(s.settings.prompt);
        if (!phrases.empty()) result.clipSimilarity = s.similarity(result.image, phrases[s.phrase % phrases.size()][0].text); // no second decode
    }
    return result;
}

const GenerationSettings& GenerationRun::settings() const { return d->settings; }
const std::string& GenerationRun::deviceWhy() const { return d->deviceWhy; }
int GenerationRun::stepsDone() const { return d->steps; }
int64_t GenerationRun::seed() const { return d->seed; }

RgbImage GenerationRun::currentImage()
{
    Impl& s = *d;
    if (!s.drawer || !s.optimizer) return {};
    return torchutil::guarded("Cannot decode the picture", [&] { return gen::toRgbImage(s.drawer->finalPicture()); });
}

RgbImage GenerationRun::previewImage()
{
    Impl& s = *d;
    if (!s.drawer || !s.optimizer) return {};
    return torchutil::guarded("Cannot decode the picture", [&] {
        c10::InferenceMode guard;
        return s.frameImage(s.drawer->render());
    });
}

double GenerationRun::clipSimilarity(const std::string& text)
{
    return d->similarity(currentImage(), text);
}

std::vector<float> GenerationRun::lastGradient() const
{
    std::vector<float> out;
    if (!d->drawer) return out;
    for (const gen::DrawerParameter& p : d->drawer->parameters()) {
        if (!p.tensor.grad().defined()) continue;
        const at::Tensor g = p.tensor.grad().detach().to(at::kCPU).to(at::kFloat).contiguous().reshape(-1);
        out.insert(out.end(), g.data_ptr<float>(), g.data_ptr<float>() + g.numel());
    }
    return out;
}

} // namespace pictor
