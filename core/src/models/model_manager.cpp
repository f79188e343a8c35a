// The registry and the installed models: reading models/registry.json, where models live,
// import, verify, remove. Downloads are in model_download.cpp.
#include <pictor/demo_model.h>
#include <pictor/error.h>
#include <pictor/model_file.h>
#include <pictor/model_manager.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <locale>
#include <sstream>

namespace pictor {

namespace {

std::string safeFolderName(const std::string& name)
{
    std::string out;
    for (char c : name) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.') ? c : '_';
    return out;
}

std::string headOf(const std::string& path, std::size_t n = 512)
{
    std::ifstream in(path, std::ios::binary);
    std::string head(n, '\0');
    in.read(head.data(), std::streamsize(n));
    head.resize(std::size_t(std::max<std::streamsize>(0, in.gcount())));
    return head;
}

} // namespace

std::string byteSizeText(int64_t bytes, const std::string& unknown)
{
    if (bytes <= 0) return unknown;
    std::ostringstream text; // the C locale: "1.26", whatever the user's locale (QCoreApplication sets it)
    text.imbue(std::locale::classic());
    text << std::fixed;
    if (bytes >= (int64_t(1) << 30)) text << std::setprecision(2) << double(bytes) / double(int64_t(1) << 30) << " GiB";
    else text << std::setprecision(0) << double(bytes) / 1048576.0 << " MiB";
    return text.str();
}

std::string contentProblem(const std::string& fileName, const std::string& head)
{
    const QString name = QString::fromStdString(fileName).toLower();
    const QString start = QString::fromUtf8(QByteArray::fromStdString(head.substr(0, 256))).trimmed().toLower();
    if (start.startsWith("<!doctype html") || start.startsWith("<html") || start.contains("<head>"))
        return "the server sent a web page instead of the file (the link may be dead or need a log-in)";
    if (name.endsWith(".pt") || name.endsWith(".ckpt") || name.endsWith(".pth") || name.endsWith(".bin")) {
        const bool zip = head.size() >= 4 && head.compare(0, 4, "PK\x03\x04") == 0;
        const bool pickle = head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x80;
        if (!zip && !pickle) return "not a PyTorch checkpoint (no zip or pickle header)";
    } else if (name.endsWith(".gz")) {
        if (head.size() < 2 || static_cast<unsigned char>(head[0]) != 0x1f || static_cast<unsigned char>(head[1]) != 0x8b) return "not a gzip file";
    } else if (name.endsWith(".safetensors")) {
        if (head.size() < 9 || head[8] != '{') return "not a safetensors file";
    } else if (name.endsWith(".yaml")) {
        if (head.find('\0') != std::string::npos) return "not a text (yaml) file";
    }
    return {};
}

ModelManager::ModelManager(const std::string& registryPath, const std::string& modelsDir) : m_registryPath(registryPath), m_modelsDir(modelsDir)
{
    QFile f(QString::fromStdString(registryPath));
    if (!f.open(QIODevice::ReadOnly)) throw Error("Cannot read the model registry '" + registryPath + "'");
    if (f.size() > (8 << 20)) throw Error("Model registry '" + registryPath + "' is too large");
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        throw Error("Model registry '" + registryPath + "' is not valid JSON: " + err.errorString().toStdString());
    const QJsonObject root = doc.object();
    if (root["format"].toString() != "pictor-model-registry") throw Error("'" + registryPath + "' is not a Pictor model registry");
    for (const QJsonValue& v : root["models"].toArray()) {
        const QJsonObject o = v.toObject();
        RegistryModel m;
        m.name = o["name"].toString().toStdString();
        if (m.name.empty()) throw Error("Model registry '" + registryPath + "': a model has no name");
        m.kind = o["kind"].toString().toStdString();
        m.architecture = o["architecture"].toString().toStdString();
        m.licence = o["licence"].toString().toStdString();
        m.bundled = o["bundled"].toBool();
        m.recommended = o["recommended"].toBool();
        m.multilingual = o["multilingual"].toBool();
        m.tokenizer = o["tokenizer"].toString().toStdString();
        auto addFile = [&](const QJsonObject& fo) {
            RegistryFile rf;
            rf.file = fo["file"].toString().toStdString();
            rf.url = fo["url"].toString().toStdString();
            rf.sha256 = fo["sha256"].toString().toLower().toStdString();
            rf.size = fo.contains("size") ? fo["size"].toInteger(-1) : -1;
            if (rf.file.empty() || rf.file.find('/') != std::string::npos || rf.file == "..")
                throw Error("Model registry '" + registryPath + "': bad file name for " + m.name);
            if (rf.url.rfind("https://", 0) != 0 && rf.url.rfind("http://", 0) != 0)
                throw Error("Model registry '" + registryPath + "': " + m.name + " has no http(s) URL");
            m.files.push_back(rf);
            const double mib = fo["size_mib"].toDouble(0), mb = fo["size_mb"].toDouble(0);
            m.approximateBytes += rf.size > 0 ? rf.size : mib > 0 ? int64_t(mib * 1048576) : int64_t(mb * 1e6);
        };
        if (o.contains("file")) addFile(QJsonObject{{"file", o["file"]}, {"url", o["url"]}, {"sha256", o["sha256"]}, {"size", o["size"]},
                                                    {"size_mib", o["size_mib"]}, {"size_mb", o["size_mb"]}});
        for (const QJsonValue& fv : o["files"].toArray()) addFile(fv.toObject());
        m_models.push_back(std::move(m));
    }
}

std::string ModelManager::defaultRegistryPath()
{
    if (const char* env = std::getenv("PICTOR_REGISTRY"); env && *env) return env;
    const QString exeDir = QCoreApplication::applicationDirPath();
    for (const QString& p : {exeDir + "/../share/pictor/models/registry.json", QString(PICTOR_SOURCE_MODELS_DIR) + "/registry.json"})
        if (QFileInfo(p).isFile()) return QFileInfo(p).absoluteFilePath().toStdString();
    return (QString(PICTOR_SOURCE_MODELS_DIR) + "/registry.json").toStdString();
}

std::string ModelManager::defaultModelsDir()
{
    if (const char* env = std::getenv("PICTOR_MODELS_DIR")) return env;
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty()) base = QDir::homePath() + "/.local/share";
    return (base + "/pictor/models").toStdString();
}

const RegistryModel& ModelManager::find(const std::string& name) const
{
    std::string known;
    for (const RegistryModel& m : m_models) {
        if (m.name == name) return m;
        known += (known.empty() ? "" : ", ") + m.name;
    }
    throw Error("No model called '" + name + "' in the registry (known: " + known + ")");
}

std::string ModelManager::folderFor(const RegistryModel& model) const
{
    if (model.bundled) {
        if (const auto demo = findDemoModel()) return demo->folder;
    }
    return m_modelsDir + "/" + safeFolderName(model.name);
}

ModelState ModelManager::state(const RegistryModel& model) const
{
    ModelState s;
    s.folder = folderFor(model);
    if (model.bundled) {
        s.installed = findDemoModel().has_value();
        if (!s.installed) s.missing.push_back("clip.safetensors, vqgan.safetensors, tokenizer.model");
        return s;
    }
    for (const RegistryFile& f : model.files)
        if (!QFileInfo(QString::fromStdString(s.folder + "/" + f.file)).isFile()) s.missing.push_back(f.file);
    s.installed = s.missing.empty();
    return s;
}

std::string ModelManager::importFile(const std::string& path, bool link)
{
    const QFileInfo info(QString::fromStdString(path));
    if (!info.isFile()) throw Error("Cannot import '" + path + "': not a file");
    const std::string sha = sha256File(path);
    const RegistryModel* match = nullptr;
    const RegistryFile* matchFile = nullptr;
    for (const RegistryModel& m : m_models)
        for (const RegistryFile& f : m.files)
            if (!f.sha256.empty() && f.sha256 == sha) {
                match = &m;
                matchFile = &f;
            }
    if (!match) {
        // No published checksum to go by (the taming checkpoints): a file of the registry's name
        // whose content is the right kind, in a folder named after the model.
        const std::string name = info.fileName().toStdString(), parent = info.dir().dirName().toStdString();
        for (const RegistryModel& m : m_models)
            for (const RegistryFile& f : m.files)
                if (f.sha256.empty() && f.file == name && (parent == m.name || safeFolderName(m.name) == parent)) {
                    match = &m;
                    matchFile = &f;
                }
        if (!match)
            throw Error("'" + path + "' is not a file of any model in the registry (SHA-256 " + sha +
                        "); VQGAN files are recognised in a folder named after the model, e.g. vqgan_imagenet_f16_16384/last.ckpt");
        const std::string problem = contentProblem(matchFile->file, headOf(path));
        if (!problem.empty()) throw Error("Cannot import '" + path + "': " + problem);
        if (matchFile->size > 0 && info.size() != matchFile->size)
            throw Error("Cannot import '" + path + "': " + std::to_string(info.size()) + " bytes, expected " + std::to_string(matchFile->size));
    }
    const QString folder = QString::fromStdString(folderFor(*match));
    QDir().mkpath(folder);
    const QString dest = folder + "/" + QString::fromStdString(matchFile->file);
    const QString tmp = dest + ".importing";
    QFile::remove(tmp);
    const bool ok = link ? QFile::link(info.absoluteFilePath(), tmp) : QFile::copy(info.absoluteFilePath(), tmp);
    if (!ok) throw Error("Cannot import '" + path + "' into " + folder.toStdString());
    QFile::remove(dest);
    if (!QFile::rename(tmp, dest)) throw Error("Cannot import '" + path + "' into " + folder.toStdString());
    return match->name + "/" + matchFile->file;
}

std::vector<std::pair<std::string, std::string>> ModelManager::verify() const
{
    std::vector<std::pair<std::string, std::string>> out;
    for (const RegistryModel& m : m_models) {
        const ModelState s = state(m);
        if (m.bundled || (!s.installed && s.missing.size() == m.files.size())) continue; // not installed: nothing to check
        std::string problems;
        for (const std::string& f : s.missing) problems += (problems.empty() ? "" : "; ") + f + " is missing";
        for (const RegistryFile& f : m.files) {
            const std::string p = s.folder + "/" + f.file;
            if (!QFileInfo(QString::fromStdString(p)).isFile()) continue;
            if (f.size > 0 && QFileInfo(QString::fromStdString(p)).size() != f.size)
                problems += (problems.empty() ? "" : "; ") + f.file + " has the wrong size";
            else if (!f.sha256.empty() && sha256File(p) != f.sha256)
                problems += (problems.empty() ? "" : "; ") + f.file + " does not match its SHA-256";
            else if (const std::string c = contentProblem(f.file, headOf(p)); !c.empty())
                problems += (problems.empty() ? "" : "; ") + f.file + ": " + c;
        }
        out.emplace_back(m.name, problems.empty() ? "ok" : problems);
    }
    return out;
}

void ModelManager::remove(const RegistryModel& model)
{
    if (model.bundled) throw Error("The demo model is part of Pictor and cannot be removed");
    const QString folder = QString::fromStdString(folderFor(model));
    for (const RegistryFile& f : model.files) {
        QFile::remove(folder + "/" + QString::fromStdString(f.file));
        QFile::remove(folder + "/" + QString::fromStdString(f.file) + ".part");
    }
    QDir().rmdir(folder); // only when empty: never deletes files Pictor did not put there
}

std::string ModelManager::weightsFile(const RegistryModel& model) const
{
    std::string file;
    for (const RegistryFile& f : model.files)
        if (f.file.find(".yaml") == std::string::npos) file = folderFor(model) + "/" + f.file;
    return file;
}

std::vector<std::string> ModelManager::recommendedSet(bool multilingual) const
{
    const RegistryModel* clip = nullptr;
    const RegistryModel* vqgan = nullptr;
    for (const RegistryModel& m : m_models) {
        const bool fits = m.kind == "clip" && !m.bundled && (multilingual ? m.multilingual : m.recommended);
        // The first recommended CLIP; of the multilingual ones, the smallest download.
        if (fits && (!clip || (multilingual && m.approximateBytes < clip->approximateBytes))) clip = &m;
        if (m.kind == "vqgan" && m.recommended && !vqgan) vqgan = &m;
    }
    std::vector<std::string> names;
    if (clip) {
        names.push_back(clip->name);
        if (!clip->tokenizer.empty()) names.push_back(clip->tokenizer);
    }
    if (vqgan) names.push_back(vqgan->name);
    return names;
}

} // namespace pictor
