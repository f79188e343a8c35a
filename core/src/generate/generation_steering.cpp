// Changes while a run goes: the public steering calls (any thread) queue them, applySteering takes
// them in between steps; zoom video's restart; the style losses the settings ask for.
#include "generation_run_impl.h"

#include "style_losses.h"

#include "../image/tensor_image.h"

#include <pictor/error.h>
#include <pictor/palette.h>

#include <cmath>
#include <locale>
#include <sstream>

namespace pictor {

namespace gen {

std::string numberText(double v)
{
    std::ostringstream text; // the C locale: "1.5" in any user's locale
    text.imbue(std::locale::classic());
    text << v;
    return text.str();
}

void checkLearningRate(double lr)
{
    if (!(lr > 0 && lr <= 100)) throw Error("The learning rate must be above 0 and at most 100 (got " + numberText(lr) + ")");
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const std::string& name, const std::vector<DrawerParameter>& params, double lr)
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

} // namespace gen

void GenerationRun::Impl::setLr(double lr)
{
    const std::vector<gen::DrawerParameter> params = drawer->parameters();
    auto& groups = optimizer->param_groups();
    for (std::size_t i = 0; i < groups.size(); ++i) groups[i].options().set_lr(lr * (i < params.size() ? params[i].lrScale : 1.0));
}

void GenerationRun::Impl::applySteering()
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
        palette = newPalette->empty() ? at::Tensor() : gen::paletteTensor(*newPalette).to(device);
        if (newPalette->empty()) settings.paletteWeight = 0; // no palette to pull toward (as the window's settings say)
        drawer->setPalette(palette);
        newPalette.reset();
    }
}

void GenerationRun::Impl::zoomStep()
{
    // Zoom video mode: crop the centre by zoomScale, shift, resize back, start the drawer again from
    // it; the optimiser starts afresh, as in the reference.
    image::Image8 img = gen::fromRgbImage(lastImage);
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

at::Tensor GenerationRun::Impl::styleLoss(const at::Tensor& out, at::Tensor loss) const
{
    const GenerationSettings& g = settings;
    if (g.smoothness > 0) loss = loss + g.smoothness * gen::smoothnessLoss(out, g.tile).to(at::kFloat); // total variation of the picture in [0,1]
    if (g.symmetryWeight != 0) loss = loss + g.symmetryWeight * gen::symmetryLoss(out);
    if (g.paletteWeight != 0) loss = loss + g.paletteWeight * gen::paletteLoss(out, palette);
    if (g.saturationWeight != 0) loss = loss - g.saturationWeight * gen::saturation(out);
    if (g.edgesWeight != 0) loss = loss + g.edgesWeight * gen::edgesLoss(out);
    return loss;
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
    gen::checkLearningRate(lr);
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
