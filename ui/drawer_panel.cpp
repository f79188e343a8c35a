#include "drawer_panel.h"

#include "widget_tip.h"

#include <pictor/model_manager.h>
#include <pictor/palette.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace pictor::ui {

namespace {

constexpr double kSliderScale = 10.0; // slider steps per unit of loss weight

/// The extra CLIPs of each judges choice (Pixray's quality: draft = ViT-B/32 alone, better + ViT-B/16, best + RN50).
QStringList ensembleNames(int quality)
{
    if (quality == 1) return {"ViT-B/16"};
    if (quality == 2) return {"ViT-B/16", "RN50"};
    return {};
}

} // namespace

DrawerPanel::DrawerPanel(QWidget* parent, const QString& registry, const QString& modelsDir)
    : QWidget(parent), m_registry(registry), m_modelsDir(modelsDir)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* box = new QGroupBox(tr("Drawer"), this);
    auto* form = new QFormLayout(box);
    m_drawer = tip(new QComboBox, tr("Drawer"),
                   tr("What the optimiser changes. VQGAN: a VQGAN latent (needs a VQGAN model). Pixel art: a grid of one-colour cells. "
                      "Strokes: coloured curves. Image: the picture itself. All but VQGAN need only a CLIP model."));
    m_drawer->addItem(tr("VQGAN"), QString("vqgan"));
    m_drawer->addItem(tr("Pixel art"), QString("pixel"));
    m_drawer->addItem(tr("Strokes"), QString("strokes"));
    m_drawer->addItem(tr("Image"), QString("image"));
    form->addRow(tr("Drawer"), m_drawer);

    m_pages = new QStackedWidget;
    auto* vqganPage = new QLabel(tr("A VQGAN latent, as in VQGAN+CLIP."));
    vqganPage->setWordWrap(true);
    m_pages->addWidget(vqganPage);

    auto* pixelPage = new QWidget;
    auto* pf = new QFormLayout(pixelPage);
    pf->setContentsMargins(0, 0, 0, 0);
    m_columns = tip(new QSpinBox, tr("Columns"), tr("Cells across. The picture is rounded down to whole cells."));
    m_rows = tip(new QSpinBox, tr("Rows"), tr("Cells down."));
    for (QSpinBox* s : {m_columns, m_rows}) s->setRange(1, 512);
    m_autoGrid = tip(new QCheckBox(tr("Fit")), tr("Fit the grid to the picture"),
                     tr("Square cells that divide the picture, about a sixteenth of its shorter side (64 × 64: 16 × 16 cells of 4 px)."));
    m_autoGrid->setChecked(true);
    auto* grid = new QHBoxLayout;
    grid->addWidget(m_columns);
    grid->addWidget(new QLabel(QStringLiteral("×")));
    grid->addWidget(m_rows);
    grid->addWidget(m_autoGrid);
    pf->addRow(tr("Grid"), grid);
    m_gridNote = new QLabel;
    m_gridNote->setObjectName("gridNote");
    m_gridNote->setWordWrap(true);
    pf->addRow(QString(), m_gridNote);
    connect(m_autoGrid, &QCheckBox::toggled, this, &DrawerPanel::refreshGrid);
    connect(m_columns, &QSpinBox::valueChanged, this, &DrawerPanel::refreshGrid);
    connect(m_rows, &QSpinBox::valueChanged, this, &DrawerPanel::refreshGrid);
    m_paletteBox = tip(new QComboBox, tr("Palette"), tr("Limit the cells to these colours (also what the palette loss pulls toward)."));
    m_paletteBox->addItem(tr("Any colour"), QString());
    for (const std::string& name : paletteNames()) m_paletteBox->addItem(QString::fromStdString(name), QString::fromStdString(name));
    m_paletteBox->addItem(tr("Custom…"), QString("custom"));
    pf->addRow(tr("Palette"), m_paletteBox);
    m_customPalette = tip(new QLineEdit, tr("Custom palette"), tr("Hex colours separated by commas or spaces, e.g. #ff004d, #29adff, #fff1e8."));
    m_customPalette->setPlaceholderText("#ff004d, #29adff, #fff1e8");
    m_customPalette->setVisible(false);
    pf->addRow(QString(), m_customPalette);
    m_swatches = tip(new QLabel, tr("Palette colours"), tr("The palette's colours."));
    pf->addRow(QString(), m_swatches);
    m_paletteProblem = new QLabel;
    m_paletteProblem->setObjectName("paletteProblem");
    m_paletteProblem->setWordWrap(true);
    m_paletteProblem->setStyleSheet("color: #b00020");
    m_paletteProblem->setVisible(false);
    pf->addRow(QString(), m_paletteProblem);
    m_pages->addWidget(pixelPage);

    auto* strokesPage = new QWidget;
    auto* sf = new QFormLayout(strokesPage);
    sf->setContentsMargins(0, 0, 0, 0);
    m_strokes = tip(new QSpinBox, tr("Strokes"), tr("How many curves make the picture. More draws more detail, more slowly."));
    m_strokes->setRange(1, 2000);
    m_strokes->setValue(40);
    sf->addRow(tr("Strokes"), m_strokes);
    m_strokeWidth = tip(new QDoubleSpinBox, tr("Stroke width"), tr("Starting width of each curve; the run may change it."));
    m_strokeWidth->setRange(0.5, 64);
    m_strokeWidth->setValue(4);
    m_strokeWidth->setSuffix(tr(" px"));
    sf->addRow(tr("Width"), m_strokeWidth);
    m_strokeStyle = tip(new QComboBox, tr("Stroke style"), tr("Colour: coloured curves on a coloured ground. Line: black lines on white, a sketch."));
    m_strokeStyle->addItem(tr("Colour"), QString("colour"));
    m_strokeStyle->addItem(tr("Line"), QString("line"));
    sf->addRow(tr("Style"), m_strokeStyle);
    m_pages->addWidget(strokesPage);

    auto* imagePage = new QWidget;
    auto* imf = new QFormLayout(imagePage);
    imf->setContentsMargins(0, 0, 0, 0);
    m_fourier = tip(new QCheckBox(tr("Fourier")), tr("Fourier"), tr("Change the picture's frequencies rather than its pixels: smoother, larger shapes."));
    imf->addRow(QString(), m_fourier);
    m_pages->addWidget(imagePage);
    form->addRow(m_pages);

    m_tile = tip(new QCheckBox(tr("Seamless tile")), tr("Seamless tile"), tr("The picture wraps around: it repeats without a visible seam, as wallpaper."));
    m_tilePreview = tip(new QCheckBox(tr("Preview 3×3")), tr("Preview tiled"), tr("Show the picture tiled 3×3 to check the seams."));
    auto* tileRow = new QHBoxLayout;
    tileRow->addWidget(m_tile);
    tileRow->addWidget(m_tilePreview);
    form->addRow(tr("Tile"), tileRow);

    m_judges = tip(new QComboBox, tr("Judges"),
                   tr("Which CLIP models judge each step. Several judge better pictures, each one more slowly. Offered from the models installed."));
    form->addRow(tr("Judges"), m_judges);
    layout->addWidget(box);

    auto* losses = new QGroupBox(tr("Style"), this);
    auto* lf = new QFormLayout(losses);
    struct LossRow {
        QString name, label, tooltip;
        int min, max;
    };
    const QList<LossRow> rows{
        {"symmetry", tr("Symmetry"), tr("Pull the picture toward its left-right mirror image (0: off). Applies while running."), 0, 200},
        {"palette", tr("Palette pull"), tr("Pull every colour toward the nearest palette colour (choose a palette first; 0: off). Applies while running."), 0, 200},
        {"saturation", tr("Saturation"), tr("Right: more colourful; left: greyer (0: off). Applies while running."), -100, 100},
        {"edges", tr("Plain border"), tr("Keep the border plain, one colour, so the subject stays inside (0: off). Applies while running."), 0, 200},
    };
    for (const LossRow& r : rows) {
        auto* slider = tip(new QSlider(Qt::Horizontal), r.label, r.tooltip);
        slider->setRange(r.min, r.max);
        auto* value = new QLabel("0");
        value->setMinimumWidth(32);
        auto* row = new QHBoxLayout;
        row->addWidget(slider, 1);
        row->addWidget(value);
        lf->addRow(r.label, row);
        m_losses.insert(r.name, slider);
        connect(slider, &QSlider::valueChanged, this, [this, value, name = r.name](int v) {
            value->setText(QString::number(v / kSliderScale));
            Q_EMIT lossWeightChanged(name, v / kSliderScale);
        });
    }
    layout->addWidget(losses);

    connect(m_drawer, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_pages->setCurrentIndex(i);
        // The stack as tall as the page shown, not as its tallest page.
        for (int p = 0; p < m_pages->count(); ++p)
            m_pages->widget(p)->setSizePolicy(QSizePolicy::Preferred, p == i ? QSizePolicy::Preferred : QSizePolicy::Ignored);
        m_pages->adjustSize();
        Q_EMIT drawerChanged(drawer());
    });
    connect(m_paletteBox, &QComboBox::currentIndexChanged, this, [this] {
        m_customPalette->setVisible(m_paletteBox->currentData().toString() == "custom");
        refreshPalette();
    });
    connect(m_customPalette, &QLineEdit::textChanged, this, &DrawerPanel::refreshPalette);
    connect(m_tilePreview, &QCheckBox::toggled, this, &DrawerPanel::tiledPreviewChanged);
    for (int p = 1; p < m_pages->count(); ++p) m_pages->widget(p)->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    refreshPalette();
    refreshJudges();
}

QString DrawerPanel::drawer() const { return m_drawer->currentData().toString(); }

void DrawerPanel::setDrawer(const QString& drawer) { m_drawer->setCurrentIndex(std::max(0, m_drawer->findData(drawer))); }

bool DrawerPanel::tiledPreview() const { return m_tilePreview->isChecked(); }

QSlider* DrawerPanel::lossSlider(const QString& loss) const { return m_losses.value(loss); }

QString DrawerPanel::paletteSpec() const
{
    const QString choice = m_paletteBox->currentData().toString();
    return choice == "custom" ? m_customPalette->text().trimmed() : choice;
}

QString DrawerPanel::palette() const
{
    const QString spec = paletteSpec();
    if (spec.isEmpty()) return {};
    try {
        parsePalette(spec.toStdString());
        return spec;
    } catch (const std::exception&) {
        return {};
    }
}

void DrawerPanel::refreshPalette()
{
    const QString spec = paletteSpec();
    std::vector<PaletteColour> colours;
    QString problem;
    if (!spec.isEmpty()) {
        try {
            colours = parsePalette(spec.toStdString());
        } catch (const std::exception& e) {
            problem = QString::fromStdString(e.what());
        }
    }
    m_paletteProblem->setText(problem);
    m_paletteProblem->setVisible(!problem.isEmpty());
    // Swatches: one square per colour, wrapped at 16.
    const int size = 14, perRow = 16;
    const int n = int(colours.size());
    if (n == 0) {
        m_swatches->clear();
        m_swatches->setVisible(false);
    } else {
        QPixmap strip(std::min(n, perRow) * (size + 2), ((n + perRow - 1) / perRow) * (size + 2));
        strip.fill(Qt::transparent);
        QPainter painter(&strip);
        QStringList names;
        for (int i = 0; i < n; ++i) {
            const QColor c(colours[std::size_t(i)][0], colours[std::size_t(i)][1], colours[std::size_t(i)][2]);
            painter.fillRect((i % perRow) * (size + 2), (i / perRow) * (size + 2), size, size, c);
            painter.setPen(QColor(0, 0, 0, 80));
            painter.drawRect((i % perRow) * (size + 2), (i / perRow) * (size + 2), size - 1, size - 1);
            names << QString::fromStdString(paletteHex(colours[std::size_t(i)]));
        }
        painter.end();
        m_swatches->setPixmap(strip);
        m_swatches->setToolTip(names.join(", "));
        m_swatches->setVisible(true);
    }
    m_losses.value("palette")->setEnabled(!colours.empty());
    Q_EMIT paletteChanged(colours.empty() ? QString() : spec); // what palette() gives, parsed once
}

void DrawerPanel::refreshJudges()
{
    m_installedClips.clear();
    try {
        ModelManager manager(m_registry.isEmpty() ? ModelManager::defaultRegistryPath() : m_registry.toStdString(),
                             m_modelsDir.isEmpty() ? ModelManager::defaultModelsDir() : m_modelsDir.toStdString());
        for (const RegistryModel& m : manager.models())
            if (m.kind == "clip" && manager.state(m).installed)
                m_installedClips.insert(QString::fromStdString(m.name), QString::fromStdString(manager.weightsFile(m)));
    } catch (const std::exception&) {
        // no registry: only the chosen CLIP judges
    }
    m_judges->clear();
    const QStringList labels{tr("Draft: the chosen CLIP"), tr("Better: + ViT-B/16"), tr("Best: + ViT-B/16 + RN50")};
    for (int q = 0; q < 3; ++q) {
        QStringList missing;
        for (const QString& name : ensembleNames(q))
            if (!m_installedClips.contains(name)) missing << name;
        m_judges->addItem(labels[q], q);
        if (!missing.isEmpty()) {
            m_judges->setItemData(q, tr("Install %1 in Models to use this.").arg(missing.join(", ")), Qt::ToolTipRole);
            m_judges->setItemData(q, 0, Qt::UserRole - 1); // disabled
        }
    }
}

QStringList DrawerPanel::ensembleFiles() const
{
    QStringList files;
    for (const QString& name : ensembleNames(m_judges->currentData().toInt()))
        if (m_installedClips.contains(name)) files << m_installedClips.value(name);
    return files;
}

void DrawerPanel::applyTo(GenerationSettings& s) const
{
    s.drawer = drawer().toStdString();
    s.pixelColumns = m_autoGrid->isChecked() ? 0 : m_columns->value();
    s.pixelRows = m_autoGrid->isChecked() ? 0 : m_rows->value();
    s.palette = palette().toStdString();
    s.strokes = m_strokes->value();
    s.strokeWidth = m_strokeWidth->value();
    s.strokeStyle = m_strokeStyle->currentData().toString().toStdString();
    s.fourier = m_fourier->isChecked();
    s.tile = m_tile->isChecked();
    s.symmetryWeight = m_losses.value("symmetry")->value() / kSliderScale;
    s.paletteWeight = s.palette.empty() ? 0 : m_losses.value("palette")->value() / kSliderScale;
    s.saturationWeight = m_losses.value("saturation")->value() / kSliderScale;
    s.edgesWeight = m_losses.value("edges")->value() / kSliderScale;
    s.clipWeights.clear(); // every judge counts the same, as in Pixray
}

void DrawerPanel::showSettings(const GenerationSettings& s)
{
    setDrawer(QString::fromStdString(s.drawer));
    m_autoGrid->setChecked(s.pixelColumns <= 0 && s.pixelRows <= 0);
    if (s.pixelColumns > 0) m_columns->setValue(s.pixelColumns);
    if (s.pixelRows > 0) m_rows->setValue(s.pixelRows);
    setPictureSize(s.width, s.height);
    const QString p = QString::fromStdString(s.palette);
    const int named = m_paletteBox->findData(p.toLower());
    if (p.isEmpty()) m_paletteBox->setCurrentIndex(0);
    else if (named >= 0) m_paletteBox->setCurrentIndex(named);
    else {
        m_paletteBox->setCurrentIndex(m_paletteBox->findData(QString("custom")));
        m_customPalette->setText(p);
    }
    m_strokes->setValue(s.strokes);
    m_strokeWidth->setValue(s.strokeWidth);
    m_strokeStyle->setCurrentIndex(std::max(0, m_strokeStyle->findData(QString::fromStdString(s.strokeStyle))));
    m_fourier->setChecked(s.fourier);
    m_tile->setChecked(s.tile);
    m_losses.value("symmetry")->setValue(int(std::lround(s.symmetryWeight * kSliderScale)));
    m_losses.value("palette")->setValue(int(std::lround(s.paletteWeight * kSliderScale)));
    m_losses.value("saturation")->setValue(int(std::lround(s.saturationWeight * kSliderScale)));
    m_losses.value("edges")->setValue(int(std::lround(s.edgesWeight * kSliderScale)));
}

void DrawerPanel::setPictureSize(int width, int height)
{
    m_pictureWidth = width;
    m_pictureHeight = height;
    refreshGrid();
}

void DrawerPanel::refreshGrid()
{
    // What the grid makes of the picture, shown before the run: the cells' size, and a changed picture size.
    m_columns->setEnabled(!m_autoGrid->isChecked());
    m_rows->setEnabled(!m_autoGrid->isChecked());
    GenerationSettings s;
    s.width = m_pictureWidth;
    s.height = m_pictureHeight;
    s.pixelColumns = m_autoGrid->isChecked() ? 0 : m_columns->value();
    s.pixelRows = m_autoGrid->isChecked() ? 0 : m_rows->value();
    try {
        const PixelGrid g = pixelGrid(s);
        if (g.automatic) {
            const QSignalBlocker blockColumns(m_columns), blockRows(m_rows);
            m_columns->setValue(g.columns);
            m_rows->setValue(g.rows);
        }
        QString text = g.cellWidth == g.cellHeight ? tr("Cells of %1 px").arg(g.cellWidth) : tr("Cells of %1 × %2 px (not square)").arg(g.cellWidth).arg(g.cellHeight);
        const bool resized = g.width != s.width || g.height != s.height;
        if (resized) text += tr("; the picture will be %1 × %2, not %3 × %4").arg(g.width).arg(g.height).arg(s.width).arg(s.height);
        m_gridNote->setText(text);
        m_gridNote->setStyleSheet(resized || g.cellWidth != g.cellHeight ? "color: #b06000" : QString());
    } catch (const std::exception& e) {
        m_gridNote->setText(QString::fromStdString(e.what()));
        m_gridNote->setStyleSheet("color: #b00020");
    }
}

} // namespace pictor::ui
