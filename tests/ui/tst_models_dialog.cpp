// The model dialog: lists the registry, downloads from a local HTTP server with progress, shows
// the model as installed, and "Use as CLIP" points the window at it.
#include "http_test_server.h"
#include "test_support.h"

#include "demo_model_bar.h"
#include "models_dialog.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QPushButton>
#include <QTableWidget>
#include <QTemporaryDir>

using namespace pictor;

class TestModelsDialog : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void downloadFromTheDialog()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName("PictorTest");
        QApplication::setApplicationName("PictorModelsDialog");
        QSettings().clear();
        test::TestServer server;
        QByteArray data("PK\x03\x04", 4);
        data += QByteArray(500000, 'z');
        server.files["m.pt"] = data;
        QTemporaryDir dir;
        const QJsonObject model{{"name", "tiny"}, {"kind", "clip"}, {"file", "tiny.pt"}, {"url", server.url("/files/m.pt")},
                                {"sha256", QString(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex())}, {"size", data.size()}};
        QFile reg(dir.path() + "/registry.json");
        QVERIFY(reg.open(QIODevice::WriteOnly));
        QJsonObject second = model, third = model;
        second["name"] = "second";
        third["name"] = "third";
        third["multilingual"] = true; // a model that understands Korean is marked so
        reg.write(QJsonDocument(QJsonObject{{"format", "pictor-model-registry"}, {"models", QJsonArray{model, second, third}}}).toJson());
        reg.close();

        ui::ModelsDialog dialog(nullptr, reg.fileName(), dir.path() + "/models");
        QCOMPARE(dialog.table()->rowCount(), 3);
        QCOMPARE(dialog.table()->item(0, 3)->text(), QString());
        QVERIFY(!dialog.table()->item(0, 0)->text().contains("Korean"));
        QSignalSpy finished(&dialog, &ui::ModelsDialog::downloadFinished);
        // Three downloads queue behind each other; the third is cancelled while it waits.
        dialog.downloadRow(0);
        dialog.downloadRow(1);
        dialog.downloadRow(2);
        QVERIFY(dialog.table()->item(2, 0)->text().contains("understands Korean"));
        QCOMPARE(dialog.queuedRows(), (QList<int>{1, 2}));
        QCOMPARE(dialog.table()->item(2, 3)->text(), QString("queued"));
        dialog.cancelRow(2);
        QCOMPARE(dialog.queuedRows(), QList<int>{1});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 30000);
        QTest::qWait(300);
        QCOMPARE(int(finished.count()), 2);
        QCOMPARE(finished.at(0).at(1).toString(), QString());
        QCOMPARE(finished.at(1).at(0).toString(), QString("second"));
        QCOMPARE(dialog.table()->item(0, 3)->text(), QString("installed"));
        QCOMPARE(dialog.table()->item(1, 3)->text(), QString("installed"));
        QCOMPARE(dialog.table()->item(2, 3)->text(), QString());
        QVERIFY(QFileInfo::exists(dir.path() + "/models/tiny/tiny.pt"));

        QSignalSpy chosen(&dialog, &ui::ModelsDialog::modelsChosen);
        dialog.table()->selectRow(0);
        for (QPushButton* b : dialog.findChildren<QPushButton*>())
            if (b->text() == "Use as CLIP") b->click();
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(QSettings().value("models/clip").toString(), dir.path() + "/models/tiny/tiny.pt");
    }

    void demoBarGetsTheRecommendedModelsInOneClick()
    {
        // A registry like the real one: the recommended CLIP needs a tokenizer; the recommended VQGAN.
        QSettings().clear();
        test::TestServer server;
        QByteArray checkpoint("PK\x03\x04", 4), vocab("\x1f\x8b\x08\x00", 4);
        checkpoint += QByteArray(300000, 'c');
        vocab += QByteArray(20000, 'v');
        server.files["clip.pt"] = checkpoint;
        server.files["vqgan.ckpt"] = checkpoint + "q";
        server.files["vocab.txt.gz"] = vocab;
        auto entry = [&](const QString& name, const QString& kind, const QString& file, const QString& served) {
            const QByteArray& data = server.files[served];
            return QJsonObject{{"name", name}, {"kind", kind}, {"file", file}, {"url", server.url("/files/" + served)},
                               {"sha256", QString(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex())}, {"size", data.size()}};
        };
        QJsonObject clip = entry("ViT-B/32", "clip", "ViT-B-32.pt", "clip.pt");
        clip["recommended"] = true;
        clip["tokenizer"] = "clip-vocab";
        QJsonObject other = entry("RN50", "clip", "RN50.pt", "clip.pt");
        QJsonObject vqgan = entry("vqgan_imagenet_f16_16384", "vqgan", "last.ckpt", "vqgan.ckpt");
        vqgan["recommended"] = true;
        QTemporaryDir dir;
        QFile reg(dir.path() + "/registry.json");
        QVERIFY(reg.open(QIODevice::WriteOnly));
        reg.write(QJsonDocument(QJsonObject{{"format", "pictor-model-registry"},
                                            {"models", QJsonArray{entry("clip-vocab", "tokenizer", "bpe_simple_vocab_16e6.txt.gz", "vocab.txt.gz"),
                                                                  other, clip, vqgan}}})
                      .toJson());
        reg.close();

        ui::DemoModelBar bar(nullptr, reg.fileName(), dir.path() + "/models");
        bar.setDemoModel(true);
        QVERIFY(!bar.isHidden());
        QCOMPARE(bar.offeredModels(false), (QStringList{"ViT-B/32", "clip-vocab", "vqgan_imagenet_f16_16384"}));
        QSignalSpy ready(&bar, &ui::DemoModelBar::modelsReady);
        QPushButton* get = nullptr;
        for (QPushButton* b : bar.findChildren<QPushButton*>())
            if (b->text() == "Get the recommended models") get = b;
        QVERIFY(get);
        get->click();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 30000);
        QSettings store;
        QCOMPARE(QFileInfo(store.value("models/clip").toString()).fileName(), QString("ViT-B-32.pt"));
        QCOMPARE(QFileInfo(store.value("models/vqgan").toString()).fileName(), QString("last.ckpt"));
        QCOMPARE(QFileInfo(store.value("models/tokenizer").toString()).fileName(), QString("bpe_simple_vocab_16e6.txt.gz"));
        QVERIFY(QFileInfo(store.value("models/clip").toString()).isFile());

        // Dismissed, it stays hidden, also the next time the demo model is chosen.
        bar.dismiss();
        bar.setDemoModel(true);
        QVERIFY(bar.isHidden());
        QSettings().clear();
    }
};

QTEST_MAIN(TestModelsDialog)
#include "tst_models_dialog.moc"
