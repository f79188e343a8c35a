#include "generation_controller.h"

#include <pictor/runtime.h>

#include <pictor/clip_model.h>
#include <pictor/error.h>
#include <pictor/model_file.h>
#include <pictor/vqgan_model.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMetaObject>

namespace pictor::ui {

namespace {

QImage toQImage(const RgbImage& img)
{
    if (img.empty()) return {};
    QImage out(img.width, img.height, QImage::Format_RGB888);
    for (int y = 0; y < img.height; ++y) std::memcpy(out.scanLine(y), img.pixels.data() + std::size_t(y) * std::size_t(img.width) * 3, std::size_t(img.width) * 3);
    return out;
}

} // namespace

GenerationController::GenerationController(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<FrameInfo>();
    qRegisterMetaType<GenerationSettings>();
    qRegisterMetaType<State>();
}

GenerationController::~GenerationController()
{
    m_cancelLoad = true;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        if (m_run) m_run->stop();
    }
    join();
}

void GenerationController::join()
{
    if (m_worker.joinable()) m_worker.join();
}

void GenerationController::setModels(const ModelChoice& models) { m_models = models; }

QImage GenerationController::currentImage() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_latest;
}

GenerationSettings GenerationController::currentSettings() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_settings;
}

std::map<std::string, std::string> GenerationController::modelIdentity() const
{
    std::lock_guard<std::mutex> lock(m_mutex);
    return m_identity;
}

void GenerationController::setState(State s)
{
    if (m_state == s) return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

void GenerationController::start(const GenerationSettings& settings) { launch(settings, false); }
void GenerationController::continueFrom(const GenerationSettings& settings) { launch(settings, true); }

void GenerationController::setBestOf(int candidates, int trialSteps)
{
    m_bestOf = std::max(1, candidates);
    m_bestOfSteps = std::max(1, trialSteps);
}

void GenerationController::launch(GenerationSettings settings, bool continuing)
{
    if (m_state != State::Idle) return;
    join(); // the previous worker has already finished its work
    if (continuing && settings.initImage.empty()) {
        // Continue from the picture on screen: hand it over as the init image.
        const QImage current = currentImage();
        if (!current.isNull()) {
            const QString path = QDir::temp().filePath(QString("pictor-continue-%1.png").arg(QCoreApplication::applicationPid()));
            current.save(path);
            settings.initImage = path.toStdString();
        }
    }
    setState(State::Loading);
    m_cancelLoad = false;
    const ModelChoice models = m_models;
    const int bestOf = continuing ? 1 : m_bestOf, bestOfSteps = m_bestOfSteps;
    m_worker = std::thread([this, settings, models, bestOf, bestOfSteps]() mutable {
        try {
            std::shared_ptr<ClipModel> clip;
            std::shared_ptr<VqganModel> vqgan;
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                clip = m_clip;
                vqgan = m_vqgan;
                if (m_loadedClip != models.clip || m_loadedTokenizer != models.tokenizer) clip.reset();
                if (m_loadedVqgan != models.vqgan) vqgan.reset();
            }
            Q_EMIT loadingProgress(tr("CLIP"), 0);
            if (!clip) {
                ClipLoadOptions o;
                o.tokenizerPath = models.tokenizer.toStdString();
                clip = ClipModel::load(models.clip.toStdString(), o);
                Q_EMIT clipLoaded(QString::fromStdString(clip->info().architecture), clip->info().multilingual);
            }
            std::vector<std::shared_ptr<ClipModel>> clips{clip};
            std::map<QString, std::shared_ptr<ClipModel>> ensemble;
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                ensemble = m_ensemble;
            }
            for (const QString& path : models.ensemble) {
                if (!ensemble.count(path)) ensemble[path] = ClipModel::load(path.toStdString());
                clips.push_back(ensemble[path]);
            }
            Q_EMIT loadingProgress(tr("VQGAN"), 40);
            const bool needsVqgan = settings.needsVqgan();
            if (needsVqgan && models.vqgan.isEmpty())
                throw Error(tr("The VQGAN drawer needs a VQGAN model: choose one under Models, or draw with Pixel art, Strokes or Image.").toStdString());
            if (!vqgan && needsVqgan) vqgan = VqganModel::load(models.vqgan.toStdString());
            Q_EMIT loadingProgress(tr("checksums"), 75);
            std::map<std::string, std::string> identity{
                {"clip_model", QFileInfo(models.clip).fileName().toStdString()}, {"clip_sha256", checksumOf(models.clip)}, {"app_version", PICTOR_VERSION}};
            if (needsVqgan) {
                identity["vqgan_model"] = QFileInfo(models.vqgan).fileName().toStdString();
                identity["vqgan_sha256"] = checksumOf(models.vqgan);
            }
            for (int i = 0; i < models.ensemble.size(); ++i) {
                identity["clip_model_" + std::to_string(i + 2)] = QFileInfo(models.ensemble[i]).fileName().toStdString();
                identity["clip_sha256_" + std::to_string(i + 2)] = checksumOf(models.ensemble[i]);
            }
            Q_EMIT loadingProgress(tr("start picture"), 90);
            if (bestOf > 1) {
                settings.seed = pickBestSeed(clips, needsVqgan ? vqgan : nullptr, settings, bestOf, bestOfSteps, [this, bestOf](int i, int64_t seed, double score) {
                    Q_EMIT bestOfCandidate(i, bestOf, seed, score);
                });
            }
            auto run = std::make_shared<GenerationRun>(clips, needsVqgan ? vqgan : nullptr, settings);
            // The first fp32 run on a machine times its kernel candidates (a few seconds): say what the wait is.
            setKernelTuningNotice([this](const std::string&) { Q_EMIT loadingProgress(tr("measuring this CPU's fastest kernels (once)"), 95); });
            try {
                run->start();
            } catch (...) {
                setKernelTuningNotice({});
                throw;
            }
            setKernelTuningNotice({});
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_clip = clip;
                m_ensemble = ensemble;
                if (vqgan) {
                    m_vqgan = vqgan;
                    m_loadedVqgan = models.vqgan;
                }
                m_loadedClip = models.clip;
                m_loadedTokenizer = models.tokenizer;
                m_identity = identity;
                m_run = run;
                m_settings = run->settings();
            }
            QMetaObject::invokeMethod(this, [this] { setState(State::Running); }, Qt::QueuedConnection);
            if (m_cancelLoad) run->stop();
            // The starting picture is the first frame: something on screen before the first step's seconds.
            else publishFrame(toQImage(run->previewImage()), FrameInfo{0, run->settings().steps, 0, 0, 0});
            const GenerationResult result = run->runLoop([this](const GenerationFrame& frame) {
                publishFrame(toQImage(frame.image), FrameInfo{frame.step, frame.totalSteps, frame.loss, frame.secondsPerStep, frame.seconds});
            });
            const QImage finalImage = toQImage(result.image);
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                if (!finalImage.isNull()) m_latest = finalImage;
                m_run.reset();
            }
            releaseFreeMemory();
            QMetaObject::invokeMethod(this, [this, finalImage, result] {
                setState(State::Idle);
                Q_EMIT finished(finalImage, result.stopped, result.clipSimilarity);
            }, Qt::QueuedConnection);
        } catch (const std::exception& e) {
            const QString message = QString::fromStdString(e.what());
            {
                std::lock_guard<std::mutex> lock(m_mutex);
                m_run.reset();
            }
            QMetaObject::invokeMethod(this, [this, message] {
                setState(State::Idle);
                Q_EMIT failed(message);
            }, Qt::QueuedConnection);
        }
    });
}

std::string GenerationController::checksumOf(const QString& path)
{
    const QFileInfo file(path);
    Checksum& c = m_checksums[file.absoluteFilePath()];
    const qint64 modified = file.lastModified().toMSecsSinceEpoch();
    if (c.sha256.empty() || c.size != file.size() || c.modified != modified) c = Checksum{file.size(), modified, sha256File(path.toStdString())};
    return c.sha256;
}

void GenerationController::publishFrame(QImage image, const FrameInfo& info)
{
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_latest = std::move(image);
        m_latestInfo = info;
    }
    // One queued delivery at a time: frames made meanwhile replace each other.
    if (!m_framePending.exchange(true)) QMetaObject::invokeMethod(this, [this] { deliverFrame(); }, Qt::QueuedConnection);
}

void GenerationController::deliverFrame()
{
    m_framePending = false;
    QImage image;
    FrameInfo info;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        image = m_latest;
        info = m_latestInfo;
    }
    if (!image.isNull()) Q_EMIT frameReady(image, info);
}

void GenerationController::pause()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_run || m_state != State::Running) return;
    m_run->pause();
    QMetaObject::invokeMethod(this, [this] { setState(State::Paused); }, Qt::QueuedConnection);
}

void GenerationController::resume()
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (!m_run || m_state != State::Paused) return;
    m_run->resume();
    QMetaObject::invokeMethod(this, [this] { setState(State::Running); }, Qt::QueuedConnection);
}

void GenerationController::stop()
{
    m_cancelLoad = true;
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_run) {
        m_run->stop();
        QMetaObject::invokeMethod(this, [this] {
            if (m_state != State::Idle) setState(State::Stopping);
        }, Qt::QueuedConnection);
    }
}

void GenerationController::steerPrompt(const QString& prompt)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_run) m_run->setPrompt(prompt.toStdString());
    m_settings.prompt = prompt.toStdString();
}

void GenerationController::steerLearningRate(double lr)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_run) m_run->setLearningRate(lr);
    m_settings.learningRate = lr;
}

void GenerationController::steerCutouts(int cutn)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    if (m_run) m_run->setCutouts(cutn);
    m_settings.cutn = cutn;
}

void GenerationController::steerLossWeight(const QString& loss, double weight)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    try {
        if (m_run) m_run->setLossWeight(loss.toStdString(), weight);
    } catch (const std::exception&) {
        return; // the palette loss without a palette: the panel only offers it with one
    }
    if (double* w = m_settings.lossWeight(loss.toStdString())) *w = weight;
}

void GenerationController::steerPalette(const QString& palette)
{
    std::lock_guard<std::mutex> lock(m_mutex);
    try {
        if (m_run) m_run->setPalette(palette.toStdString());
    } catch (const std::exception&) {
        return; // not a palette: the panel shows why
    }
    m_settings.palette = palette.toStdString();
    if (palette.isEmpty()) m_settings.paletteWeight = 0; // as the run does: no palette to pull toward
}

} // namespace pictor::ui
