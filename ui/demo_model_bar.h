#pragma once
// The quiet bar above the preview while the demo model is loaded: says what it can draw and offers
// the recommended models in one click (sizes and total shown, one progress bar over every file,
// cancellable; a cancelled or broken download resumes where it stopped), then switches to them.
// With a Korean system language it also offers the multilingual CLIP. Dismissable for good.
#include <QFrame>

#include <atomic>
#include <memory>
#include <thread>

class QLabel;
class QProgressBar;
class QPushButton;

namespace pictor {
class ModelManager;
}

namespace pictor::ui {

class DemoModelBar : public QFrame {
    Q_OBJECT
public:
    /// registry / modelsDir: empty for the model manager's defaults.
    explicit DemoModelBar(QWidget* parent = nullptr, const QString& registry = {}, const QString& modelsDir = {});
    ~DemoModelBar() override;

    /// Shown while the demo model is the model, unless dismissed.
    void setDemoModel(bool demo);
    /// Asks (naming the models, their size and folder), then downloads them: what the buttons do.
    void askToGetRecommended(bool multilingual);
    /// Downloads the recommended set (multilingual: the one that understands Korean) without asking.
    void getRecommended(bool multilingual);
    void cancel();
    void dismiss();
    bool isDownloading() const { return m_worker.joinable(); }
    QStringList offeredModels(bool multilingual) const;

Q_SIGNALS:
    /// The downloaded models are now the window's (QSettings models/* point at them).
    void modelsReady();

private:
    void finish(const QString& error, const QString& offlineHost, bool cancelled, const QStringList& names);

    std::unique_ptr<ModelManager> m_manager;
    QLabel* m_text;
    QLabel* m_status;
    QProgressBar* m_progress;
    QPushButton* m_get;
    QPushButton* m_getKorean;
    QPushButton* m_cancel;
    std::thread m_worker;
    std::atomic<bool> m_cancelFlag{false};
};

} // namespace pictor::ui
