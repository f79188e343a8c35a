// The model dialog: lists the registry, downloads from a local HTTP server with progress, shows
// the model as installed, and "Use as CLIP" points the window at it.
#include "http_test_server.h"
#include "test_support.h"

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
        reg.write(QJsonDocument(QJsonObject{{"format", "pictor-model-registry"}, {"models", QJsonArray{model}}}).toJson());
        reg.close();

        ui::ModelsDialog dialog(nullptr, reg.fileName(), dir.path() + "/models");
        QCOMPARE(dialog.table()->rowCount(), 1);
        QCOMPARE(dialog.table()->item(0, 3)->text(), QString());
        QSignalSpy finished(&dialog, &ui::ModelsDialog::downloadFinished);
        dialog.downloadRow(0);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 30000);
        QCOMPARE(finished.at(0).at(1).toString(), QString());
        QCOMPARE(dialog.table()->item(0, 3)->text(), QString("installed"));
        QVERIFY(QFileInfo::exists(dir.path() + "/models/tiny/tiny.pt"));

        QSignalSpy chosen(&dialog, &ui::ModelsDialog::modelsChosen);
        dialog.table()->selectRow(0);
        for (QPushButton* b : dialog.findChildren<QPushButton*>())
            if (b->text() == "Use as CLIP") b->click();
        QCOMPARE(chosen.count(), 1);
        QCOMPARE(QSettings().value("models/clip").toString(), dir.path() + "/models/tiny/tiny.pt");
    }
};

QTEST_MAIN(TestModelsDialog)
#include "tst_models_dialog.moc"
