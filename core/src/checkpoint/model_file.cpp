#include <pictor/model_file.h>

#include "../clip/clip_config.h"
#include "../vqgan/vqgan_config.h"
#include "checkpoint.h"

#include <pictor/error.h>


namespace pictor {

ModelFileInfo inspectModelFile(const std::string& path)
{
    ckpt::Checkpoint c = ckpt::openCheckpoint(path);
    ModelFileInfo info;
    info.path = path;
    info.format = c.format;
    info.ignored = c.ignored;
    info.metadata = c.metadata;
    info.kind = "unknown";

    // Net2Net checkpoints nest the VQGAN under first_stage_model.; DataParallel under module.
    for (const char* prefix : {"", "first_stage_model.", "module.", "model."}) {
        ckpt::Checkpoint view = c;
        if (*prefix && !view.keepPrefix(prefix)) continue;
        if (clip::looksLikeClip(view.tensors)) {
            info.kind = "clip";
            const std::vector<std::string> unused = clip::dropNonParameters(view.tensors);
            if (!unused.empty()) info.ignored.push_back("unused by open_clip: " + std::to_string(unused.size()) + " tensors (" + unused.front() + ", ...)");
            info.architecture = clip::inferClipConfig(view.tensors, path).describe();
            c = std::move(view);
            break;
        }
        if (vqgan::looksLikeVqgan(view.tensors)) {
            info.kind = "vqgan";
            // Discriminator and perceptual-loss weights ride along in training checkpoints.
            ckpt::TensorList model;
            for (auto& t : view.tensors)
                if (t.first.compare(0, 5, "loss.") != 0) model.push_back(t);
            if (model.size() != view.tensors.size()) info.ignored.push_back("loss.* (" + std::to_string(view.tensors.size() - model.size()) + " tensors)");
            view.tensors = std::move(model);
            info.architecture = vqgan::inferVqganConfig(view.tensors, path).describe();
            if (*prefix) info.ignored.push_back(std::string("everything outside ") + prefix);
            c = std::move(view);
            break;
        }
    }
    for (const auto& [name, ref] : c.tensors) {
        info.parameters += ref.numel();
        info.dtypeElements[ckpt::dtypeName(ref.dtype)] += ref.numel();
    }
    info.tensorCount = int64_t(c.tensors.size());
    return info;
}

} // namespace pictor

#include <QCryptographicHash>
#include <QFile>

namespace pictor {

std::string sha256File(const std::string& path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly)) throw Error("Cannot read '" + path + "': " + file.errorString().toStdString());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file)) throw Error("Cannot read '" + path + "'");
    return hash.result().toHex().toStdString();
}

} // namespace pictor
