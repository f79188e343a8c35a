#pragma once
// The models Pictor knows (models/registry.json) and the ones installed: download with resume and
// SHA-256 verification, import of files the user already has, verify, remove. Nothing here runs
// unless the user asks; Pictor never touches the network at start-up.
#include <pictor/error.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace pictor {

struct RegistryFile {
    std::string file;   ///< name inside the model's folder
    std::string url;
    std::string sha256; ///< empty when none is published
    int64_t size = -1;  ///< exact bytes when known
};

struct RegistryModel {
    std::string name;
    std::string kind; ///< clip, vqgan, tokenizer, clip+vqgan
    std::string architecture;
    std::string licence;
    bool bundled = false;
    bool recommended = false;
    bool multilingual = false;    ///< its text tower reads Korean (and ~100 other languages), not English alone
    int64_t approximateBytes = 0; ///< for "this will download about ..." questions
    std::string tokenizer;        ///< registry name of the tokenizer it needs
    std::vector<RegistryFile> files;
};

struct ModelState {
    bool installed = false;
    std::vector<std::string> missing; ///< files not present
    std::string folder;
};

struct DownloadProgress {
    std::string file;
    int64_t received = 0; ///< bytes on disk for this file, resumed bytes included
    int64_t total = -1;
    double bytesPerSecond = 0;
    double etaSeconds = -1;
};

/// A download whose server could not be reached at all (its host not found, no network): the computer
/// seems to be offline. Says which host, and the file the registry expects, so that a copy fetched
/// elsewhere can be imported instead.
class OfflineError : public Error {
public:
    OfflineError(const std::string& message, std::string host, RegistryFile file)
        : Error(message), m_host(std::move(host)), m_file(std::move(file)) {}
    const std::string& host() const { return m_host; }
    const RegistryFile& file() const { return m_file; }

private:
    std::string m_host;
    RegistryFile m_file;
};

class ModelManager {
public:
    /// Throws pictor::Error naming the registry file when it cannot be read.
    ModelManager(const std::string& registryPath, const std::string& modelsDir);

    /// $PICTOR_REGISTRY, else models/registry.json in the source tree, or share/pictor/models/registry.json
    /// when installed.
    static std::string defaultRegistryPath();
    /// $PICTOR_MODELS_DIR, else ~/.local/share/pictor/models.
    static std::string defaultModelsDir();

    const std::vector<RegistryModel>& models() const { return m_models; }
    /// Throws pictor::Error listing the known names when there is no such model.
    const RegistryModel& find(const std::string& name) const;
    std::string folderFor(const RegistryModel& model) const;
    /// Where downloaded and imported models go.
    const std::string& modelsDir() const { return m_modelsDir; }
    ModelState state(const RegistryModel& model) const;
    /// Where the model's weights are once installed: the file that is not its model.yaml.
    std::string weightsFile(const RegistryModel& model) const;
    /// One click's worth for a new user: the recommended CLIP (or, multilingual, the smallest model
    /// that understands Korean), the tokenizer it needs and the recommended VQGAN, in download order.
    std::vector<std::string> recommendedSet(bool multilingual) const;

    /// Downloads every missing file of the model: resumes a partial download (HTTP Range), follows
    /// the system proxy, checks size, kind of content and SHA-256 before the file is renamed into
    /// place. Throws pictor::Error naming the URL and the problem; a cancelled or broken transfer
    /// keeps its partial file for the next attempt.
    void download(const RegistryModel& model, const std::function<void(const DownloadProgress&)>& progress = {},
                  const std::atomic<bool>* cancel = nullptr);

    /// Copies (or links) a file the user already has into the right model folder, recognised by its
    /// SHA-256 (or, without a published checksum, by file name and content). Returns "model/file".
    std::string importFile(const std::string& path, bool link = false);

    /// Checks every installed file against its size and checksum: (name, "ok" or the problem).
    std::vector<std::pair<std::string, std::string>> verify() const;

    void remove(const RegistryModel& model);

private:
    void downloadFile(const RegistryModel& model, const RegistryFile& file, const std::function<void(const DownloadProgress&)>& progress,
                      const std::atomic<bool>* cancel);

    std::string m_registryPath;
    std::string m_modelsDir;
    std::vector<RegistryModel> m_models;
};

/// "338 MiB", "1.26 GiB" — or `unknown` for a size that is not known (<= 0).
std::string byteSizeText(int64_t bytes, const std::string& unknown);

/// Checks that bytes at the start of a downloaded file fit what the file should be (a checkpoint is a
/// zip or a pickle, a yaml file is text, a .gz is gzip); returns the problem or an empty string.
std::string contentProblem(const std::string& fileName, const std::string& head);

} // namespace pictor
