#pragma once
// The Gallery workspace: library folders and indexing (background, cancellable), the search
// field with filters, the results grid, and a detail pane with the actions that lead back to Create.
#include "gallery_controller.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListView;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSettings;

namespace pictor::ui {

class GalleryResultsModel;
class ThumbnailCache;

class GalleryPanel : public QWidget {
    Q_OBJECT
public:
    GalleryPanel(GalleryController* controller, QWidget* parent = nullptr);

    QStringList folders() const;
    void setFolders(const QStringList& folders);
    void saveState(QSettings& store) const;
    void restoreState(QSettings& store);
    GalleryResultsModel* resultsModel() const { return m_model; }
    QListView* resultsView() const { return m_view; }
    ThumbnailCache* thumbnails() const { return m_thumbnails; }
    /// The picture shown in the detail pane (empty when none).
    QString selectedPath() const { return m_selected; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

public Q_SLOTS:
    void runSearch();
    void findSimilar(const QString& path);
    void startIndexing();
    void addFolder(const QString& folder);
    /// Adds a folder and indexes it at once (after the pass that is running, if one is).
    void addFolderAndIndex(const QString& folder);
    void focusSearch();

Q_SIGNALS:
    void useAsInitImage(const QString& path);
    void useAsImagePrompt(const QString& path);
    void statusMessage(const QString& text);

private:
    void onResults(const QString& query, const QList<pictor::ui::GalleryHit>& hits, const QString& message);
    void onProgress(qint64 done, qint64 total, double imagesPerSecond, double etaSeconds);
    void onIndexFinished(const QString& summary, bool cancelled);
    void showDetail(const QString& path);
    void retainVisibleThumbnails();
    void fitColumns();
    pictor::SearchOptions options() const;

    GalleryController* m_controller;
    ThumbnailCache* m_thumbnails;
    ThumbnailCache* m_previews;
    GalleryResultsModel* m_model;
    QListWidget* m_folders;
    QPushButton* m_indexButton;
    QPushButton* m_cancelButton;
    QProgressBar* m_progress;
    QLabel* m_indexStatus;
    QLineEdit* m_query;
    QComboBox* m_folderFilter;
    QComboBox* m_typeFilter;
    QComboBox* m_sort;
    QCheckBox* m_useAfter;
    QDateEdit* m_after;
    QCheckBox* m_useBefore;
    QDateEdit* m_before;
    QLineEdit* m_tag;
    QListView* m_view;
    QLabel* m_resultStatus;
    QPushButton* m_reindexButton; ///< shown when the library was indexed with another model
    QLabel* m_preview;
    QLabel* m_meta;
    QWidget* m_actions;
    QString m_selected;
    bool m_indexAgain = false; ///< a folder was added while indexing ran
};

} // namespace pictor::ui
