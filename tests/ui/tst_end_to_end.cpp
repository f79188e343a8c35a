// End to end on the bundled demo model, as a first-time user: the window opens on the demo
// model, a prompt is typed, Ctrl+Enter starts, the run finishes, the picture is saved — and the
// saved PNG holds the settings and the demo CLIP matches the picture to the prompt.
#include "test_support.h"

#include "create_panel.h"
#include "main_window.h"
#include "prompt_editor.h"
#include "settings_panel.h"


#include <pictor/clip_model.h>
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

        // The picture evolved toward the prompt: the demo CLIP matches it to the typed prompt better
        // than to the same prompt with any other background colour.
        ClipLoadOptions o;
        o.tokenizerPath = findDemoModel()->tokenizer;
        const auto clip = ClipModel::load(findDemoModel()->clip, o);
        const auto image = clip->embedImageFiles({out.toStdString()}).at(0);
        std::vector<std::string> prompts{prompt.toStdString()};
        for (const char* bg : {"red", "orange", "green", "purple", "white", "black"}) prompts.push_back(std::string("a yellow circle on a ") + bg + " background");
        const auto texts = clip->embedTexts(prompts);
        auto score = [&](std::size_t i) {
            double s = 0;
            for (std::size_t k = 0; k < image.size(); ++k) s += double(image[k]) * texts[i][k];
            return s;
        };
        for (std::size_t i = 1; i < prompts.size(); ++i) QVERIFY2(score(0) > score(i), prompts[i].c_str());
    }
};

QTEST_MAIN(TestEndToEnd)
#include "tst_end_to_end.moc"
