#pragma once
// What the window says when a download finds the computer offline: in plain words, naming the host it
// could not reach, with the files the model needs (name and SHA-256) and an "Import file…" button, so
// that a copy fetched on another computer can be brought in.
#include <QMessageBox>

#include <functional>
#include <vector>

namespace pictor {
class ModelManager;
struct RegistryModel;
}

namespace pictor::ui {

class OfflineHelp : public QMessageBox {
    Q_OBJECT
public:
    /// `models`: what was being downloaded (their files still missing are listed). Shown without blocking;
    /// deletes itself when closed. `imported` runs after files were imported, with what happened.
    OfflineHelp(QWidget* parent, ModelManager& manager, const std::vector<RegistryModel>& models, const QString& host,
                std::function<void(const QString& outcome)> imported);

    /// The files listed: "name · SHA-256 …" per missing file.
    QStringList listedFiles() const { return m_files; }
    /// Imports files (what the button does after its file dialog); returns what happened, one line per file.
    QString importFiles(const QStringList& paths);

private:
    ModelManager& m_manager;
    QStringList m_files;
    std::function<void(const QString&)> m_imported;
};

} // namespace pictor::ui
