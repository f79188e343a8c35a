#include "gallery_controller.h"

#include <pictor/runtime.h>

#include <pictor/error.h>

#include <QFileInfo>

namespace pictor::ui {

void GalleryController::Worker::run()
{
    for (;;) {
        std::function<void()> task;
        {
            std::unique_lock lock(mutex);
            wake.wait(lock, [this] { return quit || !tasks.empty(); });
            if (quit) return;
            task = std::move(tasks.front());
            tasks.pop_front();
        }
        task();
    }
}

void GalleryController::Worker::post(std::function<void()> task)
{
    {
        std::lock_guard lock(mutex);
        tasks.push_back(std::move(task));
        if (!thread.joinable()) thread = std::thread([this] { run(); });
    }
    wake.notify_one();
}

void GalleryController::Worker::stop()
{
    {
        std::lock_guard lock(mutex);
        quit = true;
        tasks.clear();
    }
    wake.notify_one();
    if (thread.joinable()) thread.join();
}

GalleryController::GalleryController(QObject* parent) : QObject(parent)
{
    qRegisterMetaType<pictor::ui::GalleryHit>();
    qRegisterMetaType<QList<pictor::ui::GalleryHit>>();
    qRegisterMetaType<pictor::SearchOptions>();
    m_database = QString::fromStdString(Gallery::defaultDbPath());
}

GalleryController::~GalleryController()
{
    m_cancel = true;
    m_indexWorker.stop();
    m_searchWorker.stop();
}

void GalleryController::setModels(const ModelChoice& models) { m_models = models; }
void GalleryController::setDatabase(const QString& path) { m_database = path; }

void GalleryController::ensureOpen(Worker& w, const ModelChoice& m, const QString& db)
{
    const QString key = m.clip + "|" + m.tokenizer;
    if (!w.model || w.modelKey != key) {
        if (m.clip.isEmpty()) throw Error(tr("No CLIP model chosen (Models ▸ Choose Models).").toStdString());
        ClipLoadOptions o;
        o.tokenizerPath = m.tokenizer.toStdString();
        w.model = ClipModel::load(m.clip.toStdString(), o);
        w.model->useBf16Images(true); // same ranking, several times faster where the CPU has bf16
        w.modelKey = key;
    }
    if (!w.gallery || w.dbKey != db) {
        w.gallery = Gallery::open(db.toStdString());
        w.dbKey = db;
    }
}

void GalleryController::index(const QStringList& folders)
{
    if (m_indexing.exchange(true)) return;
    m_cancel = false;
    const ModelChoice models = m_models;
    const QString db = m_database;
    m_indexWorker.post([this, folders, models, db] {
        try {
            ensureOpen(m_indexWorker, models, db);
            IndexOptions o;
            o.cancel = &m_cancel;
            o.progress = [this](const IndexProgress& p) {
                Q_EMIT indexProgress(p.done, p.total, p.imagesPerSecond, p.etaSeconds);
            };
            std::vector<std::string> list;
            for (const QString& f : folders) list.push_back(f.toStdString());
            const IndexSummary s = m_indexWorker.gallery->index(list, *m_indexWorker.model, o);
            QString text = tr("%1 new, %2 updated, %3 unchanged, %4 moved, %5 removed, %6 failed")
                               .arg(s.added).arg(s.updated).arg(s.unchanged).arg(s.moved).arg(s.removed).arg(s.failed);
            for (std::size_t i = 0; i < std::min<std::size_t>(s.failures.size(), 20); ++i)
                text += "\n" + QString::fromStdString(s.failures[i].path) + ": " + QString::fromStdString(s.failures[i].reason);
            releaseFreeMemory();
            m_indexing = false;
            Q_EMIT indexFinished(text, s.cancelled);
        } catch (const std::exception& e) {
            m_indexing = false;
            Q_EMIT failed(QString::fromStdString(e.what()));
            Q_EMIT indexFinished(tr("Indexing failed"), true);
        }
    });
}

void GalleryController::cancelIndexing() { m_cancel = true; }

void GalleryController::search(const QString& query, const pictor::SearchOptions& options)
{
    const ModelChoice models = m_models;
    const QString db = m_database;
    m_searchWorker.post([this, query, options, models, db] {
        try {
            ensureOpen(m_searchWorker, models, db);
            Gallery& gallery = *m_searchWorker.gallery;
            const ClipModel& model = *m_searchWorker.model;
            SearchOptions o = options;
            if (o.minScore < -1) o.minScore = Gallery::defaultMinScore(model);
            if (const std::string mismatch = gallery.modelMismatch(model); !mismatch.empty()) {
                Q_EMIT modelMismatch(query, QString::fromStdString(mismatch));
                return;
            }
            const auto hits = gallery.search(query.toStdString(), model, o);
            QList<GalleryHit> out;
            for (const auto& h : hits) out.push_back({QString::fromStdString(h.path), h.score, h.takenAt, h.width, h.height});
            QString message;
            if (out.isEmpty())
                message = gallery.stats(model).images == 0 ? tr("Nothing is indexed yet for this model: add a folder and index it.")
                                                                             : tr("No picture matches “%1” well enough.").arg(query);
            Q_EMIT searchFinished(query, out, message);
        } catch (const std::exception& e) {
            Q_EMIT searchFinished(query, {}, QString::fromStdString(e.what()));
        }
    });
}

} // namespace pictor::ui
