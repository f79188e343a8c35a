#pragma once
// Runs the generation engine on a worker thread for the widgets. The GUI thread never waits on the
// engine: commands go through the run's thread-safe controls, frames come back coalesced (only the
// newest frame is delivered, so a slow paint never slows the engine).
#include <pictor/generation.h>

#include <QImage>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

namespace pictor {
class ClipModel;
class VqganModel;
}

namespace pictor::ui {

struct FrameInfo {
    int step = 0;
    int totalSteps = 0;
    double loss = 0;
    double secondsPerStep = 0;
    double seconds = 0;
};

struct ModelChoice {
    QString clip;
    QString vqgan;
    QString tokenizer; ///< empty: next to the CLIP file
    QString label;     ///< shown in the status bar
    QStringList ensemble; ///< further CLIP files judging with `clip` (each finds its tokenizer beside it)
};

class GenerationController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Loading, Running, Paused, Stopping };
    Q_ENUM(State)

    explicit GenerationController(QObject* parent = nullptr);
    ~GenerationController() override;

    void setModels(const ModelChoice& models);
    /// Best-of-N for the next start(): try `candidates` seeds for `trialSteps` each (1: off).
    void setBestOf(int candidates, int trialSteps);
    const ModelChoice& models() const { return m_models; }
    State state() const { return m_state; }
    /// The newest picture (also after a run ended).
    QImage currentImage() const;
    /// The settings of the current or last run, with the seed actually used.
    GenerationSettings currentSettings() const;
    /// Model identities for saving (file names and SHA-256), filled once a run has loaded them.
    std::map<std::string, std::string> modelIdentity() const;

public Q_SLOTS:
    void start(const pictor::GenerationSettings& settings);
    /// Continues from the current picture (or a given image file) with new settings.
    void continueFrom(const pictor::GenerationSettings& settings);
    void pause();
    void resume();
    void stop();
    void steerPrompt(const QString& prompt);
    void steerLearningRate(double lr);
    void steerCutouts(int cutn);
    /// A style loss's weight ("symmetry", "palette", "saturation", "edges", "smoothness").
    void steerLossWeight(const QString& loss, double weight);
    void steerPalette(const QString& palette);

Q_SIGNALS:
    void stateChanged(pictor::ui::GenerationController::State state);
    void frameReady(const QImage& image, const pictor::ui::FrameInfo& info);
    void finished(const QImage& image, bool stopped, double clipSimilarity);
    void failed(const QString& message);
    /// A CLIP was loaded for a run: its architecture, and whether it reads Korean (and other languages).
    void clipLoaded(const QString& architecture, bool multilingual);
    /// While in Loading: what is being prepared ("CLIP", "VQGAN", "checksums", "start picture") and
    /// how far along the whole preparation is (0-100).
    void loadingProgress(const QString& stage, int percent);
    /// Best-of-N: candidate `index` (from 0) of `count` scored `score`.
    void bestOfCandidate(int index, int count, qint64 seed, double score);

private:
    void setState(State s);
    void deliverFrame();
    /// Worker thread: makes the frame the latest and queues one delivery (frames made meanwhile replace it).
    void publishFrame(QImage image, const FrameInfo& info);
    void launch(pictor::GenerationSettings settings, bool continuing);
    void join();

    ModelChoice m_models;
    int m_bestOf = 1;
    int m_bestOfSteps = 20;
    State m_state = State::Idle;
    std::thread m_worker;
    mutable std::mutex m_mutex;              // guards the fields below
    std::shared_ptr<GenerationRun> m_run;
    std::shared_ptr<ClipModel> m_clip;
    std::shared_ptr<VqganModel> m_vqgan;
    std::map<QString, std::shared_ptr<ClipModel>> m_ensemble; // loaded further judges by file
    QString m_loadedClip, m_loadedVqgan, m_loadedTokenizer;
    std::map<std::string, std::string> m_identity;
    QImage m_latest;
    FrameInfo m_latestInfo;
    GenerationSettings m_settings;
    std::atomic<bool> m_framePending{false};
    std::atomic<bool> m_cancelLoad{false};
    /// SHA-256 of model files by path, with the size and time they had (worker thread only):
    /// hashing 1.5 GB of weights took seconds at every Start.
    struct Checksum {
        qint64 size = -1;
        qint64 modified = 0;
        std::string sha256;
    };
    std::map<QString, Checksum> m_checksums;
    std::string checksumOf(const QString& path);
};

} // namespace pictor::ui

Q_DECLARE_METATYPE(pictor::ui::FrameInfo)
Q_DECLARE_METATYPE(pictor::GenerationSettings)
