#include "offline_help.h"

#include <pictor/model_manager.h>

#include <QFileDialog>
#include <QPushButton>

namespace pictor::ui {

OfflineHelp::OfflineHelp(QWidget* parent, ModelManager& manager, const std::vector<RegistryModel>& models, const QString& host,
                         std::function<void(const QString&)> imported)
    : QMessageBox(parent), m_manager(manager), m_imported(std::move(imported))
{
    setObjectName("offlineHelp");
    setAttribute(Qt::WA_DeleteOnClose);
    setIcon(QMessageBox::Information);
    setWindowTitle(tr("No connection"));
    setText(tr("This computer seems to be offline: %1 cannot be reached.").arg(host));
    for (const RegistryModel& m : models) {
        const ModelState state = manager.state(m);
        for (const RegistryFile& f : m.files)
            if (std::find(state.missing.begin(), state.missing.end(), f.file) != state.missing.end())
                m_files << (f.sha256.empty() ? QString::fromStdString(f.file) : tr("%1 · SHA-256 %2").arg(QString::fromStdString(f.file), QString::fromStdString(f.sha256)));
    }
    setInformativeText(tr("Connect to the internet and try again: what was downloaded is kept. Or download the files on another "
                          "computer and bring them in with Import file…; Pictor recognises them by their checksum.") +
                       (m_files.isEmpty() ? QString() : "\n\n" + m_files.join("\n")));
    setTextInteractionFlags(Qt::TextSelectableByMouse); // the checksums can be copied
    QPushButton* import = addButton(tr("Import file…"), QMessageBox::ActionRole);
    import->setObjectName("importFile");
    addButton(QMessageBox::Close);
    connect(this, &QMessageBox::buttonClicked, this, [this, import](QAbstractButton* b) {
        if (b != import) return;
        const QStringList paths = QFileDialog::getOpenFileNames(parentWidget(), tr("Import model files"), QString(),
                                                                tr("Model files (*.pt *.ckpt *.yaml *.gz *.safetensors *.model *.bin);;All files (*)"));
        if (!paths.isEmpty()) importFiles(paths);
    });
}

QString OfflineHelp::importFiles(const QStringList& paths)
{
    QStringList lines;
    for (const QString& p : paths) {
        try {
            lines << tr("Imported %1").arg(QString::fromStdString(m_manager.importFile(p.toStdString())));
        } catch (const std::exception& e) {
            lines << QString::fromStdString(e.what());
        }
    }
    const QString outcome = lines.join("\n");
    if (m_imported) m_imported(outcome);
    return outcome;
}

} // namespace pictor::ui
