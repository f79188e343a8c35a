// End to end on the bundled demo model, as a first-time user: the window opens on the demo
// model, a prompt is typed, Ctrl+Enter starts, the run finishes, the picture is saved — and the
// saved PNG holds the settings and the demo CLIP matches the picture to the prompt. And the first
// start from a fresh home folder: the demo bar, the example prompt, the library, one-click models.
#include "http_test_server.h"
#include "test_support.h"

#include "demo/demo_eval.h"
#include "demo/shapes_world.h"
#include "demo_model_bar.h"
#include "gallery/gallery_panel.h"

#include "create_panel.h"
#include "main_window.h"
#include "prompt_editor.h"
#include "settings_panel.h"


#include <pictor/clip_model.h>
#include <pictor/demo_model.h>
#include <pictor/generation.h>

#include <QApplication>

#include <algorithm>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
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

    void pausedRunSaysPausedAndShowsItsSeed()
    {
        // A run with an unlocked seed: the seed field shows the seed the run picked, so the picture can be
        // repeated; while paused, the progress line and the window title say so instead of counting down.
        if (!findDemoModel()) QSKIP("SKIPPED: models/demo is not there (train it with pictor-train-demo)");
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName("PictorTest");
        QApplication::setApplicationName("PictorEndToEndPause");
        QSettings().clear();
        MainWindow w;
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        CreatePanel* panel = w.createPanel();
        GenerationSettings s = panel->settingsPanel()->settings();
        s.steps = 400;
        panel->settingsPanel()->setSettings(s);
        QSpinBox* seedField = nullptr;
        for (QSpinBox* b : panel->settingsPanel()->findChildren<QSpinBox*>())
            if (b->accessibleName() == "Seed") seedField = b;
        QVERIFY(seedField);
        QVERIFY(!panel->settingsPanel()->seedLocked());
        seedField->setValue(0);
        panel->promptEditor()->setPlainText("a red square on a green background");
        QSignalSpy frames(w.controller(), &GenerationController::frameReady);
        panel->start();
        QTRY_VERIFY_WITH_TIMEOUT(!frames.isEmpty() && frames.last().at(1).value<FrameInfo>().step >= 3, 60000);
        const int64_t used = w.controller()->currentSettings().seed;
        QVERIFY(used >= 0);
        QCOMPARE(int64_t(seedField->value()), used); // the seed this run uses, not 0
        QVERIFY(!panel->settingsPanel()->seedLocked()); // and the next run still picks its own
        QVERIFY2(panel->progressTitle().contains("left"), qPrintable(panel->progressTitle()));

        panel->pauseButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(w.controller()->state(), GenerationController::State::Paused, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(panel->progressTitle().startsWith("Paused"), 5000);
        QTest::qWait(1500); // frames that were on their way arrive; none may bring the countdown back
        QVERIFY2(!panel->progressTitle().contains("left"), qPrintable(panel->progressTitle()));
        QLabel* stats = nullptr;
        for (QLabel* l : panel->findChildren<QLabel*>())
            if (l->accessibleName() == "Step, loss, speed and time left") stats = l;
        QVERIFY(stats);
        QVERIFY2(stats->text().contains("paused") && !stats->text().contains("left"), qPrintable(stats->text()));
        QVERIFY2(w.windowTitle().contains("Paused") && !w.windowTitle().contains("left"), qPrintable(w.windowTitle()));

        panel->pauseButton()->click(); // resume: the countdown comes back
        QTRY_VERIFY_WITH_TIMEOUT(panel->progressTitle().contains("left"), 10000);
        QSignalSpy finished(w.controller(), &GenerationController::finished);
        panel->stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(int64_t(seedField->value()), used);
        QCOMPARE(w.controller()->currentSettings().seed, used); // what the saved picture records
        QSettings().clear();
    }

    void firstRunFromAFreshHome()
    {
        if (!findDemoModel()) QSKIP("SKIPPED: models/demo is not there (train it with pictor-train-demo)");
        PICTOR_REQUIRE_VECTORS(); // the "recommended models" are served from the shared test models
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName("PictorTest");
        QApplication::setApplicationName("PictorFirstRun");
        QSettings().clear();
        QTemporaryDir home;
        const QByteArray oldHome = qgetenv("HOME");
        qputenv("HOME", home.path().toUtf8()); // no ~/Pictures/Pictor yet

        // A registry whose recommended models sit on a local HTTP server.
        test::TestServer server;
        auto serve = [&](const QString& name, const QString& file) {
            QFile f(test::vectorsDir() + "/" + file);
            if (f.open(QIODevice::ReadOnly)) server.files[name] = f.readAll();
            const QByteArray& data = server.files[name];
            return QJsonObject{{"file", QFileInfo(file).fileName()}, {"url", server.url("/files/" + name)}, {"size", data.size()},
                               {"sha256", QString(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex())}};
        };
        QJsonObject clip = serve("clip", "clip/vit/model.safetensors");
        clip.insert("name", "ViT-B/32");
        clip.insert("kind", "clip");
        clip.insert("recommended", true);
        clip.insert("tokenizer", "clip-vocab");
        QJsonObject vocab = serve("vocab", "tokenizer/bpe_simple_vocab_16e6.txt.gz");
        vocab.insert("name", "clip-vocab");
        vocab.insert("kind", "tokenizer");
        const QJsonObject vqgan{{"name", "vqgan_imagenet_f16_16384"}, {"kind", "vqgan"}, {"recommended", true},
                                {"files", QJsonArray{serve("yaml", "vqgan/model.yaml"), serve("vqgan", "vqgan/model.safetensors")}}};
        QFile registry(home.filePath("registry.json"));
        QVERIFY(registry.open(QIODevice::WriteOnly));
        registry.write(QJsonDocument(QJsonObject{{"format", "pictor-model-registry"}, {"models", QJsonArray{vocab, clip, vqgan}}}).toJson());
        registry.close();
        qputenv("PICTOR_REGISTRY", registry.fileName().toUtf8());
        qputenv("PICTOR_MODELS_DIR", home.filePath("models").toUtf8());

        {
            MainWindow w;
            w.show();
            QVERIFY(QTest::qWaitForWindowExposed(&w));
            CreatePanel* panel = w.createPanel();
            // The demo bar says what the demo model can draw and offers the real models.
            QVERIFY(panel->demoModelBar()->isVisible());
            // The artwork folder is in the library from the start.
            QVERIFY(w.galleryPanel()->folders().contains(CreatePanel::autosaveFolder()));

            // Start with an empty prompt: the demo model's first example runs, and the picture shows it.
            GenerationSettings s = panel->settingsPanel()->settings();
            s.seed = 3;
            panel->settingsPanel()->setSettings(s);
            panel->promptEditor()->clear();
            QSignalSpy finished(w.controller(), &GenerationController::finished);
            panel->start();
            QCOMPARE(panel->promptEditor()->prompt(), panel->examplePrompts().first());
            QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 180000);
            const QImage picture = finished.at(0).at(0).value<QImage>().convertToFormat(QImage::Format_RGB888);
            RgbImage rgb{picture.width(), picture.height(), {}};
            for (int y = 0; y < picture.height(); ++y) rgb.pixels.insert(rgb.pixels.end(), picture.constScanLine(y), picture.constScanLine(y) + picture.width() * 3);
            const demo::PictureReading read = demo::readPicture(rgb);
            const auto& colours = demo::colourNames();
            auto index = [&](const char* name) { return int(std::find(colours.begin(), colours.end(), std::string(name)) - colours.begin()); };
            QCOMPARE(read.background, index("blue")); // "a large red circle in the centre, on a blue background"
            QCOMPARE(read.colour, index("red"));

            // One click: the recommended models are downloaded and the window switches to them.
            QSignalSpy installed(panel, &CreatePanel::modelsInstalled);
            for (QPushButton* b : panel->demoModelBar()->findChildren<QPushButton*>())
                if (b->text() == "Get the recommended models") b->click();
            // It asks first, naming the size.
            QMessageBox* confirm = nullptr;
            QTRY_VERIFY((confirm = panel->demoModelBar()->findChild<QMessageBox*>("confirmDownload")));
            confirm->button(QMessageBox::Yes)->click();
            QTRY_COMPARE_WITH_TIMEOUT(installed.count(), 1, 60000);
            QVERIFY(w.controller()->models().clip.startsWith(home.filePath("models")));
            QVERIFY(w.controller()->models().vqgan.endsWith("model.safetensors"));
            QVERIFY(!panel->demoModelBar()->isVisible());
            QVERIFY(panel->currentPreset() != SettingsPanel::demoPresetName());
        }
        qunsetenv("PICTOR_REGISTRY");
        qunsetenv("PICTOR_MODELS_DIR");
        qputenv("HOME", oldHome);
        QSettings().clear();
    }
};

QTEST_MAIN(TestEndToEnd)
#include "tst_end_to_end.moc"
