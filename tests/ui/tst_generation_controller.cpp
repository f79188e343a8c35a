// The GUI's engine controller: frames arrive across threads, pause holds, resume continues, stop
// keeps the picture, steering reaches the next step, and the GUI thread never waits on the engine.
#include "test_support.h"

#include "generation_controller.h"

#include <pictor/demo_model.h>

#include <QElapsedTimer>
#include <QSemaphore>
#include <QThread>
#include <QSignalSpy>
#include <QTimer>

#include <atomic>

using namespace pictor;
using pictor::ui::GenerationController;

class TestGenerationController : public QObject {
    Q_OBJECT
    ui::ModelChoice models;

    GenerationSettings settings(int steps)
    {
        GenerationSettings s;
        s.prompt = "a red circle on a blue background";
        s.width = 32;
        s.height = 32;
        s.steps = steps;
        s.seed = 3;
        s.cutn = 8;
        return s;
    }

private Q_SLOTS:
    void initTestCase()
    {
        PICTOR_REQUIRE_VECTORS();
        // The small random-weight reference models; their text width needs 2 heads (metadata-free file).
        models.clip = test::vectorsDir() + "/clip/rn/state_dict.pt";
        models.vqgan = test::vectorsDir() + "/vqgan/last.ckpt";
        models.tokenizer = test::vectorsDir() + "/tokenizer/bpe_simple_vocab_16e6.txt.gz";
        models.label = "test models";
    }

    void bestOfTriesSeedsThenContinuesTheBest()
    {
        GenerationController c;
        c.setModels(models);
        c.setBestOf(3, 2);
        QSignalSpy candidates(&c, &GenerationController::bestOfCandidate);
        QSignalSpy finished(&c, &GenerationController::finished);
        c.start(settings(3));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 120000);
        QCOMPARE(int(candidates.count()), 3);
        // The run continued with the candidate CLIP scored highest.
        qint64 bestSeed = -1;
        double best = -1e9;
        for (const auto& args : candidates)
            if (args.at(3).toDouble() > best) {
                best = args.at(3).toDouble();
                bestSeed = args.at(2).toLongLong();
            }
        QCOMPARE(qint64(c.currentSettings().seed), bestSeed);
    }

    void startPauseResumeStop()
    {
        GenerationController c;
        c.setModels(models);
        QSignalSpy frames(&c, &GenerationController::frameReady);
        QSignalSpy finished(&c, &GenerationController::finished);
        QSignalSpy states(&c, &GenerationController::stateChanged);
        c.start(settings(0));
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 2, 60000);
        QCOMPARE(c.state(), GenerationController::State::Running);
        c.pause();
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), GenerationController::State::Paused, 5000);
        QTest::qWait(800); // let a step in flight land
        const int held = int(frames.count());
        QTest::qWait(800);
        QCOMPARE(int(frames.count()), held);
        c.resume();
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() > held, 30000);
        c.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(c.state(), GenerationController::State::Idle);
        QVERIFY(finished.at(0).at(1).toBool()); // stopped
        const QImage kept = finished.at(0).at(0).value<QImage>();
        QCOMPARE(kept.size(), QSize(32, 32));
        QCOMPARE(c.currentImage(), kept);
        QVERIFY(!c.currentSettings().prompt.empty());
        QVERIFY(c.modelIdentity().count("clip_sha256"));
    }

    void finishesByItselfAndCanStartAgain()
    {
        GenerationController c;
        c.setModels(models);
        QSignalSpy finished(&c, &GenerationController::finished);
        QSignalSpy frames(&c, &GenerationController::frameReady);
        QSignalSpy loading(&c, &GenerationController::loadingProgress);
        c.start(settings(3));
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
        QVERIFY(!finished.at(0).at(1).toBool());
        const auto last = frames.last().at(1).value<ui::FrameInfo>();
        QCOMPARE(last.totalSteps, 3);
        QVERIFY(last.step <= 3);
        // Loading said what it prepared, in order, ever further along.
        QCOMPARE(loading.count(), 4);
        QCOMPARE(loading.at(0).at(0).toString(), QString("CLIP"));
        for (int i = 1; i < loading.count(); ++i) QVERIFY(loading.at(i).at(1).toInt() > loading.at(i - 1).at(1).toInt());
        c.start(settings(2)); // models are cached now
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 60000);
    }

    void steeringChangesTheNextSteps()
    {
        GenerationController c;
        c.setModels(models);
        QSignalSpy frames(&c, &GenerationController::frameReady);
        c.start(settings(0));
        // Frame 0 is the starting picture (no loss yet); then the steps.
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 1 && frames.last().at(1).value<ui::FrameInfo>().step >= 1, 60000);
        QVERIFY(frames.last().at(1).value<ui::FrameInfo>().loss > 0);
        c.steerPrompt("a red circle on a blue background:-1");
        QTRY_VERIFY_WITH_TIMEOUT(frames.last().at(1).value<ui::FrameInfo>().loss < 0, 30000);
        c.steerLearningRate(0.05);
        c.steerCutouts(4);
        QTRY_COMPARE_WITH_TIMEOUT(c.currentSettings().cutn, 4, 5000);
        c.stop();
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), GenerationController::State::Idle, 30000);
    }

    void guiThreadNeverWaitsOnTheEngine()
    {
        // The engine is held in the middle of its work (inside its own loading and best-of scoring, on its
        // thread) until the GUI thread has run its event loop and steered and queried the controller. Were the
        // GUI thread waiting on the engine, or the engine working on the GUI thread, this could not happen:
        // the check is on order, not on time (a machine's speed cannot pass or fail it).
        GenerationController c;
        c.setModels(models);
        c.setBestOf(2, 1);
        QSemaphore guiWorked;
        std::atomic<int> heldOnGuiThread{0}, held{0}, guiNeverCame{0};
        const auto holdEngine = [&] {
            if (QThread::currentThread() == qApp->thread()) {
                ++heldOnGuiThread;
                return;
            }
            ++held;
            QTimer::singleShot(0, qApp, [&] {
                c.steerLearningRate(0.05); // takes the controller's lock: the engine must not be holding it
                (void)c.currentSettings();
                (void)c.state();
                guiWorked.release();
            });
            if (!guiWorked.tryAcquire(1, 120000)) ++guiNeverCame;
        };
        connect(&c, &GenerationController::loadingProgress, this, holdEngine, Qt::DirectConnection);
        connect(&c, &GenerationController::bestOfCandidate, this, holdEngine, Qt::DirectConnection);
        QSignalSpy frames(&c, &GenerationController::frameReady);

        // How long the GUI thread's longest gap was is printed as a figure, not asserted (tests never assert on time).
        QElapsedTimer clock;
        qint64 last = 0, worst = 0;
        QTimer probe;
        probe.setInterval(5);
        QObject::connect(&probe, &QTimer::timeout, [&] {
            const qint64 now = clock.elapsed();
            if (last) worst = std::max(worst, now - last);
            last = now;
        });
        clock.start();
        probe.start();
        c.start(settings(0));
        QTRY_VERIFY_WITH_TIMEOUT(frames.count() >= 3, 120000);
        probe.stop();
        qInfo() << "engine held" << held.load() << "times until the GUI thread had worked; frames" << frames.count()
                << "; worst GUI-thread gap" << worst << "ms";
        QCOMPARE(heldOnGuiThread.load(), 0);
        QCOMPARE(guiNeverCame.load(), 0);
        QVERIFY(held.load() >= 6); // four loading stages and two best-of candidates
        c.stop();
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), GenerationController::State::Idle, 30000);
        disconnect(&c, nullptr, this, nullptr);
    }

    void clipAloneDrawsWithoutAVqganAndAnEnsembleJudges()
    {
        // Only a CLIP chosen: the pixel drawer runs (the VQGAN is never needed), with a second CLIP judging and
        // the style weights and palette steered while it runs; the VQGAN drawer says what is missing.
        const auto demo = findDemoModel();
        if (!demo) QSKIP("SKIPPED: models/demo is not there (the ensemble's second CLIP)");
        GenerationController c;
        ui::ModelChoice clipAlone = models;
        clipAlone.vqgan.clear();
        clipAlone.ensemble = {QString::fromStdString(demo->clip)}; // its tokenizer is beside it
        c.setModels(clipAlone);
        QSignalSpy frames(&c, &GenerationController::frameReady);
        QSignalSpy finished(&c, &GenerationController::finished);
        QSignalSpy failed(&c, &GenerationController::failed);
        GenerationSettings s = settings(0);
        s.drawer = "pixel";
        s.pixelColumns = s.pixelRows = 8;
        c.start(s);
        QTRY_VERIFY_WITH_TIMEOUT(!frames.isEmpty() && frames.last().at(1).value<ui::FrameInfo>().step >= 1, 60000);
        c.steerPalette("game-boy");
        c.steerLossWeight("symmetry", 2.5);
        QTRY_COMPARE_WITH_TIMEOUT(c.currentSettings().symmetryWeight, 2.5, 5000);
        QCOMPARE(c.currentSettings().palette, std::string("game-boy"));
        const QList<QRgb> gameBoy{qRgb(0x0f, 0x38, 0x0f), qRgb(0x30, 0x62, 0x30), qRgb(0x8b, 0xac, 0x0f), qRgb(0x9b, 0xbc, 0x0f)};
        auto inGameBoy = [&](const QImage& image) {
            const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
            for (int y = 0; y < rgb.height(); ++y)
                for (int x = 0; x < rgb.width(); ++x)
                    if (!gameBoy.contains(rgb.pixel(x, y))) return false;
            return !rgb.isNull();
        };
        // Frames are coalesced and the worker may be steps ahead of the last one shown: wait for the palette.
        QTRY_VERIFY_WITH_TIMEOUT(inGameBoy(frames.last().at(0).value<QImage>()), 30000);
        QVERIFY(c.modelIdentity().count("clip_model_2") && !c.modelIdentity().count("vqgan_model"));
        c.stop();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(failed.count(), 0);
        QVERIFY(inGameBoy(finished.at(0).at(0).value<QImage>())); // the picture kept

        c.start(settings(2)); // the vqgan drawer, with no VQGAN chosen
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        QVERIFY2(failed.at(0).at(0).toString().contains("needs a VQGAN model"), qPrintable(failed.at(0).at(0).toString()));
        QCOMPARE(c.state(), GenerationController::State::Idle);
    }

    void badModelIsAMessageAndBackToReady()
    {
        GenerationController c;
        ui::ModelChoice bad = models;
        bad.clip = test::vectorsDir() + "/vqgan/last.ckpt";
        c.setModels(bad);
        QSignalSpy failed(&c, &GenerationController::failed);
        c.start(settings(2));
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 30000);
        QVERIFY(failed.at(0).at(0).toString().contains("not a CLIP model"));
        QCOMPARE(c.state(), GenerationController::State::Idle);
    }
};

QTEST_MAIN(TestGenerationController)
#include "tst_generation_controller.moc"
