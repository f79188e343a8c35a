#include "thumbnail_cache.h"

#include <QImageReader>
#include <QPointer>
#include <QRunnable>

namespace pictor::ui {

ThumbnailCache::ThumbnailCache(int size, QObject* parent) : QObject(parent), m_size(size), m_cache(2000)
{
    m_pool.setMaxThreadCount(2);
}

ThumbnailCache::~ThumbnailCache()
{
    cancelAll();
    m_pool.waitForDone();
}

QImage ThumbnailCache::request(const QString& path)
{
    if (const QImage* hit = m_cache.object(path)) return *hit;
    if (m_pending.contains(path)) return {};
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    m_pending.insert(path, cancelled);
    ++m_started;
    const int size = m_size;
    QPointer<ThumbnailCache> self(this);
    m_pool.start([self, path, size, cancelled] {
        if (*cancelled) return;
        QImageReader reader(path);
        reader.setAutoTransform(true); // EXIF orientation
        const QSize full = reader.size();
        if (full.isValid() && full.width() > 0 && full.height() > 0) {
            if (qint64(full.width()) * full.height() > 100'000'000) return; // the gallery refuses these too
            reader.setScaledSize(full.scaled(size, size, Qt::KeepAspectRatio));
        }
        QImage image = cancelled->load() ? QImage() : reader.read();
        if (!image.isNull() && (image.width() > size || image.height() > size)) image = image.scaled(size, size, Qt::KeepAspectRatio, Qt::SmoothTransformation);
        if (*cancelled) return;
        QMetaObject::invokeMethod(
            self.data(), [self, path, image, cancelled] {
                if (self && !*cancelled) self->finished(path, image);
            },
            Qt::QueuedConnection);
    });
    return {};
}

void ThumbnailCache::finished(const QString& path, const QImage& image)
{
    m_pending.remove(path);
    // A file that cannot be read gets a grey tile rather than a retry on every paint.
    m_cache.insert(path, new QImage(image.isNull() ? QImage() : image), 1);
    Q_EMIT thumbnailReady(path);
}

void ThumbnailCache::retainOnly(const QSet<QString>& keep)
{
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (keep.contains(it.key())) {
            ++it;
            continue;
        }
        it.value()->store(true);
        ++m_cancelled;
        it = m_pending.erase(it);
    }
}

void ThumbnailCache::cancelAll() { retainOnly({}); }

} // namespace pictor::ui
