#include "settings_panel.h"

#include "drawer_panel.h"
#include "widget_tip.h"

#include <pictor/demo_model.h>
#include <pictor/device.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

void pictorInitResources();

namespace pictor::ui {

namespace {

const char* const kAugmentCodes[] = {"Af", "Pe", "Ro", "Hf", "Ji", "Er", "Gn"};

QJsonObject builtInPresetTable()
{
    QFile f(":/pictor/presets/presets.json");
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

} // namespace

SettingsPanel::SettingsPanel(QWidget* parent) : QWidget(parent)
{
    pictorInitResources();
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_drawer = new DrawerPanel(this);
    layout->addWidget(m_drawer);

    auto* picture = new QGroupBox(tr("Picture"), this);
    auto* pf = new QFormLayout(picture);
    m_width = tip(new QSpinBox, tr("Width"), tr("Width in pixels; rounded down to the VQGAN's cell size (8 or 16 px). Larger is slower."));
    m_height = tip(new QSpinBox, tr("Height"), tr("Height in pixels; rounded down to the VQGAN's cell size."));
    for (QSpinBox* s : {m_width, m_height}) {
        s->setRange(16, 2048);
        s->setSingleStep(16);
        s->setSuffix(tr(" px"));
    }
    auto* size = new QHBoxLayout;
    size->addWidget(m_width);
    size->addWidget(m_height);
    pf->addRow(tr("Size"), size);
    m_steps = tip(new QSpinBox, tr("Steps"), tr("How many optimisation steps. 0 runs until you press Stop."));
    m_steps->setRange(0, 100000);
    m_steps->setSpecialValueText(tr("Until stopped"));
    pf->addRow(tr("Steps"), m_steps);
    m_seed = tip(new QSpinBox, tr("Seed"), tr("The random seed: the same seed and settings give the same picture."));
    m_seed->setRange(0, std::numeric_limits<int>::max());
    m_lockSeed = tip(new QCheckBox(tr("Lock")), tr("Lock seed"), tr("Keep this seed for the next run; unlocked, every run picks a new one."));
    auto* dice = tip(new QPushButton(tr("Randomise")), tr("Randomise seed"), tr("Pick a new random seed now."));
    connect(dice, &QPushButton::clicked, this, [this] { m_seed->setValue(int(QRandomGenerator::global()->bounded(std::numeric_limits<int>::max()))); });
    auto* seedRow = new QHBoxLayout;
    seedRow->addWidget(m_seed, 1);
    seedRow->addWidget(m_lockSeed);
    seedRow->addWidget(dice);
    pf->addRow(tr("Seed"), seedRow);
    m_bestOf = tip(new QSpinBox, tr("Best of"), tr("Try this many seeds for a few steps first and continue the one CLIP scores highest (1: off)."));
    m_bestOf->setRange(1, 16);
    m_bestOfSteps = tip(new QSpinBox, tr("Trial steps"), tr("Steps each Best-of-N candidate runs before they are compared."));
    m_bestOfSteps->setRange(1, 200);
    m_bestOfSteps->setValue(20);
    m_bestOfSteps->setSuffix(tr(" steps each"));
    auto* bestRow = new QHBoxLayout;
    bestRow->addWidget(m_bestOf);
    bestRow->addWidget(m_bestOfSteps, 1);
    pf->addRow(tr("Best of"), bestRow);
    layout->addWidget(picture);

    auto* optim = new QGroupBox(tr("Optimisation"), this);
    auto* of = new QFormLayout(optim);
    m_lr = tip(new QDoubleSpinBox, tr("Learning rate"), tr("Step size. Higher changes the picture faster but less carefully. Applies while running."));
    m_lr->setRange(0.001, 5.0);
    m_lr->setDecimals(3);
    m_lr->setSingleStep(0.01);
    of->addRow(tr("Learning rate"), m_lr);
    m_optimizer = tip(new QComboBox, tr("Optimizer"), tr("The optimiser moving the VQGAN latent. Adam is the reference's default."));
    m_optimizer->addItems({"Adam", "AdamW", "Adagrad", "RMSprop", "SGD"});
    of->addRow(tr("Optimizer"), m_optimizer);
    m_initWeight = tip(new QDoubleSpinBox, tr("Init weight"), tr("How strongly to stay close to the init image (0: free)."));
    m_initWeight->setRange(0, 10);
    m_initWeight->setSingleStep(0.1);
    of->addRow(tr("Init weight"), m_initWeight);
    m_smoothness = tip(new QDoubleSpinBox, tr("Smoothness"), tr("Penalise busy pictures: higher gives fewer, larger shapes (0: off)."));
    m_smoothness->setRange(0, 20);
    m_smoothness->setSingleStep(0.5);
    of->addRow(tr("Smoothness"), m_smoothness);
    m_coarseSteps = tip(new QSpinBox, tr("Coarse steps"), tr("Shape a half-resolution picture for the first N steps, then refine it at full size (0: off)."));
    m_coarseSteps->setRange(0, 10000);
    of->addRow(tr("Coarse steps"), m_coarseSteps);
    m_coarseLevels = tip(new QSpinBox, tr("Coarse levels"),
                         tr("How many times the coarse stage halves the picture's grid: 2 lays out a quarter-resolution picture, then a "
                            "half-resolution one, each for half the coarse steps."));
    m_coarseLevels->setRange(1, 3);
    of->addRow(tr("Coarse levels"), m_coarseLevels);
    m_settleStep = tip(new QSpinBox, tr("Settle at step"),
                       tr("At this step the picture settles into one shape: where its main colour lies, CLIP picks one plain outline "
                          "and both colours, and the rest of the run refines it (0: off)."));
    m_settleStep->setRange(0, 10000);
    of->addRow(tr("Settle at step"), m_settleStep);
    m_start = tip(new QComboBox, tr("Start"),
                  tr("What the run starts from when there is no init image. One shape: a plain disc, square, triangle, star or ring in "
                     "the outline and colours CLIP picks for the prompt, refined by the run instead of a collage carved from random codes."));
    m_start->addItem(tr("Random codes"), QString());
    m_start->addItem(tr("Pixel noise"), QString("pixels"));
    m_start->addItem(tr("Gradient"), QString("gradient"));
    m_start->addItem(tr("One shape"), QString("shape"));
    of->addRow(tr("Start"), m_start);
    // The demo model's steps, init weight, coarse stage and settle step suit its start: the one shape's weight keeps the
    // run near it, and would hold a noise start at the noise, where a coarse stage lays out the colours and the picture
    // then settles into one shape. A start chosen
    // by hand (activated) brings the fields that suit it, unless the user changed them from what suited the last one.
    connect(m_start, &QComboBox::activated, this, [this] {
        GenerationSettings now = settings();
        GenerationSettings before = now;
        before.initNoise = m_startBefore.toStdString();
        const GenerationSettings was = demoStartSettings(before);
        m_startBefore = m_start->currentData().toString();
        if (was.steps != now.steps || was.initWeight != now.initWeight || was.coarseSteps != now.coarseSteps || was.coarseLevels != now.coarseLevels ||
            was.settleStep != now.settleStep)
            return;
        const GenerationSettings next = demoStartSettings(now);
        m_steps->setValue(next.steps);
        m_initWeight->setValue(next.initWeight);
        m_coarseSteps->setValue(next.coarseSteps);
        m_coarseLevels->setValue(next.coarseLevels);
        m_settleStep->setValue(next.settleStep);
    });
    m_storyEvery = tip(new QSpinBox, tr("Story every"), tr("With phrases separated by ^ in the prompt: move to the next phrase every N steps (0: off)."));
    m_storyEvery->setRange(0, 10000);
    of->addRow(tr("Story every"), m_storyEvery);
    m_bf16 = tip(new QCheckBox(tr("Use bf16 where the CPU supports it")), tr("bf16"),
                 tr("About twice as fast on CPUs with bf16 instructions, with a tiny change in the numbers."));
    m_bf16->setChecked(true);
    of->addRow(QString(), m_bf16);
    m_device = tip(new QComboBox, tr("Device"),
                   tr("Where runs compute. Automatic takes the first NVIDIA GPU when Pictor was built with CUDA and sees one, else the CPU; "
                      "the status bar says which device a run uses."));
    m_device->addItem(tr("Automatic"), QString("auto"));
    for (const ComputeDevice& d : computeDevices())
        m_device->addItem(d.id == "cpu" ? tr("CPU (%1)").arg(QString::fromStdString(d.name))
                                        : tr("GPU %1 (%2, %3 GiB)").arg(QString::fromStdString(d.id), QString::fromStdString(d.name))
                                              .arg(double(d.memoryBytes) / double(1LL << 30), 0, 'f', 1),
                          QString::fromStdString(d.id));
    of->addRow(tr("Device"), m_device);
    layout->addWidget(optim);

    auto* cuts = new QGroupBox(tr("Cutouts"), this);
    auto* cf = new QFormLayout(cuts);
    m_cutn = tip(new QSpinBox, tr("Cutouts"), tr("How many views of the picture CLIP judges each step. More is steadier and slower. Applies while running."));
    m_cutn->setRange(1, 256);
    cf->addRow(tr("Cutouts"), m_cutn);
    m_cutMethod = tip(new QComboBox, tr("Cut method"), tr("latest: the whole picture with augmentations (default). original: random crops (the first notebook)."));
    m_cutMethod->addItems({"latest", "original"});
    cf->addRow(tr("Method"), m_cutMethod);
    m_cutPow = tip(new QDoubleSpinBox, tr("Cut power"), tr("For random crops: above 1 favours small crops, below 1 large ones."));
    m_cutPow->setRange(0.1, 5.0);
    m_cutPow->setSingleStep(0.1);
    cf->addRow(tr("Cut power"), m_cutPow);
    auto* augRow = new QHBoxLayout;
    const QStringList augTips{tr("Affine: rotate, shift, shear"), tr("Perspective"), tr("Rotation"), tr("Horizontal flip"),
                              tr("Colour jitter"), tr("Erasing: blank a patch"), tr("Gaussian noise")};
    for (int i = 0; i < 7; ++i) {
        auto* box = tip(new QCheckBox(kAugmentCodes[i]), augTips[i], augTips[i]);
        m_augments << box;
        augRow->addWidget(box);
    }
    cf->addRow(tr("Augment"), augRow);
    layout->addWidget(cuts);
    layout->addStretch();

    connect(m_lr, &QDoubleSpinBox::valueChanged, this, &SettingsPanel::learningRateChanged);
    for (QSpinBox* side : {m_width, m_height})
        connect(side, &QSpinBox::valueChanged, this, [this] { m_drawer->setPictureSize(m_width->value(), m_height->value()); });
    connect(m_cutn, &QSpinBox::valueChanged, this, &SettingsPanel::cutoutsChanged);
    applyPreset("Draft");
}

GenerationSettings SettingsPanel::settings() const
{
    GenerationSettings s;
    s.width = m_width->value();
    s.height = m_height->value();
    s.steps = m_steps->value();
    s.seed = m_lockSeed->isChecked() ? m_seed->value() : -1;
    s.learningRate = m_lr->value();
    s.optimizer = m_optimizer->currentText().toStdString();
    s.initWeight = m_initWeight->value();
    s.smoothness = m_smoothness->value();
    s.coarseSteps = m_coarseSteps->value();
    s.coarseLevels = m_coarseLevels->value();
    s.settleStep = m_settleStep->value();
    s.initNoise = m_start->currentData().toString().toStdString();
    s.storyEvery = m_storyEvery->value();
    s.bf16 = m_bf16->isChecked();
    s.device = m_device->currentData().toString().toStdString();
    s.cutn = m_cutn->value();
    s.cutMethod = m_cutMethod->currentText().toStdString();
    s.cutPow = m_cutPow->value();
    s.augments.clear();
    for (QCheckBox* b : m_augments)
        if (b->isChecked()) s.augments.push_back(b->text().toStdString());
    m_drawer->applyTo(s);
    return s;
}

bool SettingsPanel::seedLocked() const { return m_lockSeed->isChecked(); }

void SettingsPanel::showSeed(int64_t seed)
{
    if (seed >= 0) m_seed->setValue(int(std::min<int64_t>(seed, std::numeric_limits<int>::max())));
}

void SettingsPanel::setSettings(const GenerationSettings& s)
{
    m_width->setValue(s.width);
    m_height->setValue(s.height);
    m_steps->setValue(s.steps);
    if (s.seed >= 0) {
        m_seed->setValue(int(std::min<int64_t>(s.seed, std::numeric_limits<int>::max())));
        m_lockSeed->setChecked(true);
    }
    m_lr->setValue(s.learningRate);
    m_optimizer->setCurrentText(QString::fromStdString(s.optimizer));
    m_initWeight->setValue(s.initWeight);
    m_smoothness->setValue(s.smoothness);
    m_coarseSteps->setValue(s.coarseSteps);
    m_coarseLevels->setValue(s.coarseLevels);
    m_settleStep->setValue(s.settleStep);
    m_start->setCurrentIndex(std::max(0, m_start->findData(QString::fromStdString(s.initNoise))));
    m_startBefore = m_start->currentData().toString();
    m_storyEvery->setValue(s.storyEvery);
    m_bf16->setChecked(s.bf16);
    m_cutn->setValue(s.cutn);
    m_cutMethod->setCurrentText(QString::fromStdString(s.cutMethod));
    m_cutPow->setValue(s.cutPow);
    for (QCheckBox* b : m_augments)
        b->setChecked(std::find(s.augments.begin(), s.augments.end(), b->text().toStdString()) != s.augments.end());
    m_drawer->showSettings(s);
}

QStringList SettingsPanel::builtInPresets() { return {"Draft", "Normal", "Best"}; }

QString SettingsPanel::demoPresetName() { return tr("Demo model"); }

QStringList SettingsPanel::presetNames() const
{
    QStringList names = m_demoPreset ? QStringList{demoPresetName()} : QStringList{};
    names += builtInPresets();
    names += m_userPresets.keys();
    return names;
}

void SettingsPanel::applyPreset(const QString& name)
{
    if (name == demoPresetName()) {
        setSettings(demoModelSettings(settings()));
        return;
    }
    if (m_userPresets.contains(name)) {
        GenerationSettings s = GenerationSettings::fromJson(m_userPresets.value(name).toStdString());
        setSettings(s);
        return;
    }
    const QJsonObject p = builtInPresetTable().value(name).toObject();
    if (p.isEmpty()) return;
    GenerationSettings s = settings();
    QJsonObject full = QJsonDocument::fromJson(QByteArray::fromStdString(s.toJson())).object();
    for (auto it = p.begin(); it != p.end(); ++it) full.insert(it.key(), it.value());
    s = GenerationSettings::fromJson(QJsonDocument(full).toJson().toStdString());
    s.seed = m_lockSeed->isChecked() ? m_seed->value() : -1;
    const bool locked = m_lockSeed->isChecked();
    setSettings(s);
    m_lockSeed->setChecked(locked);
}

void SettingsPanel::saveUserPreset(const QString& name, QSettings& store)
{
    m_userPresets.insert(name, QString::fromStdString(settings().toJson()));
    store.setValue("presets/" + name, m_userPresets.value(name));
}

void SettingsPanel::loadUserPresets(QSettings& store)
{
    store.beginGroup("presets");
    for (const QString& key : store.childKeys()) m_userPresets.insert(key, store.value(key).toString());
    store.endGroup();
}

int SettingsPanel::bestOfCandidates() const { return m_bestOf->value(); }
int SettingsPanel::bestOfSteps() const { return m_bestOfSteps->value(); }

void SettingsPanel::save(QSettings& store) const
{
    store.setValue("create/bestOf", m_bestOf->value());
    store.setValue("create/bestOfSteps", m_bestOfSteps->value());
    store.setValue("create/settings", QString::fromStdString(settings().toJson()));
    store.setValue("create/seed", m_seed->value());
    store.setValue("create/seedLocked", m_lockSeed->isChecked());
    store.setValue("create/device", m_device->currentData().toString()); // the machine's choice, not the picture's: kept apart from the settings
}

void SettingsPanel::load(QSettings& store)
{
    const QString json = store.value("create/settings").toString();
    if (!json.isEmpty()) {
        try {
            setSettings(GenerationSettings::fromJson(json.toStdString()));
        } catch (const std::exception&) {
            // settings from another version: keep the defaults
        }
    }
    m_seed->setValue(store.value("create/seed", m_seed->value()).toInt());
    m_lockSeed->setChecked(store.value("create/seedLocked", false).toBool());
    m_bestOf->setValue(store.value("create/bestOf", 1).toInt());
    m_bestOfSteps->setValue(store.value("create/bestOfSteps", 20).toInt());
    // A device that is gone (the GPU was removed, or this build has no CUDA) falls back to Automatic.
    m_device->setCurrentIndex(std::max(0, m_device->findData(store.value("create/device", "auto").toString())));
}

} // namespace pictor::ui
