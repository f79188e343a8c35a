// Hostile files: every one must be refused with a clear message naming the file, in bounded time
// and memory, and nothing in them may run.
#include "test_support.h"
#include "zip_writer.h"

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
        ckpt::openCheckpoint(ckpt::memorySource(bytes, name));
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

std::string floats(int n)
{
    return std::string(std::size_t(n) * 4, '\0');
}

std::string stateDict(const std::function<void(PickleWriter&)>& value)
{
    PickleWriter p;
    p.proto().global("collections", "OrderedDict").emptyTuple().reduce().str("w");
    value(p);
    p.setItem().stop();
    return p.bytes();
}

} // namespace

class TestCheckpointHostile : public QObject {
    Q_OBJECT
    QString marker = QDir::temp().filePath("pictor-pwned-marker");

private Q_SLOTS:
    void init() { QFile::remove(marker); }

    void wellFormedBaselineLoads()
    {
        const std::string pkl = stateDict([](PickleWriter& p) { p.tensor("FloatStorage", "0", 6, 0, {2, 3}, {3, 1}); });
        const auto c = ckpt::openCheckpoint(ckpt::memorySource(test::makeTorchZip(pkl, {{"0", floats(6)}}), "good.pt"));
        QCOMPARE(c.find("w")->shape, (std::vector<int64_t>{2, 3}));
    }

    void osSystemIsRefusedAndNeverRuns()
    {
        PickleWriter p;
        p.proto().global("os", "system").mark().str("touch " + marker.toStdString()).tuple().reduce().stop();
        const QString why = refusal(test::makeTorchZip(p.bytes(), {}), "evil.pt");
        QVERIFY2(why.contains("os.system"), qPrintable(why));
        QVERIFY(why.contains("evil.pt"));
        QVERIFY(!QFile::exists(marker));
    }

    void stackGlobalEvalIsRefused()
    {
        PickleWriter p;
        p.proto().str("builtins").str("eval").raw("\x93").mark().str("__import__('os')").tuple().reduce().stop();
        const QString why = refusal(test::makeTorchZip(p.bytes(), {}));
        QVERIFY2(why.contains("builtins.eval"), qPrintable(why));
    }

    void reduceChainsThroughInertClassesDoNothing()
    {
        // A Lightning-looking class is allowed as data, but calling through it must not reach code.
        PickleWriter p;
        p.proto().emptyDict().str("state_dict").emptyDict().str("w").tensor("FloatStorage", "0", 1, 0, {1}, {1}).setItem().setItem();
        p.str("x").global("pytorch_lightning.callbacks", "Anything").mark().global("posix", "system").tuple().reduce().setItem().stop();
        const QString why = refusal(test::makeTorchZip(p.bytes(), {{"0", floats(1)}}));
        QVERIFY2(why.contains("posix.system"), qPrintable(why));
    }

    void hugeClaimedStorageFailsCleanly()
    {
        // One terabyte claimed, eight bytes present.
        const std::string pkl = stateDict([](PickleWriter& p) {
            p.global("torch._utils", "_rebuild_tensor_v2").mark();
            p.mark().str("storage").global("torch", "FloatStorage").str("0").str("cuda:0");
            p.raw("\x8a\x05").raw(std::string("\x00\x00\x00\x00\x40", 5)).tuple().binPersId();
            p.integer(0).mark().integer(1 << 20).integer(1 << 20).tuple().mark().integer(1 << 20).integer(1).tuple();
            p.newFalse().global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce();
        });
        QElapsedTimer t;
        t.start();
        const QString why = refusal(test::makeTorchZip(pkl, {{"0", floats(2)}}));
        QVERIFY2(why.contains("claims"), qPrintable(why));
        QVERIFY(t.elapsed() < 5000);
    }

    void viewOutsideItsStorage()
    {
        const std::string pkl = stateDict([](PickleWriter& p) { p.tensor("FloatStorage", "0", 4, 2, {2, 2}, {2, 1}); });
        const QString why = refusal(test::makeTorchZip(pkl, {{"0", floats(4)}}));
        QVERIFY2(why.contains("storage holds only"), qPrintable(why));
    }

    void negativeShapesAndStrides()
    {
        QVERIFY(refusal(test::makeTorchZip(stateDict([](PickleWriter& p) { p.tensor("FloatStorage", "0", 4, 0, {-2}, {1}); }),
                                           {{"0", floats(4)}})).contains("negative"));
        QVERIFY(refusal(test::makeTorchZip(stateDict([](PickleWriter& p) { p.tensor("FloatStorage", "0", 4, 0, {2}, {-1}); }),
                                           {{"0", floats(4)}})).contains("negative"));
    }

    void missingStorageEntry()
    {
        const std::string pkl = stateDict([](PickleWriter& p) { p.tensor("FloatStorage", "7", 4, 0, {4}, {1}); });
        QVERIFY(refusal(test::makeTorchZip(pkl, {{"0", floats(4)}})).contains("'7' is missing"));
    }

    void unknownStorageType()
    {
        const std::string pkl = stateDict([](PickleWriter& p) { p.tensor("QuantizedStorage", "0", 4, 0, {4}, {1}); });
        QVERIFY(!refusal(test::makeTorchZip(pkl, {{"0", floats(4)}})).isEmpty());
    }

    void recursionBombIsBounded()
    {
        // 100,000 dicts nested in one another.
        PickleWriter p;
        p.proto();
        for (int i = 0; i < 100000; ++i) p.emptyDict().str("k");
        p.emptyDict();
        for (int i = 0; i < 100000; ++i) p.setItem();
        p.stop();
        QElapsedTimer t;
        t.start();
        const QString why = refusal(test::makeTorchZip(p.bytes(), {}));
        QVERIFY2(why.contains("nest deeper"), qPrintable(why));
        QVERIFY(t.elapsed() < 10000);
    }

    void memoBombIsBounded()
    {
        // Each level holds the previous one ten times: 10^30 paths if walked naively.
        PickleWriter p;
        p.proto().emptyDict().put(0);
        for (int level = 1; level <= 30; ++level) {
            p.emptyDict();
            for (int k = 0; k < 10; ++k) p.str("k" + std::to_string(k)).get(level - 1).setItem();
            p.put(level);
        }
        p.stop();
        QElapsedTimer t;
        t.start();
        const QString why = refusal(test::makeTorchZip(p.bytes(), {}));
        QVERIFY2(why.contains("too large"), qPrintable(why));
        QVERIFY(t.elapsed() < 20000);
    }

    void selfReferenceIsHarmless()
    {
        PickleWriter p;
        p.proto().emptyDict().put(0).str("self").get(0).setItem().str("w").tensor("FloatStorage", "0", 1, 0, {1}, {1}).setItem().stop();
        const auto c = ckpt::openCheckpoint(ckpt::memorySource(test::makeTorchZip(p.bytes(), {{"0", floats(1)}}), "cycle.pt"));
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

    void notCheckpointsAtAll()
    {
        QVERIFY(refusal("", "empty.pt").contains("empty"));
        QVERIFY(refusal("<!DOCTYPE html><html>Link does not exist.</html>", "page.ckpt").contains("web page"));
        QVERIFY(refusal("just some text that is long enough", "notes.pt").contains("not a model file"));
        QVERIFY(refusal(std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, 'x'), "image.safetensors").contains("not a model file"));
        const char legacy[] = {'\x80', '\x02', '\x8a', '\x0a', 'l', '\xfc', '\x9c', 'F', '\xf9', ' ', 'j', '\xa8', 'P', '\x19', '.', '\x80'};
        QVERIFY(refusal(std::string(legacy, sizeof legacy), "old.pt").contains("legacy"));
        QVERIFY(refusal(test::makeZip({{"a/b.txt", "hello"}}), "other.zip").contains("no data.pkl"));
    }

    void hostileSafetensors()
    {
        auto st = [](const std::string& json, std::size_t dataBytes) {
            std::string out(8, '\0');
            const uint64_t n = json.size();
            for (int i = 0; i < 8; ++i) out[std::size_t(i)] = char((n >> (8 * i)) & 0xff);
            return out + json + std::string(dataBytes, '\0');
        };
        QVERIFY(refusal(st(R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", 8), "a.safetensors").contains("outside"));
        QVERIFY(refusal(st(R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,12]}})", 16), "a.safetensors").contains("holds only"));
        QVERIFY(refusal(st(R"({"w":{"dtype":"Q4","shape":[4],"data_offsets":[0,16]}})", 16), "a.safetensors").contains("dtype"));
        QVERIFY(refusal(st(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})", 24),
                        "a.safetensors").contains("overlap"));
        QVERIFY(refusal(st(R"({"w":{"dtype":"F32","shape":[1e30],"data_offsets":[0,16]}})", 16), "a.safetensors").contains("dimension"));
        QVERIFY(!refusal(st(R"({"w": [1, 2, )", 16), "a.safetensors").isEmpty());
        std::string huge(8, '\xff');
        huge += "{}";
        QVERIFY(!refusal(huge, "a.safetensors").isEmpty());
    }

    void zipWithOffsetsOutsideTheFile()
    {
        std::string z = test::makeTorchZip(stateDict([](PickleWriter& p) { p.tensor("FloatStorage", "0", 1, 0, {1}, {1}); }), {{"0", floats(1)}});
        // Point the first central-directory entry's local header offset far away.
        const auto cd = z.find("PK\x01\x02");
        QVERIFY(cd != std::string::npos);
        z[cd + 42] = '\xff';
        z[cd + 43] = '\xff';
        z[cd + 44] = '\xff';
        z[cd + 45] = '\x7f';
        QVERIFY(refusal(z).contains("outside"));
    }
};

QTEST_GUILESS_MAIN(TestCheckpointHostile)
#include "tst_checkpoint_hostile.moc"
