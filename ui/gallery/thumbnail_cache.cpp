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
        if (full.isValid() && qint64(full.width()) * full.height() > 100'000'000) return; // the gallery refuses these too
        // Only JPEG decodes at a reduced size by itself; for other formats the reader scales in the image's
        // own format, and a 1-bit or palette PNG scaled that way comes back dithered to its palette.
        const bool jpeg = reader.format() == "jpeg" || reader.format() == "jpg";
        if (jpeg && full.isValid() && full.width() > 0 && full.height() > 0) reader.setScaledSize(full.scaled(size, size, Qt::KeepAspectRatio));
        QImage image = cancelled->load() ? QImage() : reader.read();
        if (!image.isNull() && (image.depth() < 8 || image.colorCount() > 0)) // palette images: scale true colours, not palette entries
            image = image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32);
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
