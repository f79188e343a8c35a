#pragma once
// Every engine setting as a widget, grouped, with tooltips; built-in presets (Draft / Normal /
// Best, tuned for CPU speed) and the user's own presets.
#include <pictor/generation.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSettings;
class QSpinBox;

namespace pictor::ui {

class DrawerPanel;

class SettingsPanel : public QWidget {
    Q_OBJECT
public:
    explicit SettingsPanel(QWidget* parent = nullptr);

    /// The settings the widgets show (prompts excluded).
    GenerationSettings settings() const;
    void setSettings(const GenerationSettings& s);
    bool seedLocked() const;
    /// Shows the seed a run uses (picked at random when unlocked), so that the picture can be repeated;
    /// the lock stays as the user set it.
    void showSeed(int64_t seed);
    /// The drawer, its settings, the style losses, tile and judges (the first group).
    DrawerPanel* drawerPanel() const { return m_drawer; }
    /// Best-of-N: seeds to try before the real run (1: off), and steps per trial.
    int bestOfCandidates() const;
    int bestOfSteps() const;

    static QStringList builtInPresets();
    QStringList presetNames() const; ///< the demo model's (while it is loaded), built-in, then the user's
    void applyPreset(const QString& name);
    /// "Demo model": the settings that suit the bundled demo model, offered while it is the model.
    static QString demoPresetName();
    void setDemoPresetAvailable(bool available) { m_demoPreset = available; }
    void saveUserPreset(const QString& name, QSettings& store);
    void loadUserPresets(QSettings& store);
    void save(QSettings& store) const;
    void load(QSettings& store);

Q_SIGNALS:
    void learningRateChanged(double lr);
    void cutoutsChanged(int cutn);

private:
    DrawerPanel* m_drawer;
    QSpinBox* m_width;
    QSpinBox* m_height;
    QSpinBox* m_steps;
    QSpinBox* m_seed;
    QCheckBox* m_lockSeed;
    QSpinBox* m_bestOf;
    QSpinBox* m_bestOfSteps;
    QDoubleSpinBox* m_lr;
    QSpinBox* m_cutn;
    QComboBox* m_cutMethod;
    QDoubleSpinBox* m_cutPow;
    QComboBox* m_optimizer;
    QList<QCheckBox*> m_augments;
    QSpinBox* m_storyEvery;
    QDoubleSpinBox* m_initWeight;
    QDoubleSpinBox* m_smoothness;
    QSpinBox* m_coarseSteps;
    QSpinBox* m_settleStep;
    QSpinBox* m_coarseLevels;
    QComboBox* m_start;
    QString m_startBefore; // the start the other fields were last set for (its data)
    QCheckBox* m_bf16;
    QComboBox* m_device;
    QMap<QString, QString> m_userPresets; // name -> JSON
    bool m_demoPreset = false;
};

} // namespace pictor::ui
