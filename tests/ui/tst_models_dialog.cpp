// The model dialog: lists the registry, downloads from a local HTTP server with progress, shows
// the model as installed, and "Use as CLIP" points the window at it.
#include "http_test_server.h"
#include "test_support.h"

#include "demo_model_bar.h"
#include "models_dialog.h"
#include "offline_help.h"

#include <QApplication>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QMessageBox>
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
        // It asks first, naming the models and their size; nothing is fetched before the answer.
        QMessageBox* confirm = nullptr;
        QTRY_VERIFY((confirm = bar.findChild<QMessageBox*>("confirmDownload")));
        QVERIFY2(confirm->text().contains("ViT-B/32") && confirm->text().contains("about 1 MiB"), qPrintable(confirm->text()));
        QVERIFY(!bar.isDownloading());
        confirm->button(QMessageBox::Yes)->click();
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

    void offlineDownloadSaysSoAndOffersImport()
    {
        // No network: the host cannot be found. The dialog says the computer seems to be offline, names the host,
        // keeps no empty partial file, keeps its columns, and offers to import the file (name and SHA-256 shown).
        QSettings().clear();
        QByteArray data("PK\x03\x04", 4);
        data += QByteArray(4000, 'o');
        const QString sha = QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
        QTemporaryDir dir;
        const QJsonObject model{{"name", "ViT-B/32"}, {"kind", "clip"}, {"file", "ViT-B-32.pt"}, {"url", "http://models.pictor-test.invalid/ViT-B-32.pt"},
                                {"sha256", sha}, {"size", data.size()}};
        QFile reg(dir.path() + "/registry.json");
        QVERIFY(reg.open(QIODevice::WriteOnly));
        reg.write(QJsonDocument(QJsonObject{{"format", "pictor-model-registry"}, {"models", QJsonArray{model}}}).toJson());
        reg.close();

        ui::ModelsDialog dialog(nullptr, reg.fileName(), dir.path() + "/models");
        dialog.show();
        QList<int> widths;
        for (int c = 0; c < dialog.table()->columnCount(); ++c) widths << dialog.table()->columnWidth(c);
        QSignalSpy finished(&dialog, &ui::ModelsDialog::downloadFinished);
        dialog.downloadRow(0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        const QString error = finished.at(0).at(1).toString();
        QVERIFY2(error.contains("seems to be offline") && error.contains("models.pictor-test.invalid"), qPrintable(error));
        QStringList left; // no empty .part file anywhere
        for (QDirIterator it(dir.path() + "/models", QDir::Files, QDirIterator::Subdirectories); it.hasNext();) left << it.next();
        QVERIFY2(left.isEmpty(), qPrintable(left.join(", ")));
        for (int c = 0; c < dialog.table()->columnCount(); ++c) QCOMPARE(dialog.table()->columnWidth(c), widths[c]);

        auto* help = dialog.findChild<ui::OfflineHelp*>("offlineHelp");
        QVERIFY(help);
        QVERIFY2(help->text().contains("offline") && help->text().contains("models.pictor-test.invalid"), qPrintable(help->text()));
        QCOMPARE(help->listedFiles().size(), 1);
        QVERIFY(help->listedFiles().at(0).contains("ViT-B-32.pt") && help->listedFiles().at(0).contains(sha));
        QVERIFY(help->findChild<QPushButton*>("importFile"));

        // The file fetched on another computer comes in through the same dialog and the model is installed.
        QFile fetched(dir.path() + "/ViT-B-32 (1).pt");
        QVERIFY(fetched.open(QIODevice::WriteOnly));
        fetched.write(data);
        fetched.close();
        const QString outcome = help->importFiles({fetched.fileName()});
        QVERIFY2(outcome.startsWith("Imported"), qPrintable(outcome));
        QCOMPARE(dialog.table()->item(0, 3)->text(), QString("installed"));
        help->close();
    }
};

QTEST_MAIN(TestModelsDialog)
#include "tst_models_dialog.moc"
