// CLIP preprocessing against torchvision + Pillow output for PNG/JPEG, RGB/RGBA/L, up and down.
#include "test_support.h"

#include "image/image.h"

#include <pictor/error.h>

using namespace pictor;

class TestPreprocess : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { PICTOR_REQUIRE_VECTORS(); }

    void matchesReferenceWithinOneLevel_data()
    {
        QTest::addColumn<QString>("file");
        for (const char* f : {"img0.png", "img1.png", "img2.jpg", "img3.png", "img4.png", "img5.png", "img6.png"}) QTest::newRow(f) << f;
    }

    void matchesReferenceWithinOneLevel()
    {
        QFETCH(QString, file);
        const auto expected = test::readFloatTensors(test::vectorsDir() + "/preprocess/expected.safetensors");
        const auto& want = expected.at(file.toStdString());
        QCOMPARE(want.shape, (std::vector<int64_t>{3, 224, 224}));
        const std::vector<float> got =
            image::clipPreprocess(image::loadImage((test::vectorsDir() + "/preprocess/" + file).toStdString()), 224);
        QCOMPARE(got.size(), want.values.size());
        // Compare in pixel units: 1/255 is one level of an 8-bit channel.
        double worst = 0;
        std::size_t exact = 0;
        for (std::size_t i = 0; i < got.size(); ++i) {
            const int c = int(i / (224 * 224));
            const double diff = std::fabs(double(got[i]) - want.values[i]) * image::kClipStd[c];
            worst = std::max(worst, diff);
            if (diff < 0.5 / 255) ++exact;
        }
        qInfo().noquote() << file << QString("worst %1 levels, %2% of values exact").arg(worst * 255, 0, 'f', 3).arg(100.0 * exact / got.size(), 0, 'f', 2);
        QVERIFY2(worst <= 1.0 / 255 + 1e-6, qPrintable(QString("worst difference %1/255").arg(worst * 255)));
    }

    void longSideIsTruncatedAndCropRoundsHalfToEven()
    {
        // 301x777 -> 224x578 (777*224/301 = 578.2); crop top = round(177) from (578-224)/2 = 177.
        image::Image8 img{301, 777, 3, std::vector<uint8_t>(301 * 777 * 3, 128)};
        const auto out = image::clipPreprocess(img, 224);
        QCOMPARE(out.size(), std::size_t(3 * 224 * 224));
        const float grey = (128 / 255.0f - image::kClipMean[0]) / image::kClipStd[0];
        QVERIFY(std::fabs(out[0] - grey) < 1e-5);
    }

    void resizeOfConstantImageStaysConstant()
    {
        image::Image8 img{37, 11, 4, {}};
        for (int i = 0; i < 37 * 11; ++i) img.pixels.insert(img.pixels.end(), {200, 100, 50, 255});
        for (auto [w, h] : {std::pair{5, 3}, std::pair{100, 40}, std::pair{37, 200}}) {
            const auto r = image::resizeBicubicPillow(img, w, h);
            QCOMPARE(r.width, w);
            QCOMPARE(r.height, h);
            for (std::size_t p = 0; p < r.pixels.size(); p += 4) {
                QCOMPARE(int(r.pixels[p]), 200);
                QCOMPARE(int(r.pixels[p + 2]), 50);
            }
        }
    }

    void unreadableImagesAreClearErrors()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath("fake.jpg"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("this is not a jpeg");
        f.close();
        try {
            image::loadImage(f.fileName().toStdString());
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("fake.jpg"));
        }
        QVERIFY_THROWS_EXCEPTION(Error, image::loadImage(dir.filePath("missing.png").toStdString()));
        QFile empty(dir.filePath("empty.png"));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.close();
        QVERIFY_THROWS_EXCEPTION(Error, image::loadImage(empty.fileName().toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestPreprocess)
#include "tst_preprocess.moc"
