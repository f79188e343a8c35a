#pragma once
// GenerationRun's state, shared by the files of the loop:
//   generation_run.cpp      start, one step, the loop, the pictures it shows;
//   generation_judges.cpp   the CLIP models' side: prompts, passes over the cutouts, scores;
//   generation_steering.cpp changes while a run goes (prompt, learning rate, cutouts, losses, palette), zoom, style losses;
//   generation_snapshot.cpp snapshots and best-of seeds.
#include "cutouts.h"
#include "../drawers/drawer.h"
#include "../device/torch_device.h"
#include "../torch/tensor_loader.h"

#include "../clip/clip_model_impl.h"
#include "../image/image.h"

#include <pictor/error.h>
#include <pictor/generation.h>
#include <pictor/vqgan_model.h>

#include <ATen/ATen.h>
#include <torch/optim.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace pictor {

namespace gen {


struct PromptTarget {
    at::Tensor embeds; // [M, D]
    double weight;
    double stop;
};





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

/// Cutouts per CLIP pass: 8 ViT-B/32 cutouts (8 x 50 tokens x 768 wide); larger towers take fewer, down to
/// one ViT-L/14 cutout (257 tokens x 1024), so a pass's activations stay about the same size.
int64_t clipPassSize(const clip::ClipConfig& c);

/// A setting's value as an error message shows it ("1.5", "nan").
std::string numberText(double v);

/// Throws pictor::Error unless 0 < lr <= 100 (a NaN, an infinity or a typo's 1e9 would wreck the picture).
void checkLearningRate(double lr);

/// One parameter group per drawer tensor, each at the run's learning rate times its scale.
std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const std::string& name, const std::vector<DrawerParameter>& params, double lr);

inline RgbImage toRgbImage(const image::Image8& img)
{
    RgbImage out;
    out.width = img.width;
    out.height = img.height;
    out.pixels = img.pixels;
    return out;
}

inline image::Image8 fromRgbImage(const RgbImage& img) { return image::Image8{img.width, img.height, 3, img.pixels}; }

} // namespace gen

struct GenerationRun::Impl {
    using Clock = std::chrono::steady_clock;
    using Judge = gen::Judge;
    using PromptTarget = gen::PromptTarget;

    std::vector<Judge> judges;
    std::shared_ptr<VqganModel> vqganModel;
    GenerationSettings settings;
    std::string deviceWhy;
    c10::Device device{c10::kCPU}; ///< where the run computes: the drawer, cutouts, CLIP passes and optimiser state

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

    /// torchutil::guarded, and on a GPU an out-of-memory error becomes a message with the card's numbers (its
    /// memory released for the next run). What the step had not finished is dropped: the last frame stays.
    template <typename Fn>
    auto guardedOnDevice(const std::string& context, Fn&& fn) -> decltype(fn())
    {
        try {
            return torchutil::guarded(context, std::forward<Fn>(fn));
        } catch (const Error& e) {
            if (device.is_cpu() || !device::isOutOfMemory(e.what())) throw;
            if (optimizer) optimizer->zero_grad();
            throw Error(device::outOfMemoryMessage(device, settings.width, settings.height, settings.cutn));
        }
    }

    /// Refuses a GPU run before its first step when the models' weights alone exceed the card's free memory.
    void refuseModelsLargerThanTheGpu() const;

    at::Tensor encodeTexts(const Judge& judge, const std::vector<TextPrompt>& prompts);

    std::vector<PromptTarget> textTargets(const Judge& judge, const std::vector<TextPrompt>& prompts);

    at::Tensor encodeImageForClip(const Judge& judge, const at::Tensor& unitImages);

    /// CLIP's forward and backward over a judge's cutouts, a few cutouts at a time. The prompt loss
    /// is a mean over cutouts, so each group's share is its own sum, and only one group's CLIP
    /// activations are alive at once (the whole batch's were a quarter of a run's peak memory).
    /// Returns the gradient of the judge's weighted loss with respect to the cutouts and adds the
    /// loss to `lossSum`; undefined when no prompt is active.
    at::Tensor clipPasses(const Judge& judge, const at::Tensor& cuts, double& lossSum);

    /// Whole pictures [N,3,H,W] in [0,1] at a CLIP's input size: area-averaged to half size (not below CLIP's), then bilinear.
    static at::Tensor clipSized(const Judge& judge, const at::Tensor& unit);

    void buildStory(const std::string& prompt);

    std::size_t storyLength() const { return judges.front().story.size(); }

    /// The prompts a step is scored against by one judge: the current story phrase's, then the image and noise prompts.
    std::vector<const PromptTarget*> activeTargets(const Judge& judge) const;

    /// Prompt loss of each picture as it is (no cutouts, no augmentation), lower is better.
    std::vector<double> plainLosses(const std::vector<image::Image8>& pictures);

    /// The picture a frame shows: the rendered [1,3,h,w] in [0,1] at the asked size.
    RgbImage frameImage(const at::Tensor& out) const { return gen::toRgbImage(gen::unitToImage(drawer->atOutputSize(out))); }

    void restartOptimizer() { optimizer = gen::makeOptimizer(settings.optimizer, drawer->parameters(), settings.learningRate); }

    void setLr(double lr);

    void applySteering();

    /// Cosine similarity (the first CLIP, fp32) between a picture and a text.
    double similarity(const RgbImage& img, const std::string& text);

    void zoomStep();

    /// The style losses the settings ask for, on the rendered picture.
    at::Tensor styleLoss(const at::Tensor& out, at::Tensor loss) const;
};

} // namespace pictor
