// Hostile files, in process: every file of the hostile-checkpoint corpus (tests/support/
// hostile_corpus.h) must be refused with a clear message naming the file, in bounded time, and
// nothing in them may run; real files cut short or with flipped bytes never crash the reader.
#include "hostile_corpus.h"
#include "test_support.h"
#include "zip_writer.h"

#include "clip/clip_config.h"
#include "checkpoint/byte_source.h"
#include "checkpoint/checkpoint.h"

#include <pictor/error.h>

#include <QElapsedTimer>
#include <QFile>

using namespace pictor;
using test::PickleWriter;

namespace {

QString refusal(const std::string& bytes, const std::string& name = "hostile.pt")
{
    try {
        // As far as model-info goes: the container, then (for a CLIP) its configuration.
        ckpt::Checkpoint c = ckpt::openCheckpoint(ckpt::memorySource(bytes, name));
        if (clip::looksLikeClip(c.tensors)) {
            clip::dropNonParameters(c.tensors);
            clip::inferClipConfig(c.tensors, name);
        }
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

} // namespace

class TestCheckpointHostile : public QObject {
    Q_OBJECT
    QString marker = QDir::temp().filePath("pictor-pwned-marker");

private Q_SLOTS:
    void init() { QFile::remove(marker); }

    void wellFormedBaselineLoads()
    {
        PickleWriter p;
        p.proto().global("collections", "OrderedDict").emptyTuple().reduce().str("w");
        p.tensor("FloatStorage", "0", 6, 0, {2, 3}, {3, 1}).setItem().stop();
        const auto c = ckpt::openCheckpoint(ckpt::memorySource(test::makeTorchZip(p.bytes(), {{"0", std::string(24, '\0')}}), "good.pt"));
        QCOMPARE(c.find("w")->shape, (std::vector<int64_t>{2, 3}));
    }

    void everyHostileFileIsRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expect");
        for (const auto& f : test::hostileCheckpoints(marker.toStdString()))
            QTest::newRow(f.name.c_str()) << QByteArray::fromStdString(f.bytes) << QString::fromStdString(f.name) << QString::fromStdString(f.expect);
    }

    void everyHostileFileIsRefused()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, name);
        QFETCH(QString, expect);
        QElapsedTimer t;
        t.start();
        const QString why = refusal(bytes.toStdString(), name.toStdString());
        QVERIFY2(!why.isEmpty(), "accepted");
        QVERIFY2(why.contains(name), qPrintable(why));
        QVERIFY2(why.contains(expect), qPrintable(why));
        if (t.elapsed() > 1000) qInfo() << name << "took" << t.elapsed() << "ms to refuse"; // a figure; a hang meets the test's timeout
        QVERIFY2(!QFile::exists(marker), "a payload ran");
    }

    void selfReferenceIsHarmless()
    {
        PickleWriter p;
        p.proto().emptyDict().put(0).str("self").get(0).setItem().str("w").tensor("FloatStorage", "0", 1, 0, {1}, {1}).setItem().stop();
        const auto c = ckpt::openCheckpoint(ckpt::memorySource(test::makeTorchZip(p.bytes(), {{"0", std::string(4, '\0')}}), "cycle.pt"));
        QVERIFY(c.find("w"));
    }

    void truncatedAtEveryFewBytes()
    {
        PICTOR_REQUIRE_VECTORS();
        QFile f(test::vectorsDir() + "/clip/vit/state_dict.pt");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const std::string whole = f.readAll().toStdString();
        int refused = 0;
        for (std::size_t len = 0; len < whole.size(); len += 997) {
            const QString why = refusal(whole.substr(0, len), "cut.pt");
            QVERIFY2(!why.isEmpty(), qPrintable(QString("truncated at %1 bytes was accepted").arg(len)));
            QVERIFY(why.contains("cut.pt"));
            ++refused;
        }
        QVERIFY(refused > 100);
    }

    void corruptedBytesNeverCrash()
    {
        PICTOR_REQUIRE_VECTORS();
        QFile f(test::vectorsDir() + "/vqgan/last.ckpt");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const std::string whole = f.readAll().toStdString();
        // Flip bytes of the pickle and the central directory; each result loads or is refused.
        const std::size_t pickleEnd = 30000, cdStart = whole.size() - 20000;
        for (std::size_t pos = 40; pos < pickleEnd; pos += 131) {
            std::string bad = whole;
            bad[pos] = char(bad[pos] ^ 0x5a);
            refusal(bad);
        }
        for (std::size_t pos = cdStart; pos < whole.size(); pos += 97) {
            std::string bad = whole;
            bad[pos] = char(bad[pos] ^ 0xff);
            refusal(bad);
        }
    }
};

QTEST_GUILESS_MAIN(TestCheckpointHostile)
#include "tst_checkpoint_hostile.moc"
