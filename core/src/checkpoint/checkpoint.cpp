#include "checkpoint.h"

#include "byte_source.h"
#include "safetensors.h"
#include "unpickler.h"
#include "zip_archive.h"

#include <pictor/error.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace pictor::ckpt {

namespace {

constexpr uint64_t kMaxPickleBytes = 64u << 20; // real ones are well under 1 MiB: the tensors live beside them
constexpr int kMaxDepth = 64;
constexpr std::size_t kMaxVisits = 2'000'000;

struct Flattener {
    const std::string& what;
    TensorList& out;
    std::size_t visits = 0;
    std::unordered_set<const PyValue*> onPath;

    void walk(const PyValue* v, const std::string& prefix, int depth)
    {
        if (++visits > kMaxVisits) throw Error("'" + what + "' is not a loadable checkpoint: its object graph is too large");
        if (depth > kMaxDepth) throw Error("'" + what + "' is not a loadable checkpoint: objects nest deeper than " + std::to_string(kMaxDepth));
        if (v->kind == PyValue::Kind::Tensor) {
            if (!prefix.empty()) out.emplace_back(prefix, v->tensor);
            return;
        }
        if (!onPath.insert(v).second) return; // a cycle: nothing new below
        const PyValue* dict = v->kind == PyValue::Kind::Object ? v->state : v;
        if (dict && dict->kind == PyValue::Kind::Dict) {
            for (const auto& [k, child] : dict->entries) {
                if (k->kind != PyValue::Kind::Str) continue;
                walk(child, prefix.empty() ? k->text : prefix + "." + k->text, depth + 1);
            }
        }
        onPath.erase(v);
    }
};

Checkpoint fromSafetensors(std::shared_ptr<const ByteSource> source)
{
    SafetensorsFile file = readSafetensors(source);
    Checkpoint c;
    c.format = "safetensors";
    c.tensors = std::move(file.tensors);
    c.metadata = std::move(file.metadata);
    return c;
}

Checkpoint fromZip(std::shared_ptr<const ByteSource> source)
{
    const std::string& what = source->name();
    ZipArchive zip(source);
    // The pickle sits at "<archive name>/data.pkl"; the archive name is whatever the writer chose.
    const ZipEntry* pkl = nullptr;
    for (const ZipEntry& e : zip.entries()) {
        const auto slash = e.name.find('/');
        if (slash != std::string::npos && e.name.compare(slash, std::string::npos, "/data.pkl") == 0) {
            pkl = &e;
            break;
        }
    }
    if (!pkl) throw Error("'" + what + "' is a zip file but not a PyTorch checkpoint (no data.pkl inside)");
    const std::string prefix = pkl->name.substr(0, pkl->name.size() - std::string("data.pkl").size());
    if (const ZipEntry* order = zip.find(prefix + "byteorder")) {
        if (zip.read(*order, 64) != "little") throw Error("'" + what + "' was saved on a big-endian machine, which Pictor does not read");
    }
    bool torchscript = false;
    std::unordered_map<std::string, const ZipEntry*> storages;
    for (const ZipEntry& e : zip.entries()) {
        if (e.name.compare(0, prefix.size(), prefix) != 0) continue;
        const std::string rest = e.name.substr(prefix.size());
        if (rest.compare(0, 5, "data/") == 0) storages.emplace(rest.substr(5), &e);
        if (rest.compare(0, 5, "code/") == 0 || rest == "constants.pkl") torchscript = true;
    }

    const std::string data = zip.read(*pkl, kMaxPickleBytes);
    PyArena arena;
    auto resolver = [&](const std::string& key, DType dtype, uint64_t elements, TensorRef& out) {
        auto it = storages.find(key);
        if (it == storages.end()) throw Error("'" + what + "' is corrupt: tensor storage '" + key + "' is missing");
        const ZipEntry& e = *it->second;
        if (e.method != 0) throw Error("'" + what + "': tensor storage '" + key + "' is compressed; PyTorch never writes that — re-save the file");
        const uint64_t elem = uint64_t(dtypeSize(dtype));
        if (elements > e.size / elem)
            throw Error("'" + what + "' is corrupt: storage '" + key + "' claims " + std::to_string(elements) + " elements but holds " +
                        std::to_string(e.size) + " bytes");
        out.storageByteOffset = e.dataOffset;
        out.storageBytes = elements * elem;
        out.source = zip.source();
    };
    const PyValue* root = unpickle(data, what, arena, resolver);

    Checkpoint c;
    if (root->kind == PyValue::Kind::Object && root->cls && root->cls->text.compare(0, 10, "__torch__.") == 0) torchscript = true;
    const PyValue* weights = root;
    if (torchscript) {
        c.format = "torchscript";
    } else if (root->kind == PyValue::Kind::Dict) {
        const PyValue* sd = root->get("state_dict");
        if (sd && sd->kind == PyValue::Kind::Dict) {
            c.format = "lightning";
            weights = sd;
            for (const auto& [k, v] : root->entries)
                if (k->kind == PyValue::Kind::Str && k->text != "state_dict") c.ignored.push_back(k->text);
        } else {
            c.format = "torch-zip";
            for (const char* key : {"model", "module", "model_state_dict"}) {
                const PyValue* inner = root->get(key);
                if (inner && inner->kind == PyValue::Kind::Dict) {
                    weights = inner;
                    break;
                }
            }
        }
    } else {
        throw Error("'" + what + "' holds a pickled " + (root->kind == PyValue::Kind::Object ? root->cls->text : std::string("value")) +
                    ", not a state dict or TorchScript module");
    }
    Flattener flat{what, c.tensors, 0, {}};
    flat.walk(weights, "", 0);
    return c;
}

} // namespace

const TensorRef* Checkpoint::find(const std::string& name) const
{
    auto it = std::lower_bound(tensors.begin(), tensors.end(), name, [](const auto& a, const std::string& n) { return a.first < n; });
    return it != tensors.end() && it->first == name ? &it->second : nullptr;
}

std::size_t Checkpoint::keepPrefix(const std::string& prefix)
{
    TensorList kept;
    for (auto& [name, ref] : tensors)
        if (name.compare(0, prefix.size(), prefix) == 0) kept.emplace_back(name.substr(prefix.size()), ref);
    if (!kept.empty()) tensors.swap(kept);
    std::sort(tensors.begin(), tensors.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return kept.empty() ? 0 : tensors.size();
}

Checkpoint openCheckpoint(std::shared_ptr<const ByteSource> source)
{
    const std::string& what = source->name();
    Checkpoint c;
    if (ZipArchive::looksLikeZip(*source)) {
        c = fromZip(source);
    } else if (looksLikeSafetensors(*source)) {
        c = fromSafetensors(source);
    } else {
        std::string head = source->readString(0, std::min<uint64_t>(source->size(), 16));
        if (source->size() == 0) throw Error("'" + what + "' is empty");
        if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x80 && static_cast<unsigned char>(head[1]) <= 5)
            throw Error("'" + what + "' is a legacy (PyTorch < 1.6) pickle checkpoint, which Pictor does not read; "
                        "re-save it with torch.save in PyTorch 1.6 or later, or convert it to safetensors");
        const auto first = head.find_first_not_of(" \t\r\n");
        if (first != std::string::npos && head[first] == '<')
            throw Error("'" + what + "' is a web page (HTML), not a model file: the download probably failed");
        throw Error("'" + what + "' is not a model file Pictor recognises (expected a PyTorch .pt/.pth/.ckpt zip archive, "
                    "an OpenAI CLIP TorchScript .pt, or .safetensors)");
    }
    c.path = what;
    std::sort(c.tensors.begin(), c.tensors.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    if (c.tensors.empty()) throw Error("'" + what + "' contains no tensors");
    return c;
}

bool narrowToModel(Checkpoint& checkpoint, const std::function<bool(const TensorList&)>& looksRight,
                   std::initializer_list<const char*> prefixes)
{
    if (looksRight(checkpoint.tensors)) return true;
    for (const char* prefix : prefixes) {
        Checkpoint copy = checkpoint;
        if (copy.keepPrefix(prefix) && looksRight(copy.tensors)) {
            checkpoint = std::move(copy);
            return true;
        }
    }
    return false;
}

Checkpoint openCheckpoint(const std::string& path)
{
    return openCheckpoint(openFileSource(path));
}

} // namespace pictor::ckpt
