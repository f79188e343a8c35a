#pragma once
// Runs the gallery engine for the widgets: indexing on one worker thread, searches on another
// (each with its own CLIP instance, since a model serves one thread at a time), so searching works
// while a long index runs. Results and progress come back as queued signals.
#include "../generation_controller.h"

#include <pictor/gallery.h>

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace pictor::ui {

struct GalleryHit {
    QString path;
    double score = 0;
    qint64 takenAt = 0;
    int width = 0;
    int height = 0;
};

class GalleryController : public QObject {
    Q_OBJECT
public:
    explicit GalleryController(QObject* parent = nullptr);
    ~GalleryController() override;

    void setModels(const ModelChoice& models);
    void setDatabase(const QString& path);
    QString database() const { return m_database; }
    bool isIndexing() const { return m_indexing; }

public Q_SLOTS:
    void index(const QStringList& folders);
    void cancelIndexing();
    /// Runs a query (parseGalleryQuery syntax); minScore < -1 means the model's default cut-off.
    void search(const QString& query, const pictor::SearchOptions& options);

Q_SIGNALS:
    void indexProgress(qint64 done, qint64 total, double imagesPerSecond, double etaSeconds);
    void indexFinished(const QString& summary, bool cancelled);
    void searchFinished(const QString& query, const QList<pictor::ui::GalleryHit>& hits, const QString& message);
    void failed(const QString& message);
    /// The library holds only another model's vectors: `message` says which and how to re-index.
    void modelMismatch(const QString& query, const QString& message);

private:
    struct Worker {
        std::thread thread;
        std::mutex mutex;
        std::condition_variable wake;
        std::deque<std::function<void()>> tasks;
        bool quit = false;
        // The worker's own model and index (touched only on its thread), reopened when the choice changes.
        std::unique_ptr<ClipModel> model;
        std::unique_ptr<Gallery> gallery;
        QString modelKey, dbKey;
        void run();
        void post(std::function<void()> task);
        void stop();
    };
    /// Loads the chosen model and opens the index on the worker's thread, unless already done.
    void ensureOpen(Worker& w, const ModelChoice& m, const QString& db);

    ModelChoice m_models;
    QString m_database;
    Worker m_indexWorker, m_searchWorker;
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_indexing{false};
};

} // namespace pictor::ui

Q_DECLARE_METATYPE(pictor::ui::GalleryHit)
Q_DECLARE_METATYPE(pictor::SearchOptions)
