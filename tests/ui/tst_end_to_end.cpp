// End to end on the bundled demo model, as a first-time user: the window opens on the demo
// model, a prompt is typed, Ctrl+Enter starts, the run finishes, the picture is saved — and the
// saved PNG holds the settings and shows what the prompt asked for (read back by the OpenCV checker).
#include "test_support.h"

#include "create_panel.h"
#include "main_window.h"
#include "prompt_editor.h"
#include "settings_panel.h"

#include "demo/demo_eval.h"
#include "demo/shapes_world.h"
#include "image/image.h"

#include <pictor/demo_model.h>
#include <pictor/generation.h>

#include <QApplication>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace pictor;
using namespace pictor::ui;

class TestEndToEnd : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void typePromptGenerateSave()
    {
        if (!findDemoModel()) QSKIP("SKIPPED: models/demo is not there (train it with pictor-train-demo)");
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName("PictorTest");
        QApplication::setApplicationName("PictorEndToEnd");
        QSettings().clear();
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        CreatePanel* panel = w.createPanel();
        QCOMPARE(panel->settingsPanel()->settings().width, 64); // the demo model starts with its own preset

        GenerationSettings s = panel->settingsPanel()->settings();
        s.seed = 11;
        panel->settingsPanel()->setSettings(s);
        const QString prompt = "a yellow circle on a blue background";
        panel->promptEditor()->setFocus();
        QTest::keyClicks(panel->promptEditor(), prompt);
        QSignalSpy finished(w.controller(), &GenerationController::finished);
        QTest::keyClick(panel->promptEditor(), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 180000);
        QCOMPARE(finished.at(0).at(1).toBool(), false); // ran to the end, not stopped

        QTemporaryDir dir;
        const QString out = dir.path() + "/yellow-circle.png";
        QVERIFY(panel->saveAs(out));
        const auto text = readPngText(out.toStdString());
        QVERIFY(text.count("pictor"));
        const GenerationSettings back = GenerationSettings::fromJson(text.at("pictor"));
        QCOMPARE(QString::fromStdString(back.prompt), prompt);
        QCOMPARE(back.seed, int64_t(11));

        const image::Image8 picture = image::toRgb(image::loadImage(out.toStdString()));
        RgbImage rgb{picture.width, picture.height, picture.pixels};
        const demo::PictureReading read = demo::readPicture(rgb);
        qInfo() << "checker reads: background" << read.background << "colour" << read.colour << "shape" << read.shape;
        QCOMPARE(read.background, 4); // blue
        QCOMPARE(read.colour, 2);     // yellow
    }
};

QTEST_MAIN(TestEndToEnd)
#include "tst_end_to_end.moc"
