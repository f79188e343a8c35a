#include "create_panel.h"

#include "drawer_panel.h"

#include "demo_model_bar.h"

#include <pictor/demo_model.h>

#include "preview_view.h"
#include "prompt_editor.h"
#include "settings_panel.h"

#include <pictor/error.h>

#include <QComboBox>
#include <QCompleter>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

namespace pictor::ui {

namespace {

QString clockText(double seconds)
{
    const int s = int(seconds + 0.5);
    return s >= 3600 ? QString("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QChar('0')).arg(s % 60, 2, 10, QChar('0'))
                     : QString("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QChar('0'));
}

RgbImage toRgbImage(const QImage& image)
{
    const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
    RgbImage out;
    out.width = rgb.width();
    out.height = rgb.height();
    out.pixels.resize(std::size_t(out.width) * std::size_t(out.height) * 3);
    for (int y = 0; y < rgb.height(); ++y)
        std::memcpy(out.pixels.data() + std::size_t(y) * std::size_t(out.width) * 3, rgb.constScanLine(y), std::size_t(out.width) * 3);
    return out;
}

constexpr int kMaxFrames = 3000;

} // namespace

CreatePanel::CreatePanel(GenerationController* controller, QWidget* parent) : QWidget(parent), m_controller(controller)
{
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(new QLabel(tr("<b>Prompt</b>")));
    m_prompt = new PromptEditor;
    leftLayout->addWidget(m_prompt);
    m_promptProblems = new QLabel;
    m_promptProblems->setWordWrap(true);
    m_promptProblems->setStyleSheet("color: #c0392b;");
    leftLayout->addWidget(m_promptProblems);
    auto* form = new QFormLayout;
    m_negative = new QLineEdit;
    m_negative->setPlaceholderText(tr("blurry, text, watermark"));
    m_negative->setAccessibleName(tr("Negative prompt"));
    m_negative->setToolTip(tr("Things the picture should not look like (comma-separated); each is added with weight -1."));
    form->addRow(tr("Avoid"), m_negative);
    m_recent = new QComboBox;
    m_recent->setEditable(true);
    m_recent->setInsertPolicy(QComboBox::NoInsert);
    m_recent->setAccessibleName(tr("Prompt history"));
    m_recent->setToolTip(tr("Prompts you used before; type to search, pick one to put it in the prompt box."));
    m_recent->completer()->setFilterMode(Qt::MatchContains);
    m_recent->completer()->setCompletionMode(QCompleter::PopupCompletion);
    form->addRow(tr("History"), m_recent);
    m_initImage = new QLineEdit;
    m_initImage->setPlaceholderText(tr("Drop a picture here or on the preview"));
    m_initImage->setAccessibleName(tr("Init image"));
    m_initImage->setToolTip(tr("Start from this picture instead of random codes."));
    auto* browse = new QPushButton(tr("Browse…"));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Init image"), QString(), tr("Images (*.png *.jpg *.jpeg *.webp *.bmp)"));
        if (!f.isEmpty()) setInitImage(f);
    });
    auto* initRow = new QHBoxLayout;
    initRow->addWidget(m_initImage, 1);
    initRow->addWidget(browse);
    form->addRow(tr("Init image"), initRow);
    m_imagePrompts = new QListWidget;
    m_imagePrompts->setMaximumHeight(60);
    m_imagePrompts->setAccessibleName(tr("Image prompts"));
    m_imagePrompts->setToolTip(tr("Pictures to steer towards. Add with the button; Delete removes the selected one."));
    auto* addPrompt = new QPushButton(tr("Add…"));
    connect(addPrompt, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Image prompt"), QString(), tr("Images (*.png *.jpg *.jpeg *.webp *.bmp)"));
        if (!f.isEmpty()) addImagePrompt(f);
    });
    auto* promptRow = new QHBoxLayout;
    promptRow->addWidget(m_imagePrompts, 1);
    promptRow->addWidget(addPrompt);
    form->addRow(tr("Image prompts"), promptRow);
    m_presets = new QComboBox;
    m_presets->setAccessibleName(tr("Preset"));
    m_presets->setToolTip(tr("Draft is quick, Best takes longest; your own presets follow."));
    auto* savePreset = new QPushButton(tr("Save preset…"));
    connect(savePreset, &QPushButton::clicked, this, [this] {
        const QString name = QInputDialog::getText(this, tr("Save preset"), tr("Name:"));
        if (name.trimmed().isEmpty()) return;
        QSettings store;
        m_settings->saveUserPreset(name.trimmed(), store);
        m_presets->clear();
        m_presets->addItems(m_settings->presetNames());
        m_presets->setCurrentText(name.trimmed());
    });
    auto* presetRow = new QHBoxLayout;
    presetRow->addWidget(m_presets, 1);
    presetRow->addWidget(savePreset);
    form->addRow(tr("Preset"), presetRow);
    leftLayout->addLayout(form);
    m_settings = new SettingsPanel;
    auto* scroll = new QScrollArea;
    scroll->setWidget(m_settings);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    leftLayout->addWidget(scroll, 1);
    m_presets->addItems(m_settings->presetNames());

    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setStyleSheet("QLabel { background: #fdecea; color: #8a1f11; border: 1px solid #f5c6cb; border-radius: 4px; padding: 6px; }");
    m_error->setAccessibleName(tr("Error message"));
    m_error->hide();
    rightLayout->addWidget(m_error);
    m_demoBar = new DemoModelBar;
    rightLayout->addWidget(m_demoBar);
    m_preview = new PreviewView;
    rightLayout->addWidget(m_preview, 1);
    m_progress = new QProgressBar;
    m_progress->setAccessibleName(tr("Progress"));
    m_progress->setTextVisible(true);
    rightLayout->addWidget(m_progress);
    m_stats = new QLabel(tr("Ready"));
    m_stats->setAccessibleName(tr("Step, loss, speed and time left"));
    rightLayout->addWidget(m_stats);
    auto* buttons = new QHBoxLayout;
    m_start = new QPushButton(tr("Start"));
    m_start->setToolTip(tr("Start generating (Ctrl+Enter)"));
    m_pause = new QPushButton(tr("Pause"));
    m_pause->setToolTip(tr("Pause or resume (Ctrl+P); a paused run keeps everything"));
    m_stop = new QPushButton(tr("Stop"));
    m_stop->setToolTip(tr("Stop and keep the current picture (Esc)"));
    m_continue = new QPushButton(tr("Continue"));
    m_continue->setToolTip(tr("Run again starting from the picture on screen, with the settings as they are now"));
    auto* save = new QPushButton(tr("Save…"));
    save->setToolTip(tr("Save the picture with its settings embedded (Ctrl+S)"));
    for (QPushButton* b : {m_start, m_pause, m_stop, m_continue, save}) {
        b->setAccessibleName(b->text());
        buttons->addWidget(b);
    }
    rightLayout->addLayout(buttons);
    m_history = new QListWidget;
    m_history->setViewMode(QListView::IconMode);
    m_history->setFlow(QListView::LeftToRight);
    m_history->setWrapping(false);
    m_history->setIconSize(QSize(64, 64));
    m_history->setGridSize(QSize(104, 88)); // the picture and its file name under it
    m_history->setTextElideMode(Qt::ElideLeft); // the file names differ at their end (the time)
    m_history->setWordWrap(false);
    m_history->setFixedHeight(112);
    m_history->setAccessibleName(tr("Recent runs"));
    m_history->setToolTip(tr("Recent pictures; click one to bring back the picture and its settings."));
    rightLayout->addWidget(m_history);

    auto* splitter = new QSplitter;
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(splitter);

    m_steerTimer = new QTimer(this);
    m_steerTimer->setSingleShot(true);
    m_steerTimer->setInterval(400);

    connect(m_prompt, &PromptEditor::submitted, this, &CreatePanel::start);
    connect(m_prompt, &QPlainTextEdit::textChanged, this, [this] {
        validatePrompt();
        if (m_controller->state() == GenerationController::State::Running || m_controller->state() == GenerationController::State::Paused)
            m_steerTimer->start(); // steer once typing pauses
    });
    connect(m_negative, &QLineEdit::textChanged, this, [this] {
        if (m_controller->state() != GenerationController::State::Idle) m_steerTimer->start();
    });
    connect(m_steerTimer, &QTimer::timeout, this, [this] {
        const GenerationSettings s = currentSettings();
        if (promptProblems(m_prompt->prompt()).isEmpty()) m_controller->steerPrompt(QString::fromStdString(s.prompt));
    });
    connect(m_settings, &SettingsPanel::learningRateChanged, m_controller, &GenerationController::steerLearningRate);
    connect(m_settings, &SettingsPanel::cutoutsChanged, m_controller, &GenerationController::steerCutouts);
    connect(m_settings->drawerPanel(), &DrawerPanel::lossWeightChanged, m_controller, &GenerationController::steerLossWeight);
    connect(m_settings->drawerPanel(), &DrawerPanel::paletteChanged, m_controller, &GenerationController::steerPalette);
    connect(m_settings->drawerPanel(), &DrawerPanel::tiledPreviewChanged, m_preview, &PreviewView::setTiled);
    connect(m_recent, &QComboBox::activated, this, [this](int index) { m_prompt->setPlainText(m_recent->itemText(index)); });
    connect(m_presets, &QComboBox::activated, this, [this](int index) { m_settings->applyPreset(m_presets->itemText(index)); });
    connect(m_demoBar, &DemoModelBar::modelsReady, this, &CreatePanel::modelsInstalled);
    connect(m_controller, &GenerationController::loadingProgress, this, &CreatePanel::showLoading);
    connect(m_start, &QPushButton::clicked, this, &CreatePanel::start);
    connect(m_pause, &QPushButton::clicked, this, &CreatePanel::togglePause);
    connect(m_stop, &QPushButton::clicked, this, &CreatePanel::stop);
    connect(m_continue, &QPushButton::clicked, this, &CreatePanel::continueRun);
    connect(save, &QPushButton::clicked, this, [this] { saveAs(); });
    connect(m_preview, &PreviewView::imageDropped, this, &CreatePanel::handleDroppedPicture);
    connect(m_history, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        const QString path = item->data(Qt::UserRole).toString();
        m_preview->setImage(QImage(path));
        try {
            const auto text = readPngText(path.toStdString());
            if (text.count("pictor")) showSettings(GenerationSettings::fromJson(text.at("pictor")));
        } catch (const std::exception& e) {
            Q_EMIT statusMessage(QString::fromStdString(e.what()));
        }
    });
    connect(m_controller, &GenerationController::frameReady, this, &CreatePanel::onFrame);
    connect(m_controller, &GenerationController::stateChanged, this, &CreatePanel::onState);
    connect(m_controller, &GenerationController::finished, this, &CreatePanel::onFinished);
    connect(m_controller, &GenerationController::failed, this, &CreatePanel::onFailed);
    connect(m_controller, &GenerationController::bestOfCandidate, this, [this](int i, int n, qint64 seed, double score) {
        Q_EMIT statusMessage(tr("Best of %1: candidate %2 (seed %3) scored %4").arg(n).arg(i + 1).arg(seed).arg(score, 0, 'f', 4));
    });
    onState(GenerationController::State::Idle);
    validatePrompt();
}

QString CreatePanel::autosaveFolder()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    if (base.isEmpty()) base = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(base).filePath("Pictor");
}

GenerationSettings CreatePanel::currentSettings() const
{
    GenerationSettings s = m_settings->settings();
    QString prompt = m_prompt->prompt();
    for (const QString& neg : m_negative->text().split(',', Qt::SkipEmptyParts))
        if (!neg.trimmed().isEmpty()) prompt += (prompt.isEmpty() ? "" : " | ") + neg.trimmed() + ":-1";
    s.prompt = prompt.toStdString();
    s.initImage = m_initImage->text().trimmed().toStdString();
    for (int i = 0; i < m_imagePrompts->count(); ++i) s.imagePrompts.push_back(m_imagePrompts->item(i)->text().toStdString());
    return s;
}

void CreatePanel::showSettings(const GenerationSettings& s)
{
    // Split negative prompts (weight -1) back out of the prompt.
    QStringList positive, negative;
    for (const QString& part : QString::fromStdString(s.prompt).split('|')) {
        const TextPrompt p = parsePrompt(part.toStdString());
        if (p.weight == -1.0 && !part.contains('^')) negative << QString::fromStdString(p.text);
        else positive << part.trimmed();
    }
    m_prompt->setPlainText(positive.join(" | "));
    m_negative->setText(negative.join(", "));
    m_initImage->setText(QString::fromStdString(s.initImage));
    m_imagePrompts->clear();
    for (const auto& p : s.imagePrompts) m_imagePrompts->addItem(QString::fromStdString(p));
    m_settings->setSettings(s);
}

void CreatePanel::setInitImage(const QString& path) { m_initImage->setText(path); }
void CreatePanel::addImagePrompt(const QString& path) { m_imagePrompts->addItem(path); }

void CreatePanel::validatePrompt()
{
    const QStringList problems = m_prompt->prompt().isEmpty() ? QStringList() : promptProblems(m_prompt->prompt());
    m_promptProblems->setText(problems.join("\n"));
    m_promptProblems->setVisible(!problems.isEmpty());
}

void CreatePanel::start()
{
    if (m_controller->state() != GenerationController::State::Idle) return;
    const GenerationSettings s = currentSettings();
    if (s.prompt.empty() && s.imagePrompts.empty()) {
        if (!m_demoModel) {
            onFailed(tr("Type a prompt first (or add an image prompt)."));
            return;
        }
        // A first picture that looks like something: the demo model's own first example.
        m_prompt->setPlainText(m_examples.first());
        start();
        return;
    }
    m_error->hide();
    m_frames.clear();
    m_lastFrame = FrameInfo{};
    rememberPrompt(m_prompt->prompt());
    m_controller->setBestOf(m_settings->bestOfCandidates(), m_settings->bestOfSteps());
    ModelChoice models = m_controller->models();
    models.ensemble = m_settings->drawerPanel()->ensembleFiles(); // the judges chosen in the Drawer group
    m_controller->setModels(models);
    m_controller->start(s);
}

void CreatePanel::continueRun()
{
    if (m_controller->state() != GenerationController::State::Idle || m_preview->image().isNull()) return;
    m_error->hide();
    GenerationSettings s = currentSettings();
    s.initImage.clear(); // the picture on screen
    m_lastFrame = FrameInfo{};
    m_controller->continueFrom(s);
}

void CreatePanel::togglePause()
{
    if (m_controller->state() == GenerationController::State::Running) m_controller->pause();
    else if (m_controller->state() == GenerationController::State::Paused) m_controller->resume();
}

void CreatePanel::stop() { m_controller->stop(); }

void CreatePanel::onFrame(const QImage& image, const FrameInfo& info)
{
    m_preview->setImage(image);
    if (m_frames.size() < kMaxFrames) m_frames << image;
    if (info.step == 0) { // the starting picture, before the first step
        m_lastFrame = info;
        m_progress->setRange(0, std::max(1, info.totalSteps));
        m_progress->setValue(0);
        m_stats->setText(tr("The starting picture · the first step is on its way"));
        return;
    }
    m_lastFrame = info;
    showProgress();
}

void CreatePanel::showProgress()
{
    // A paused run does not count down: its line and the window title say "paused" instead of the time left.
    const FrameInfo& info = m_lastFrame;
    const bool paused = m_controller->state() == GenerationController::State::Paused;
    QString text = tr("Step %1").arg(info.step);
    if (info.totalSteps > 0) {
        m_progress->setRange(0, info.totalSteps);
        m_progress->setValue(info.step);
        text = tr("Step %1 of %2").arg(info.step).arg(info.totalSteps);
        const QString eta = clockText(info.secondsPerStep * (info.totalSteps - info.step));
        if (paused) {
            text += tr(" · loss %1 · %2 s/step · paused").arg(info.loss, 0, 'f', 3).arg(info.secondsPerStep, 0, 'f', 2);
            m_titleText = tr("Paused · step %1/%2").arg(info.step).arg(info.totalSteps);
        } else {
            text += tr(" · loss %1 · %2 s/step · %3 left").arg(info.loss, 0, 'f', 3).arg(info.secondsPerStep, 0, 'f', 2).arg(eta);
            m_titleText = tr("%1% · step %2/%3 · %4 left").arg(100 * info.step / info.totalSteps).arg(info.step).arg(info.totalSteps).arg(eta);
        }
    } else {
        m_progress->setRange(0, 0);
        if (paused) {
            text += tr(" · loss %1 · %2 s/step · paused").arg(info.loss, 0, 'f', 3).arg(info.secondsPerStep, 0, 'f', 2);
            m_titleText = tr("Paused · step %1").arg(info.step);
        } else {
            text += tr(" · loss %1 · %2 s/step · running until stopped").arg(info.loss, 0, 'f', 3).arg(info.secondsPerStep, 0, 'f', 2);
            m_titleText = tr("step %1").arg(info.step);
        }
    }
    m_stats->setText(text);
    Q_EMIT titleChanged(m_titleText);
}

void CreatePanel::onState(GenerationController::State state)
{
    using S = GenerationController::State;
    const bool idle = state == S::Idle;
    m_start->setEnabled(idle);
    m_continue->setEnabled(idle && !m_preview->image().isNull());
    m_pause->setEnabled(state == S::Running || state == S::Paused);
    m_pause->setText(state == S::Paused ? tr("Resume") : tr("Pause"));
    m_stop->setEnabled(!idle && state != S::Stopping);
    if (state == S::Loading) {
        m_stats->setText(tr("Loading the models…"));
        m_loadingClock.start();
        m_loadingPercent = 0;
        // A progress bar only when it lasts: resident models start at once.
        QTimer::singleShot(500, this, [this] { showLoading(m_loadingStage, m_loadingPercent); });
    }
    if ((state == S::Paused || state == S::Running) && m_lastFrame.step > 0) showProgress(); // paused: no time left counting down
    else if (state == S::Paused) m_stats->setText(tr("Paused"));
    if (state == S::Running && !m_lastFrame.step) m_settings->showSeed(m_controller->currentSettings().seed); // the seed this run uses
    if (idle) {
        m_titleText.clear();
        Q_EMIT titleChanged(QString());
    }
}

void CreatePanel::showLoading(const QString& stage, int percent)
{
    m_loadingStage = stage;
    m_loadingPercent = percent;
    if (m_controller->state() != GenerationController::State::Loading || m_loadingClock.elapsed() < 500) return;
    m_progress->setRange(0, 100);
    m_progress->setValue(percent);
    m_stats->setText(stage.isEmpty() ? tr("Loading the models…") : tr("Loading the models… (%1)").arg(stage));
}

void CreatePanel::onFinished(const QImage& image, bool stopped, double similarity)
{
    if (image.isNull()) return;
    m_preview->setImage(image);
    m_continue->setEnabled(true);
    m_stats->setText((stopped ? tr("Stopped") : tr("Done")) + tr(" · CLIP similarity %1").arg(similarity, 0, 'f', 3));
    // Auto-save every finished run; nothing the user made is lost.
    QDir().mkpath(autosaveFolder());
    const QString path = QDir(autosaveFolder()).filePath("pictor-" + QDateTime::currentDateTime().toString("yyyyMMdd-hhmmss-zzz") + ".png");
    try {
        saveArtwork(toRgbImage(image), path.toStdString(), m_controller->currentSettings(), m_controller->modelIdentity());
        addHistoryItem(path, image);
        Q_EMIT statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
    } catch (const std::exception& e) {
        onFailed(tr("Could not auto-save: %1").arg(QString::fromStdString(e.what())));
    }
}

void CreatePanel::onFailed(const QString& message)
{
    m_error->setText(message);
    m_error->show();
    m_stats->setText(tr("Ready"));
    Q_EMIT statusMessage(message);
}

void CreatePanel::addHistoryItem(const QString& path, const QImage& image)
{
    auto* item = new QListWidgetItem(QIcon(QPixmap::fromImage(image.scaled(64, 64, Qt::KeepAspectRatio, Qt::SmoothTransformation))),
                                     QFileInfo(path).completeBaseName());
    item->setData(Qt::UserRole, path);
    item->setToolTip(QDir::toNativeSeparators(path));
    m_history->insertItem(0, item);
    while (m_history->count() > 50) delete m_history->takeItem(m_history->count() - 1);
}

void CreatePanel::rememberPrompt(const QString& prompt)
{
    if (prompt.isEmpty()) return;
    m_promptHistory.removeAll(prompt);
    m_promptHistory.prepend(prompt);
    while (m_promptHistory.size() > 200) m_promptHistory.removeLast();
    refreshSuggestions();
}

bool CreatePanel::saveAs(const QString& requested)
{
    const QImage image = m_preview->image();
    if (image.isNull()) {
        onFailed(tr("There is no picture to save yet."));
        return false;
    }
    QString path = requested;
    if (path.isEmpty()) path = QFileDialog::getSaveFileName(this, tr("Save picture"), autosaveFolder(), tr("PNG images (*.png)"));
    if (path.isEmpty()) return false;
    if (!path.endsWith(".png", Qt::CaseInsensitive)) path += ".png";
    try {
        GenerationSettings s = m_controller->currentSettings();
        if (s.prompt.empty()) s = currentSettings();
        saveArtwork(toRgbImage(image), path.toStdString(), s, m_controller->modelIdentity());
        Q_EMIT statusMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
        return true;
    } catch (const std::exception& e) {
        onFailed(tr("Could not save: %1").arg(QString::fromStdString(e.what())));
        return false;
    }
}

bool CreatePanel::exportTimelapse(const QString& requested)
{
    if (m_frames.isEmpty()) {
        onFailed(tr("No frames recorded yet: run a generation first."));
        return false;
    }
    QString path = requested;
    if (path.isEmpty()) path = QFileDialog::getSaveFileName(this, tr("Export time-lapse"), autosaveFolder(), tr("Video (*.mp4 *.avi)"));
    if (path.isEmpty()) return false;
    try {
        VideoRecorder video(path.toStdString(), m_frames.first().width(), m_frames.first().height(), 15);
        for (const QImage& f : m_frames) video.add(toRgbImage(f));
        video.finish();
        Q_EMIT statusMessage(tr("Time-lapse written: %1 (%2)").arg(QString::fromStdString(video.path()), QString::fromStdString(video.describe())));
        return true;
    } catch (const std::exception& e) {
        onFailed(QString::fromStdString(e.what()));
        return false;
    }
}

void CreatePanel::handleDroppedPicture(const QString& path)
{
    std::map<std::string, std::string> text;
    try {
        text = readPngText(path.toStdString());
    } catch (const std::exception&) {
    }
    if (!text.count("pictor")) {
        setInitImage(path);
        Q_EMIT statusMessage(tr("Init image: %1").arg(QDir::toNativeSeparators(path)));
        return;
    }
    QMessageBox box(QMessageBox::Question, tr("Pictor picture"), tr("This picture was made by Pictor. What should I do with it?"),
                    QMessageBox::NoButton, this);
    QPushButton* settings = box.addButton(tr("Load its settings"), QMessageBox::AcceptRole);
    QPushButton* init = box.addButton(tr("Use as init image"), QMessageBox::AcceptRole);
    QPushButton* both = box.addButton(tr("Both"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.exec();
    try {
        if (box.clickedButton() == settings || box.clickedButton() == both) {
            showSettings(GenerationSettings::fromJson(text.at("pictor")));
            m_preview->setImage(QImage(path));
        }
        if (box.clickedButton() == init || box.clickedButton() == both) setInitImage(path);
    } catch (const std::exception& e) {
        onFailed(tr("'%1' has settings Pictor cannot read: %2").arg(path, QString::fromStdString(e.what())));
    }
}

void CreatePanel::saveState(QSettings& store) const
{
    m_settings->save(store);
    store.setValue("create/prompt", m_prompt->toPlainText());
    store.setValue("create/negative", m_negative->text());
    store.setValue("create/promptHistory", m_promptHistory);
    QStringList history;
    for (int i = 0; i < m_history->count(); ++i) history << m_history->item(i)->data(Qt::UserRole).toString();
    store.setValue("create/runs", history);
}

void CreatePanel::setDemoModel(bool demo)
{
    m_demoModel = demo;
    m_examples.clear();
    for (const std::string& e : demo ? demoExamplePrompts() : realWorldExamplePrompts()) m_examples << QString::fromStdString(e);
    m_prompt->setPlaceholderText(m_examples.first());
    QStringList known;
    if (demo)
        for (const std::string& w : demoVocabulary()) known << QString::fromStdString(w);
    m_prompt->setKnownWords(known);
    refreshSuggestions();
    m_demoBar->setDemoModel(demo);
    m_settings->setDemoPresetAvailable(demo);
    const QString current = m_presets->currentText();
    m_presets->clear();
    m_presets->addItems(m_settings->presetNames());
    m_presets->setCurrentText(demo ? SettingsPanel::demoPresetName() : current);
}

void CreatePanel::refreshSuggestions()
{
    // Your own prompts first, then the model's examples you have not used.
    QStringList items = m_promptHistory;
    for (const QString& e : m_examples)
        if (!items.contains(e)) items << e;
    m_recent->clear();
    m_recent->addItems(items);
    m_recent->setCurrentIndex(-1);
}

QString CreatePanel::currentPreset() const { return m_presets->currentText(); }

void CreatePanel::restoreState(QSettings& store)
{
    m_settings->loadUserPresets(store);
    m_presets->clear();
    m_presets->addItems(m_settings->presetNames());
    m_settings->load(store);
    m_prompt->setPlainText(store.value("create/prompt").toString());
    m_negative->setText(store.value("create/negative").toString());
    m_promptHistory = store.value("create/promptHistory").toStringList();
    refreshSuggestions();
    const QStringList runs = store.value("create/runs").toStringList();
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
        const QImage img(*it);
        if (!img.isNull()) addHistoryItem(*it, img);
    }
}

} // namespace pictor::ui
