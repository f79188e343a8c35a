#include "models_dialog.h"

#include "offline_help.h"

#include <pictor/model_manager.h>

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pictor::ui {

namespace {
QString sizeText(int64_t bytes) { return QString::fromStdString(byteSizeText(bytes, "—")); }
} // namespace

ModelsDialog::ModelsDialog(QWidget* parent, const QString& registry, const QString& modelsDir) : QDialog(parent)
{
    setWindowTitle(tr("Models"));
    resize(820, 460);
    m_manager = std::make_unique<ModelManager>(registry.isEmpty() ? ModelManager::defaultRegistryPath() : registry.toStdString(),
                                               modelsDir.isEmpty() ? ModelManager::defaultModelsDir() : modelsDir.toStdString());
    m_table = new QTableWidget(0, 5, this);
    m_table->setHorizontalHeaderLabels({tr("Model"), tr("Kind"), tr("Size"), tr("State"), tr("Architecture and licence")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setAccessibleName(tr("Available and installed models"));
    m_download = new QPushButton(tr("Download"));
    m_download->setToolTip(tr("Fetch the selected model; an interrupted download resumes, and the file is checked before use"));
    m_cancel = new QPushButton(tr("Cancel download"));
    m_cancel->setEnabled(false);
    auto* import = new QPushButton(tr("Import file…"));
    import->setToolTip(tr("Use a model file you already have: it is recognised by its checksum and copied into place"));
    auto* remove = new QPushButton(tr("Remove"));
    auto* useClip = new QPushButton(tr("Use as CLIP"));
    useClip->setToolTip(tr("Generate and search with this CLIP model"));
    auto* useVqgan = new QPushButton(tr("Use as VQGAN"));
    useVqgan->setToolTip(tr("Generate with this VQGAN"));
    m_progress = new QProgressBar;
    m_progress->setVisible(false);
    m_status = new QLabel(tr("Pictor never downloads anything unless you ask. Models go to %1.")
                              .arg(QDir::toNativeSeparators(QString::fromStdString(ModelManager::defaultModelsDir()))));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // a long message wraps; it never widens the dialog
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_download, m_cancel, import, remove, useClip, useVqgan}) buttons->addWidget(b);
    buttons->addStretch();
    auto* close = new QPushButton(tr("Close"));
    buttons->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_download, &QPushButton::clicked, this, [this] {
        const int row = currentModel();
        if (row < 0) return;
        const RegistryModel& m = m_manager->models()[std::size_t(row)];
        if (QMessageBox::question(this, tr("Download"), tr("Download %1? This is about %2 and goes to %3.")
                                                           .arg(QString::fromStdString(m.name), sizeText(m.approximateBytes),
                                                                QDir::toNativeSeparators(QString::fromStdString(m_manager->folderFor(m))))) ==
            QMessageBox::Yes)
            downloadRow(row);
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] { cancelRow(currentModel()); });
    connect(import, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Import a model file"), QString(), tr("Model files (*.pt *.ckpt *.yaml *.gz *.safetensors)"));
        if (file.isEmpty()) return;
        try {
            m_status->setText(tr("Imported %1").arg(QString::fromStdString(m_manager->importFile(file.toStdString()))));
        } catch (const std::exception& e) {
            m_status->setText(QString::fromStdString(e.what()));
        }
        refresh();
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = currentModel();
        if (row < 0) return;
        try {
            m_manager->remove(m_manager->models()[std::size_t(row)]);
        } catch (const std::exception& e) {
            m_status->setText(QString::fromStdString(e.what()));
        }
        refresh();
    });
    connect(useClip, &QPushButton::clicked, this, [this] { choose(true); });
    connect(useVqgan, &QPushButton::clicked, this, [this] { choose(false); });
    refresh();
}

ModelsDialog::~ModelsDialog()
{
    m_cancelFlag = true;
    if (m_worker.joinable()) m_worker.join();
}

int ModelsDialog::currentModel() const { return m_table->currentRow(); }

void ModelsDialog::refresh()
{
    m_table->setRowCount(int(m_manager->models().size()));
    for (int r = 0; r < int(m_manager->models().size()); ++r) {
        const RegistryModel& m = m_manager->models()[std::size_t(r)];
        const ModelState s = m_manager->state(m);
        const QString state = r == m_running       ? tr("downloading")
                              : m_queue.contains(r) ? tr("queued")
                              : m.bundled           ? tr("bundled")
                              : s.installed         ? tr("installed")
                              : s.missing.size() < m.files.size() ? tr("partly installed")
                                                                  : QString();
        const QString languages = m.multilingual ? tr(" · understands Korean") : QString();
        const QStringList cells{QString::fromStdString(m.name) + (m.recommended ? tr(" (recommended)") : QString()) + languages,
                                QString::fromStdString(m.kind),
                                m.bundled ? tr("bundled") : sizeText(m.approximateBytes), state,
                                QString::fromStdString(m.architecture) + (m.licence.empty() ? QString() : " · " + QString::fromStdString(m.licence))};
        for (int c = 0; c < cells.size(); ++c) m_table->setItem(r, c, new QTableWidgetItem(cells[c]));
    }
    // Sized once, with room for the longest state: a refresh after a download keeps the layout.
    if (m_sized) return;
    m_sized = true;
    m_table->resizeColumnsToContents();
    const int stateWidth = m_table->fontMetrics().horizontalAdvance(tr("partly installed")) + 24;
    m_table->setColumnWidth(3, std::max(m_table->columnWidth(3), stateWidth));
}

void ModelsDialog::downloadRow(int row)
{
    if (row < 0 || row >= int(m_manager->models().size()) || row == m_running || m_queue.contains(row)) return;
    m_queue.push_back(row);
    m_cancel->setEnabled(true);
    if (m_running < 0) startNext();
    else refresh();
}

void ModelsDialog::cancelRow(int row)
{
    if (row == m_running) m_cancelFlag = true;
    else if (m_queue.removeAll(row)) refresh();
}

void ModelsDialog::startNext()
{
    if (m_queue.isEmpty()) {
        m_cancel->setEnabled(false);
        return;
    }
    const int row = m_queue.takeFirst();
    m_running = row;
    const RegistryModel model = m_manager->models()[std::size_t(row)];
    m_cancelFlag = false;
    m_progress->setVisible(true);
    m_progress->setRange(0, 0);
    m_status->setText(tr("Downloading %1…").arg(QString::fromStdString(model.name)));
    ModelManager* manager = m_manager.get();
    m_worker = std::thread([this, manager, model] {
        QString error, offlineHost;
        try {
            manager->download(model, [this](const DownloadProgress& p) {
                QMetaObject::invokeMethod(this, [this, p] {
                    if (p.total > 0) {
                        m_progress->setRange(0, 1000);
                        m_progress->setValue(int(1000 * p.received / p.total));
                    }
                    m_status->setText(tr("%1: %2 of %3 · %4 MiB/s · %5 left")
                                          .arg(QString::fromStdString(p.file), sizeText(p.received), sizeText(p.total))
                                          .arg(p.bytesPerSecond / 1048576.0, 0, 'f', 1)
                                          .arg(p.etaSeconds >= 0 ? tr("%1 s").arg(int(p.etaSeconds)) : tr("unknown time")));
                }, Qt::QueuedConnection);
            }, &m_cancelFlag);
        } catch (const OfflineError& e) {
            error = QString::fromStdString(e.what());
            offlineHost = QString::fromStdString(e.host());
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(this, [this, error, offlineHost, model, name = QString::fromStdString(model.name)] {
            if (m_worker.joinable()) m_worker.join();
            m_running = -1;
            m_progress->setVisible(false);
            m_status->setText(error.isEmpty() ? tr("%1 is installed.").arg(name) : error);
            if (!offlineHost.isEmpty()) {
                m_status->setText(tr("%1 was not downloaded: this computer seems to be offline (%2 cannot be reached).").arg(name, offlineHost));
                // The rest of the queue would fail the same way.
                m_queue.clear();
                auto* help = new OfflineHelp(this, *m_manager, {model}, offlineHost, [this](const QString& outcome) {
                    m_status->setText(outcome);
                    refresh();
                });
                help->open();
            }
            refresh();
            Q_EMIT downloadFinished(name, error);
            startNext();
        }, Qt::QueuedConnection);
    });
}

bool useInstalledModel(const ModelManager& manager, const RegistryModel& model)
{
    QSettings store;
    const QString file = QString::fromStdString(manager.weightsFile(model));
    if (model.kind != "clip") {
        store.setValue("models/vqgan", file);
        return true;
    }
    store.setValue("models/clip", file);
    if (model.tokenizer.empty()) return true;
    const RegistryModel& tok = manager.find(model.tokenizer);
    const bool installed = manager.state(tok).installed;
    store.setValue("models/tokenizer", installed ? QString::fromStdString(manager.weightsFile(tok)) : QString());
    return installed;
}

void ModelsDialog::choose(bool clip)
{
    const int row = currentModel();
    if (row < 0) return;
    const RegistryModel& m = m_manager->models()[std::size_t(row)];
    QSettings store;
    if (m.bundled) {
        store.remove("models");
    } else {
        const ModelState s = m_manager->state(m);
        if (!s.installed) {
            m_status->setText(tr("Download or import %1 first.").arg(QString::fromStdString(m.name)));
            return;
        }
        if (clip != (m.kind == "clip")) {
            m_status->setText(clip ? tr("%1 is not a CLIP model.").arg(QString::fromStdString(m.name))
                                   : tr("%1 is not a VQGAN model.").arg(QString::fromStdString(m.name)));
            return;
        }
        if (!useInstalledModel(*m_manager, m))
            m_status->setText(tr("%1 also needs %2: download it too.").arg(QString::fromStdString(m.name), QString::fromStdString(m.tokenizer)));
    }
    Q_EMIT modelsChosen();
}

} // namespace pictor::ui
