#pragma once
// Models ▸ Manage Models: the registry's models with size and state, one-click download with
// progress (after asking, with the size), cancel, import of files you have, remove, and the
// choice of the CLIP and VQGAN the window uses. Downloads run on a worker thread.
#include <QDialog>

#include <atomic>
#include <memory>
#include <thread>

class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace pictor {
class ModelManager;
struct RegistryModel;
}

namespace pictor::ui {

/// Makes an installed registry model the window's CLIP (with the tokenizer it names) or VQGAN, in
/// QSettings models/*. Returns false when a CLIP's tokenizer is not installed (then none is set).
bool useInstalledModel(const ModelManager& manager, const RegistryModel& model);

class ModelsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ModelsDialog(QWidget* parent = nullptr, const QString& registry = {}, const QString& modelsDir = {});
    ~ModelsDialog() override;

    QTableWidget* table() const { return m_table; }
    /// Queues the model on the given row for download (no question asked; the button asks first);
    /// downloads run one after another.
    void downloadRow(int row);
    /// Cancels that row's download: the running one stops (its partial file is kept), a queued one leaves the queue.
    void cancelRow(int row);
    bool isDownloading() const { return m_running >= 0; }
    QList<int> queuedRows() const { return m_queue; }

Q_SIGNALS:
    /// The user picked models for the window (QSettings models/* were updated).
    void modelsChosen();
    void downloadFinished(const QString& name, const QString& error);

private:
    void refresh();
    void startNext();
    void choose(bool clip);
    int currentModel() const;

    std::unique_ptr<ModelManager> m_manager;
    QTableWidget* m_table;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_download;
    QPushButton* m_cancel;
    std::thread m_worker;
    QList<int> m_queue;
    int m_running = -1;
    std::atomic<bool> m_cancelFlag{false};
    bool m_sized = false; ///< columns sized to their contents once
};

} // namespace pictor::ui
