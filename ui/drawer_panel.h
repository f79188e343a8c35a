#pragma once
// What the optimiser draws with (Pixray's drawers) and the style around it: the Drawer choice with
// each drawer's own settings (pixel grid and palette with swatches, strokes, Fourier), the style losses
// as sliders, seamless tiles, and which CLIP models judge (one, or an ensemble from what is installed).
#include <pictor/generation.h>

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSlider;
class QSpinBox;
class QStackedWidget;

namespace pictor::ui {

class DrawerPanel : public QWidget {
    Q_OBJECT
public:
    /// `registry` / `modelsDir`: where installed models are looked up for the ensembles (empty: the defaults).
    explicit DrawerPanel(QWidget* parent = nullptr, const QString& registry = {}, const QString& modelsDir = {});

    /// Writes the drawer, its settings, the losses, tile and CLIP weights into `s`.
    void applyTo(GenerationSettings& s) const;
    void showSettings(const GenerationSettings& s);
    /// The picture size asked for, so that the pixel grid's note can say what the drawer makes of it.
    void setPictureSize(int width, int height);

    QString drawer() const;
    void setDrawer(const QString& drawer);
    bool tiledPreview() const;
    /// The palette as typed or chosen ("" = none); invalid text gives "" and shows why.
    QString palette() const;
    /// Further CLIP files the judges choice adds to the chosen CLIP (Pixray's better = + ViT-B/16, best = + RN50).
    QStringList ensembleFiles() const;
    QComboBox* judgesBox() const { return m_judges; }
    QSlider* lossSlider(const QString& loss) const;

Q_SIGNALS:
    void lossWeightChanged(const QString& loss, double weight);
    void paletteChanged(const QString& palette);
    void tiledPreviewChanged(bool tiled);
    void drawerChanged(const QString& drawer);

private:
    /// The palette as chosen or typed, before it is checked.
    QString paletteSpec() const;
    void refreshPalette();
    void refreshGrid();
    void refreshJudges();

    QComboBox* m_drawer;
    QStackedWidget* m_pages;
    QSpinBox* m_columns;
    QSpinBox* m_rows;
    QCheckBox* m_autoGrid;
    QLabel* m_gridNote;
    int m_pictureWidth = 256, m_pictureHeight = 256;
    QComboBox* m_paletteBox;
    QLineEdit* m_customPalette;
    QLabel* m_swatches;
    QLabel* m_paletteProblem;
    QSpinBox* m_strokes;
    QDoubleSpinBox* m_strokeWidth;
    QComboBox* m_strokeStyle;
    QCheckBox* m_fourier;
    QMap<QString, QSlider*> m_losses;
    QCheckBox* m_tile;
    QCheckBox* m_tilePreview;
    QComboBox* m_judges;
    QString m_registry, m_modelsDir;
    QMap<QString, QString> m_installedClips; // registry name -> weights file
};

} // namespace pictor::ui
