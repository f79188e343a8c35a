#include "clip_model_impl.h"

#include "../checkpoint/byte_source.h"
#include "../checkpoint/checkpoint.h"
#include "../device/torch_device.h"
#include "../image/image.h"

#include <pictor/device.h>
#include <pictor/error.h>
#include <pictor/runtime.h>

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <cmath>
#include <cstdlib>

namespace pictor {

namespace {

constexpr int kImageBatch = 16;

std::string directoryOf(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? "." : path.substr(0, slash);
}

std::vector<Embedding> toEmbeddings(at::Tensor t, bool normalize)
{
    t = t.to(at::kFloat).to(at::kCPU);
    if (normalize) t = t / t.norm(2, -1, true).clamp_min(1e-12);
    t = t.contiguous();
    std::vector<Embedding> out(std::size_t(t.size(0)));
    const float* p = t.data_ptr<float>();
    const int64_t d = t.size(1);
    for (std::size_t i = 0; i < out.size(); ++i) out[i].assign(p + int64_t(i) * d, p + int64_t(i + 1) * d);
    return out;
}

} // namespace

ClipModel::ClipModel(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
ClipModel::~ClipModel() = default;

std::unique_ptr<ClipModel> ClipModel::load(const std::string& path, const ClipLoadOptions& options)
{
    const DeviceDecision device = chooseDevice(options.device); // a device that cannot be had is refused before reading the file
    ckpt::Checkpoint checkpoint = ckpt::openCheckpoint(path);
    // open_clip and DataParallel save under "module."; some tools nest under "model.".
    if (!ckpt::narrowToModel(checkpoint, clip::looksLikeClip, {"module.", "model.", "state_dict."}))
        throw Error("'" + path + "' is a " + checkpoint.format + " file but not a CLIP model (no text_projection / visual.conv1.weight)");
    clip::dropNonParameters(checkpoint.tensors);
    clip::ClipConfig config = clip::inferClipConfig(checkpoint.tensors, path);
    const bool xlmr = config.textTower == clip::TextTower::XlmRoberta;
    if (!xlmr) config.quickGelu = options.quickGelu; // the multilingual layout always means open_clip's GELU
    auto metaInt = [&](const char* key) {
        auto it = checkpoint.metadata.find(key);
        return it == checkpoint.metadata.end() ? 0 : std::atoi(it->second.c_str());
    };
    if (int h = options.textHeads ? options.textHeads : metaInt("clip.text_heads")) config.textHeads = h;
    if (int h = options.visionHeads ? options.visionHeads : metaInt("clip.vision_heads")) config.visionHeads = h;
    if (config.textWidth % config.textHeads || config.visionHeads <= 0 ||
        (config.vit ? config.visionWidth : config.visionWidth * 32) % config.visionHeads)
        throw Error("'" + path + "': the attention heads do not divide the model width");

    auto impl = std::make_unique<Impl>();
    impl->info.path = path;
    impl->info.format = checkpoint.format;
    impl->info.architecture = config.describe();
    impl->info.vit = config.vit;
    impl->info.embedDim = config.embedDim;
    impl->info.imageResolution = config.imageResolution;
    impl->info.contextLength = config.contextLength;
    impl->info.multilingual = xlmr;
    impl->padId = xlmr ? config.textPadId : 0;
    impl->device = device.id;
    impl->deviceWhy = device.why;
    torchutil::TensorMap weights = torchutil::loadTensors(checkpoint, at::kFloat);
    impl->net = std::make_unique<clip::ClipNet>(config, std::move(weights), path);
    impl->torchDevice = device::torchDevice(device.id);
    if (!impl->torchDevice.is_cpu()) torchutil::guarded("Cannot move '" + path + "' to " + device.id, [&] { impl->net->moveTo(impl->torchDevice); return 0; });
    impl->info.parameters = impl->net->parameterCount();

    std::string tokenizerPath = options.tokenizerPath;
    if (tokenizerPath.empty()) {
        const std::string dir = directoryOf(path);
        const std::vector<const char*> names = xlmr ? std::vector<const char*>{"sentencepiece.bpe.model"}
                                                     : std::vector<const char*>{"bpe_simple_vocab_16e6.txt.gz", "tokenizer.model"};
        // Next to the model, or where the model manager puts the tokenizer it downloads
        // (<models>/clip-vocab/, <models>/xlmr-tokenizer/ beside <models>/<model>/).
        const std::string registryFolder = xlmr ? "/../xlmr-tokenizer/" : "/../clip-vocab/";
        for (const std::string& folder : {std::string("/"), registryFolder})
            for (const char* name : names)
                if (tokenizerPath.empty() && ckpt::isRegularFile(dir + folder + name)) tokenizerPath = dir + folder + name;
    }
    if (!tokenizerPath.empty()) {
        impl->tokenizer = openTokenizerFile(tokenizerPath, xlmr);
        if (impl->tokenizer->vocabSize() > config.vocabSize)
            throw Error("Tokenizer '" + tokenizerPath + "' has " + std::to_string(impl->tokenizer->vocabSize()) +
                        " tokens but the model '" + path + "' only " + std::to_string(config.vocabSize) + ": they do not belong together");
        if (!xlmr && impl->tokenizer->pooling() == TextPooling::MeanNonPad)
            throw Error("Tokenizer '" + tokenizerPath + "' is XLM-RoBERTa's, but '" + path +
                        "' has OpenAI CLIP's text tower: they do not belong together");
        impl->info.tokenizer = impl->tokenizer->name() + " (" + tokenizerPath + ")";
    }
    return std::unique_ptr<ClipModel>(new ClipModel(std::move(impl)));
}

const ClipInfo& ClipModel::info() const { return d->info; }
const std::string& ClipModel::device() const { return d->device; }
const std::string& ClipModel::deviceWhy() const { return d->deviceWhy; }
bool ClipModel::hasTokenizer() const { return d->tokenizer != nullptr; }

const Tokenizer& ClipModel::tokenizer() const
{
    if (!d->tokenizer && d->info.multilingual)
        throw Error("No tokenizer for '" + d->info.path + "': pass --vocab with XLM-RoBERTa's sentencepiece.bpe.model (pictor-cli models "
                    "download xlmr-tokenizer) or put it next to the model file");
    if (!d->tokenizer)
        throw Error("No tokenizer for '" + d->info.path + "': pass --vocab with bpe_simple_vocab_16e6.txt.gz (it comes with the OpenAI "
                    "CLIP weights) or put it next to the model file");
    return *d->tokenizer;
}

at::Tensor ClipModel::Impl::tokensFromIds(const std::vector<std::vector<int>>& ids) const
{
    std::size_t longest = 1;
    for (const auto& row : ids) longest = std::max(longest, row.size());
    longest = std::min<std::size_t>(longest, std::size_t(info.contextLength));
    at::Tensor tokens = at::full({int64_t(ids.size()), int64_t(longest)}, padId, at::kLong);
    auto acc = tokens.accessor<int64_t, 2>();
    for (std::size_t i = 0; i < ids.size(); ++i)
        for (std::size_t j = 0; j < ids[i].size() && j < longest; ++j) acc[int64_t(i)][int64_t(j)] = ids[i][j];
    return tokens;
}

at::Tensor ClipModel::Impl::tokenize(const std::vector<std::string>& texts) const
{
    std::vector<std::vector<int>> ids;
    for (const std::string& t : texts) ids.push_back(tokenizer->tokenize(t, info.contextLength));
    return tokensFromIds(ids);
}

std::vector<Embedding> ClipModel::embedTexts(const std::vector<std::string>& texts, bool normalize) const
{
    const Tokenizer& tok = tokenizer();
    std::vector<std::vector<int>> ids;
    for (const std::string& t : texts) ids.push_back(tok.tokenize(t, d->info.contextLength));
    return embedTokenIds(ids, normalize);
}

std::vector<Embedding> ClipModel::embedTokenIds(const std::vector<std::vector<int>>& ids, bool normalize) const
{
    if (ids.empty()) return {};
    return torchutil::guarded("Cannot encode text with '" + d->info.path + "'", [&] {
        c10::InferenceMode guard;
        const TextPooling pooling = d->tokenizer ? d->tokenizer->pooling() : TextPooling::ArgmaxId;
        const int endId = d->tokenizer ? d->tokenizer->endId() : 0;
        return toEmbeddings(d->net->encodeText(d->tokensFromIds(ids).to(d->torchDevice), pooling, endId), normalize);
    });
}

std::vector<Embedding> ClipModel::embedPreprocessed(const std::vector<float>& pixels, int count, bool normalize) const
{
    const int r = d->info.imageResolution;
    if (count <= 0) return {};
    if (pixels.size() != std::size_t(count) * 3 * std::size_t(r) * std::size_t(r))
        throw Error("embedPreprocessed: pixel buffer does not hold " + std::to_string(count) + " images of " + std::to_string(r) + " px");
    return torchutil::guarded("Cannot encode images with '" + d->info.path + "'", [&] {
        c10::InferenceMode guard;
        const at::Tensor batch = at::from_blob(const_cast<float*>(pixels.data()), {count, 3, r, r}, at::kFloat).to(d->torchDevice);
        if (d->bf16Visual) return toEmbeddings(d->bf16Visual->encodeImage(batch.to(d->reducedType)).to(at::kFloat), normalize);
        return toEmbeddings(d->net->encodeImage(batch), normalize);
    });
}

bool ClipModel::useBf16Images(bool on)
{
    // On a GPU the reduced precision is fp16, as openai/CLIP's clip.load gives there; on the CPU, bf16 where it has it.
    const bool gpu = !d->torchDevice.is_cpu();
    if (!on || (!gpu && !runtimeInfo().bf16)) {
        d->bf16Visual.reset();
        return false;
    }
    if (d->bf16Visual) return true;
    d->reducedType = gpu ? at::kHalf : at::kBFloat16;
    d->bf16Visual = d->net->imageTowerCopy(d->reducedType);
    return true;
}

std::vector<Embedding> ClipModel::embedImageFiles(const std::vector<std::string>& paths, bool normalize) const
{
    std::vector<Embedding> out;
    const int r = d->info.imageResolution;
    for (std::size_t start = 0; start < paths.size(); start += kImageBatch) {
        const std::size_t end = std::min(paths.size(), start + kImageBatch);
        std::vector<float> pixels;
        for (std::size_t i = start; i < end; ++i) {
            const std::vector<float> one = image::clipPreprocess(image::loadImage(paths[i]), r);
            pixels.insert(pixels.end(), one.begin(), one.end());
        }
        for (Embedding& e : embedPreprocessed(pixels, int(end - start), normalize)) out.push_back(std::move(e));
    }
    return out;
}

double ClipModel::logitScale() const { return d->net->logitScale(); }

std::vector<std::vector<double>> zeroShotProbabilities(const std::vector<Embedding>& images, const std::vector<Embedding>& labels,
                                                       double scale)
{
    std::vector<std::vector<double>> out;
    for (const Embedding& img : images) {
        std::vector<double> logits;
        double imgNorm = 0;
        for (float v : img) imgNorm += double(v) * v;
        imgNorm = std::sqrt(std::max(imgNorm, 1e-24));
        for (const Embedding& lab : labels) {
            double dot = 0, labNorm = 0;
            for (std::size_t k = 0; k < img.size() && k < lab.size(); ++k) {
                dot += double(img[k]) * lab[k];
                labNorm += double(lab[k]) * lab[k];
            }
            logits.push_back(scale * dot / (imgNorm * std::sqrt(std::max(labNorm, 1e-24))));
        }
        double top = -1e300;
        for (double l : logits) top = std::max(top, l);
        double sum = 0;
        for (double& l : logits) sum += (l = std::exp(l - top));
        for (double& l : logits) l /= sum;
        out.push_back(std::move(logits));
    }
    return out;
}

} // namespace pictor
