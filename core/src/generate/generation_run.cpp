// The VQGAN+CLIP optimisation loop (reference.md §5), for every drawer: the drawer's picture ->
// cutouts -> each CLIP of the ensemble -> spherical distance to the prompts (+ style losses) ->
// optimiser step -> the drawer keeps its parameters in range.
#include "cutouts.h"
#include "../drawers/drawer.h"
#include "losses.h"
#include "reference_ops.h"
#include "style_losses.h"

#include "../clip/clip_model_impl.h"
#include "../image/image.h"
#include "../image/tensor_image.h"
#include "../torch/memory_pool.h"
#include "../tuning/engine_kernels.h"
#include "../vqgan/vqgan_model_impl.h"

#include <pictor/error.h>
#include <pictor/generation.h>
#include <pictor/palette.h>
#include <pictor/runtime.h>

#include <ATen/ATen.h>
#include <ATen/autocast_mode.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/optim.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <optional>
#include <random>

namespace pictor {

std::vector<std::string> drawerNames() { return gen::drawerKinds(); }

namespace {

using Clock = std::chrono::steady_clock;

struct PromptTarget {
    at::Tensor embeds; // [M, D]
    double weight;
    double stop;
};

RgbImage toRgbImage(const image::Image8& img)
{
    RgbImage out;
    out.width = img.width;
    out.height = img.height;
    out.pixels = img.pixels;
    return out;
}

image::Image8 fromRgbImage(const RgbImage& img)
{
    return image::Image8{img.width, img.height, 3, img.pixels};
}

/// One parameter group per drawer tensor, each at the run's learning rate times its scale.
std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const std::string& name, const std::vector<gen::DrawerParameter>& params, double lr)
{
    auto groups = [&](const auto& options) {
        std::vector<torch::optim::OptimizerParamGroup> out;
        for (const auto& p : params) {
            auto o = std::make_unique<std::decay_t<decltype(options)>>(options);
            o->lr(lr * p.lrScale);
            out.emplace_back(std::vector<at::Tensor>{p.tensor}, std::move(o));
        }
        return out;
    };
    if (name == "Adam") return std::make_unique<torch::optim::Adam>(groups(torch::optim::AdamOptions(lr)), torch::optim::AdamOptions(lr));
    if (name == "AdamW") return std::make_unique<torch::optim::AdamW>(groups(torch::optim::AdamWOptions(lr)), torch::optim::AdamWOptions(lr));
    if (name == "Adagrad") return std::make_unique<torch::optim::Adagrad>(groups(torch::optim::AdagradOptions(lr)), torch::optim::AdagradOptions(lr));
    if (name == "RMSprop") return std::make_unique<torch::optim::RMSprop>(groups(torch::optim::RMSpropOptions(lr)), torch::optim::RMSpropOptions(lr));
    if (name == "SGD") return std::make_unique<torch::optim::SGD>(groups(torch::optim::SGDOptions(lr)), torch::optim::SGDOptions(lr));
    throw Error("Unknown optimizer '" + name + "' (use Adam, AdamW, Adagrad, RMSprop or SGD)");
}

/// Cutouts per CLIP pass: 8 ViT-B/32 cutouts (8 x 50 tokens x 768 wide); larger towers take fewer, down to
/// one ViT-L/14 cutout (257 tokens x 1024), so a pass's activations stay about the same size.
int64_t clipPassSize(const clip::ClipConfig& c)
{
    const int64_t grid = c.imageResolution / std::max(1, c.visionPatch);
    return c.vit ? std::max<int64_t>(1, 8 * 50 * 768 / ((grid * grid + 1) * c.visionWidth)) : 8;
}

/// One CLIP of the ensemble: its image tower, cutouts at its input size, prompts in its embedding space.
struct Judge {
    std::shared_ptr<ClipModel> model;
    std::unique_ptr<clip::ClipNet> visual; // private copy of the image tower (bf16 when enabled)
    gen::CutoutOptions cutouts;
    double weight = 1.0;
    std::vector<std::vector<PromptTarget>> story; // text prompts per phrase
    std::vector<PromptTarget> fixedTargets;       // image and noise prompts
    std::optional<at::Generator> ownGen;          // members after the first draw their cutouts from their own stream

    const clip::ClipConfig& config() const { return model->impl().net->config(); }
};

} // namespace

struct GenerationRun::Impl {
    std::vector<Judge> judges;
    std::shared_ptr<VqganModel> vqganModel;
    GenerationSettings settings;

    std::unique_ptr<gen::Drawer> drawer;
    at::ScalarType clipType = at::kFloat;
    at::Tensor palette; // [K,3] for the palette loss
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    at::Generator gen;
    std::size_t phrase = 0;
    int steps = 0;
    int64_t seed = 0;
    Clock::time_point started;
    std::vector<double> recentStepSeconds;
    RgbImage lastImage;
    double lastLoss = 0;

    // Control, shared with other threads.
    std::mutex mutex;
    std::condition_variable wake;
    bool paused = false;
    std::atomic<bool> stopRequested{false};
    std::optional<std::string> newPrompt;
    std::optional<double> newLr;
    std::optional<int> newCutn;
    std::optional<std::vector<std::string>> newAugments;
    std::optional<std::map<std::string, double>> newLossWeights;
    std::optional<std::string> newPalette;

    Judge& primary() { return judges.front(); }

    at::Tensor encodeTexts(const Judge& judge, const std::vector<TextPrompt>& prompts)
    {
        std::vector<std::string> texts;
        for (const auto& p : prompts) texts.push_back(p.text);
        c10::InferenceMode guard;
        const at::Tensor tokens = judge.model->impl().tokenize(texts);
        const Tokenizer& tok = judge.model->tokenizer();
        return judge.model->impl().net->encodeText(tokens, tok.pooling(), tok.endId()).to(at::kFloat);
    }

    std::vector<PromptTarget> textTargets(const Judge& judge, const std::vector<TextPrompt>& prompts)
    {
        std::vector<PromptTarget> out;
        if (prompts.empty()) return out;
        const at::Tensor e = encodeTexts(judge, prompts);
        for (std::size_t i = 0; i < prompts.size(); ++i) out.push_back({e.narrow(0, int64_t(i), 1).clone(), prompts[i].weight, prompts[i].stop});
        return out;
    }

    at::Tensor encodeImageForClip(const Judge& judge, const at::Tensor& unitImages)
    {
        return judge.visual->encodeImage(gen::clipNormalize(unitImages).to(clipType)).to(at::kFloat);
    }

    /// CLIP's forward and backward over a judge's cutouts, a few cutouts at a time. The prompt loss
    /// is a mean over cutouts, so each group's share is its own sum, and only one group's CLIP
    /// activations are alive at once (the whole batch's were a quarter of a run's peak memory).
    /// Returns the gradient of the judge's weighted loss with respect to the cutouts and adds the
    /// loss to `lossSum`; undefined when no prompt is active.
    at::Tensor clipPasses(const Judge& judge, const at::Tensor& cuts, double& lossSum)
    {
        const int64_t perPass = clipPassSize(judge.config());
        const std::vector<const PromptTarget*> targets = activeTargets(judge);
        if (targets.empty()) return {};
        const int64_t n = cuts.size(0);
        std::vector<at::Tensor> grads;
        for (int64_t i = 0; i < n; i += perPass) {
            const int64_t len = std::min(perPass, n - i);
            const at::Tensor part = cuts.narrow(0, i, len).detach().requires_grad_(true);
            const at::Tensor embeds = encodeImageForClip(judge, part);
            at::Tensor loss;
            for (const PromptTarget* p : targets) {
                const at::Tensor term = gen::promptLoss(embeds, p->embeds, p->weight, p->stop);
                loss = loss.defined() ? loss + term : term;
            }
            const double share = judge.weight * double(len) / double(n);
            if (share != 1.0) loss = loss * share;
            loss.backward();
            lossSum += loss.item<double>();
            grads.push_back(part.grad());
        }
        return grads.size() == 1 ? grads.front() : at::cat(grads);
    }

    /// Whole pictures [N,3,H,W] in [0,1] at a CLIP's input size: area-averaged to half size (not below CLIP's), then bilinear.
    static at::Tensor clipSized(const Judge& judge, const at::Tensor& unit)
    {
        const int r = judge.config().imageResolution;
        const int64_t h = unit.size(2), w = unit.size(3);
        return at::upsample_bilinear2d(at::adaptive_avg_pool2d(unit, {std::max<int64_t>(r, h / 2), std::max<int64_t>(r, w / 2)}), {r, r}, false);
    }

    void buildStory(const std::string& prompt)
    {
        const auto phrases = parsePromptStory(prompt);
        for (Judge& judge : judges) {
            judge.story.clear();
            for (const auto& phrase : phrases) judge.story.push_back(textTargets(judge, phrase));
        }
        phrase = 0;
    }

    std::size_t storyLength() const { return judges.front().story.size(); }

    /// The prompts a step is scored against by one judge: the current story phrase's, then the image and noise prompts.
    std::vector<const PromptTarget*> activeTargets(const Judge& judge) const
    {
        std::vector<const PromptTarget*> out;
        if (!judge.story.empty())
            for (const PromptTarget& p : judge.story[phrase]) out.push_back(&p);
        for (const PromptTarget& p : judge.fixedTargets) out.push_back(&p);
        return out;
    }

    /// Prompt loss of each picture as it is (no cutouts, no augmentation), lower is better.
    std::vector<double> plainLosses(const std::vector<image::Image8>& pictures)
    {
        c10::InferenceMode guard;
        std::vector<at::Tensor> units;
        for (const auto& p : pictures) units.push_back(image::imageToTensor(p).add(1).div(2));
        const at::Tensor batch = at::stack(units);
        constexpr double kNoStop = -std::numeric_limits<double>::infinity();
        std::vector<double> out(pictures.size(), 0.0);
        for (const Judge& judge : judges) {
            const at::Tensor embeds = encodeImageForClip(judge, clipSized(judge, batch));
            const std::vector<const PromptTarget*> targets = activeTargets(judge);
            for (int64_t i = 0; i < embeds.size(0); ++i) {
                const at::Tensor e = embeds.narrow(0, i, 1);
                double loss = 0;
                for (const PromptTarget* p : targets) loss += gen::promptLoss(e, p->embeds, p->weight, kNoStop).item<double>();
                out[std::size_t(i)] += judge.weight * loss;
            }
        }
        return out;
    }

    /// The picture a frame shows: the rendered [1,3,h,w] in [0,1] at the asked size.
    RgbImage frameImage(const at::Tensor& out) const { return toRgbImage(gen::unitToImage(drawer->atOutputSize(out))); }

    void restartOptimizer() { optimizer = makeOptimizer(settings.optimizer, drawer->parameters(), settings.learningRate); }

    void setLr(double lr)
    {
        const std::vector<gen::DrawerParameter> params = drawer->parameters();
        auto& groups = optimizer->param_groups();
        for (std::size_t i = 0; i < groups.size(); ++i) groups[i].options().set_lr(lr * (i < params.size() ? params[i].lrScale : 1.0));
    }

    void applySteering()
    {
        std::lock_guard<std::mutex> lock(mutex);
        if (newPrompt) {
            settings.prompt = *newPrompt;
            buildStory(settings.prompt);
            newPrompt.reset();
        }
        if (newLr) {
            settings.learningRate = *newLr;
            setLr(*newLr);
            newLr.reset();
        }
        if (newCutn) {
            settings.cutn = *newCutn;
            for (Judge& j : judges) j.cutouts.cutn = *newCutn;
            newCutn.reset();
        }
        if (newAugments) {
            settings.augments = *newAugments;
            for (Judge& j : judges) j.cutouts.augments = *newAugments;
            newAugments.reset();
        }
        if (newLossWeights) {
            for (const auto& [name, w] : *newLossWeights) *settings.lossWeight(name) = w;
            newLossWeights.reset();
        }
        if (newPalette) {
            settings.palette = *newPalette;
            palette = newPalette->empty() ? at::Tensor() : gen::paletteTensor(*newPalette);
            if (newPalette->empty()) settings.paletteWeight = 0; // no palette to pull toward (as the window's settings say)
            drawer->setPalette(palette);
            newPalette.reset();
        }
    }

    /// Cosine similarity (the first CLIP, fp32) between a picture and a text.
    double similarity(const RgbImage& img, const std::string& text)
    {
        return torchutil::guarded("Cannot score the picture", [&] {
            c10::InferenceMode guard;
            const Judge& judge = primary();
            const at::Tensor unit = gen::imageToUnit(fromRgbImage(img));
            const at::Tensor imageEmbed = judge.model->impl().net->encodeImage(gen::clipNormalize(clipSized(judge, unit)));
            const at::Tensor textEmbed = encodeTexts(judge, {TextPrompt{text, 1.0, 0}});
            return at::cosine_similarity(imageEmbed, textEmbed, 1).item<double>();
        });
    }

    void zoomStep()
    {
        // Zoom video mode: crop the centre by zoomScale, shift, resize back, start the drawer again from
        // it; the optimiser starts afresh, as in the reference.
        image::Image8 img = fromRgbImage(lastImage);
        const int w = img.width, h = img.height;
        const int cw = std::max(1, int(w * settings.zoomScale)), ch = std::max(1, int(h * settings.zoomScale));
        img = image::resizeLanczos(image::cropImage(img, (w - cw) / 2, (h - ch) / 2, cw, ch), w, h);
        if (settings.zoomShiftX || settings.zoomShiftY) {
            image::Image8 shifted = img;
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x) {
                    const int sx = ((x - settings.zoomShiftX) % w + w) % w, sy = ((y - settings.zoomShiftY) % h + h) % h;
                    std::copy_n(img.row(sy) + sx * 3, 3, shifted.row(y) + x * 3);
                }
            img = shifted;
        }
        drawer->restartFrom(img);
        restartOptimizer();
    }

    /// The style losses the settings ask for, on the rendered picture.
    at::Tensor styleLoss(const at::Tensor& out, at::Tensor loss) const
    {
        const GenerationSettings& g = settings;
        if (g.smoothness > 0) loss = loss + g.smoothness * gen::smoothnessLoss(out, g.tile).to(at::kFloat); // total variation of the picture in [0,1]
        if (g.symmetryWeight != 0) loss = loss + g.symmetryWeight * gen::symmetryLoss(out);
        if (g.paletteWeight != 0) loss = loss + g.paletteWeight * gen::paletteLoss(out, palette);
        if (g.saturationWeight != 0) loss = loss - g.saturationWeight * gen::saturation(out);
        if (g.edgesWeight != 0) loss = loss + g.edgesWeight * gen::edgesLoss(out);
        return loss;
    }
};

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
    if (!(g.learningRate > 0) || g.learningRate > 100) throw Error("The learning rate must be above 0");
    gen::validateAugments(g.augments);
    if (g.coarseSteps < 0) throw Error("Coarse steps must be 0 (off) or more");
    for (double w : {g.symmetryWeight, g.paletteWeight, g.saturationWeight, g.edgesWeight, g.smoothness})
        if (!std::isfinite(w)) throw Error("Loss weights must be numbers");
    if (g.paletteWeight != 0 && g.palette.empty()) throw Error("The palette loss needs a palette: give one (e.g. pico-8 or #ff004d,#29adff)");
    if (!g.palette.empty()) s.palette = gen::paletteTensor(g.palette);
    if (g.cutMethod != "latest" && g.cutMethod != "original") throw Error("Unknown cut method '" + g.cutMethod + "' (use latest or original)");
    for (const Judge& j : s.judges)
        if (j.model->impl().net->config().embedDim != s.primary().config().embedDim && !g.noisePrompts.empty())
            throw Error("Noise prompts need CLIP models of one embedding size");
    if (g.threads > 0) setComputeThreads(g.threads);

    if (g.seed < 0) g.seed = int64_t(std::random_device{}() & 0x7fffffff);
    s.seed = g.seed;
    s.gen = at::detail::createCPUGenerator(uint64_t(g.seed));
    s.clipType = g.bf16 && runtimeInfo().bf16 ? at::kBFloat16 : at::kFloat;

    gen::DrawerContext context;
    context.settings = &s.settings;
    context.gen = &s.gen;
    context.vqgan = s.vqganModel;
    context.computeType = s.clipType;
    context.palette = s.palette;
    context.pictureLoss = [&s](const std::vector<image::Image8>& pictures) { return s.plainLosses(pictures); };
    s.drawer = torchutil::guarded("Cannot start generation", [&] { return gen::makeDrawer(context); });
    g.width = s.drawer->width(); // sizes are floored to the drawer's cells (VQGAN's factor, the pixel grid), as in the reference
    g.height = s.drawer->height();
    if (g.drawer == "pixel") { // the grid the drawer chose, recorded with the picture
        const PixelGrid grid = pixelGrid(g);
        g.pixelColumns = grid.columns;
        g.pixelRows = grid.rows;
    }

    torchutil::guarded("Cannot start generation", [&] {
        for (Judge& judge : s.judges) {
            // A private copy of the image tower, in bf16 when the CPU has it.
            const clip::ClipNet& clipNet = *judge.model->impl().net;
            // In fp32 the copy shares the model's weights (no scales folded into copies) and runs the fp32 kernels.
            const bool fp32 = s.clipType == at::kFloat && !gen::referenceOps();
            judge.visual = clipNet.imageTowerCopy(s.clipType, /*foldScales=*/!fp32);
            judge.visual->useFp32Kernels(fp32);
            // Which fp32 kernels are fastest depends on the machine: timed once at these shapes, then cached.
            if (fp32) tuning::chooseClipFp32Kernels(*judge.visual, std::min<int64_t>(g.cutn, clipPassSize(clipNet.config())));
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
            const at::Tensor unit = gen::imageToUnit(img);
            for (Judge& judge : s.judges) judge.fixedTargets.push_back({s.encodeImageForClip(judge, gen::makeCutouts(unit, judge.cutouts, s.gen)), p.weight, p.stop});
        }
        for (const std::string& spec : g.noisePrompts) {
            const TextPrompt p = parsePrompt(spec);
            char* end = nullptr;
            const long long noiseSeed = std::strtoll(p.text.c_str(), &end, 10);
            if (end == p.text.c_str() || *end) throw Error("Noise prompt '" + spec + "' must be SEED:WEIGHT");
            at::Generator noiseGen = at::detail::createCPUGenerator(uint64_t(noiseSeed));
            const at::Tensor noise = at::randn({1, s.primary().config().embedDim}, noiseGen);
            for (Judge& judge : s.judges) judge.fixedTargets.push_back({noise, p.weight, p.stop});
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
    torchutil::guarded("Generation step failed", [&] {
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
        at::Tensor loss = at::zeros({}, at::kFloat);
        if (g.initWeight > 0) loss = loss + s.drawer->initPenalty(g.initWeight);
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

void GenerationRun::pause()
{
    std::lock_guard<std::mutex> lock(d->mutex);
    d->paused = true;
}

void GenerationRun::resume()
{
    {
        std::lock_guard<std::mutex> lock(d->mutex);
        d->paused = false;
    }
    d->wake.notify_all();
}

void GenerationRun::stop()
{
    d->stopRequested = true;
    d->wake.notify_all();
}

bool GenerationRun::isPaused() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->paused;
}

void GenerationRun::setPrompt(const std::string& prompt)
{
    parsePromptStory(prompt); // reject bad input now, on the caller's thread
    std::lock_guard<std::mutex> lock(d->mutex);
    d->newPrompt = prompt;
}

void GenerationRun::setLearningRate(double lr)
{
    if (!(lr > 0)) throw Error("The learning rate must be above 0");
    std::lock_guard<std::mutex> lock(d->mutex);
    d->newLr = lr;
}

void GenerationRun::setCutouts(int cutn)
{
    if (cutn <= 0 || cutn > 512) throw Error("Cutouts must be between 1 and 512");
    std::lock_guard<std::mutex> lock(d->mutex);
    d->newCutn = cutn;
}

void GenerationRun::setAugments(const std::vector<std::string>& augments)
{
    gen::validateAugments(augments);
    std::lock_guard<std::mutex> lock(d->mutex);
    d->newAugments = augments;
}

const GenerationSettings& GenerationRun::settings() const { return d->settings; }
int GenerationRun::stepsDone() const { return d->steps; }
int64_t GenerationRun::seed() const { return d->seed; }

RgbImage GenerationRun::currentImage()
{
    Impl& s = *d;
    if (!s.drawer || !s.optimizer) return {};
    return torchutil::guarded("Cannot decode the picture", [&] { return toRgbImage(s.drawer->finalPicture()); });
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
        const at::Tensor g = p.tensor.grad().detach().to(at::kFloat).contiguous().reshape(-1);
        out.insert(out.end(), g.data_ptr<float>(), g.data_ptr<float>() + g.numel());
    }
    return out;
}

void GenerationRun::setLossWeight(const std::string& loss, double weight)
{
    if (!GenerationSettings().lossWeight(loss)) throw Error("Unknown loss '" + loss + "' (use symmetry, palette, saturation, edges or smoothness)");
    if (!std::isfinite(weight)) throw Error("Loss weights must be numbers");
    std::lock_guard<std::mutex> lock(d->mutex);
    if (loss == "palette" && weight != 0 && d->settings.palette.empty() && (!d->newPalette || d->newPalette->empty()))
        throw Error("The palette loss needs a palette: choose one first");
    if (!d->newLossWeights) d->newLossWeights.emplace();
    (*d->newLossWeights)[loss] = weight;
}

void GenerationRun::setPalette(const std::string& palette)
{
    if (!palette.empty()) parsePalette(palette); // reject bad input now, on the caller's thread
    std::lock_guard<std::mutex> lock(d->mutex);
    d->newPalette = palette;
}

} // namespace pictor

#include "../checkpoint/checkpoint.h"

#include <c10/util/string_utils.h>

namespace pictor {

namespace {
constexpr const char* kSnapshotFormat = "pictor-snapshot-1";

torch::optim::AdamParamState* adamState(torch::optim::Optimizer& opt, const at::Tensor& z)
{
    auto& state = opt.state();
    auto it = state.find(c10::guts::to_string(z.unsafeGetTensorImpl()));
    return it == state.end() ? nullptr : dynamic_cast<torch::optim::AdamParamState*>(it->second.get());
}

/// The optimiser state's key in a snapshot; the VQGAN latent keeps the keys of snapshots made before drawers.
std::string optimizerKey(const std::string& parameter, const std::string& what)
{
    return parameter == "z" ? "optimizer." + what : "optimizer." + parameter + "." + what;
}
} // namespace

void GenerationRun::saveSnapshot(const std::string& path)
{
    Impl& s = *d;
    if (!s.drawer || !s.optimizer) throw Error("Nothing to save: the run was not started");
    torchutil::TensorMap t{{"rng_state", s.gen.get_state()}};
    for (std::size_t j = 1; j < s.judges.size(); ++j)
        if (s.judges[j].ownGen) t["rng_state." + std::to_string(j)] = s.judges[j].ownGen->get_state();
    for (const auto& [key, value] : s.drawer->extraState()) t[key] = value;
    std::map<std::string, std::string> meta{{"format", kSnapshotFormat},
                                            {"settings", s.settings.toJson()},
                                            {"step", std::to_string(s.steps)},
                                            {"phrase", std::to_string(s.phrase)},
                                            {"clip", s.primary().model->info().path},
                                            {"vqgan", s.vqganModel ? s.vqganModel->info().path : std::string()}};
    for (const gen::DrawerParameter& p : s.drawer->parameters()) {
        t[p.name] = p.tensor.detach();
        if (auto* adam = adamState(*s.optimizer, p.tensor)) {
            t[optimizerKey(p.name, "exp_avg")] = adam->exp_avg();
            t[optimizerKey(p.name, "exp_avg_sq")] = adam->exp_avg_sq();
            meta[optimizerKey(p.name, "step")] = std::to_string(adam->step());
        }
    }
    torchutil::saveSafetensors(path, t, meta);
}

void GenerationRun::loadSnapshot(const std::string& path)
{
    Impl& s = *d;
    if (!s.drawer || !s.optimizer) throw Error("Start the run before restoring a snapshot into it");
    const ckpt::Checkpoint c = ckpt::openCheckpoint(path);
    auto meta = [&](const std::string& key) {
        auto it = c.metadata.find(key);
        if (it == c.metadata.end()) throw Error("'" + path + "' is not a Pictor snapshot (no " + key + ")");
        return it->second;
    };
    if (meta("format") != kSnapshotFormat) throw Error("'" + path + "' is not a Pictor snapshot");
    const ckpt::TensorRef* rng = c.find("rng_state");
    if (!rng) throw Error("'" + path + "' is an incomplete snapshot");
    auto shapesMatch = [&] {
        for (const gen::DrawerParameter& p : s.drawer->parameters()) {
            const ckpt::TensorRef* saved = c.find(p.name);
            if (!saved) throw Error("'" + path + "' was made with another drawer (no " + p.name + ")");
            if (saved->shape != p.tensor.sizes().vec()) return false;
        }
        return true;
    };
    if (!shapesMatch() && s.drawer->adoptShapes()) s.restartOptimizer(); // saved after the coarse stage
    if (!shapesMatch()) throw Error("'" + path + "' was made for another picture size or model");
    torchutil::guarded("Cannot restore '" + path + "'", [&] {
        at::NoGradGuard noGrad;
        for (const gen::DrawerParameter& p : s.drawer->parameters()) p.tensor.copy_(torchutil::loadTensor(*c.find(p.name), at::kFloat));
        std::map<std::string, at::Tensor> extra;
        for (const auto& [key, value] : s.drawer->extraState())
            if (const ckpt::TensorRef* saved = c.find(key)) extra[key] = torchutil::loadTensor(*saved, at::kFloat);
        s.drawer->loadExtraState(extra);
        s.gen.set_state(torchutil::loadTensor(*rng, at::kFloat));
        for (std::size_t j = 1; j < s.judges.size(); ++j)
            if (const ckpt::TensorRef* own = c.find("rng_state." + std::to_string(j)); own && s.judges[j].ownGen)
                s.judges[j].ownGen->set_state(torchutil::loadTensor(*own, at::kFloat));
        s.restartOptimizer();
        if (s.settings.optimizer == "Adam" || s.settings.optimizer == "AdamW") {
            for (const gen::DrawerParameter& p : s.drawer->parameters()) {
                const ckpt::TensorRef* m1 = c.find(optimizerKey(p.name, "exp_avg"));
                const ckpt::TensorRef* m2 = c.find(optimizerKey(p.name, "exp_avg_sq"));
                if (!m1 || !m2) continue;
                auto state = std::make_unique<torch::optim::AdamParamState>();
                state->step(std::stoll(meta(optimizerKey(p.name, "step"))));
                state->exp_avg(torchutil::loadTensor(*m1, at::kFloat));
                state->exp_avg_sq(torchutil::loadTensor(*m2, at::kFloat));
                s.optimizer->state()[c10::guts::to_string(p.tensor.unsafeGetTensorImpl())] = std::move(state);
            }
        }
        return 0;
    });
    s.steps = std::stoi(meta("step"));
    s.phrase = std::size_t(std::stoul(meta("phrase")));
    if (s.storyLength() > 0) s.phrase %= s.storyLength();
}

int64_t pickBestSeed(std::shared_ptr<ClipModel> clip, std::shared_ptr<VqganModel> vqgan, const GenerationSettings& settings, int candidates,
                     int trialSteps, const std::function<void(int, int64_t, double)>& onCandidate)
{
    return pickBestSeed(std::vector<std::shared_ptr<ClipModel>>{std::move(clip)}, std::move(vqgan), settings, candidates, trialSteps, onCandidate);
}

int64_t pickBestSeed(std::vector<std::shared_ptr<ClipModel>> clips, std::shared_ptr<VqganModel> vqgan, const GenerationSettings& settings,
                     int candidates, int trialSteps, const std::function<void(int, int64_t, double)>& onCandidate)
{
    if (candidates <= 0 || trialSteps <= 0) throw Error("Best-of-N needs at least one candidate and one step");
    const auto story = parsePromptStory(settings.prompt);
    if (story.empty()) throw Error("Best-of-N ranks by the text prompt: give one");
    std::mt19937_64 seeds(uint64_t(settings.seed < 0 ? std::random_device{}() : uint64_t(settings.seed)));
    int64_t best = -1;
    double bestScore = -2;
    for (int i = 0; i < candidates; ++i) {
        GenerationSettings trial = settings;
        trial.seed = i == 0 && settings.seed >= 0 ? settings.seed : int64_t(seeds() & 0x7fffffff);
        trial.steps = trialSteps;
        GenerationRun run(clips, vqgan, trial);
        run.start();
        run.runLoop();
        const double score = run.clipSimilarity(story[0][0].text);
        if (onCandidate) onCandidate(i, trial.seed, score);
        if (score > bestScore) {
            bestScore = score;
            best = trial.seed;
        }
    }
    return best;
}

} // namespace pictor
