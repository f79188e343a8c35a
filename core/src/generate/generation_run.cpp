// The VQGAN+CLIP optimisation loop (reference.md §5): straight-through quantised latent ->
// VQGAN decoder -> cutouts -> CLIP -> spherical distance to the prompts -> optimiser step -> clamp.
#include "cutouts.h"
#include "losses.h"
#include "start_picture.h"

#include "../clip/clip_model_impl.h"
#include "../image/image.h"
#include "../image/tensor_image.h"
#include "../torch/memory_pool.h"
#include "../vqgan/vqgan_model_impl.h"

#include <pictor/error.h>
#include <pictor/generation.h>
#include <pictor/runtime.h>

#include <ATen/ATen.h>
#include <ATen/autocast_mode.h>
#include <c10/core/InferenceMode.h>
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

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const std::string& name, const at::Tensor& z, double lr)
{
    std::vector<at::Tensor> params{z};
    if (name == "Adam") return std::make_unique<torch::optim::Adam>(params, torch::optim::AdamOptions(lr));
    if (name == "AdamW") return std::make_unique<torch::optim::AdamW>(params, torch::optim::AdamWOptions(lr));
    if (name == "Adagrad") return std::make_unique<torch::optim::Adagrad>(params, torch::optim::AdagradOptions(lr));
    if (name == "RMSprop") return std::make_unique<torch::optim::RMSprop>(params, torch::optim::RMSpropOptions(lr));
    if (name == "SGD") return std::make_unique<torch::optim::SGD>(params, torch::optim::SGDOptions(lr));
    throw Error("Unknown optimizer '" + name + "' (use Adam, AdamW, Adagrad, RMSprop or SGD)");
}

void setLr(torch::optim::Optimizer& opt, double lr)
{
    for (auto& group : opt.param_groups()) group.options().set_lr(lr);
}

} // namespace

struct GenerationRun::Impl {
    std::shared_ptr<ClipModel> clipModel;
    std::shared_ptr<VqganModel> vqganModel;
    GenerationSettings settings;

    std::unique_ptr<clip::ClipNet> visual;   // private copy of the image tower (bf16 when enabled)
    std::unique_ptr<vqgan::VqganNet> vqgan;  // private channels-last copy
    at::ScalarType clipType = at::kFloat;
    at::Tensor z, zOrig, zMin, zMax, codebook;
    std::unique_ptr<torch::optim::Optimizer> optimizer;
    at::Generator gen;
    std::vector<std::vector<PromptTarget>> story; // text prompts per phrase
    std::vector<PromptTarget> fixedTargets;       // image and noise prompts
    std::size_t phrase = 0;
    gen::CutoutOptions cutouts;
    int steps = 0;
    int64_t seed = 0;
    int tokensH = 0, tokensW = 0;
    int gridScale = 1; // 2 while the coarse stage shapes a half-resolution grid
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

    const clip::ClipConfig& clipConfig() const { return clipModel->impl().net->config(); }

    at::Tensor encodeTexts(const std::vector<TextPrompt>& prompts)
    {
        std::vector<std::string> texts;
        for (const auto& p : prompts) texts.push_back(p.text);
        c10::InferenceMode guard;
        const at::Tensor tokens = clipModel->impl().tokenize(texts);
        const Tokenizer& tok = clipModel->tokenizer();
        return clipModel->impl().net->encodeText(tokens, tok.pooling(), tok.endId()).to(at::kFloat);
    }

    std::vector<PromptTarget> textTargets(const std::vector<TextPrompt>& prompts)
    {
        std::vector<PromptTarget> out;
        if (prompts.empty()) return out;
        const at::Tensor e = encodeTexts(prompts);
        for (std::size_t i = 0; i < prompts.size(); ++i) out.push_back({e.narrow(0, int64_t(i), 1).clone(), prompts[i].weight, prompts[i].stop});
        return out;
    }

    at::Tensor encodeImageForClip(const at::Tensor& unitImages)
    {
        return visual->encodeImage(gen::clipNormalize(unitImages).to(clipType)).to(at::kFloat);
    }

    /// Whole pictures [N,3,H,W] in [0,1] at CLIP's input size: area-averaged to half size (not below CLIP's), then bilinear.
    at::Tensor clipSized(const at::Tensor& unit) const
    {
        const int r = clipConfig().imageResolution;
        const int64_t h = unit.size(2), w = unit.size(3);
        return at::upsample_bilinear2d(at::adaptive_avg_pool2d(unit, {std::max<int64_t>(r, h / 2), std::max<int64_t>(r, w / 2)}), {r, r}, false);
    }

    void buildStory(const std::string& prompt)
    {
        story.clear();
        for (const auto& phrase : parsePromptStory(prompt)) story.push_back(textTargets(phrase));
        phrase = 0;
    }

    at::Tensor encodeLatentFromImage(const image::Image8& picture)
    {
        const image::Image8 sized = image::resizeLanczos(image::toRgb(picture), tokensW * vqgan->config().factor(), tokensH * vqgan->config().factor());
        c10::InferenceMode guard;
        const at::Tensor x = image::imageToTensor(sized).unsqueeze(0).to(clipType);
        return latentFromCodes(vqgan->codeIndices(vqgan->encodePreQuant(x)));
    }

    /// The prompts a step is scored against: the current story phrase's, then the image and noise prompts.
    std::vector<const PromptTarget*> activeTargets() const
    {
        std::vector<const PromptTarget*> out;
        if (!story.empty())
            for (const PromptTarget& p : story[phrase]) out.push_back(&p);
        for (const PromptTarget& p : fixedTargets) out.push_back(&p);
        return out;
    }

    /// Prompt loss of each picture as it is (no cutouts, no augmentation), lower is better.
    std::vector<double> plainLosses(const std::vector<image::Image8>& pictures)
    {
        c10::InferenceMode guard;
        std::vector<at::Tensor> units;
        for (const auto& p : pictures) units.push_back(image::imageToTensor(p).add(1).div(2));
        const at::Tensor embeds = encodeImageForClip(clipSized(at::stack(units)));
        constexpr double kNoStop = -std::numeric_limits<double>::infinity();
        const std::vector<const PromptTarget*> targets = activeTargets();
        std::vector<double> out;
        for (int64_t i = 0; i < embeds.size(0); ++i) {
            const at::Tensor e = embeds.narrow(0, i, 1);
            double loss = 0;
            for (const PromptTarget* p : targets) loss += gen::promptLoss(e, p->embeds, p->weight, kNoStop).item<double>();
            out.push_back(loss);
        }
        return out;
    }

    at::Tensor initialLatent()
    {
        const GenerationSettings& s = settings;
        const int f = vqgan->config().factor();
        if (!s.initImage.empty()) return encodeLatentFromImage(image::loadImage(s.initImage));
        const int gridW = std::max(1, tokensW / gridScale), gridH = std::max(1, tokensH / gridScale);
        if (s.initNoise == "pixels" || s.initNoise == "gradient") {
            const int w = gridW * f, h = gridH * f;
            image::Image8 noise{w, h, 3, std::vector<uint8_t>(std::size_t(w) * std::size_t(h) * 3)};
            if (s.initNoise == "pixels") {
                const at::Tensor px = at::randint(0, 255, {int64_t(noise.pixels.size())}, gen, at::kLong).to(at::kByte);
                std::copy_n(px.data_ptr<uint8_t>(), noise.pixels.size(), noise.pixels.data());
            } else {
                // Random linear gradients per channel, across or down.
                const at::Tensor ends = at::rand({3, 2}, gen) * 255;
                const bool across = at::rand({1}, gen).item<float>() < 0.5;
                for (int y = 0; y < h; ++y)
                    for (int x = 0; x < w; ++x)
                        for (int c = 0; c < 3; ++c) {
                            const double t = across ? double(x) / std::max(1, w - 1) : double(y) / std::max(1, h - 1);
                            const double a = ends[c][0].item<double>(), b = ends[c][1].item<double>();
                            noise.pixels[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * 3 + std::size_t(c)] = uint8_t(a + (b - a) * t);
                        }
            }
            return encodeLatentFromImage(noise);
        }
        if (s.initNoise == "shape")
            return encodeLatentFromImage(gen::shapeStart(gridW * f, gridH * f, gen, [this](const auto& pictures) { return plainLosses(pictures); }));
        if (!s.initNoise.empty()) throw Error("Unknown init noise '" + s.initNoise + "' (use pixels, gradient or shape)");
        // Random codebook rows (seeded before the draw, unlike nerdyrodent's generate.py).
        const at::Tensor idx = at::randint(0, vqgan->config().nEmbed, {1, gridH, gridW}, gen, at::kLong);
        return latentFromCodes(idx);
    }

    /// Codebook rows (fp32) for indices [1,h,w] -> [1,e,h,w].
    at::Tensor latentFromCodes(const at::Tensor& idx) const
    {
        return at::embedding(codebook, idx).permute({0, 3, 1, 2}).contiguous();
    }

    /// Ends the coarse stage: every token of the half-resolution grid becomes 2x2 tokens of the full
    /// one (the picture stays the same, only larger) and the optimiser starts afresh on the new grid.
    void refineGrid()
    {
        if (gridScale == 1) return;
        at::NoGradGuard noGrad;
        z = at::upsample_nearest2d(z.detach(), {tokensH, tokensW}).contiguous().requires_grad_(true);
        zOrig = at::upsample_nearest2d(zOrig, {tokensH, tokensW}).contiguous();
        optimizer = makeOptimizer(settings.optimizer, z, settings.learningRate);
        gridScale = 1;
    }

    /// A picture from the coarse stage at the asked size, so frames do not change size.
    at::Tensor fullSize(const at::Tensor& picture) const
    {
        if (picture.size(2) == tokensH * vqgan->config().factor() && picture.size(3) == tokensW * vqgan->config().factor()) return picture;
        return at::upsample_nearest2d(picture, {tokensH * vqgan->config().factor(), tokensW * vqgan->config().factor()});
    }

    /// The picture a frame shows: the synthesised [1,3,h,w] in [0,1] at the asked size.
    RgbImage frameImage(const at::Tensor& out) const { return toRgbImage(image::unitTensorToImage(fullSize(out.detach())[0])); }

    at::Tensor synth()
    {
        const at::Tensor zq = gen::vectorQuantize(z.permute({0, 2, 3, 1}), codebook).permute({0, 3, 1, 2});
        return gen::clampWithGrad((vqgan->decode(zq.to(clipType)).to(at::kFloat) + 1) / 2, 0, 1);
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
            setLr(*optimizer, *newLr);
            newLr.reset();
        }
        if (newCutn) {
            settings.cutn = cutouts.cutn = *newCutn;
            newCutn.reset();
        }
        if (newAugments) {
            settings.augments = cutouts.augments = *newAugments;
            newAugments.reset();
        }
    }

    /// Cosine similarity (CLIP, fp32) between a picture and a text.
    double similarity(const RgbImage& img, const std::string& text)
    {
        return torchutil::guarded("Cannot score the picture", [&] {
            c10::InferenceMode guard;
            const at::Tensor unit = image::imageToTensor(fromRgbImage(img)).unsqueeze(0).add(1).div(2);
            const at::Tensor imageEmbed = clipModel->impl().net->encodeImage(gen::clipNormalize(clipSized(unit)));
            const at::Tensor textEmbed = encodeTexts({TextPrompt{text, 1.0, 0}});
            return at::cosine_similarity(imageEmbed, textEmbed, 1).item<double>();
        });
    }

    void zoomStep()
    {
        // Zoom video mode: crop the centre by zoomScale, shift, resize back, re-encode; the
        // optimiser starts afresh on the new latent, as in the reference.
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
        const at::Tensor fresh = encodeLatentFromImage(img);
        z = fresh.clone().requires_grad_(true);
        optimizer = makeOptimizer(settings.optimizer, z, settings.learningRate);
    }
};

GenerationRun::GenerationRun(std::shared_ptr<ClipModel> clip, std::shared_ptr<VqganModel> vqgan, GenerationSettings settings)
    : d(std::make_unique<Impl>())
{
    if (!clip) throw Error("No CLIP model");
    if (!vqgan) throw Error("No VQGAN model");
    d->clipModel = std::move(clip);
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
    if (g.threads > 0) setComputeThreads(g.threads);

    const vqgan::VqganNet& vqNet = *s.vqganModel->impl().net;
    const int f = vqNet.config().factor();
    s.tokensW = g.width / f;
    s.tokensH = g.height / f;
    if (s.tokensW == 0 || s.tokensH == 0)
        throw Error("The size " + std::to_string(g.width) + "x" + std::to_string(g.height) + " is smaller than one VQGAN cell (" +
                    std::to_string(f) + " px)");
    g.width = s.tokensW * f; // sizes are floored to the VQGAN's factor, as in the reference
    g.height = s.tokensH * f;

    if (g.coarseSteps < 0) throw Error("Coarse steps must be 0 (off) or more");
    // The coarse stage needs a grid to halve, and starts from random codes or noise, not from a picture.
    s.gridScale = g.coarseSteps > 0 && g.initImage.empty() && g.zoomEvery == 0 && s.tokensW >= 2 && s.tokensH >= 2 ? 2 : 1;
    if (g.seed < 0) g.seed = int64_t(std::random_device{}() & 0x7fffffff);
    s.seed = g.seed;
    s.gen = at::detail::createCPUGenerator(uint64_t(g.seed));

    torchutil::guarded("Cannot start generation", [&] {
        // Private copies: channels-last VQGAN; CLIP's image tower in bf16 when the CPU has it.
        torchutil::TensorMap vqWeights = vqNet.weights();
        s.vqgan = std::make_unique<vqgan::VqganNet>(vqNet.config(), std::move(vqWeights), s.vqganModel->info().path);
        s.vqgan->useChannelsLast();
        const clip::ClipNet& clipNet = *s.clipModel->impl().net;
        s.clipType = g.bf16 && runtimeInfo().bf16 ? at::kBFloat16 : at::kFloat;
        s.visual = clipNet.imageTowerCopy(s.clipType);
        s.codebook = s.vqgan->codebook().to(at::kFloat).clone(); // quantise in fp32 whatever the decoder runs in
        if (s.clipType != at::kFloat) s.vqgan->convertWeights(s.clipType);
        if (!clipNet.config().vit) s.visual->useChannelsLast();

        s.cutouts.method = g.cutMethod;
        s.cutouts.cutn = g.cutn;
        s.cutouts.size = clipNet.config().imageResolution;
        s.cutouts.cutPow = g.cutPow;
        s.cutouts.augments = g.augments;
        if (g.cutMethod != "latest" && g.cutMethod != "original") throw Error("Unknown cut method '" + g.cutMethod + "' (use latest or original)");

        s.buildStory(g.prompt);
        // Image prompts: the picture resized to the output size, cut out like the output, encoded.
        for (const std::string& spec : g.imagePrompts) {
            const TextPrompt p = parsePrompt(spec);
            const image::Image8 img = image::resizeLanczos(image::toRgb(image::loadImage(p.text)), g.width, g.height);
            c10::InferenceMode guard;
            const at::Tensor unit = image::imageToTensor(img).unsqueeze(0).add(1).div(2);
            s.fixedTargets.push_back({s.encodeImageForClip(gen::makeCutouts(unit, s.cutouts, s.gen)), p.weight, p.stop});
        }
        for (const std::string& spec : g.noisePrompts) {
            const TextPrompt p = parsePrompt(spec);
            char* end = nullptr;
            const long long noiseSeed = std::strtoll(p.text.c_str(), &end, 10);
            if (end == p.text.c_str() || *end) throw Error("Noise prompt '" + spec + "' must be SEED:WEIGHT");
            at::Generator noiseGen = at::detail::createCPUGenerator(uint64_t(noiseSeed));
            s.fixedTargets.push_back({at::randn({1, s.clipConfig().embedDim}, noiseGen), p.weight, p.stop});
        }
        if (s.story.empty() && s.fixedTargets.empty()) throw Error("Give a text prompt, an image prompt or a noise prompt");

        s.zMin = std::get<0>(s.codebook.min(0)).view({1, -1, 1, 1});
        s.zMax = std::get<0>(s.codebook.max(0)).view({1, -1, 1, 1});
        s.z = s.initialLatent().clone().requires_grad_(true);
        s.zOrig = s.z.detach().clone();
        s.optimizer = makeOptimizer(g.optimizer, s.z, g.learningRate);
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
    if (g.storyEvery > 0 && s.steps > 0 && s.steps % g.storyEvery == 0 && s.story.size() > 1) s.phrase = (s.phrase + 1) % s.story.size();
    if (g.zoomEvery > 0 && s.steps > 0 && s.steps % g.zoomEvery == 0 && !s.lastImage.empty()) s.zoomStep();

    const auto t0 = Clock::now();
    double lossValue = 0;
    torchutil::guarded("Generation step failed", [&] {
        if (s.gridScale > 1 && s.steps >= g.coarseSteps) s.refineGrid();
        s.optimizer->zero_grad();
        const at::Tensor out = s.synth();
        const at::Tensor embeds = s.encodeImageForClip(gen::makeCutouts(out, s.cutouts, s.gen));
        at::Tensor loss = at::zeros({}, at::kFloat);
        if (g.initWeight > 0) loss = loss + g.initWeight / 2 * at::mse_loss(s.z, s.zOrig);
        if (g.smoothness > 0) { // total variation of the picture in [0,1]
            const int64_t h = out.size(2), w = out.size(3);
            const at::Tensor dy = (out.narrow(2, 1, h - 1) - out.narrow(2, 0, h - 1)).abs().mean();
            const at::Tensor dx = (out.narrow(3, 1, w - 1) - out.narrow(3, 0, w - 1)).abs().mean();
            loss = loss + g.smoothness * (dx + dy).to(at::kFloat);
        }
        for (const PromptTarget* p : s.activeTargets()) loss = loss + gen::promptLoss(embeds, p->embeds, p->weight, p->stop);
        loss.backward();
        s.optimizer->step();
        {
            at::NoGradGuard noGrad;
            s.z.copy_(at::maximum(at::minimum(s.z, s.zMax), s.zMin));
        }
        lossValue = loss.item<double>();
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
    if (!s.story.empty() && !s.story[s.phrase].empty()) {
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
    if (!s.z.defined()) return {};
    return torchutil::guarded("Cannot decode the picture", [&] {
        c10::InferenceMode guard;
        at::Tensor zq = gen::vectorQuantize(s.z.detach().permute({0, 2, 3, 1}), s.codebook).permute({0, 3, 1, 2});
        if (s.gridScale > 1) zq = at::upsample_nearest2d(zq, {s.tokensH, s.tokensW}); // stopped in the coarse stage: the asked size
        // The picture the user keeps is decoded by the model's own fp32 decoder, whatever the steps ran in:
        // the bf16 copy's rounding of the last picture alone cost 19% of the final CLIP score on random
        // weights (generate_bench), where the optimised latent itself was within 1% of fp32.
        return toRgbImage(image::tensorToImage(s.vqganModel->impl().net->decode(zq)[0]));
    });
}

RgbImage GenerationRun::previewImage()
{
    Impl& s = *d;
    if (!s.z.defined() || !s.vqgan) return {};
    return torchutil::guarded("Cannot decode the picture", [&] {
        c10::InferenceMode guard;
        return s.frameImage(s.synth());
    });
}

double GenerationRun::clipSimilarity(const std::string& text)
{
    return d->similarity(currentImage(), text);
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
} // namespace

void GenerationRun::saveSnapshot(const std::string& path)
{
    Impl& s = *d;
    if (!s.z.defined()) throw Error("Nothing to save: the run was not started");
    torchutil::TensorMap t{{"z", s.z.detach()}, {"z_orig", s.zOrig}, {"rng_state", s.gen.get_state()}};
    std::map<std::string, std::string> meta{{"format", kSnapshotFormat},
                                            {"settings", s.settings.toJson()},
                                            {"step", std::to_string(s.steps)},
                                            {"phrase", std::to_string(s.phrase)},
                                            {"clip", s.clipModel->info().path},
                                            {"vqgan", s.vqganModel->info().path}};
    if (auto* adam = adamState(*s.optimizer, s.z)) {
        t["optimizer.exp_avg"] = adam->exp_avg();
        t["optimizer.exp_avg_sq"] = adam->exp_avg_sq();
        meta["optimizer.step"] = std::to_string(adam->step());
    }
    torchutil::saveSafetensors(path, t, meta);
}

void GenerationRun::loadSnapshot(const std::string& path)
{
    Impl& s = *d;
    if (!s.z.defined()) throw Error("Start the run before restoring a snapshot into it");
    const ckpt::Checkpoint c = ckpt::openCheckpoint(path);
    auto meta = [&](const std::string& key) {
        auto it = c.metadata.find(key);
        if (it == c.metadata.end()) throw Error("'" + path + "' is not a Pictor snapshot (no " + key + ")");
        return it->second;
    };
    if (meta("format") != kSnapshotFormat) throw Error("'" + path + "' is not a Pictor snapshot");
    const ckpt::TensorRef* z = c.find("z");
    const ckpt::TensorRef* rng = c.find("rng_state");
    if (!z || !rng) throw Error("'" + path + "' is an incomplete snapshot");
    if (z->shape != s.z.sizes().vec() && s.gridScale > 1) s.refineGrid(); // saved after the coarse stage
    if (z->shape != s.z.sizes().vec()) throw Error("'" + path + "' was made for another picture size or VQGAN");
    torchutil::guarded("Cannot restore '" + path + "'", [&] {
        at::NoGradGuard noGrad;
        s.z.copy_(torchutil::loadTensor(*z, at::kFloat));
        if (const ckpt::TensorRef* orig = c.find("z_orig")) s.zOrig = torchutil::loadTensor(*orig, at::kFloat);
        s.gen.set_state(torchutil::loadTensor(*rng, at::kFloat));
        s.optimizer = makeOptimizer(s.settings.optimizer, s.z, s.settings.learningRate);
        const ckpt::TensorRef* m1 = c.find("optimizer.exp_avg");
        const ckpt::TensorRef* m2 = c.find("optimizer.exp_avg_sq");
        if (m1 && m2 && (s.settings.optimizer == "Adam" || s.settings.optimizer == "AdamW")) {
            auto state = std::make_unique<torch::optim::AdamParamState>();
            state->step(std::stoll(meta("optimizer.step")));
            state->exp_avg(torchutil::loadTensor(*m1, at::kFloat));
            state->exp_avg_sq(torchutil::loadTensor(*m2, at::kFloat));
            s.optimizer->state()[c10::guts::to_string(s.z.unsafeGetTensorImpl())] = std::move(state);
        }
        return 0;
    });
    s.steps = std::stoi(meta("step"));
    s.phrase = std::size_t(std::stoul(meta("phrase")));
    if (!s.story.empty()) s.phrase %= s.story.size();
}

int64_t pickBestSeed(std::shared_ptr<ClipModel> clip, std::shared_ptr<VqganModel> vqgan, const GenerationSettings& settings, int candidates,
                     int trialSteps, const std::function<void(int, int64_t, double)>& onCandidate)
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
        GenerationRun run(clip, vqgan, trial);
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
