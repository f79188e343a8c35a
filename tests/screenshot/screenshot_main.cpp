// Takes the README screenshot from the real main window: types a prompt, starts generating and
// grabs the window after a few frames. Run under Xvfb: packaging/take-screenshot.sh.
// usage: pictor-screenshot OUT.png CLIP VQGAN TOKENIZER [PROMPT]
#include "create_panel.h"
#include "main_window.h"
#include "prompt_editor.h"
#include "settings_panel.h"

#include <pictor/runtime.h>

#include <QApplication>
#include <QSettings>
#include <QTimer>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    if (argc < 5) {
        qCritical("usage: pictor-screenshot OUT.png CLIP VQGAN TOKENIZER [PROMPT]");
        return 2;
    }
    QApplication::setOrganizationName("PictorScreenshot");
    QApplication::setApplicationName("Pictor");
    QSettings store;
    store.clear();
    store.setValue("models/clip", QString::fromLocal8Bit(argv[2]));
    store.setValue("models/vqgan", QString::fromLocal8Bit(argv[3]));
    store.setValue("models/tokenizer", QString::fromLocal8Bit(argv[4]));
    store.sync();
    pictor::setComputeThreads(0);
    pictor::ui::MainWindow window;
    window.resize(1200, 760);
    window.show();
    auto* panel = window.createPanel();
    panel->promptEditor()->setPlainText(argc > 5 ? QString::fromLocal8Bit(argv[5]) : "a watercolour lighthouse at sunset | trending on artstation:0.5");
    pictor::GenerationSettings s = panel->settingsPanel()->settings();
    s.width = 128;
    s.height = 128;
    s.steps = 300;
    s.cutn = 8;
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
