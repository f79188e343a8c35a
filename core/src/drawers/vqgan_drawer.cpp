// The vqgan drawer: a VQGAN latent, quantised straight-through and decoded (reference.md §5).
#include "drawer.h"
#include "../generate/losses.h"
#include "../generate/reference_ops.h"
#include "../generate/start_picture.h"

#include "../image/tensor_image.h"
#include "../tuning/engine_kernels.h"
#include "../vqgan/vqgan_model_impl.h"

#include <pictor/error.h>

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace pictor::gen {

namespace {

class VqganDrawer : public Drawer {
public:
    explicit VqganDrawer(const DrawerContext& context)
        : m_context(context)
    {
        if (!context.vqgan) throw Error("The vqgan drawer needs a VQGAN model");
        const GenerationSettings& g = *context.settings;
        const vqgan::VqganNet& vqNet = *context.vqgan->impl().net;
        m_factor = vqNet.config().factor();
        m_tokensW = g.width / m_factor;
        m_tokensH = g.height / m_factor;
        if (m_tokensW == 0 || m_tokensH == 0)
            throw Error("The size " + std::to_string(g.width) + "x" + std::to_string(g.height) + " is smaller than one VQGAN cell (" +
                        std::to_string(m_factor) + " px)");
        // The coarse stage needs a grid to halve, and starts from random codes or noise, not from a picture; it
        // halves the grid as often as asked while both sides keep at least one token.
        if (g.coarseSteps > 0 && g.initImage.empty() && g.zoomEvery == 0)
            while (m_coarseLevels < g.coarseLevels && m_tokensW >= (2 << m_coarseLevels) && m_tokensH >= (2 << m_coarseLevels))
                ++m_coarseLevels;
        m_levelsLeft = m_coarseLevels;
        // A private channels-last bf16 copy of the decoder when the run computes in bf16 (fp32 shares the model's
        // weights); quantise in fp32 whatever the decoder runs in. The encoder is prepared only while a picture is encoded.
        m_vqgan = privateCopy(false);
        m_codebook = vqNet.codebook().to(context.device, at::kFloat).clone(); // the model's own values, not the bf16 copy's
    }

    /// The model's decoder and codebook, or its encoder and codebook, for channels-last work in the run's type.
    std::unique_ptr<vqgan::VqganNet> privateCopy(bool encoder) const
    {
        const vqgan::VqganNet& vqNet = *m_context.vqgan->impl().net;
        torchutil::TensorMap weights;
        for (const auto& [name, t] : vqNet.weights()) {
            const bool encoding = name.rfind("encoder.", 0) == 0 || name.rfind("quant_conv.", 0) == 0;
            if (encoding == encoder || name.rfind("quantize.", 0) == 0) weights.emplace(name, t.to(m_context.device));
        }
        auto copy = std::make_unique<vqgan::VqganNet>(vqNet.config(), std::move(weights), m_context.vqgan->info().path);
        copy->setCircular(m_context.settings->tile); // a seamless tile: convolutions wrap around the edges
        if (!m_context.device.is_cpu()) {
            copy->setTamingOps(true); // on a GPU, LibTorch's own ops (cuDNN); our faster forms are CPU kernels
        } else if (m_context.computeType == at::kFloat && gen::referenceOps()) {
            copy->setTamingOps(true); // NCHW, as the reference runs
        } else if (m_context.computeType == at::kFloat) {
            // The model's own fp32 weights, shared; the decoder's layout is whichever measured faster on this machine.
            if (encoder) copy->useChannelsLastActivations();
            else tuning::chooseVqganChannelsLast(*copy, m_tokensH, m_tokensW);
        } else {
            copy->useChannelsLast();
            copy->convertWeights(m_context.computeType);
        }
        return copy;
    }

    int width() const override { return m_tokensW * m_factor; }
    int height() const override { return m_tokensH * m_factor; }

    void initialise() override
    {
        m_zMin = std::get<0>(m_codebook.min(0)).view({1, -1, 1, 1});
        m_zMax = std::get<0>(m_codebook.max(0)).view({1, -1, 1, 1});
        m_z = initialLatent().clone().requires_grad_(true);
        m_zOrig = m_z.detach().clone();
    }

    std::vector<DrawerParameter> parameters() const override { return {{"z", m_z, 1.0}}; }

    at::Tensor render() override
    {
        const at::Tensor zq = quantised(m_z);
        return clampWithGrad((m_vqgan->decode(zq.to(m_context.computeType)).to(at::kFloat) + 1) / 2, 0, 1);
    }

    void project() override { m_z.copy_(at::maximum(at::minimum(m_z, m_zMax), m_zMin)); }

    at::Tensor initPenalty(double weight) const override { return stayNear(std::max(weight, m_holdWeight), m_z, m_zOrig); }

    /// Ends a level of the coarse stage: the picture is resized to the next level's grid and encoded again, and
    /// the optimiser starts afresh on the new grid. Each level has an equal share of the coarse steps.
    bool beginStep(int stepsDone) override
    {
        bool refined = false;
        while (m_levelsLeft > 0) {
            const int levelsDone = m_coarseLevels - m_levelsLeft + 1; // counting the one now running
            if (int64_t(stepsDone) * m_coarseLevels < int64_t(m_context.settings->coarseSteps) * levelsDone) break;
            refined = refineGrid(true) || refined;
        }
        if (stepsDone > 0 && stepsDone == m_context.settings->settleStep) {
            settleShape();
            refined = true;
        }
        return refined;
    }

    bool adoptShapes() override { return refineGrid(false); } // the snapshot's values replace the picture

    void restartFrom(const image::Image8& picture) override { m_z = encodeLatentFromImage(picture).clone().requires_grad_(true); }

    at::Tensor atOutputSize(const at::Tensor& picture) const override
    {
        if (picture.size(2) == height() && picture.size(3) == width()) return picture;
        return at::upsample_nearest2d(picture, {height(), width()});
    }

    image::Image8 finalPicture() override
    {
        c10::InferenceMode guard;
        // stopped in the coarse stage: the picture at the asked size
        const at::Tensor zq = m_levelsLeft > 0 ? resizedLatent(m_z.detach(), m_tokensH, m_tokensW) : quantised(m_z.detach());
        if (!m_context.device.is_cpu()) return image::tensorToImage(m_vqgan->decode(zq)[0]); // a GPU run's decoder is the model's, in fp32
        // The picture the user keeps is decoded by the model's own fp32 decoder, whatever the steps ran in:
        // the bf16 copy's rounding of the last picture alone cost 19% of the final CLIP score on random
        // weights (generate_bench), where the optimised latent itself was within 1% of fp32.
        const vqgan::VqganNet& model = *m_context.vqgan->impl().net;
        if (!m_context.settings->tile) return image::tensorToImage(model.decode(zq)[0]);
        vqgan::VqganNet wrapping(model.config(), model.weights(), m_context.vqgan->info().path); // the same weights, wrapping convolutions
        wrapping.setCircular(true);
        return image::tensorToImage(wrapping.decode(zq)[0]);
    }

    std::map<std::string, at::Tensor> extraState() const override
    {
        return {{"z_orig", m_zOrig},
                {"hold_weight", at::full({1}, m_holdWeight, at::kDouble)},
                {"levels_left", at::full({1}, double(m_levelsLeft), at::kDouble)}};
    }
    void loadExtraState(const std::map<std::string, at::Tensor>& state) override
    {
        auto it = state.find("z_orig");
        if (it != state.end()) m_zOrig = it->second;
        it = state.find("hold_weight");
        if (it != state.end() && it->second.numel() == 1) m_holdWeight = it->second.to(at::kDouble).item<double>(); // a settled run stays settled
        // A noise start's first level shapes the full grid, so a latent saved after the coarse stage has the first
        // level's shape too, and the snapshot's shapes alone would resume it as still coarse: each level's end then
        // came again and blurred the picture (a demo-model noise run saved after step 80).
        it = state.find("levels_left");
        if (it != state.end() && it->second.numel() == 1) {
            const int saved = int(std::lround(it->second.to(at::kDouble).item<double>()));
            if (saved >= 0 && saved < m_levelsLeft && m_z.size(2) == gridSide(m_tokensH, saved) && m_z.size(3) == gridSide(m_tokensW, saved))
                m_levelsLeft = saved;
        }
    }

private:
    /// The settle step (GenerationSettings::settleStep): from noise the demo CLIP's gradient lays out the asked
    /// colours in several pointed copies rather than one shape, and no loss, augmentation or CLIP training tried
    /// changed that (README, issue 33); the copies' colours and middle are right, so the run keeps those and lets
    /// CLIP pick one outline there, then refines it held near (from noise, 40 held-out prompts: 5 -> 35 formed).
    void settleShape()
    {
        at::NoGradGuard noGrad;
        const image::Image8 picture = image::tensorToImage(at::upsample_bilinear2d(decoded(m_z.detach()), {height(), width()}, false)[0]);
        const image::Image8 shape = settledShape(width(), height(), *m_context.gen, m_context.pictureLoss, readLayout(picture));
        at::Tensor x = image::imageToTensor(shape).unsqueeze(0).to(m_context.device, at::kFloat);
        const int64_t gridH = gridSide(m_tokensH) * m_factor, gridW = gridSide(m_tokensW) * m_factor; // still coarse when settling early
        if (x.size(2) != gridH || x.size(3) != gridW) x = at::upsample_bilinear2d(x, {gridH, gridW}, false);
        m_zOrig = encodeLatent(x.to(m_context.computeType)).contiguous();
        m_z = m_zOrig.clone().requires_grad_(true);
        m_holdWeight = kSettleHold;
    }

    /// How near a settled run stays to its shape: the one-shape start's init weight (demoPreset), which kept every
    /// figure of that start from falling as the run went on.
    static constexpr double kSettleHold = 5;

    /// Moves to the next level's grid. With `keepPicture` the latent becomes the picture resized to it; without,
    /// only its shape is right (a snapshot's values are loaded into it).
    bool refineGrid(bool keepPicture)
    {
        if (m_levelsLeft == 0) return false;
        at::NoGradGuard noGrad;
        --m_levelsLeft;
        const std::vector<int64_t> grid{gridSide(m_tokensH), gridSide(m_tokensW)};
        const at::Tensor z = keepPicture ? resizedLatent(m_z.detach(), grid[0], grid[1]) : at::upsample_nearest2d(m_z.detach(), grid);
        m_z = z.contiguous().requires_grad_(true);
        m_zOrig = at::upsample_nearest2d(m_zOrig, grid).contiguous();
        return true;
    }

    /// The latent (codebook rows) of the picture `z` decodes to, resized to a grid of tokensH x tokensW. Repeating
    /// (or dropping) tokens instead tiled a code that holds an edge into stripes; resizing the picture keeps one
    /// edge (from pixel noise on the demo model, 40 held-out prompts: 5 -> 8 formed, specks 0.095 -> 0.066; README).
    at::Tensor resizedLatent(const at::Tensor& z, int64_t tokensH, int64_t tokensW) const
    {
        at::NoGradGuard noGrad;
        return encodeLatent(at::upsample_bilinear2d(decoded(z), {tokensH * m_factor, tokensW * m_factor}, false).to(m_context.computeType));
    }

    /// The picture [1,3,H,W] in [-1,1] (fp32) that the latent z decodes to, without gradients.
    at::Tensor decoded(const at::Tensor& z) const
    {
        at::NoGradGuard noGrad;
        return m_vqgan->decode(quantised(z).to(m_context.computeType)).to(at::kFloat).clamp(-1, 1);
    }

    /// The nearest codebook row for each position of z [1,e,h,w] (straight-through: gradients reach z).
    at::Tensor quantised(const at::Tensor& z) const { return vectorQuantize(z.permute({0, 2, 3, 1}), m_codebook).permute({0, 3, 1, 2}); }

    /// Codebook rows for a picture [1,3,H,W] in [-1,1], on the device in the run's type.
    at::Tensor encodeLatent(const at::Tensor& x) const
    {
        const auto encoder = privateCopy(true);
        return latentFromCodes(encoder->codeIndices(encoder->encodePreQuant(x)));
    }

    /// Tokens along a side of the current grid.
    int gridSide(int tokens) const { return gridSide(tokens, m_levelsLeft); }
    /// Tokens along a side of the grid with `levelsLeft` halvings still to undo.
    static int gridSide(int tokens, int levelsLeft) { return std::max(1, tokens >> levelsLeft); }

    /// Codebook rows (fp32) for indices [1,h,w] -> [1,e,h,w].
    at::Tensor latentFromCodes(const at::Tensor& idx) const { return at::embedding(m_codebook, idx).permute({0, 3, 1, 2}).contiguous(); }

    at::Tensor encodeLatentFromImage(const image::Image8& picture) const
    {
        const image::Image8 sized = image::resizeLanczos(image::toRgb(picture), width(), height());
        c10::InferenceMode guard;
        const at::Tensor x = image::imageToTensor(sized).unsqueeze(0).to(m_context.device, m_context.computeType);
        return encodeLatent(x);
    }

    at::Tensor initialLatent()
    {
        const GenerationSettings& s = *m_context.settings;
        if (!s.initImage.empty()) return encodeLatentFromImage(image::loadImage(s.initImage));
        // A start picture (pixel noise, a gradient) is drawn at the coarse grid's size and encoded at the asked one:
        // noise in soft blobs, and the first level shapes the full grid. Encoded at the coarse size instead (a
        // 16x16 picture for two levels), the demo VQGAN decoded it badly and a noise start's specks rose from 9% to
        // 52% of the picture (10 held-out prompts, 2026-12-06).
        const int gridW = gridSide(m_tokensW), gridH = gridSide(m_tokensH);
        if (auto picture = startingPicture(m_context, gridW * m_factor, gridH * m_factor)) return encodeLatentFromImage(*picture);
        // Random codebook rows (seeded before the draw, unlike nerdyrodent's generate.py).
        const at::Tensor idx = at::randint(0, m_vqgan->config().nEmbed, {1, gridH, gridW}, *m_context.gen, at::kLong);
        return latentFromCodes(idx.to(m_context.device));
    }

    DrawerContext m_context;
    std::unique_ptr<vqgan::VqganNet> m_vqgan;
    int m_factor = 1, m_tokensW = 0, m_tokensH = 0;
    int m_coarseLevels = 0; // halvings of the asked grid the coarse stage began with
    int m_levelsLeft = 0;   // halvings still to undo: the grid now shaped is 2^m_levelsLeft times coarser than the asked one
    at::Tensor m_z, m_zOrig, m_zMin, m_zMax, m_codebook;
    double m_holdWeight = 0; // above 0 once the run has settled into one shape
};

} // namespace

std::unique_ptr<Drawer> makeVqganDrawer(const DrawerContext& context) { return std::make_unique<VqganDrawer>(context); }

} // namespace pictor::gen
