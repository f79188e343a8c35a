#pragma once
// Thumbnails loaded off the GUI thread (QImageReader with a scaled size, so JPEGs decode small),
// kept in an LRU cache. Requests are made only for rows a view actually paints; requests that
// are no longer wanted (the user scrolled on, or a new search replaced the results) are dropped
// before they start.
#include <QCache>
#include <QHash>
#include <QImage>
#include <QObject>
#include <QSet>
#include <QString>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace pictor::ui {

class ThumbnailCache : public QObject {
    Q_OBJECT
public:
    explicit ThumbnailCache(int size = 160, QObject* parent = nullptr);
    ~ThumbnailCache() override;

    int size() const { return m_size; }
    /// The thumbnail if cached; otherwise null, and a load is queued (thumbnailReady follows).
    QImage request(const QString& path);
    /// Forget queued loads for paths not in `keep` (visible rows).
    void retainOnly(const QSet<QString>& keep);
    void cancelAll();
    int loadsStarted() const { return m_started; }
    int loadsCancelled() const { return m_cancelled; }

Q_SIGNALS:
    void thumbnailReady(const QString& path);

private:
    void finished(const QString& path, const QImage& image);

    int m_size;
    QCache<QString, QImage> m_cache;
    QHash<QString, std::shared_ptr<std::atomic<bool>>> m_pending; ///< path -> its load's "cancelled" flag
    QThreadPool m_pool;
    int m_started = 0;
    int m_cancelled = 0;
};

} // namespace pictor::ui
