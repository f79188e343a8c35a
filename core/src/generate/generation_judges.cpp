// The CLIP models' side of a run: prompts to targets, CLIP's passes over the cutouts, scores.
#include "generation_run_impl.h"

#include "losses.h"

#include "../image/tensor_image.h"

#include <pictor/error.h>

#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <limits>

namespace pictor {

namespace gen {

int64_t clipPassSize(const clip::ClipConfig& c)
{
    const int64_t grid = c.imageResolution / std::max(1, c.visionPatch);
    return c.vit ? std::max<int64_t>(1, 8 * 50 * 768 / ((grid * grid + 1) * c.visionWidth)) : 8;
}

} // namespace gen

using gen::Judge;
using gen::PromptTarget;

at::Tensor GenerationRun::Impl::encodeTexts(const Judge& judge, const std::vector<TextPrompt>& prompts)
{
    std::vector<std::string> texts;
    for (const auto& p : prompts) texts.push_back(p.text);
    c10::InferenceMode guard;
    const ClipModel::Impl& model = judge.model->impl();
    const at::Tensor tokens = model.tokenize(texts).to(model.torchDevice);
    const Tokenizer& tok = judge.model->tokenizer();
    return model.net->encodeText(tokens, tok.pooling(), tok.endId()).to(device, at::kFloat); // the run's device, whichever the model's
}

std::vector<PromptTarget> GenerationRun::Impl::textTargets(const Judge& judge, const std::vector<TextPrompt>& prompts)
{
    std::vector<PromptTarget> out;
    if (prompts.empty()) return out;
    const at::Tensor e = encodeTexts(judge, prompts);
    for (std::size_t i = 0; i < prompts.size(); ++i) out.push_back({e.narrow(0, int64_t(i), 1).clone(), prompts[i].weight, prompts[i].stop});
    return out;
}

at::Tensor GenerationRun::Impl::encodeImageForClip(const Judge& judge, const at::Tensor& unitImages)
{
    return judge.visual->encodeImage(gen::clipNormalize(unitImages).to(clipType)).to(at::kFloat);
}

at::Tensor GenerationRun::Impl::clipPasses(const Judge& judge, const at::Tensor& cuts, double& lossSum)
{
    const int64_t perPass = gen::clipPassSize(judge.config());
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

at::Tensor GenerationRun::Impl::clipSized(const Judge& judge, const at::Tensor& unit)
{
    const int r = judge.config().imageResolution;
    const int64_t h = unit.size(2), w = unit.size(3);
    return at::upsample_bilinear2d(at::adaptive_avg_pool2d(unit, {std::max<int64_t>(r, h / 2), std::max<int64_t>(r, w / 2)}), {r, r}, false);
}

void GenerationRun::Impl::buildStory(const std::string& prompt)
{
    const auto phrases = parsePromptStory(prompt);
    for (Judge& judge : judges) {
        judge.story.clear();
        for (const auto& phrase : phrases) judge.story.push_back(textTargets(judge, phrase));
    }
    phrase = 0;
}

std::vector<const PromptTarget*> GenerationRun::Impl::activeTargets(const Judge& judge) const
{
    std::vector<const PromptTarget*> out;
    if (!judge.story.empty())
        for (const PromptTarget& p : judge.story[phrase]) out.push_back(&p);
    for (const PromptTarget& p : judge.fixedTargets) out.push_back(&p);
    return out;
}

std::vector<double> GenerationRun::Impl::plainLosses(const std::vector<image::Image8>& pictures)
{
    c10::InferenceMode guard;
    std::vector<at::Tensor> units;
    for (const auto& p : pictures) units.push_back(image::imageToTensor(p).add(1).div(2));
    const at::Tensor batch = at::stack(units).to(device);
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

double GenerationRun::Impl::similarity(const RgbImage& img, const std::string& text)
{
    return torchutil::guarded("Cannot score the picture", [&] {
        c10::InferenceMode guard;
        const Judge& judge = primary();
        const ClipModel::Impl& model = judge.model->impl();
        const at::Tensor unit = gen::imageToUnit(gen::fromRgbImage(img)).to(model.torchDevice);
        const at::Tensor imageEmbed = model.net->encodeImage(gen::clipNormalize(clipSized(judge, unit))).to(device, at::kFloat);
        const at::Tensor textEmbed = encodeTexts(judge, {TextPrompt{text, 1.0, 0}});
        return at::cosine_similarity(imageEmbed, textEmbed, 1).item<double>();
    });
}

} // namespace pictor
