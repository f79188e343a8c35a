#include "main_window.h"

#include "create_panel.h"
#include "settings_panel.h"
#include "models_dialog.h"
#include "translations.h"
#include "gallery/gallery_controller.h"
#include "gallery/gallery_panel.h"
#include "preview_view.h"

#include <pictor/demo_model.h>
#include <pictor/device.h>
#include <pictor/runtime.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

void pictorInitResources();

namespace pictor::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    pictorInitResources();
    setWindowTitle(tr("Pictor"));
    setWindowIcon(QIcon(":/pictor/icons/pictor.svg"));
    setAcceptDrops(true);
    m_controller = new GenerationController(this);
    m_create = new CreatePanel(m_controller, this);
    m_tabs = new QTabWidget(this);
    m_tabs->addTab(m_create, tr("Create"));
    m_galleryController = new GalleryController(this);
    m_gallery = new GalleryPanel(m_galleryController, this);
    m_tabs->addTab(m_gallery, tr("Gallery"));
    connect(m_gallery, &GalleryPanel::useAsInitImage, this, [this](const QString& path) {
        m_create->setInitImage(path);
        m_tabs->setCurrentWidget(m_create);
    });
    connect(m_gallery, &GalleryPanel::useAsImagePrompt, this, [this](const QString& path) {
        m_create->addImagePrompt(path);
        m_tabs->setCurrentWidget(m_create);
    });
    connect(m_gallery, &GalleryPanel::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
    m_tabs->setAccessibleName(tr("Workspaces"));
    setCentralWidget(m_tabs);

    m_modelLabel = new QLabel;
    m_engineLabel = new QLabel;
    statusBar()->addPermanentWidget(m_modelLabel);
    statusBar()->addPermanentWidget(m_engineLabel);
    buildMenus();
    chooseDefaultModels();

    connect(m_controller, &GenerationController::stateChanged, this, &MainWindow::updateStatus);
    connect(m_controller, &GenerationController::clipLoaded, this, [this](const QString& architecture, bool multilingual) {
        // The file names said until now; the loaded model says what it is (the demo model keeps its name).
        if (m_demoModel) return;
        m_modelLabel->setText(tr("Model: %1 + %2").arg(architecture, QFileInfo(m_controller->models().vqgan).fileName()));
        if (multilingual) m_modelLabel->setText(m_modelLabel->text() + tr(" · understands Korean"));
    });
    connect(m_create, &CreatePanel::statusMessage, this, [this](const QString& m) { statusBar()->showMessage(m, 8000); });
    connect(m_create, &CreatePanel::modelsInstalled, this, &MainWindow::chooseDefaultModels);
    connect(m_create, &CreatePanel::titleChanged, this, [this](const QString& t) {
        setWindowTitle(t.isEmpty() ? tr("Pictor") : tr("%1 — Pictor").arg(t));
    });
    updateStatus(GenerationController::State::Idle);

    QSettings store;
    restoreGeometry(store.value("window/geometry").toByteArray());
    restoreState(store.value("window/state").toByteArray());
    m_tabs->setCurrentIndex(store.value("window/tab", 0).toInt());
    m_create->restoreState(store);
    m_gallery->restoreState(store);
    if (!store.contains("window/geometry")) resize(1200, 780);
    const std::string warning = blasWarning();
    if (!warning.empty()) statusBar()->showMessage(QString::fromStdString(warning));
}

MainWindow::~MainWindow() = default;

void MainWindow::chooseDefaultModels()
{
    QSettings store;
    ModelChoice choice{store.value("models/clip").toString(), store.value("models/vqgan").toString(), store.value("models/tokenizer").toString(), {}, {}};
    // A CLIP alone (338 MB for ViT-B/32) is enough for the drawers other than VQGAN: only with no CLIP at all
    // does the window fall back to the demo model.
    const auto demoFiles = findDemoModel();
    if (choice.clip.isEmpty() && demoFiles) {
        choice = {QString::fromStdString(demoFiles->clip), QString::fromStdString(demoFiles->vqgan), QString::fromStdString(demoFiles->tokenizer),
                  QString::fromStdString(demoFiles->name), {}};
    }
    // The same file however its path is spelt (relative, through a link, with ".."), not the same string.
    const QString demoClip = demoFiles ? QFileInfo(QString::fromStdString(demoFiles->clip)).canonicalFilePath() : QString();
    const bool demo = !demoClip.isEmpty() && QFileInfo(choice.clip).canonicalFilePath() == demoClip;
    if (demo) { // settings that suit the demo model's small world (stored settings, restored later, win)
        GenerationSettings s = m_create->settingsPanel()->settings();
        m_create->settingsPanel()->setSettings(demoModelSettings(s));
        // By name, however it was chosen (by path too), not by its file names.
        choice.label = tr("Demo model (plain shapes, colours and backgrounds)");
    }
    m_create->setDemoModel(demo);
    m_demoModel = demo;
    if (choice.label.isEmpty())
        choice.label = choice.vqgan.isEmpty() ? tr("%1 (no VQGAN: pixel art, strokes and image drawers)").arg(QFileInfo(choice.clip).fileName())
                                              : QFileInfo(choice.clip).fileName() + " + " + QFileInfo(choice.vqgan).fileName();
    m_controller->setModels(choice);
    m_galleryController->setModels(choice);
    if (choice.clip.isEmpty()) {
        m_modelLabel->setText(tr("No model"));
        statusBar()->showMessage(tr("No model found. Put OpenAI CLIP and taming VQGAN files in a folder and choose them under Models."));
    } else {
        m_modelLabel->setText(tr("Model: %1").arg(choice.label));
        m_modelLabel->setToolTip(tr("CLIP: %1\nVQGAN: %2\nFor better pictures use the published models: OpenAI CLIP ViT-B/32 "
                                    "(ViT-B-32.pt with bpe_simple_vocab_16e6.txt.gz) and taming's vqgan_imagenet_f16_16384 (last.ckpt + model.yaml); "
                                    "choose them with Models ▸ Choose models.")
                                     .arg(QDir::toNativeSeparators(choice.clip), QDir::toNativeSeparators(choice.vqgan)));
    }
}

void MainWindow::buildMenus()
{
    auto* toolbar = addToolBar(tr("Main"));
    toolbar->setObjectName("mainToolbar");
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Picture…"), QKeySequence::Open, this, &MainWindow::openPicture);
    open->setToolTip(tr("Open a picture: Pictor pictures bring their settings back"));
    QAction* save = file->addAction(tr("&Save Picture…"), QKeySequence::Save, this, [this] { m_create->saveAs(); });
    file->addAction(tr("Export &Time-lapse…"), QKeySequence(tr("Ctrl+Shift+E")), this, [this] { m_create->exportTimelapse(); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence(tr("Ctrl+Q")), this, &QWidget::close);

    QMenu* gen = menuBar()->addMenu(tr("&Generate"));
    QAction* start = gen->addAction(tr("&Start"), QKeySequence(tr("Ctrl+Return")), m_create, &CreatePanel::start);
    QAction* pause = gen->addAction(tr("&Pause / Resume"), QKeySequence(tr("Ctrl+P")), m_create, &CreatePanel::togglePause);
    QAction* stop = gen->addAction(tr("S&top"), QKeySequence(Qt::Key_Escape), m_create, &CreatePanel::stop);
    gen->addAction(tr("&Continue From Picture"), QKeySequence(tr("Ctrl+Shift+Return")), m_create, &CreatePanel::continueRun);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, m_create->preview(), &PreviewView::zoomIn);
    view->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, m_create->preview(), &PreviewView::zoomOut);
    view->addAction(tr("&Actual Pixels (1:1)"), QKeySequence(tr("Ctrl+1")), m_create->preview(), &PreviewView::actualSize);
    view->addAction(tr("&Fit to Window"), QKeySequence(tr("Ctrl+0")), m_create->preview(), &PreviewView::fitToWindow);
    view->addSeparator();
    view->addAction(tr("&Create"), QKeySequence(tr("Alt+1")), this, [this] { m_tabs->setCurrentIndex(0); });
    view->addAction(tr("&Gallery"), QKeySequence(tr("Alt+2")), this, [this] { m_tabs->setCurrentIndex(1); });
    view->addAction(tr("&Search the Gallery"), QKeySequence::Find, this, [this] {
        m_tabs->setCurrentWidget(m_gallery);
        m_gallery->focusSearch();
    });

    QMenu* language = view->addMenu(tr("&Language"));
    auto* languages = new QActionGroup(this);
    const QString chosen = QSettings().value("ui/language").toString();
    for (const QString& code : QStringList{QString()} + availableLanguages()) {
        QAction* a = language->addAction(code.isEmpty() ? tr("Follow the system") : languageName(code));
        a->setCheckable(true);
        a->setChecked(code == chosen);
        languages->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] { askToRestartForLanguage(code); });
    }

    QMenu* models = menuBar()->addMenu(tr("&Models"));
    models->addAction(tr("&Choose Models…"), this, [this] {
        const QString clip = QFileDialog::getOpenFileName(this, tr("CLIP model"), QString(), tr("Models (*.pt *.pth *.bin *.ckpt *.safetensors)"));
        if (clip.isEmpty()) return;
        // Cancelling the VQGAN keeps the CLIP alone: the pixel art, strokes and image drawers need no VQGAN.
        const QString vqgan = QFileDialog::getOpenFileName(this, tr("VQGAN model (cancel for none)"), QFileInfo(clip).path(), tr("Models (*.ckpt *.safetensors)"));
        QSettings store;
        store.setValue("models/clip", clip);
        store.setValue("models/vqgan", vqgan);
        store.setValue("models/tokenizer", QString());
        chooseDefaultModels();
    });
    models->addAction(tr("&Manage Models…"), this, [this] {
        ModelsDialog dialog(this);
        connect(&dialog, &ModelsDialog::modelsChosen, this, &MainWindow::chooseDefaultModels);
        dialog.exec();
    });
    models->addAction(tr("Use the &Demo Model"), this, [this] {
        QSettings store;
        store.remove("models");
        chooseDefaultModels();
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), QKeySequence::HelpContents, this, &MainWindow::showShortcuts);
    help->addAction(tr("&About Pictor"), this, &MainWindow::showAbout);

    toolbar->addAction(start);
    toolbar->addAction(pause);
    toolbar->addAction(stop);
    toolbar->addSeparator();
    toolbar->addAction(save);
    toolbar->addAction(open);
}

void MainWindow::updateStatus(GenerationController::State state)
{
    static const char* const names[] = {QT_TR_NOOP("Ready"), QT_TR_NOOP("Loading models"), QT_TR_NOOP("Generating"), QT_TR_NOOP("Paused"),
                                        QT_TR_NOOP("Stopping")};
    // The device the run computes on (while one runs), else the one the Device setting would take.
    std::string device = state == GenerationController::State::Idle ? std::string() : m_controller->currentSettings().device;
    if (device.empty() || device == "auto") {
        try {
            device = chooseDevice(m_create->settingsPanel()->settings().device).id;
        } catch (const std::exception&) {
            device = "?";
        }
    }
    const QString where = device == "cpu" ? tr("CPU, %1 threads").arg(computeThreads()) : tr("GPU %1").arg(QString::fromStdString(device));
    m_engineLabel->setText(tr("%1 · %2").arg(where, tr(names[int(state)])));
}

void MainWindow::openPicture()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open picture"), CreatePanel::autosaveFolder(), tr("Images (*.png *.jpg *.jpeg *.webp *.bmp)"));
    if (!path.isEmpty()) m_create->handleDroppedPicture(path);
}

void MainWindow::showShortcuts()
{
    QMessageBox::information(this, tr("Keyboard shortcuts"),
                             tr("<table>"
                                "<tr><td><b>Ctrl+Enter</b></td><td>Start</td></tr>"
                                "<tr><td><b>Ctrl+P</b></td><td>Pause / resume</td></tr>"
                                "<tr><td><b>Esc</b></td><td>Stop (keeps the picture)</td></tr>"
                                "<tr><td><b>Ctrl+Shift+Enter</b></td><td>Continue from the picture</td></tr>"
                                "<tr><td><b>Ctrl+S</b></td><td>Save picture with settings</td></tr>"
                                "<tr><td><b>Ctrl+O</b></td><td>Open a picture (settings come back)</td></tr>"
                                "<tr><td><b>Ctrl+Shift+E</b></td><td>Export time-lapse</td></tr>"
                                "<tr><td><b>Ctrl++ / Ctrl+-</b></td><td>Zoom in / out</td></tr>"
                                "<tr><td><b>Ctrl+1 / Ctrl+0</b></td><td>Actual pixels / fit</td></tr>"
                                "<tr><td><b>Alt+1 / Alt+2</b></td><td>Create / Gallery</td></tr>"
                                "<tr><td><b>Ctrl+F</b></td><td>Gallery: search</td></tr>"
                                "<tr><td><b>F5</b></td><td>Gallery: index the library folders</td></tr>"
                                "<tr><td><b>Enter</b> on a result</td><td>Gallery: find similar pictures</td></tr>"
                                "<tr><td><b>Ctrl+Q</b></td><td>Quit</td></tr></table>"));
}

void MainWindow::showAbout()
{
    const RuntimeInfo rt = runtimeInfo();
    QMessageBox::about(this, tr("About Pictor"),
                       tr("<h3>Pictor %1</h3><p>Pictures from words with VQGAN+CLIP, on your own computer.</p>"
                          "<p>Qt %2 · LibTorch %3 · OpenCV %4<br>BLAS: %5<br>Model: %6</p>")
                           .arg(PICTOR_VERSION, QString::fromStdString(rt.qtVersion), QString::fromStdString(rt.torchVersion),
                                QString::fromStdString(rt.opencvVersion), QString::fromStdString(rt.blasLibrary), m_controller->models().label));
}

void MainWindow::askToRestartForLanguage(const QString& code)
{
    // Every window and dialog is built in the language chosen at start, so the change applies at the next
    // start: a dialog says so, in the new language's name, and offers that start now when no run is busy.
    QSettings().setValue("ui/language", code);
    const QString name = code.isEmpty() ? tr("the system's language") : languageName(code);
    auto* box = new QMessageBox(QMessageBox::Information, tr("Language"), tr("Pictor will speak %1 from its next start.").arg(name), QMessageBox::NoButton, this);
    box->setObjectName("languageRestart");
    box->setAttribute(Qt::WA_DeleteOnClose);
    const bool idle = m_controller->state() == GenerationController::State::Idle;
    QPushButton* restart = nullptr;
    if (idle) {
        box->setInformativeText(tr("Restart now? Your settings, prompt and pictures are kept."));
        restart = box->addButton(tr("Restart now"), QMessageBox::AcceptRole);
        restart->setObjectName("restartNow");
        box->addButton(tr("Later"), QMessageBox::RejectRole);
    } else {
        box->setInformativeText(tr("A picture is being made: restart Pictor when it is done."));
        box->addButton(QMessageBox::Ok);
    }
    connect(box, &QMessageBox::buttonClicked, this, [this, restart](QAbstractButton* b) {
        if (!restart || b != restart) return;
        if (!close()) return; // saves the window's state, as quitting does
        QProcess::startDetached(QCoreApplication::applicationFilePath(), QCoreApplication::arguments().mid(1));
        QCoreApplication::quit();
    });
    box->open();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings store;
    store.setValue("window/geometry", saveGeometry());
    store.setValue("window/state", saveState());
    store.setValue("window/tab", m_tabs->currentIndex());
    m_create->saveState(store);
    m_gallery->saveState(store);
    m_controller->stop();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile()) {
            m_create->handleDroppedPicture(url.toLocalFile());
            break;
        }
}

} // namespace pictor::ui
