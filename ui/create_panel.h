#pragma once
// The Create workspace: prompts, settings, the live picture, progress, steering, saving and the
// strip of recent runs.
#include "generation_controller.h"

#include <QElapsedTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSettings;
class QTimer;

namespace pictor::ui {

class PreviewView;
class DemoModelBar;
class PromptEditor;
class SettingsPanel;

class CreatePanel : public QWidget {
    Q_OBJECT
public:
    explicit CreatePanel(GenerationController* controller, QWidget* parent = nullptr);

    PromptEditor* promptEditor() const { return m_prompt; }
    SettingsPanel* settingsPanel() const { return m_settings; }
    /// While the demo model is loaded, the Preset box offers (and shows) its settings, the prompt's
    /// placeholder and suggestions are in its words, words it never learned are underlined, and
    /// Start with an empty prompt runs its first example. Otherwise real-world examples.
    void setDemoModel(bool demo);
    QStringList examplePrompts() const { return m_examples; }
    QString currentPreset() const;
    PreviewView* preview() const { return m_preview; }
    QPushButton* startButton() const { return m_start; }
    QPushButton* pauseButton() const { return m_pause; }
    QPushButton* stopButton() const { return m_stop; }
    QLabel* errorLabel() const { return m_error; }
    QListWidget* historyStrip() const { return m_history; }

    /// Everything the widgets say, prompts included.
    GenerationSettings currentSettings() const;
    /// Puts settings (from a saved picture, a history item...) into the widgets.
    void showSettings(const GenerationSettings& s);
    void setInitImage(const QString& path);
    void addImagePrompt(const QString& path);

    void saveState(QSettings& store) const;
    void restoreState(QSettings& store);
    /// The folder finished runs are saved in automatically.
    static QString autosaveFolder();
    /// Window title text while running ("42% · step 21/50 · ETA 0:12"), empty when idle.
    QString progressTitle() const { return m_titleText; }

public Q_SLOTS:
    void start();
    void togglePause();
    void stop();
    void continueRun();
    bool saveAs(const QString& path = {});
    bool exportTimelapse(const QString& path = {});
    /// Offers what to do with a dropped picture (settings, init image, or both).
    void handleDroppedPicture(const QString& path);

    DemoModelBar* demoModelBar() const { return m_demoBar; }

Q_SIGNALS:
    void titleChanged(const QString& text);
    void statusMessage(const QString& text);
    /// Models downloaded from the demo bar are now the chosen ones (QSettings models/*).
    void modelsInstalled();

private:
    void onFrame(const QImage& image, const FrameInfo& info);
    void showProgress();
    void onState(GenerationController::State state);
    void onFinished(const QImage& image, bool stopped, double similarity);
    void onFailed(const QString& message);
    void validatePrompt();
    void rememberPrompt(const QString& prompt);
    void refreshSuggestions();
    void showLoading(const QString& stage, int percent);
    void addHistoryItem(const QString& path, const QImage& image);

    GenerationController* m_controller;
    PromptEditor* m_prompt;
    QLabel* m_promptProblems;
    QLineEdit* m_negative;
    QComboBox* m_recent;
    QListWidget* m_imagePrompts;
    QLineEdit* m_initImage;
    QComboBox* m_presets;
    SettingsPanel* m_settings;
    PreviewView* m_preview;
    QPushButton* m_start;
    QPushButton* m_pause;
    QPushButton* m_stop;
    QPushButton* m_continue;
    QProgressBar* m_progress;
    QLabel* m_stats;
    QLabel* m_error;
    QListWidget* m_history;
    QStringList m_promptHistory;
    QStringList m_examples; ///< the loaded model's example prompts, offered after the history
    DemoModelBar* m_demoBar;
    QElapsedTimer m_loadingClock;
    QString m_loadingStage;
    int m_loadingPercent = 0;
    bool m_demoModel = false;
    QList<QImage> m_frames; // for the time-lapse
    QString m_titleText;
    FrameInfo m_lastFrame; ///< the newest step shown (step 0 before the first)
    QTimer* m_steerTimer;
};

} // namespace pictor::ui
