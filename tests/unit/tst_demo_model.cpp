// The bundled demo model, checked the way a user would: it reconstructs pictures, names shapes,
// colours and backgrounds in English and Korean, and generation draws what the prompt asks.
#include "test_support.h"

#include "demo/demo_eval.h"
#include "demo/shapes_world.h"

#include <pictor/clip_model.h>
#include <pictor/demo_model.h>
#include <pictor/vqgan_model.h>

using namespace pictor;

class TestDemoModel : public QObject {
    Q_OBJECT
    std::shared_ptr<ClipModel> clip;
    std::shared_ptr<VqganModel> vqgan;

private Q_SLOTS:
    void worldIsDeterministicAndCaptioned()
    {
        demo::ShapesWorld a(5), b(5);
        const auto sa = a.next(), sb = b.next();
        QVERIFY(sa.image.pixels == sb.image.pixels);
        QCOMPARE(sa.english, sb.english);
        QVERIFY(!sa.korean.empty());
        QCOMPARE(sa.image.width, 64);
        // Held-out combinations never appear in training pictures.
        demo::ShapesWorld training(9);
        for (int i = 0; i < 3000; ++i) {
            const auto scene = training.randomScene();
            for (const auto& s : scene.shapes) QVERIFY(!demo::isHeldOut(s.shape, s.colour, scene.background));
        }
    }

    void checkerReadsRenderedPictures()
    {
        // The OpenCV checker used on generated pictures must itself read real pictures right.
        demo::ShapesWorld world(321, 64, false);
        int ok = 0, colourOk = 0, bgOk = 0;
        const int n = 200;
        for (int i = 0; i < n; ++i) {
            demo::Scene scene = world.randomScene(0.0);
            scene.shapes[0].large = true;
            const auto s = world.render(scene);
            const auto r = demo::readPicture(RgbImage{s.image.width, s.image.height, s.image.pixels});
            ok += r.shape == int(scene.shapes[0].shape);
            colourOk += r.colour == scene.shapes[0].colour;
            bgOk += r.background == scene.background;
        }
        qInfo() << "checker on rendered pictures: shape" << ok << "colour" << colourOk << "background" << bgOk << "of" << n;
        QVERIFY(bgOk >= n * 98 / 100);
        QVERIFY(colourOk >= n * 95 / 100);
        QVERIFY(ok >= n * 85 / 100);
    }

    void modelIsFound()
    {
        const auto demo = findDemoModel();
        if (!demo) QSKIP("SKIPPED: models/demo is not there (train it with pictor-train-demo)");
        ClipLoadOptions o;
        o.tokenizerPath = demo->tokenizer;
        clip = ClipModel::load(demo->clip, o);
        vqgan = VqganModel::load(demo->vqgan);
        QCOMPARE(clip->info().imageResolution, 64);
        QCOMPARE(vqgan->info().factor, 8);
        QCOMPARE(QString::fromStdString(clip->tokenizer().name()), QString("sentencepiece"));
    }

    void vqganReconstructs()
    {
        if (!vqgan) QSKIP("no demo model");
        const auto q = demo::measureReconstruction(*vqgan, 64, 99);
        qInfo() << "PSNR" << q.psnr << "codes used" << q.codesUsed;
        QVERIFY2(q.psnr >= 24.0, qPrintable(QString("PSNR %1 dB").arg(q.psnr)));
        QVERIFY(q.codesUsed >= 0.4);
    }

    void clipNamesWhatItSees_data()
    {
        QTest::addColumn<bool>("korean");
        QTest::newRow("English labels") << false;
        QTest::newRow("Korean labels") << true;
    }

    void clipNamesWhatItSees()
    {
        QFETCH(bool, korean);
        if (!clip) QSKIP("no demo model");
        const auto z = demo::measureZeroShot(*clip, 200, 2024, korean);
        qInfo() << "zero-shot shape" << z.shape << "colour" << z.colour << "background" << z.background;
        QVERIFY2(z.colour >= 0.9, qPrintable(QString::number(z.colour)));
        QVERIFY2(z.background >= 0.85, qPrintable(QString::number(z.background)));
        QVERIFY2(z.shape >= 0.6, qPrintable(QString::number(z.shape)));
    }

    void generationDrawsTheAskedColours()
    {
        if (!clip) QSKIP("no demo model");
        const auto g = demo::measureGeneration(clip, vqgan, demo::demoPreset(), 6, 1);
        qInfo() << "generation: background" << g.background << "colour" << g.colour << "shape" << g.shape << "of" << g.runs;
        QVERIFY(g.background >= g.runs * 2 / 3);
        QVERIFY(g.colour >= g.runs / 2);
    }
};

QTEST_GUILESS_MAIN(TestDemoModel)
#include "tst_demo_model.moc"
