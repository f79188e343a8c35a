// Model downloads against a real HTTP server on 127.0.0.1 run by this test: complete, cut off and
// resumed with a Range request, cancelled and resumed, wrong checksum, an HTML error page, 404,
// a server that ignores Range; import of files the user has; registry files that are wrong.
#include "http_test_server.h"
#include "test_support.h"

#include <pictor/error.h>
#include <pictor/model_file.h>
#include <pictor/model_manager.h>

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace pictor;

namespace {

QByteArray fakeCheckpoint(int size, char fill)
{
    QByteArray b("PK\x03\x04", 4);
    b += QByteArray(size - 4, fill);
    return b;
}

QString sha(const QByteArray& b) { return QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex(); }

} // namespace

class TestModelManager : public QObject {
    Q_OBJECT
    test::TestServer server;
    QTemporaryDir dir;
    QByteArray big = fakeCheckpoint(3 << 20, 'a');
    QByteArray small = fakeCheckpoint(200000, 'b');

    QString registry(const QJsonArray& models)
    {
        static int n = 0;
        const QString path = dir.path() + QString("/registry%1.json").arg(++n);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(QJsonDocument(QJsonObject{{"format", "pictor-model-registry"}, {"version", 1}, {"models", models}}).toJson());
        return path;
    }
    QJsonObject model(const QString& name, const QString& url, const QString& checksum, qint64 size)
    {
        return QJsonObject{{"name", name}, {"kind", "clip"}, {"file", "model.pt"}, {"url", url}, {"sha256", checksum}, {"size", size}};
    }

private Q_SLOTS:
    void initTestCase()
    {
        server.files["big.pt"] = big;
        server.files["small.pt"] = small;
    }

    void completeDownloadVerifyRemove()
    {
        const QString models = dir.path() + "/m1";
        ModelManager m(registry({model("big", server.url("/files/big.pt"), sha(big), big.size())}).toStdString(), models.toStdString());
        int calls = 0;
        int64_t last = 0;
        m.download(m.find("big"), [&](const DownloadProgress& p) {
            ++calls;
            QVERIFY(p.received >= last);
            last = p.received;
            QCOMPARE(p.total, int64_t(big.size()));
        });
        QVERIFY(calls > 0);
        QCOMPARE(last, int64_t(big.size()));
        QVERIFY(m.state(m.find("big")).installed);
        QCOMPARE(QString::fromStdString(sha256File((models + "/big/model.pt").toStdString())), sha(big));
        QCOMPARE(m.verify().at(0).second, std::string("ok"));
        m.remove(m.find("big"));
        QVERIFY(!m.state(m.find("big")).installed);
        QVERIFY(!QFileInfo::exists(models + "/big"));
    }

    void cutOffThenResumed()
    {
        const QString models = dir.path() + "/m2";
        ModelManager m(registry({model("flaky", server.url("/cut-once/big.pt"), sha(big), big.size())}).toStdString(), models.toStdString());
        try {
            m.download(m.find("flaky"));
            QFAIL("a download cut in half succeeded");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("big.pt") || QString(e.what()).contains("model.pt"), e.what());
        }
        const qint64 partial = QFileInfo(models + "/flaky/model.pt.part").size();
        QVERIFY(partial > 0 && partial < big.size());
        QVERIFY(!QFileInfo::exists(models + "/flaky/model.pt")); // never a half file under the real name
        server.rangesSeen.clear();
        m.download(m.find("flaky"));
        QCOMPARE(server.rangesSeen, QStringList{QString("Range: bytes=%1-").arg(partial)});
        QCOMPARE(QString::fromStdString(sha256File((models + "/flaky/model.pt").toStdString())), sha(big));
    }

    void cancelledThenResumed()
    {
        const QString models = dir.path() + "/m3";
        ModelManager m(registry({model("big", server.url("/files/big.pt"), sha(big), big.size())}).toStdString(), models.toStdString());
        std::atomic<bool> cancel{false};
        try {
            m.download(m.find("big"), [&](const DownloadProgress& p) {
                if (p.received > 0) cancel = true;
            }, &cancel);
            QFAIL("the download was not cancelled");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("cancelled"), e.what());
        }
        QVERIFY(!QFileInfo::exists(models + "/big/model.pt"));
        m.download(m.find("big"));
        QCOMPARE(QString::fromStdString(sha256File((models + "/big/model.pt").toStdString())), sha(big));
    }

    void badDownloadsAreRefused_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("checksum");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong checksum") << server.url("/files/small.pt") << QString(64, '0') << "SHA-256";
        QTest::newRow("HTML error page") << server.url("/html/small.pt") << sha(small) << "web page";
        QTest::newRow("404") << server.url("/files/nothing.pt") << sha(small) << "HTTP 404";
        QTest::newRow("server gone") << "http://127.0.0.1:1/small.pt" << sha(small) << "failed";
    }

    void badDownloadsAreRefused()
    {
        QFETCH(QString, url);
        QFETCH(QString, checksum);
        QFETCH(QString, message);
        const QString models = dir.path() + "/bad-" + QTest::currentDataTag();
        ModelManager m(registry({model("x", url, checksum, small.size())}).toStdString(), models.toStdString());
        try {
            m.download(m.find("x"));
            QFAIL("a bad download was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains(message), e.what());
            QVERIFY2(QString(e.what()).contains(url) || message == "SHA-256", e.what()); // names the URL
        }
        QVERIFY(!QFileInfo::exists(models + "/x/model.pt"));
    }

    void serverIgnoringRangeStartsOver()
    {
        const QString models = dir.path() + "/m4";
        QDir().mkpath(models + "/x");
        QFile part(models + "/x/model.pt.part");
        part.open(QIODevice::WriteOnly);
        part.write(small.left(1000));
        part.close();
        ModelManager m(registry({model("x", server.url("/norange/small.pt"), sha(small), small.size())}).toStdString(), models.toStdString());
        m.download(m.find("x"));
        QCOMPARE(QString::fromStdString(sha256File((models + "/x/model.pt").toStdString())), sha(small));
    }

    void importRecognisesByChecksum()
    {
        const QString models = dir.path() + "/m5";
        ModelManager m(registry({model("small", server.url("/files/small.pt"), sha(small), small.size())}).toStdString(), models.toStdString());
        const QString mine = dir.path() + "/downloaded-by-hand.pt";
        QFile f(mine);
        f.open(QIODevice::WriteOnly);
        f.write(small);
        f.close();
        QCOMPARE(QString::fromStdString(m.importFile(mine.toStdString())), QString("small/model.pt"));
        QVERIFY(m.state(m.find("small")).installed);
        QFile other(dir.path() + "/other.pt");
        other.open(QIODevice::WriteOnly);
        other.write(big);
        other.close();
        QVERIFY_THROWS_EXCEPTION(Error, m.importFile((dir.path() + "/other.pt").toStdString()));
    }

    void brokenRegistriesAreErrors()
    {
        QFile f(dir.path() + "/broken.json");
        f.open(QIODevice::WriteOnly);
        f.write("{ not json");
        f.close();
        QVERIFY_THROWS_EXCEPTION(Error, ModelManager((dir.path() + "/broken.json").toStdString(), dir.path().toStdString()));
        const QString traversal = registry({QJsonObject{{"name", "evil"}, {"file", "../../etc/passwd"}, {"url", "http://x/y"}}});
        QVERIFY_THROWS_EXCEPTION(Error, ModelManager(traversal.toStdString(), dir.path().toStdString()));
        const QString noUrl = registry({QJsonObject{{"name", "odd"}, {"file", "a.pt"}, {"url", "file:///etc/passwd"}}});
        QVERIFY_THROWS_EXCEPTION(Error, ModelManager(noUrl.toStdString(), dir.path().toStdString()));
        // The shipped registry reads, and lists the models people ask for.
        ModelManager shipped(ModelManager::defaultRegistryPath(), dir.path().toStdString());
        QCOMPARE(shipped.find("ViT-B/32").files.at(0).sha256, std::string("40d365715913c9da98579312b702a82c18be219cc2a73407c4526f58eba950af"));
        QVERIFY(shipped.find("vqgan_imagenet_f16_16384").files.size() == 2);
    }
};

QTEST_GUILESS_MAIN(TestModelManager)
#include "tst_model_manager.moc"
