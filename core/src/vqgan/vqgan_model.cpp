#include "vqgan_model_impl.h"

#include "../checkpoint/byte_source.h"
#include "../checkpoint/checkpoint.h"
#include "../image/image.h"
#include "../image/tensor_image.h"

#include <pictor/error.h>

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <cstdlib>

namespace pictor {

namespace {

std::string findYaml(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    const std::string dir = slash == std::string::npos ? "." : path.substr(0, slash);
    const std::string file = slash == std::string::npos ? path : path.substr(slash + 1);
    const auto dot = file.find_last_of('.');
    const std::string stem = dot == std::string::npos ? file : file.substr(0, dot);
    for (const std::string& candidate : {dir + "/" + stem + ".yaml", dir + "/model.yaml"})
        if (ckpt::isRegularFile(candidate)) return candidate;
    return {};
}

bool endsWith(const std::string& s, const std::string& suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

} // namespace

VqganModel::VqganModel(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
VqganModel::~VqganModel() = default;
const VqganInfo& VqganModel::info() const { return d->info; }

std::unique_ptr<VqganModel> VqganModel::load(const std::string& path, const std::string& yamlPath)
{
    ckpt::Checkpoint checkpoint = ckpt::openCheckpoint(path);
    // Net2Net transformers (coco, sflckr, faceshq) keep their VQGAN under first_stage_model.
    if (!ckpt::narrowToModel(checkpoint, vqgan::looksLikeVqgan, {"first_stage_model.", "module.", "model."}))
        throw Error("'" + path + "' is a " + checkpoint.format + " file but not a VQGAN (no encoder.conv_in / decoder.conv_out)");
    ckpt::TensorList model;
    for (auto& t : checkpoint.tensors)
        if (t.first.compare(0, 5, "loss.") != 0) model.push_back(std::move(t)); // LPIPS + discriminator
    checkpoint.tensors = std::move(model);

    vqgan::VqganConfig config = vqgan::inferVqganConfig(checkpoint.tensors, path);
    if (auto it = checkpoint.metadata.find("vqgan.norm_groups"); it != checkpoint.metadata.end()) {
        config.normGroups = std::atoi(it->second.c_str());
        if (config.normGroups <= 0 || config.ch % config.normGroups) throw Error("'" + path + "': vqgan.norm_groups does not divide the channels");
    }
    auto impl = std::make_unique<Impl>();
    impl->info.yamlPath = yamlPath.empty() ? findYaml(path) : yamlPath;
    if (!impl->info.yamlPath.empty()) {
        const vqgan::VqganConfig fromYaml = vqgan::readTamingYaml(impl->info.yamlPath);
        vqgan::checkConsistent(fromYaml, config, path);
        config.resolution = fromYaml.resolution;
        config.attnResolutions = fromYaml.attnResolutions;
    }
    impl->info.path = path;
    impl->info.format = checkpoint.format;
    impl->info.architecture = config.describe();
    impl->info.factor = config.factor();
    impl->info.codes = config.nEmbed;
    impl->info.embedDim = config.embedDim;
    impl->info.gumbel = config.gumbel;
    impl->net = std::make_unique<vqgan::VqganNet>(config, torchutil::loadTensors(checkpoint, at::kFloat), path);
    impl->info.parameters = impl->net->parameterCount();
    return std::unique_ptr<VqganModel>(new VqganModel(std::move(impl)));
}

void vqganDecodeFile(const VqganModel& model, const std::string& codesPath, const std::string& outPath)
{
    const ckpt::Checkpoint in = ckpt::openCheckpoint(codesPath);
    const ckpt::TensorRef* ref = in.find("indices");
    if (!ref) throw Error("'" + codesPath + "' has no tensor named 'indices'");
    if (ref->shape.size() != 3) throw Error("'" + codesPath + "': 'indices' must be [N,h,w]");
    torchutil::guarded("Cannot decode '" + codesPath + "'", [&] {
        c10::InferenceMode guard;
        const at::Tensor indices = torchutil::loadTensor(*ref, at::kFloat).to(at::kLong);
        const auto& net = *model.impl().net;
        const at::Tensor decoded = net.decode(net.codesToLatent(indices)).contiguous();
        if (endsWith(outPath, ".safetensors")) {
            torchutil::saveSafetensors(outPath, {{"decoded", decoded}});
        } else {
            image::saveImageAtomic(image::tensorToImage(decoded[0]), outPath);
        }
        return 0;
    });
}

void vqganEncodeFile(const VqganModel& model, const std::string& inputPath, const std::string& outPath)
{
    at::Tensor input;
    if (endsWith(inputPath, ".safetensors")) {
        const ckpt::Checkpoint in = ckpt::openCheckpoint(inputPath);
        const ckpt::TensorRef* ref = in.find("input");
        if (!ref) throw Error("'" + inputPath + "' has no tensor named 'input'");
        input = torchutil::loadTensor(*ref, at::kFloat);
    } else {
        const int f = model.info().factor;
        image::Image8 img = image::toRgb(image::loadImage(inputPath));
        const int w = img.width / f * f, h = img.height / f * f;
        if (w == 0 || h == 0) throw Error("'" + inputPath + "' is smaller than one VQGAN cell (" + std::to_string(f) + " px)");
        if (w != img.width || h != img.height) img = image::cropImage(img, 0, 0, w, h);
        input = image::imageToTensor(img).unsqueeze(0);
    }
    torchutil::guarded("Cannot encode '" + inputPath + "'", [&] {
        c10::InferenceMode guard;
        const auto& net = *model.impl().net;
        const at::Tensor pre = net.encodePreQuant(input).contiguous();
        torchutil::saveSafetensors(outPath, {{"encoded_pre_quant", pre}, {"encoded_indices", net.codeIndices(pre)}});
        return 0;
    });
}

} // namespace pictor
