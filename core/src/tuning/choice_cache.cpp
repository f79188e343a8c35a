#include "choice_cache.h"

#include "../io/atomic_file.h"
#include "../runtime/cpu_facts.h"

#include <torch/version.h>

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <ATen/Parallel.h>

#include <cstdlib>
#include <mutex>

namespace pictor::tuning {

namespace {

constexpr int kFormat = 1;

std::mutex& cacheMutex()
{
    static std::mutex m;
    return m;
}

std::string env(const char* name)
{
    const char* v = std::getenv(name);
    return v ? v : "";
}

/// The CPU's model name and a digest of its flags (a microcode or kernel that hides AVX-512 changes them).
std::string cpuIdentity()
{
    const CpuFacts cpu = readCpu();
    const QByteArray digest = QCryptographicHash::hash(QByteArray::fromStdString(cpu.flags), QCryptographicHash::Sha256).toHex().left(12);
    return (cpu.model.empty() ? std::string("unknown CPU") : cpu.model) + " flags " + digest.toStdString();
}

/// The file's entries when it was written on this machine in this format; empty otherwise.
QJsonObject readEntries(const std::string& path, const std::string& key)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly) || file.size() > (4 << 20)) return {};
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) return {};
    const QJsonObject root = doc.object();
    if (root.value("format").toInt() != kFormat || root.value("machine").toString().toStdString() != key) return {};
    return root.value("choices").toObject();
}

std::optional<Measured> fromJson(const QJsonValue& value)
{
    const QJsonObject o = value.toObject();
    Measured m;
    m.chosen = o.value("chosen").toString().toStdString();
    bool chosenListed = false;
    for (const QJsonValue& t : o.value("millis").toArray()) {
        const QJsonArray pair = t.toArray();
        if (pair.size() != 2 || !pair[0].isString() || !pair[1].isDouble()) return std::nullopt;
        m.millis.emplace_back(pair[0].toString().toStdString(), pair[1].toDouble());
        chosenListed = chosenListed || m.millis.back().first == m.chosen;
    }
    if (!chosenListed) return std::nullopt; // a damaged entry: measure again
    return m;
}

QJsonObject toJson(const Measured& m)
{
    QJsonArray millis;
    for (const auto& [name, ms] : m.millis) millis.append(QJsonArray{QString::fromStdString(name), ms});
    return QJsonObject{{"chosen", QString::fromStdString(m.chosen)}, {"millis", millis}};
}

} // namespace

std::string choiceCachePath()
{
    std::string dir = env("PICTOR_CACHE_DIR");
    if (dir.empty()) {
        const std::string xdg = env("XDG_CACHE_HOME");
        dir = !xdg.empty() ? xdg + "/pictor" : env("HOME") + "/.cache/pictor";
    }
    return dir + "/kernel-choices.json";
}

std::string machineKey()
{
    std::string key = cpuIdentity() + " | LibTorch " + std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
                      std::to_string(TORCH_VERSION_PATCH) + " | " + std::to_string(at::get_num_threads()) + " threads";
    // Limits that make the same CPU run other kernels (how an AVX2 machine is imitated on a newer one).
    for (const char* name : {"ATEN_CPU_CAPABILITY", "ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA", "OPENBLAS_CORETYPE"})
        if (!env(name).empty()) key += std::string(" | ") + name + "=" + env(name);
    return key;
}

std::optional<Measured> lookupChoice(const std::string& key)
{
    std::lock_guard lock(cacheMutex());
    const QJsonObject entries = readEntries(choiceCachePath(), machineKey());
    if (!entries.contains(QString::fromStdString(key))) return std::nullopt;
    return fromJson(entries.value(QString::fromStdString(key)));
}

void storeChoice(const std::string& key, const Measured& measured)
{
    std::lock_guard lock(cacheMutex());
    const std::string path = choiceCachePath();
    const std::string machine = machineKey();
    QJsonObject entries = readEntries(path, machine);
    entries.insert(QString::fromStdString(key), toJson(measured));
    const QJsonObject root{{"format", kFormat}, {"machine", QString::fromStdString(machine)}, {"choices", entries}};
    try {
        QDir().mkpath(QFileInfo(QString::fromStdString(path)).absolutePath());
        io::writeFileAtomic(path, QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString());
    } catch (const std::exception&) {
        // A read-only or full cache folder: the choice still holds for this process.
    }
}

std::map<std::string, Measured> allChoices()
{
    std::lock_guard lock(cacheMutex());
    std::map<std::string, Measured> out;
    const QJsonObject entries = readEntries(choiceCachePath(), machineKey());
    for (auto it = entries.begin(); it != entries.end(); ++it)
        if (auto m = fromJson(it.value())) out.emplace(it.key().toStdString(), *m);
    return out;
}

} // namespace pictor::tuning
