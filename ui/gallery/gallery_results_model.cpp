#include "gallery_results_model.h"

#include "thumbnail_cache.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QMimeData>
#include <QUrl>

namespace pictor::ui {

GalleryResultsModel::GalleryResultsModel(ThumbnailCache* thumbnails, QObject* parent) : QAbstractListModel(parent), m_thumbnails(thumbnails)
{
    m_placeholder = QPixmap(thumbnails->size(), thumbnails->size());
    m_placeholder.fill(QColor(70, 70, 70));
    connect(thumbnails, &ThumbnailCache::thumbnailReady, this, &GalleryResultsModel::thumbnailReady);
}

void GalleryResultsModel::setHits(const QList<GalleryHit>& hits)
{
    beginResetModel();
    m_hits = hits;
    m_rowOf.clear();
    m_rowOf.reserve(hits.size());
    for (int i = 0; i < hits.size(); ++i) m_rowOf.insert(hits[i].path, i);
    endResetModel();
    m_thumbnails->cancelAll(); // loads for the previous results are no longer wanted
}

int GalleryResultsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(m_hits.size()); }

QVariant GalleryResultsModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_hits.size()) return {};
    const GalleryHit& h = m_hits.at(index.row());
    switch (role) {
    case Qt::DisplayRole: return QFileInfo(h.path).fileName();
    case Qt::DecorationRole: {
        const QImage thumb = m_thumbnails->request(h.path); // queued if not cached: only painted rows ask
        return thumb.isNull() ? m_placeholder : QPixmap::fromImage(thumb);
    }
    case Qt::ToolTipRole:
        return tr("Score %1 · %2 · %3×%4\n%5")
            .arg(h.score, 0, 'f', 3)
            .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(h.takenAt, Qt::UTC), QLocale::ShortFormat))
            .arg(h.width)
            .arg(h.height)
            .arg(h.path);
    case Qt::AccessibleTextRole: return tr("%1, score %2").arg(QFileInfo(h.path).fileName()).arg(h.score, 0, 'f', 2);
    case PathRole: return h.path;
    case ScoreRole: return h.score;
    case TakenRole: return h.takenAt;
    default: return {};
    }
}

Qt::ItemFlags GalleryResultsModel::flags(const QModelIndex& index) const
{
    return QAbstractListModel::flags(index) | (index.isValid() ? Qt::ItemIsDragEnabled : Qt::NoItemFlags);
}

QStringList GalleryResultsModel::mimeTypes() const { return {"text/uri-list"}; }

QMimeData* GalleryResultsModel::mimeData(const QModelIndexList& indexes) const
{
    auto* data = new QMimeData;
    QList<QUrl> urls;
    for (const QModelIndex& i : indexes)
        if (i.isValid()) urls << QUrl::fromLocalFile(m_hits.at(i.row()).path);
    data->setUrls(urls);
    return data;
}

void GalleryResultsModel::thumbnailReady(const QString& path)
{
    const auto it = m_rowOf.constFind(path);
    if (it == m_rowOf.constEnd()) return;
    const QModelIndex i = index(*it);
    Q_EMIT dataChanged(i, i, {Qt::DecorationRole});
}

} // namespace pictor::ui
