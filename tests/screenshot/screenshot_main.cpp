// Takes the README screenshot from the real main window: types a prompt, starts generating and
// grabs the window after a few frames. Run under Xvfb: packaging/take-screenshot.sh.
// usage: pictor-screenshot OUT.png CLIP VQGAN TOKENIZER [PROMPT]
//        pictor-screenshot --gallery OUT.png CLIP TOKENIZER FOLDER QUERY   (indexes FOLDER, searches, grabs)
//        pictor-screenshot --steps PREFIX CLIP VQGAN TOKENIZER PROMPT [START [KEY=VALUE...]]
//            (grabs the window's preview at steps 0, 10, 50, 80 and 100 of a run with the window's settings for
//            that model: START (pixels, gradient, shape, or "" for random codes) chosen in the Start box as a
//            user would, then settings (their JSON keys, e.g. init_weight=0 coarse_steps=0) typed over what that
//            brought: PREFIX_step0.png, ...)
#include "create_panel.h"
#include "gallery/gallery_controller.h"
#include "gallery/gallery_panel.h"
#include "main_window.h"
#include "preview_view.h"
#include "prompt_editor.h"
#include "settings_panel.h"

#include <pictor/demo_model.h>
#include <pictor/runtime.h>

#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QSettings>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>
#include <cstdio>

namespace {

/// A fresh settings store that names the models the window opens with; every core computes.
void chooseModels(const char* clip, const char* vqgan, const char* tokenizer)
{
    QSettings store;
    store.clear();
    store.setValue("models/clip", QString::fromLocal8Bit(clip));
    store.setValue("models/vqgan", QString::fromLocal8Bit(vqgan));
    store.setValue("models/tokenizer", QString::fromLocal8Bit(tokenizer));
    store.sync();
    pictor::setComputeThreads(0);
}

void showWindow(pictor::ui::MainWindow& window)
{
    window.resize(1200, 760);
    window.show();
}

int galleryShot(QApplication& app, char** argv)
{
    const QString out = QString::fromLocal8Bit(argv[2]);
    QSettings store;
    store.clear();
    store.setValue("models/clip", QString::fromLocal8Bit(argv[3]));
    store.setValue("models/vqgan", QString::fromLocal8Bit(argv[3])); // unused by the gallery
    store.setValue("models/tokenizer", QString::fromLocal8Bit(argv[4]));
    store.setValue("gallery/folders", QStringList{QString::fromLocal8Bit(argv[5])});
    store.sync();
    pictor::setComputeThreads(0);
    pictor::ui::MainWindow window;
    window.resize(1200, 760);
    window.galleryController()->setDatabase(QDir::temp().filePath("pictor-screenshot-gallery.sqlite3"));
    window.workspaces()->setCurrentWidget(window.galleryPanel());
    window.show();
    auto* gallery = window.galleryPanel();
    const QString query = QString::fromLocal8Bit(argv[6]);
    QObject::connect(window.galleryController(), &pictor::ui::GalleryController::indexFinished, &window, [&] {
        gallery->findChild<QLineEdit*>()->setText(query);
        gallery->runSearch();
    });
    QObject::connect(window.galleryController(), &pictor::ui::GalleryController::searchFinished, &window, [&] {
        QTimer::singleShot(2500, &window, [&] { // thumbnails load
            window.grab().save(out);
            QFile::remove(QDir::temp().filePath("pictor-screenshot-gallery.sqlite3"));
            app.quit();
        });
    });
    QTimer::singleShot(500, gallery, &pictor::ui::GalleryPanel::startIndexing);
    QTimer::singleShot(240000, &app, &QApplication::quit);
    return app.exec();
}

/// The preview as a user sees it at chosen steps of one run. The frames a run publishes can replace each
/// other before the window shows them, so each picture is the first frame at or past its step, named by the
/// step it really shows.
int stepShots(QApplication& app, int argc, char** argv)
{
    chooseModels(argv[3], argv[4], argv[5]);
    pictor::ui::MainWindow window;
    showWindow(window);
    auto* panel = window.createPanel();
    panel->promptEditor()->setPlainText(QString::fromLocal8Bit(argv[6]));
    if (argc > 7) { // as a user picks it: the panel brings the settings that suit the start
        QComboBox* start = nullptr;
        for (QComboBox* box : panel->settingsPanel()->findChildren<QComboBox*>())
            if (box->accessibleName() == "Start") start = box;
        if (!start) return 2;
        start->setCurrentIndex(std::max(0, start->findData(QString::fromLocal8Bit(argv[7]))));
        Q_EMIT start->activated(start->currentIndex());
    }
    QJsonObject typed = QJsonDocument::fromJson(QByteArray::fromStdString(panel->settingsPanel()->settings().toJson())).object();
    for (int i = 8; i < argc; ++i) {
        const QStringList kv = QString::fromLocal8Bit(argv[i]).split('=');
        if (kv.size() != 2 || !typed.contains(kv[0])) return 2;
        bool number = false;
        const double value = kv[1].toDouble(&number);
        typed[kv[0]] = number ? QJsonValue(value) : QJsonValue(kv[1]);
    }
    pictor::GenerationSettings s = pictor::GenerationSettings::fromJson(QJsonDocument(typed).toJson().toStdString());
    s.seed = 7;
    panel->settingsPanel()->setSettings(s);
    const QString prefix = QString::fromLocal8Bit(argv[2]);
    auto* preview = window.findChild<pictor::ui::PreviewView*>();
    const std::vector<int> wanted{0, 10, 50, 80, 100}; // 80: the demo noise start just before it settles
    std::size_t next = 0;
    QObject::connect(window.controller(), &pictor::ui::GenerationController::frameReady, &window,
                     [&](const QImage& image, const pictor::ui::FrameInfo& info) {
                         if (next >= wanted.size() || info.step < wanted[next]) return;
                         ++next;
                         // The image itself, at the preview's whole-number zoom: what the window shows, without its frame.
                         const int zoom = std::max(1, int(preview->zoom()));
                         const QString path = prefix + QString("_step%1.png").arg(info.step);
                         image.scaled(image.width() * zoom, image.height() * zoom).save(path);
                         std::printf("%s (step %d of %d)\n", qPrintable(path), info.step, info.totalSteps);
                         if (next == wanted.size()) {
                             window.controller()->stop();
                             QTimer::singleShot(2000, &app, &QApplication::quit);
                         }
                     });
    QObject::connect(window.controller(), &pictor::ui::GenerationController::finished, &window,
                     [&] { QTimer::singleShot(1000, &app, &QApplication::quit); }); // a shorter run: the steps it had
    QTimer::singleShot(500, panel, &pictor::ui::CreatePanel::start);
    QTimer::singleShot(240000, &app, &QApplication::quit); // never hang
    return app.exec();
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc >= 7 && QString(argv[1]) == "--gallery") {
        QApplication::setOrganizationName("PictorScreenshot");
        QApplication::setApplicationName("PictorGallery");
        return galleryShot(app, argv);
    }
    if (argc >= 7 && QString(argv[1]) == "--steps") {
        QApplication::setOrganizationName("PictorScreenshot");
        QApplication::setApplicationName("PictorSteps");
        return stepShots(app, argc, argv);
    }
    if (argc < 5) {
        qCritical("usage: pictor-screenshot OUT.png CLIP VQGAN TOKENIZER [PROMPT]");
        return 2;
    }
    QApplication::setOrganizationName("PictorScreenshot");
    QApplication::setApplicationName("Pictor");
    chooseModels(argv[2], argv[3], argv[4]);
    pictor::ui::MainWindow window;
    showWindow(window);
    auto* panel = window.createPanel();
    panel->promptEditor()->setPlainText(argc > 5 ? QString::fromLocal8Bit(argv[5]) : "a watercolour lighthouse at sunset | trending on artstation:0.5");
    pictor::GenerationSettings s = panel->settingsPanel()->settings();
    // On the demo model the window has chosen the demo settings a user gets; keep them. Other models
    // get a small, quick run so the shot is taken within minutes on a CPU.
    const auto demo = pictor::findDemoModel();
    if (!demo || QString::fromLocal8Bit(argv[2]) != QString::fromStdString(demo->clip)) {
        s.width = 128;
        s.height = 128;
        s.steps = 300;
        s.cutn = 8;
    }
    s.seed = 7;
    panel->settingsPanel()->setSettings(s);
    const QString out = QString::fromLocal8Bit(argv[1]);
    int frames = 0;
    QObject::connect(window.controller(), &pictor::ui::GenerationController::frameReady, &window, [&](const QImage&, const pictor::ui::FrameInfo&) {
        if (++frames == 25) {
            QTimer::singleShot(300, &window, [&] {
                window.grab().save(out);
                window.controller()->stop();
                QTimer::singleShot(2000, &app, &QApplication::quit);
            });
        }
    });
    QTimer::singleShot(500, panel, &pictor::ui::CreatePanel::start);
    QTimer::singleShot(240000, &app, &QApplication::quit); // never hang
    return app.exec();
}
