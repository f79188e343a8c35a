#include "demo_trainer.h"

#include "demo_models.h"
#include "shapes_world.h"
#include "structure_negatives.h"
#include "generation_negatives.h"

#include "../clip/clip_init.h"
#include "../clip/clip_net.h"
#include "../generate/cutouts.h"
#include "../text/sentencepiece_tokenizer.h"
#include "../vqgan/vqgan_init.h"
#include "../vqgan/vqgan_net.h"
#include "../checkpoint/checkpoint.h"
#include "../image/image.h"
#include "../io/atomic_file.h"

#include <pictor/error.h>
#include <pictor/model_file.h>
#include <pictor/runtime.h>

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/optim.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <functional>
#include <iterator>

namespace pictor::demo {

vqgan::VqganConfig demoVqganConfig()
{
    vqgan::VqganConfig c;
    c.ch = 32;
    c.chMult = {1, 2, 2};
    c.numResBlocks = 1;
    c.zChannels = 32;
    c.embedDim = 32;
    c.nEmbed = 256;
    c.normGroups = 8; // GroupNorm(32) on 32 channels would be instance norm: it erases the flat colours this world is made of
    c.resolution = 64;
    c.attnResolutions = {16};
    c.encoderAttn = {false, false, true};
    c.decoderAttn = {false, false, true};
    return c;
}

clip::ClipConfig demoClipConfig(int vocabSize)
{
    clip::ClipConfig c;
    c.vit = true;
    c.embedDim = 128;
    c.imageResolution = 64;
    c.visionLayers = {4};
    c.visionWidth = 128;
    c.visionPatch = 8;
    c.visionHeads = 2;
    c.contextLength = kDemoContext;
    c.vocabSize = vocabSize;
    c.textWidth = 128;
    c.textHeads = 2;
    c.textLayers = 3;
    return c;
}

namespace {

using Clock = std::chrono::steady_clock;

QString augmentsRecipe(const std::vector<std::string>& codes)
{
    QStringList names;
    for (const std::string& c : codes) names << QString::fromStdString(c);
    return codes.empty() ? QString() : "the generator's " + names.join('+') + " augmentations and ";
}

at::Tensor toBatch(const std::vector<Sample>& samples)
{
    const int64_t n = int64_t(samples.size()), s = samples[0].image.width;
    at::Tensor out = at::empty({n, s, s, 3}, at::kByte);
    for (int64_t i = 0; i < n; ++i)
        std::memcpy(out[i].data_ptr(), samples[std::size_t(i)].image.pixels.data(), std::size_t(s * s * 3));
    return out.permute({0, 3, 1, 2}).to(at::kFloat).div(255).contiguous();
}

void requireGrad(torchutil::TensorMap& m, std::vector<at::Tensor>& params)
{
    std::vector<std::string> names;
    for (auto& [name, t] : m) names.push_back(name);
    std::sort(names.begin(), names.end()); // a fixed order: reproducible optimiser state
    for (const auto& name : names) {
        at::Tensor& t = m[name];
        if (!at::isFloatingType(t.scalar_type())) continue;
        t.requires_grad_(true);
        params.push_back(t);
    }
}

/// What the demo CLIP's safetensors carry beside its tensors, for ClipModel::load.
std::map<std::string, std::string> clipMetadata()
{
    return {{"format", "pictor-demo"}, {"clip.text_heads", "2"}, {"clip.vision_heads", "2"}};
}

/// The weights in the compute type, differentiably: gradients reach the fp32 masters.
torchutil::TensorMap castWeights(const torchutil::TensorMap& master, at::ScalarType type)
{
    if (type == at::kFloat) return master;
    torchutil::TensorMap out;
    for (const auto& [name, t] : master) out.emplace(name, at::isFloatingType(t.scalar_type()) ? t.to(type) : t);
    return out;
}

double oneCycle(int step, int total, double peak)
{
    const int warm = std::max(1, total / 10);
    if (step < warm) return peak * (0.04 + 0.96 * double(step) / warm);
    const double t = double(step - warm) / std::max(1, total - warm);
    return peak * (0.001 + 0.999 * 0.5 * (1 + std::cos(M_PI * t)));
}

/// The peak rate, then a cosine decay to zero over the last `decayShare` of the steps.
double holdThenDecay(int step, int total, double decayShare, double peak)
{
    const int hold = int(std::lround(total * (1 - decayShare)));
    if (step < hold) return peak;
    return peak * 0.5 * (1 + std::cos(M_PI * double(step - hold) / std::max(1, total - hold)));
}

struct Trainer {
    const DemoTrainOptions& o;
    ShapesWorld world;

    explicit Trainer(const DemoTrainOptions& options) : o(options), world(options.seed) {}

    void log(const std::string& s) const
    {
        if (o.log) o.log(s);
    }

    std::string trainTokenizer()
    {
        std::string corpus;
        for (int i = 0; i < 20000; ++i) {
            const Scene scene = world.randomScene(0.3);
            world.skipDraw(scene); // what render() draws, unseen: the same random stream, without the pictures' time
            corpus += world.captionEnglish(scene) + "\n";
            corpus += world.captionKorean(scene) + "\n";
        }
        const std::string corpusPath = o.outDir + "/captions.txt";
        io::writeFileAtomic(corpusPath, corpus);
        const std::string prefix = o.outDir + "/tokenizer";
        const std::string args = "--input=" + corpusPath + " --model_prefix=" + prefix +
                                 " --vocab_size=400 --hard_vocab_limit=false --model_type=unigram --character_coverage=1.0"
                                 " --pad_id=0 --bos_id=1 --eos_id=2 --unk_id=3 --minloglevel=2"
                                 " --num_threads=1";
        char err[512] = {};
        if (text::spmShim().train(args.c_str(), err, sizeof err) != 0) throw Error(std::string("Tokenizer training failed: ") + err);
        QFile::remove(QString::fromStdString(corpusPath));
        QFile::remove(QString::fromStdString(prefix + ".vocab"));
        return prefix + ".model";
    }

    /// Samples encoder outputs for initialising or restarting codes.
    at::Tensor sampleLatents(const vqgan::VqganNet& net, int64_t count, at::Generator& gen)
    {
        at::NoGradGuard g;
        std::vector<Sample> more;
        for (int i = 0; i < 32; ++i) more.push_back(world.next(0.3));
        const at::Tensor pre = net.encodePreQuant(toBatch(more) * 2 - 1);
        const at::Tensor flat = pre.permute({0, 2, 3, 1}).reshape({-1, pre.size(1)});
        return flat.index_select(0, at::randint(0, flat.size(0), {count}, gen, at::kLong)).clone();
    }

    std::unique_ptr<vqgan::VqganNet> trainVqgan()
    {
        const vqgan::VqganConfig config = demoVqganConfig();
        torchutil::TensorMap weights = vqgan::initVqganWeights(config, o.seed + 1);
        std::vector<at::Tensor> params;
        requireGrad(weights, params);
        auto net = std::make_unique<vqgan::VqganNet>(config, weights, "demo-vqgan");
        at::Tensor& book = net->weights().at("quantize.embedding.weight");
        torch::optim::Adam opt(params, torch::optim::AdamOptions(o.vqganLr));
        at::Generator gen = at::detail::createCPUGenerator(o.seed + 2);
        const at::ScalarType type = o.bf16 ? at::kBFloat16 : at::kFloat;
        // VQ-VAE with a straight-through estimator, the codebook initialised from encoder outputs
        // after a short autoencoder warm-up, and unused codes restarted on encoder outputs: without
        // both, this world of flat colours collapses onto a handful of codes.
        const int warmup = std::min(200, o.vqganSteps / 10);
        const int restartEvery = 50;
        at::Tensor used = at::zeros({config.nEmbed}, at::kLong);
        const auto start = Clock::now();
        double recentMse = 0;
        for (int step = 0; step < o.vqganSteps; ++step) {
            std::vector<Sample> samples;
            for (int i = 0; i < o.vqganBatch; ++i) samples.push_back(world.next(0.3));
            const at::Tensor x = toBatch(samples) * 2 - 1;
            if (step == warmup) {
                at::NoGradGuard g;
                book.copy_(sampleLatents(*net, config.nEmbed, gen));
                log("vqgan: codebook initialised from encoder outputs");
            }
            for (auto& group : opt.param_groups()) group.options().set_lr(holdThenDecay(step, o.vqganSteps, o.vqganDecay, o.vqganLr));
            const vqgan::VqganNet stepNet(config, castWeights(net->weights(), type), "demo-vqgan");
            const at::Tensor pre = stepNet.encodePreQuant(x.to(type)).to(at::kFloat);
            at::Tensor latent = pre, vqLoss = at::zeros({}, at::kFloat);
            if (step >= warmup) {
                const at::Tensor flat = pre.permute({0, 2, 3, 1}).reshape({-1, config.embedDim});
                at::Tensor idx;
                {
                    at::NoGradGuard g;
                    const at::Tensor d = flat.pow(2).sum(1, true) + book.pow(2).sum(1).unsqueeze(0) - 2 * at::matmul(flat, book.t());
                    idx = d.argmin(1);
                    used += at::bincount(idx, {}, config.nEmbed);
                }
                const at::Tensor q = at::embedding(book, idx);
                vqLoss = at::mse_loss(q, flat.detach()) + 0.25 * at::mse_loss(flat, q.detach());
                const at::Tensor st = flat + (q - flat).detach();
                latent = st.view({pre.size(0), pre.size(2), pre.size(3), config.embedDim}).permute({0, 3, 1, 2});
            }
            const at::Tensor rec = stepNet.decode(latent.to(type)).to(at::kFloat);
            const at::Tensor mse = at::mse_loss(rec, x);
            const at::Tensor loss = at::l1_loss(rec, x) + mse + vqLoss;
            opt.zero_grad();
            loss.backward();
            opt.step();
            recentMse += mse.item<double>() / 4; // pictures in [0,1]
            if (step >= warmup && (step + 1 - warmup) % restartEvery == 0) {
                at::NoGradGuard g;
                const at::Tensor dead = used.eq(0).nonzero().squeeze(1);
                if (dead.numel() > 0) book.index_copy_(0, dead, sampleLatents(*net, dead.numel(), gen));
                if ((step + 1) % 50 == 0)
                    log("vqgan: " + std::to_string(config.nEmbed - dead.numel()) + " codes in use, " + std::to_string(dead.numel()) + " restarted");
                used.zero_();
            }
            if ((step + 1) % 50 == 0) {
                const double secs = std::chrono::duration<double>(Clock::now() - start).count();
                log(std::string("vqgan step ") + std::to_string(step + 1) + "/" + std::to_string(o.vqganSteps) + " PSNR " +
                    std::to_string(10 * std::log10(1.0 / std::max(1e-10, recentMse / 50))) + " (" + std::to_string(int(secs)) + " s)");
                recentMse = 0;
            }
        }
        for (auto& [name, t] : net->weights()) t = t.detach().requires_grad_(false);
        return net;
    }

    /// Projected gradient ascent on `loss` from a random start inside a box around each picture (kept in [0,1]):
    /// the pictures this CLIP matches worst so near the rendered ones.
    at::Tensor adversarialPictures(const at::Tensor& pictures, const std::function<at::Tensor(const at::Tensor&)>& loss, at::Generator& gen) const
    {
        // Each picture's box is drawn up to the option's, so CLIP keeps seeing nearly clean pictures too.
        const at::Tensor eps = at::rand({pictures.size(0), 1, 1, 1}, gen) * o.clipAdversarial;
        const at::Tensor stepSize = eps * (2.5 / std::max(1, o.clipAdversarialSteps));
        at::Tensor delta = (at::rand(pictures.sizes(), gen) * 2 - 1) * eps;
        for (int k = 0; k < o.clipAdversarialSteps; ++k) {
            delta.requires_grad_(true);
            const at::Tensor grad = torch::autograd::grad({loss((pictures + delta).clamp(0, 1))}, {delta})[0];
            delta = at::clamp(delta.detach() + stepSize * grad.sign(), -eps, eps);
        }
        return (pictures + delta).clamp(0, 1).detach();
    }

    std::unique_ptr<clip::ClipNet> trainClip(const Tokenizer& tok, const vqgan::VqganNet& vq, const MiningOptions& mining)
    {
        const clip::ClipConfig config = demoClipConfig(tok.vocabSize());
        torchutil::TensorMap weights = clip::initClipWeights(config, o.seed + 3);
        if (!o.clipInit.empty()) {
            torchutil::TensorMap start = torchutil::loadTensors(ckpt::openCheckpoint(o.clipInit), at::kFloat);
            for (auto& [name, t] : weights) {
                const auto it = start.find(name);
                if (it == start.end() || !it->second.sizes().equals(t.sizes()))
                    throw Error("'" + o.clipInit + "' is not a demo CLIP of this architecture (tensor " + name + ")");
                t = it->second.to(t.scalar_type()).contiguous();
            }
            log("clip: starting from " + o.clipInit);
        }
        std::vector<at::Tensor> params;
        requireGrad(weights, params);
        auto net = std::make_unique<clip::ClipNet>(config, weights, "demo-clip");
        torch::optim::AdamW opt(params, torch::optim::AdamWOptions(o.clipLr).weight_decay(0.05));
        at::Generator gen = at::detail::createCPUGenerator(o.seed + 4);
        std::mt19937_64& rng = world.rng();

        // Negatives no caption describes: VQGAN decodes of random codes (collages of blobs), so the
        // generator cannot please CLIP with them.
        at::Tensor collages;
        {
            c10::InferenceMode g;
            std::vector<at::Tensor> parts;
            for (int i = 0; i < 16; ++i) {
                const int64_t grid = 64 / vq.config().factor();
                const at::Tensor idx = at::randint(0, vq.config().nEmbed, {32, grid, grid}, gen, at::kLong);
                parts.push_back(((vq.decode(vq.codesToLatent(idx)) + 1) / 2).clamp(0, 1));
            }
            collages = at::cat(parts, 0);
        }
        std::vector<MinedNegative> mined;
        const int rounds = std::max(1, o.clipMineRounds);
        MiningOptions round = mining;
        round.count = o.clipMine / rounds;
        if (o.clipMine > 0) mined = mineGenerationNegatives(world, round);
        const int pairs = o.clipBatch / 2;
        const auto start = Clock::now();
        double recent = 0;
        for (int step = 0; step < o.clipSteps; ++step) {
            if (o.clipMine > 0 && rounds > 1 && step > 0 && step % (o.clipSteps / rounds) == 0 && step / (o.clipSteps / rounds) < rounds) {
                // The CLIP as trained so far mines the next round (from a file: the miner loads a model as a user would).
                round.clipPath = o.outDir + "/clip-round.safetensors";
                torchutil::TensorMap now;
                for (const auto& [name, t] : net->weights()) now.emplace(name, t.detach().clone());
                torchutil::saveSafetensors(round.clipPath, now, clipMetadata());
                std::vector<MinedNegative> more = mineGenerationNegatives(world, round);
                std::move(more.begin(), more.end(), std::back_inserter(mined));
                QFile::remove(QString::fromStdString(round.clipPath));
                log("clip: mining round " + std::to_string(step / (o.clipSteps / rounds) + 1) + " done, " + std::to_string(mined.size()) + " mined");
            }
            std::vector<Sample> samples, shapeNegatives;
            std::vector<std::vector<int>> ids;
            std::vector<bool> namesShape; // captions that name the shape (the negatives in shapeNegatives do not match them)
            for (int k = 0; k < pairs; ++k) {
                // Hard negatives: the second scene differs from the first in one attribute,
                // mostly the shape, so the text tower must learn shape words too.
                const Scene a = world.randomScene(o.clipTwoShapes);
                Scene b = a;
                for (int attempt = 0; attempt < 20; ++attempt) {
                    b = a;
                    const double which = std::uniform_real_distribution<double>(0, 1)(rng);
                    ShapeSpec& s = b.shapes[0];
                    const double rest = 1 - o.clipShapePairs; // size, position, colour: 3/8, 3/8, 1/4 of the rest
                    if (which < o.clipShapePairs) s.shape = Shape((int(s.shape) + 1 + int(rng() % (kShapeCount - 1))) % kShapeCount);
                    else if (which < o.clipShapePairs + 0.375 * rest) s.large = !s.large;
                    else if (which < o.clipShapePairs + 0.75 * rest) {
                        do s.position = int(rng() % kPositionCount);
                        while (s.position == a.shapes[0].position || (b.shapes.size() > 1 && s.position == b.shapes[1].position));
                    } else {
                        do s.colour = int(rng() % kColourCount);
                        while (s.colour == a.shapes[0].colour || s.colour == b.background || (b.shapes.size() > 1 && s.colour == b.shapes[1].colour));
                    }
                    if (!isHeldOut(s.shape, s.colour, b.background)) break; // held-out combinations stay unseen
                }
                for (const Scene& sc : {a, b}) {
                    Sample smp = world.render(sc);
                    const bool korean = std::uniform_real_distribution<double>(0, 1)(rng) < 0.3;
                    const std::string& caption = korean ? smp.korean : smp.english;
                    namesShape.push_back(captionNamesShape(caption, sc.shapes[0].shape));
                    ids.push_back(tok.tokenize(caption, kDemoContext));
                    samples.push_back(std::move(smp));
                }
                if (std::uniform_real_distribution<double>(0, 1)(rng) < o.clipStructureNegatives) {
                    const Sample& from = samples[samples.size() - 1 - rng() % 2];
                    Sample neg;
                    neg.image = structureNegative(world, from, StructureNegative(int(rng() % kStructureNegativeKinds)));
                    shapeNegatives.push_back(std::move(neg));
                }
            }
            for (int k = 0; k < o.clipMinedPerBatch && !mined.empty(); ++k) {
                const MinedNegative& m = mined[rng() % mined.size()];
                ids.push_back(tok.tokenize(m.caption, kDemoContext));
                namesShape.push_back(true);
                samples.push_back(world.render(m.scene));
                Sample neg;
                neg.image = m.picture;
                shapeNegatives.push_back(std::move(neg));
            }
            // Padded to the batch's longest caption, not the context: under the causal mask a position never
            // sees later ones, so the pooled end token is the same (same loss to the printed digit) and the
            // text tower skips the padding (CLIP step 1.28 -> 1.24 s in fp32).
            std::size_t longest = 1;
            for (const auto& t : ids) longest = std::max(longest, t.size());
            std::vector<int64_t> padded(ids.size() * longest, 0);
            for (std::size_t i = 0; i < ids.size(); ++i) std::copy(ids[i].begin(), ids[i].end(), padded.begin() + std::ptrdiff_t(i * longest));
            const at::Tensor tokens = at::from_blob(padded.data(), {int64_t(ids.size()), int64_t(longest)}, at::kLong).clone();
            const at::Tensor negatives = collages.index_select(0, at::randint(0, collages.size(0), {o.clipBatch / 4}, gen, at::kLong));
            const int64_t n = int64_t(samples.size()), m = int64_t(shapeNegatives.size());
            at::Tensor images = m ? at::cat({toBatch(samples), toBatch(shapeNegatives), negatives}, 0) : at::cat({toBatch(samples), negatives}, 0);
            // The augmentations the generator's cutouts use, so CLIP's gradients mean something there.
            if (!o.clipAugments.empty()) images = gen::augmentBatch(images, o.clipAugments, gen, true);
            const at::ScalarType type = o.bf16 ? at::kBFloat16 : at::kFloat;
            const clip::ClipNet stepNet(config, castWeights(net->weights(), type), "demo-clip");
            const at::Tensor txt = stepNet.encodeText(tokens, TextPooling::FirstEndToken, tok.endId()).to(at::kFloat);
            const at::Tensor tn = txt / txt.norm(2, -1, true);
            at::Tensor& logitScale = net->weights().at("logit_scale");
            const at::Tensor scale = logitScale.clamp_max(std::log(100.0)).exp();
            const at::Tensor labels = at::arange(n, at::kLong);
            at::Tensor mask = at::zeros({n, images.size(0)});
            for (int64_t i = 0; m && i < n; ++i)
                if (!namesShape[std::size_t(i)]) mask[i].narrow(0, n, m).fill_(-1e4);
            auto contrastive = [&](const at::Tensor& pictures, const at::Tensor& texts, const at::Tensor& s) {
                const at::Tensor img = stepNet.encodeImage(gen::clipNormalize(pictures).to(type)).to(at::kFloat);
                const at::Tensor logits = s * at::matmul(texts, (img / img.norm(2, -1, true)).t()) + mask; // [texts, images incl. negatives]
                return (at::cross_entropy_loss(logits, labels) + at::cross_entropy_loss(logits.narrow(1, 0, n).t(), labels)) / 2;
            };
            if (o.clipAdversarial > 0) images = adversarialPictures(images, [&](const at::Tensor& p) { return contrastive(p, tn.detach(), scale.detach()); }, gen);
            images = images + at::rand({images.size(0), 1, 1, 1}, gen) * 0.1 * at::randn(images.sizes(), gen);
            const at::Tensor loss = contrastive(images, tn, scale);
            for (auto& group : opt.param_groups()) group.options().set_lr(oneCycle(step, o.clipSteps, o.clipLr));
            opt.zero_grad();
            loss.backward();
            opt.step();
            recent += loss.item<double>();
            if ((step + 1) % 25 == 0) {
                const double secs = std::chrono::duration<double>(Clock::now() - start).count();
                log("clip step " + std::to_string(step + 1) + "/" + std::to_string(o.clipSteps) + " loss " + std::to_string(recent / 25) +
                    " scale " + std::to_string(scale.item<double>()) + " (" + std::to_string(int(secs)) + " s)");
                recent = 0;
            }
        }
        for (auto& [name, t] : net->weights()) t = t.detach().requires_grad_(false);
        return net;
    }
};

} // namespace

void trainDemoModels(const DemoTrainOptions& o)
{
    if (o.outDir.empty()) throw Error("No output folder for the demo models");
    gen::validateAugments(o.clipAugments); // before an hour of VQGAN training, not after
    if (!(o.vqganDecay >= 0 && o.vqganDecay <= 1))
        throw Error("The VQGAN's decay share must be between 0 and 1 (it is " + std::to_string(o.vqganDecay) + ")");
    if (!(o.clipMineNoise >= 0 && o.clipMineNoise <= 1))
        throw Error("The share of mined runs from noise must be between 0 and 1 (it is " + std::to_string(o.clipMineNoise) + ")");
    if (o.clipMineRounds < 1 || o.clipMineRounds > std::max(1, o.clipSteps))
        throw Error("Mining rounds must be between 1 and the CLIP's steps (it is " + std::to_string(o.clipMineRounds) + ")");
    if (!(o.clipAdversarial >= 0 && o.clipAdversarial <= 1) || o.clipAdversarialSteps < 1 || o.clipAdversarialSteps > 20)
        throw Error("The adversarial box must be between 0 and 1 and its steps between 1 and 20 (they are " + std::to_string(o.clipAdversarial) +
                    " and " + std::to_string(o.clipAdversarialSteps) + ")");
    QDir().mkpath(QString::fromStdString(o.outDir));
    setComputeThreads(o.threads);
    at::manual_seed(o.seed);
    DemoTrainOptions options = o;
    options.bf16 = o.bf16 && runtimeInfo().bf16;
    Trainer t(options);
    const auto t0 = Clock::now();
    const std::string tokPath = t.trainTokenizer();
    const auto tok = loadSentencePieceTokenizer(tokPath);
    t.log("tokenizer: " + std::to_string(tok->vocabSize()) + " pieces");

    const std::string vqPath = o.outDir + "/vqgan.safetensors";
    std::unique_ptr<vqgan::VqganNet> vq;
    if (o.skipVqgan) {
        vq = std::make_unique<vqgan::VqganNet>(demoVqganConfig(), torchutil::loadTensors(ckpt::openCheckpoint(vqPath), at::kFloat), vqPath);
    } else {
        vq = t.trainVqgan();
        torchutil::saveSafetensors(vqPath, vq->weights(), {{"format", "pictor-demo"}, {"vqgan.norm_groups", std::to_string(demoVqganConfig().normGroups)}});
    }
    const double vqSeconds = o.skipVqgan ? o.reusedVqganSeconds : std::chrono::duration<double>(Clock::now() - t0).count();
    if (o.clipSteps <= 0) return; // a VQGAN experiment only
    const auto tClip = Clock::now();
    if (o.clipMine > 0 && o.clipInit.empty()) throw Error("Mining generator negatives needs a starting CLIP (--clip-init)");
    MiningOptions mining;
    mining.clipPath = o.clipInit;
    mining.tokenizerPath = tokPath;
    mining.vqganPath = vqPath;
    mining.count = o.clipMine;
    mining.threads = o.threads;
    mining.noiseShare = o.clipMineNoise;
    mining.log = o.log;
    const auto clipNet = t.trainClip(*tok, *vq, mining);
    // fp16 storage for the matrices; embeddings, norms and the scale stay fp32 (the OpenAI layout).
    torchutil::TensorMap stored = clipNet->weights();
    for (auto& [name, tensor] : stored)
        if (tensor.dim() >= 2 && name.find("embedding") == std::string::npos) tensor = tensor.to(at::kHalf);
    const std::string clipPath = o.outDir + "/clip.safetensors";
    torchutil::saveSafetensors(clipPath, stored, clipMetadata());
    const double totalSeconds = std::chrono::duration<double>(Clock::now() - t0).count();

    QString structureRecipe;
    if (o.clipStructureNegatives > 0)
        structureRecipe = QString("; %1% of the pairs with a structure negative (scattered copies, shuffled tiles or blobs in the caption's colours)")
                              .arg(100 * o.clipStructureNegatives);
    if (o.clipMine > 0)
    {
        structureRecipe += QString("; %1 generator negatives mined with the starting CLIP (%2-%3 steps, %4 cutouts), %5 per batch beside fresh renderings of their scenes")
                               .arg(o.clipMine).arg(mining.minSteps).arg(mining.maxSteps).arg(mining.cutn).arg(o.clipMinedPerBatch);
        if (o.clipMineNoise > 0)
            structureRecipe += QString(", %1% of the runs from pixel noise (%2-%3 steps)").arg(100 * o.clipMineNoise).arg(mining.noiseMinSteps).arg(mining.noiseMaxSteps);
        if (o.clipMineRounds > 1)
            structureRecipe += QString(", in %1 rounds, each later one mined with the CLIP as trained so far").arg(o.clipMineRounds);
    }
    if (o.clipAdversarial > 0)
        structureRecipe += QString("; trained on adversarial pictures (%1 signed-gradient steps within a box drawn per picture up to +-%2 per channel)").arg(o.clipAdversarialSteps).arg(o.clipAdversarial);
    const double stageSeconds = totalSeconds - std::chrono::duration<double>(tClip - t0).count();
    QJsonArray clipStages; // the training time of every CLIP stage, the first first
    if (!o.clipInit.empty()) { // a later stage: say what the earlier ones were and how long they took
        QFile previous(QFileInfo(QString::fromStdString(o.clipInit)).dir().filePath("manifest.json"));
        QJsonObject earlier;
        if (previous.open(QIODevice::ReadOnly)) earlier = QJsonDocument::fromJson(previous.readAll()).object();
        const QString first = earlier.isEmpty() ? QString::fromStdString(o.clipInit) : earlier["recipe"].toObject()["clip"].toString();
        structureRecipe += "; started from a CLIP trained as: " + first;
        const QJsonObject seconds = earlier["training_seconds"].toObject();
        clipStages = seconds["clip_stages"].toArray();
        if (clipStages.isEmpty() && seconds.contains("clip")) clipStages.append(seconds["clip"]);
    }
    clipStages.append(stageSeconds);
    double clipSeconds = 0;
    for (const QJsonValue& v : clipStages) clipSeconds += v.toDouble();
    QJsonObject manifest{
        {"name", "Pictor demo (shapes world)"},
        {"description", "CLIP and VQGAN trained by pictor-train-demo on generated pictures of coloured shapes, captioned in English and Korean"},
        {"seed", qint64(o.seed)},
        {"clip", QJsonObject{{"file", "clip.safetensors"}, {"sha256", QString::fromStdString(sha256File(clipPath))},
                             {"architecture", "OpenAI CLIP ViT: 64 px, patch 8, width 128, 4 layers; text width 128, 3 layers, context 48; embedding 128"},
                             {"tokenizer", "tokenizer.model"}}},
        {"vqgan", QJsonObject{{"file", "vqgan.safetensors"}, {"sha256", QString::fromStdString(sha256File(vqPath))},
                              {"architecture", "taming VQModel: ch 32, ch_mult [1,2,2], 1 res block, GroupNorm(8), attention at 16x16, f4, 256 codes x 32"}}},
        {"tokenizer", QJsonObject{{"file", "tokenizer.model"}, {"sha256", QString::fromStdString(sha256File(tokPath))},
                                  {"kind", "sentencepiece unigram, bos 1, eos 2, pad 0"}}},
        {"recipe", QJsonObject{{"vqgan", QString("%1 steps, batch %2, Adam %3%4, L1 + L2: straight-through VQ with codebook and commitment (0.25) losses, codebook initialised from encoder outputs after a short autoencoder warm-up, unused codes restarted on encoder outputs every 50 steps")
                                             .arg(o.vqganSteps).arg(o.vqganBatch).arg(o.vqganLr).arg(o.vqganDecay > 0 ? QString(", decaying to zero (cosine) over the last %1% of the steps").arg(100 * o.vqganDecay) : QString())},
                               {"clip", QString("%1 steps, batch %2 (pairs differing in one attribute, %5% of them in shape; %6% two-shape scenes) + %3 VQGAN random-code collages as negatives, one-cycle AdamW %4, %7noise augmentations; context 48")
                                            .arg(o.clipSteps).arg(o.clipBatch).arg(o.clipBatch / 4).arg(o.clipLr)
                                            .arg(100 * o.clipShapePairs).arg(100 * o.clipTwoShapes).arg(augmentsRecipe(o.clipAugments)) +
                                            structureRecipe}}},
        {"precision", o.bf16 ? "bf16 forward passes, fp32 master weights" : "fp32"},
        {"training_seconds", QJsonObject{{"tokenizer_and_vqgan", vqSeconds}, {"clip", clipSeconds}, {"clip_stages", clipStages},
                                         {"machine", QString::fromStdString(machineDescription())}}},
    };
    io::writeFileAtomic(o.outDir + "/manifest.json", QJsonDocument(manifest).toJson().toStdString());
    t.log("done in " + std::to_string(int(totalSeconds)) + " s");
}

} // namespace pictor::demo
