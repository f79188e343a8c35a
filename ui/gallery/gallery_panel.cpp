#include "gallery_panel.h"

#include "gallery_results_model.h"
#include "../create_panel.h"
#include "thumbnail_cache.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QLocale>
#include <QDateTime>
#include <QUrl>
#include <QVBoxLayout>

namespace pictor::ui {

namespace {
constexpr int kCellWidth = 170; // a 150 px thumbnail and its margins: the narrowest a grid cell gets
} // namespace

GalleryPanel::GalleryPanel(GalleryController* controller, QWidget* parent) : QWidget(parent), m_controller(controller)
{
    m_thumbnails = new ThumbnailCache(150, this);
    m_previews = new ThumbnailCache(480, this);
    m_model = new GalleryResultsModel(m_thumbnails, this);

    // Left: the library.
    auto* library = new QGroupBox(tr("Library folders"));
    m_folders = new QListWidget;
    m_folders->setAccessibleName(tr("Library folders"));
    m_folders->setToolTip(tr("Folders whose pictures are indexed and searched (with their sub-folders)."));
    auto* add = new QPushButton(tr("Add…"));
    add->setToolTip(tr("Add a folder of pictures to the library"));
    auto* remove = new QPushButton(tr("Remove"));
    remove->setToolTip(tr("Stop searching the selected folder (its index entries stay until re-indexed)"));
    m_indexButton = new QPushButton(tr("Index now"));
    m_indexButton->setToolTip(tr("Embed new and changed pictures in the background (F5)"));
    m_indexButton->setShortcut(QKeySequence(Qt::Key_F5));
    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->setToolTip(tr("Stop indexing after the current batch; finished work is kept"));
    m_cancelButton->setEnabled(false);
    m_progress = new QProgressBar;
    m_progress->setAccessibleName(tr("Indexing progress"));
    m_progress->setVisible(false);
    m_indexStatus = new QLabel;
    m_indexStatus->setWordWrap(true);
    m_indexStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* libLayout = new QVBoxLayout(library);
    libLayout->addWidget(m_folders);
    auto* libButtons = new QHBoxLayout;
    libButtons->addWidget(add);
    libButtons->addWidget(remove);
    libLayout->addLayout(libButtons);
    auto* indexButtons = new QHBoxLayout;
    indexButtons->addWidget(m_indexButton);
    indexButtons->addWidget(m_cancelButton);
    libLayout->addLayout(indexButtons);
    libLayout->addWidget(m_progress);
    libLayout->addWidget(m_indexStatus);
    libLayout->addStretch();

    // Centre: search, filters, results.
    m_query = new QLineEdit;
    m_query->setPlaceholderText(tr("Describe a picture, e.g. “a dog on a beach” — or \"a dog\" + \"sunset\" - \"people\""));
    m_query->setAccessibleName(tr("Search"));
    m_query->setToolTip(tr("Text, a picture file, or terms joined with + and - (weights as 2:term). Enter searches."));
    m_query->setClearButtonEnabled(true);
    auto* searchButton = new QPushButton(tr("Search"));
    m_folderFilter = new QComboBox;
    m_folderFilter->setAccessibleName(tr("Folder filter"));
    m_folderFilter->setToolTip(tr("Only pictures under this folder"));
    m_folderFilter->setSizeAdjustPolicy(QComboBox::AdjustToContents); // "All folders" and folder names in full
    m_typeFilter = new QComboBox;
    m_typeFilter->addItem(tr("All types"), QString());
    for (const char* t : {"jpg", "png", "webp", "gif", "bmp", "tif"}) m_typeFilter->addItem(QString(t).toUpper(), QString(t));
    m_typeFilter->setAccessibleName(tr("File type filter"));
    m_sort = new QComboBox;
    m_sort->addItem(tr("Most relevant"), int(SearchSort::Relevance));
    m_sort->addItem(tr("Newest first"), int(SearchSort::DateNewest));
    m_sort->addItem(tr("Oldest first"), int(SearchSort::DateOldest));
    m_sort->setAccessibleName(tr("Sort order"));
    m_useAfter = new QCheckBox(tr("From"));
    m_after = new QDateEdit(QDate::currentDate().addYears(-1));
    m_after->setCalendarPopup(true);
    m_useBefore = new QCheckBox(tr("to"));
    m_before = new QDateEdit(QDate::currentDate());
    m_before->setCalendarPopup(true);
    m_tag = new QLineEdit;
    m_tag->setPlaceholderText(tr("auto-tag"));
    m_tag->setToolTip(tr("Only pictures with this auto-tag (pictor-cli tag)"));
    m_tag->setAccessibleName(tr("Tag filter"));
    m_tag->setMinimumWidth(m_tag->fontMetrics().horizontalAdvance(m_tag->placeholderText()) + 24); // the placeholder whole
    auto* filters = new QHBoxLayout;
    for (QWidget* w : std::initializer_list<QWidget*>{m_folderFilter, m_typeFilter, m_useAfter, m_after, m_useBefore, m_before, m_tag, m_sort})
        filters->addWidget(w);
    filters->addStretch();

    m_view = new QListView;
    m_view->setModel(m_model);
    m_view->setViewMode(QListView::IconMode);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Static);
    m_view->setUniformItemSizes(true);
    m_view->setLayoutMode(QListView::Batched);
    m_view->setBatchSize(500);
    m_view->setIconSize(QSize(150, 150));
    m_view->setGridSize(QSize(kCellWidth, 190));
    m_view->viewport()->installEventFilter(this); // the grid's cells share out the width (fitColumns)
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setDragEnabled(true);
    m_view->setDragDropMode(QAbstractItemView::DragOnly);
    m_view->setAccessibleName(tr("Search results"));
    m_resultStatus = new QLabel(tr("Type a description and press Enter."));
    m_resultStatus->setWordWrap(true);
    m_reindexButton = new QPushButton(tr("Re-index with this model"));
    m_reindexButton->setToolTip(tr("Embed every picture of the library folders again with the CLIP model chosen now, so that it can search them"));
    m_reindexButton->setVisible(false);
    auto* centre = new QWidget;
    auto* centreLayout = new QVBoxLayout(centre);
    auto* searchRow = new QHBoxLayout;
    searchRow->addWidget(m_query, 1);
    searchRow->addWidget(searchButton);
    centreLayout->addLayout(searchRow);
    centreLayout->addLayout(filters);
    centreLayout->addWidget(m_view, 1);
    centreLayout->addWidget(m_resultStatus);
    centreLayout->addWidget(m_reindexButton, 0, Qt::AlignLeft);

    // Right: the selected picture.
    auto* detail = new QWidget;
    auto* detailLayout = new QVBoxLayout(detail);
    m_preview = new QLabel;
    m_preview->setMinimumSize(240, 240);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setAccessibleName(tr("Selected picture"));
    m_meta = new QLabel;
    m_meta->setWordWrap(true);
    m_meta->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_actions = new QWidget;
    auto* actions = new QVBoxLayout(m_actions);
    auto addAction = [&](const QString& text, const QString& tip, auto slot) {
        auto* b = new QPushButton(text);
        b->setToolTip(tip);
        connect(b, &QPushButton::clicked, this, slot);
        actions->addWidget(b);
    };
    addAction(tr("Find similar"), tr("Search for pictures like this one"), [this] { findSimilar(m_selected); });
    addAction(tr("Use as init image"), tr("Start a new picture in Create from this one"), [this] { Q_EMIT useAsInitImage(m_selected); });
    addAction(tr("Use as image prompt"), tr("Add this picture to Create's prompts"), [this] { Q_EMIT useAsImagePrompt(m_selected); });
    addAction(tr("Open"), tr("Open in the system's viewer"), [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_selected)); });
    addAction(tr("Show in folder"), tr("Open the folder that holds it"),
              [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_selected).absolutePath())); });
    addAction(tr("Copy path"), tr("Copy the file's path to the clipboard"), [this] { QApplication::clipboard()->setText(m_selected); });
    m_actions->setEnabled(false);
    detailLayout->addWidget(m_preview, 1);
    detailLayout->addWidget(m_meta);
    detailLayout->addWidget(m_actions);

    auto* split = new QSplitter;
    split->addWidget(library);
    split->addWidget(centre);
    split->addWidget(detail);
    split->setStretchFactor(1, 1);
    split->setSizes({220, 700, 280});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);

    connect(add, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Add a picture folder"));
        if (!dir.isEmpty()) addFolderAndIndex(dir);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        delete m_folders->currentItem();
        setFolders(folders());
    });
    connect(m_indexButton, &QPushButton::clicked, this, &GalleryPanel::startIndexing);
    connect(m_cancelButton, &QPushButton::clicked, m_controller, &GalleryController::cancelIndexing);
    connect(m_query, &QLineEdit::returnPressed, this, &GalleryPanel::runSearch);
    connect(searchButton, &QPushButton::clicked, this, &GalleryPanel::runSearch);
    connect(m_controller, &GalleryController::searchFinished, this, &GalleryPanel::onResults);
    connect(m_controller, &GalleryController::modelMismatch, this, [this](const QString& query, const QString& message) {
        onResults(query, {}, message);
        m_reindexButton->setVisible(true);
    });
    connect(m_reindexButton, &QPushButton::clicked, this, [this] {
        m_reindexButton->setVisible(false);
        startIndexing();
    });
    connect(m_controller, &GalleryController::indexProgress, this, &GalleryPanel::onProgress);
    connect(m_controller, &GalleryController::indexFinished, this, &GalleryPanel::onIndexFinished);
    connect(m_controller, &GalleryController::failed, this, [this](const QString& m) { m_indexStatus->setText(m); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& i) { showDetail(i.isValid() ? i.data(GalleryResultsModel::PathRole).toString() : QString()); });
    connect(m_view, &QListView::activated, this, [this](const QModelIndex& i) { findSimilar(i.data(GalleryResultsModel::PathRole).toString()); });
    connect(m_view, &QListView::customContextMenuRequested, this, [this](const QPoint& pos) {
        const QModelIndex i = m_view->indexAt(pos);
        if (!i.isValid()) return;
        const QString path = i.data(GalleryResultsModel::PathRole).toString();
        QMenu menu;
        menu.addAction(tr("Find similar"), this, [this, path] { findSimilar(path); });
        menu.addAction(tr("Use as init image"), this, [this, path] { Q_EMIT useAsInitImage(path); });
        menu.addAction(tr("Use as image prompt"), this, [this, path] { Q_EMIT useAsImagePrompt(path); });
        menu.addAction(tr("Copy path"), this, [path] { QApplication::clipboard()->setText(path); });
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, &GalleryPanel::retainVisibleThumbnails);
    connect(m_previews, &ThumbnailCache::thumbnailReady, this, [this](const QString& path) {
        if (path == m_selected) showDetail(path);
    });
    for (QComboBox* c : {m_folderFilter, m_typeFilter, m_sort})
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_query->text().trimmed().isEmpty()) runSearch();
        });
    setFolders({});
}

QStringList GalleryPanel::folders() const
{
    QStringList out;
    for (int i = 0; i < m_folders->count(); ++i) out << m_folders->item(i)->text();
    return out;
}

void GalleryPanel::setFolders(const QStringList& list)
{
    m_folders->clear();
    m_folders->addItems(list);
    const QString current = m_folderFilter->currentData().toString();
    m_folderFilter->blockSignals(true);
    m_folderFilter->clear();
    m_folderFilter->addItem(tr("All folders"), QString());
    m_folderFilter->setMinimumWidth(m_folderFilter->fontMetrics().horizontalAdvance(m_folderFilter->itemText(0)) + 48); // never cut short
    for (const QString& f : list) m_folderFilter->addItem(QFileInfo(f).fileName().isEmpty() ? f : QFileInfo(f).fileName(), f);
    m_folderFilter->setCurrentIndex(std::max(0, m_folderFilter->findData(current)));
    m_folderFilter->blockSignals(false);
}

void GalleryPanel::addFolder(const QString& folder)
{
    const QString clean = QDir::cleanPath(QFileInfo(folder).absoluteFilePath());
    QStringList list = folders();
    if (!list.contains(clean)) list << clean;
    setFolders(list);
}

void GalleryPanel::addFolderAndIndex(const QString& folder)
{
    addFolder(folder);
    // A folder added is a folder to search: index it now, or right after the pass that is running.
    if (m_indexButton->isEnabled()) {
        startIndexing();
    } else {
        m_indexAgain = true;
        m_indexStatus->setText(tr("%1 will be indexed when the current pass ends.").arg(QDir::toNativeSeparators(QDir::cleanPath(folder))));
    }
}

void GalleryPanel::focusSearch()
{
    m_query->setFocus();
    m_query->selectAll();
}

void GalleryPanel::saveState(QSettings& store) const { store.setValue("gallery/folders", folders()); }

void GalleryPanel::restoreState(QSettings& store)
{
    QStringList list = store.value("gallery/folders").toStringList();
    if (!store.contains("gallery/folders")) {
        // Past artwork is searchable by description from the start: the folder runs are saved to is
        // in the library on first start, made now if no run has been saved yet (it was left out when
        // it did not exist, and that empty list was then stored for good).
        const QString artwork = CreatePanel::autosaveFolder();
        QDir().mkpath(artwork);
        list << artwork;
    }
    setFolders(list);
}

SearchOptions GalleryPanel::options() const
{
    SearchOptions o;
    o.top = 200;
    o.minScore = -2; // the model's default cut-off (resolved by the controller)
    o.folder = m_folderFilter->currentData().toString().toStdString();
    const QString type = m_typeFilter->currentData().toString();
    if (!type.isEmpty()) o.types = {type.toStdString()};
    if (type == "tif") o.types.push_back("tiff");
    if (m_useAfter->isChecked()) o.after = QDateTime(m_after->date(), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
    if (m_useBefore->isChecked()) o.before = QDateTime(m_before->date(), QTime(23, 59, 59), Qt::UTC).toSecsSinceEpoch();
    o.tag = m_tag->text().trimmed().toStdString();
    o.sort = SearchSort(m_sort->currentData().toInt());
    return o;
}

void GalleryPanel::runSearch()
{
    const QString query = m_query->text().trimmed();
    if (query.isEmpty()) return;
    m_resultStatus->setText(tr("Searching…"));
    m_controller->search(query, options());
}

void GalleryPanel::findSimilar(const QString& path)
{
    if (path.isEmpty()) return;
    m_query->setText("\"" + path + "\"");
    runSearch();
}

void GalleryPanel::onResults(const QString& query, const QList<GalleryHit>& hits, const QString& message)
{
    if (query != m_query->text().trimmed()) return; // an older search finished late
    m_reindexButton->setVisible(false);
    m_model->setHits(hits);
    m_resultStatus->setText(message.isEmpty() ? tr("%n picture(s)", nullptr, int(hits.size())) : message);
    if (!hits.isEmpty()) m_view->setCurrentIndex(m_model->index(0));
    else showDetail({});
}

void GalleryPanel::startIndexing()
{
    const QStringList list = folders();
    if (list.isEmpty()) {
        m_indexStatus->setText(tr("Add a folder first."));
        return;
    }
    m_indexButton->setEnabled(false);
    m_cancelButton->setEnabled(true);
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_indexStatus->setText(tr("Looking for new and changed pictures…"));
    m_controller->index(list);
}

void GalleryPanel::onProgress(qint64 done, qint64 total, double imagesPerSecond, double etaSeconds)
{
    m_progress->setRange(0, int(std::min<qint64>(total, INT_MAX)));
    m_progress->setValue(int(std::min<qint64>(done, INT_MAX)));
    m_indexStatus->setText(tr("%1 of %2 pictures · %3/s · about %4 s left").arg(done).arg(total).arg(imagesPerSecond, 0, 'f', 1).arg(int(etaSeconds)));
}

void GalleryPanel::onIndexFinished(const QString& summary, bool cancelled)
{
    m_indexButton->setEnabled(true);
    m_cancelButton->setEnabled(false);
    m_progress->setVisible(false);
    m_indexStatus->setText((cancelled ? tr("Stopped: ") : tr("Indexed: ")) + summary);
    Q_EMIT statusMessage(cancelled ? tr("Indexing stopped") : tr("Indexing finished"));
    if (m_indexAgain && !cancelled) {
        m_indexAgain = false;
        startIndexing(); // a folder was added while that pass ran
        return;
    }
    m_indexAgain = false;
    if (!m_query->text().trimmed().isEmpty()) runSearch();
}

void GalleryPanel::showDetail(const QString& path)
{
    m_selected = path;
    m_actions->setEnabled(!path.isEmpty());
    if (path.isEmpty()) {
        m_preview->clear();
        m_meta->clear();
        return;
    }
    const QImage image = m_previews->request(path);
    if (!image.isNull()) m_preview->setPixmap(QPixmap::fromImage(image));
    else m_preview->setText(tr("Loading…"));
    const QModelIndex i = m_view->currentIndex();
    if (i.isValid() && i.data(GalleryResultsModel::PathRole).toString() == path) {
        const GalleryHit& h = m_model->hit(i.row());
        m_meta->setText(tr("<b>%1</b><br>%2 × %3 · %4<br>score %5<br><small>%6</small>")
                            .arg(QFileInfo(path).fileName().toHtmlEscaped())
                            .arg(h.width)
                            .arg(h.height)
                            .arg(QLocale().toString(QDateTime::fromSecsSinceEpoch(h.takenAt, Qt::UTC), QLocale::ShortFormat))
                            .arg(h.score, 0, 'f', 3)
                            .arg(QFileInfo(path).absolutePath().toHtmlEscaped()));
    }
}

bool GalleryPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_view->viewport() && event->type() == QEvent::Resize) fitColumns();
    return QWidget::eventFilter(watched, event);
}

void GalleryPanel::fitColumns()
{
    // As many columns as fit, widened to share the whole width: no empty band beside the last column.
    const int width = m_view->viewport()->width();
    const int columns = std::max(1, (width - 1) / kCellWidth);
    const int cell = std::max(kCellWidth, (width - 1) / columns); // the view wraps a row that would end exactly at the edge
    if (m_view->gridSize().width() != cell) m_view->setGridSize(QSize(cell, m_view->gridSize().height()));
}

void GalleryPanel::retainVisibleThumbnails()
{
    // Thumbnails queued for rows that scrolled out of view are dropped before they load.
    QSet<QString> visible;
    const QRect r = m_view->viewport()->rect();
    const QSize grid = m_view->gridSize();
    for (int y = r.top(); y < r.bottom() + grid.height(); y += grid.height() / 2)
        for (int x = r.left(); x < r.right(); x += grid.width() / 2) {
            const QModelIndex i = m_view->indexAt({x, y});
            if (i.isValid()) visible.insert(i.data(GalleryResultsModel::PathRole).toString());
        }
    m_thumbnails->retainOnly(visible);
}

} // namespace pictor::ui
