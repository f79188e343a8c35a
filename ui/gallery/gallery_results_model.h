#pragma once
// Search results for a QListView: file name, lazily loaded thumbnail, score and date on hover.
// data() does no work beyond a lookup, so 100k rows scroll as smoothly as 10.
#include "gallery_controller.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPixmap>

namespace pictor::ui {

class ThumbnailCache;

class GalleryResultsModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { PathRole = Qt::UserRole + 1, ScoreRole, TakenRole };

    GalleryResultsModel(ThumbnailCache* thumbnails, QObject* parent = nullptr);

    void setHits(const QList<GalleryHit>& hits);
    const GalleryHit& hit(int row) const { return m_hits.at(row); }
    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    /// Results drag out as files: onto Create's init image or image prompts, or other programs.
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;

private:
    void thumbnailReady(const QString& path);

    ThumbnailCache* m_thumbnails;
    QList<GalleryHit> m_hits;
    QHash<QString, int> m_rowOf;
    QPixmap m_placeholder;
};

} // namespace pictor::ui
