// Kernel choices by measuring (tuning/kernel_timer.h): the faster candidate wins, the choice is
// kept for later runs on the same machine, and a damaged or foreign cache only costs a re-measure.
#include "test_support.h"

#include "tuning/choice_cache.h"
#include "tuning/kernel_timer.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <chrono>

using namespace pictor;

namespace {

/// Busy for `ms` milliseconds (a sleep's wake-up jitter would blur near-ties).
void spin(double ms)
{
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double, std::milli>(ms);
    while (std::chrono::steady_clock::now() < until) {
    }
}

struct Counted {
    int slow = 0, fast = 0;
    std::vector<tuning::Candidate> candidates()
    {
        return {{"slow", [this] { ++slow, spin(4); }}, {"fast", [this] { ++fast, spin(1); }}};
    }
};

} // namespace

class TestKernelChoice : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString cacheFile() const { return m_dir.path() + "/kernel-choices.json"; }
    QJsonObject cacheJson() const
    {
        QFile f(cacheFile());
        if (!f.open(QIODevice::ReadOnly)) return {};
        return QJsonDocument::fromJson(f.readAll()).object();
    }

private Q_SLOTS:
    void init()
    {
        qputenv("PICTOR_CACHE_DIR", m_dir.path().toUtf8());
        qunsetenv("PICTOR_KERNELS");
        QFile::remove(cacheFile());
        tuning::forgetChoicesInMemory();
    }

    void fasterCandidateWinsAndIsKept()
    {
        QString notice;
        tuning::setTuningNotice([&](const std::string& line) { notice = QString::fromStdString(line); });
        Counted first;
        QCOMPARE(tuning::chooseKernel("test.op", "8x8", first.candidates()), std::string("fast"));
        QVERIFY(first.slow >= 3 && first.fast >= 3);
        // Another shape is measured on its own, and a new sink (the window sets one per run) hears of it too.
        QString laterNotice;
        tuning::setTuningNotice([&](const std::string& line) { laterNotice = QString::fromStdString(line); });
        Counted other;
        tuning::chooseKernel("test.op", "16x16", other.candidates());
        tuning::setTuningNotice({});
        QVERIFY(other.fast > 0);
        QVERIFY2(laterNotice.contains("Measuring"), qPrintable(laterNotice));
        QVERIFY2(notice.contains("Measuring") && notice.contains(cacheFile()), qPrintable(notice));
        // The file says what was timed and how long each took.
        const QJsonObject entry = cacheJson().value("choices").toObject().value("test.op · 8x8").toObject();
        QCOMPARE(entry.value("chosen").toString(), QString("fast"));
        QCOMPARE(cacheJson().value("machine").toString().toStdString(), tuning::machineKey());
        const auto stored = tuning::lookupChoice("test.op · 8x8");
        QVERIFY(stored.has_value());
        QCOMPARE(stored->millis.size(), std::size_t(2));
        QVERIFY2(stored->millis[0].second > 2.5 * stored->millis[1].second,
                 qPrintable(QString("slow %1 ms, fast %2 ms").arg(stored->millis[0].second).arg(stored->millis[1].second)));

        // A later run (a new process: nothing in memory) reads the choice without running anything.
        tuning::forgetChoicesInMemory();
        Counted later;
        QCOMPARE(tuning::chooseKernel("test.op", "8x8", later.candidates()), std::string("fast"));
        QCOMPARE(later.slow + later.fast, 0);
        QCOMPARE(cacheJson().value("choices").toObject().size(), 2);
    }

    void nearTieKeepsTheDefault()
    {
        // Two equal candidates: the first (the default) stays, so runs do not flip between them.
        for (int i = 0; i < 3; ++i) {
            tuning::forgetChoicesInMemory();
            QFile::remove(cacheFile());
            QCOMPARE(tuning::chooseKernel("test.tie", "x", {{"default", [] { spin(3); }}, {"other", [] { spin(3); }}}), std::string("default"));
        }
    }

    void damagedOrForeignCacheIsMeasuredAgain_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not JSON") << QByteArray("{\"format\": 1, \"machine\": \"tr");
        QTest::newRow("binary") << QByteArray("\x00\xff\x13garbage", 10);
        QTest::newRow("another machine") << QByteArray(R"({"format":1,"machine":"Some Other CPU | LibTorch 9.9.9 | 64 threads",)"
                                                      R"("choices":{"test.op · 8x8":{"chosen":"slow","millis":[["slow",1],["fast",2]]}}})");
        QTest::newRow("another format") << QByteArray(R"({"format":99,"machine":"MACHINE","choices":{"test.op · 8x8":{"chosen":"slow","millis":[["slow",1]]}}})");
        QTest::newRow("unknown candidate") << QByteArray(R"({"format":1,"machine":"MACHINE","choices":{"test.op · 8x8":{"chosen":"gone","millis":[["gone",1]]}}})");
        QTest::newRow("malformed timings") << QByteArray(R"({"format":1,"machine":"MACHINE","choices":{"test.op · 8x8":{"chosen":"slow","millis":"fast"}}})");
    }
    void damagedOrForeignCacheIsMeasuredAgain()
    {
        QFETCH(QByteArray, content);
        content.replace("MACHINE", QJsonDocument(QJsonObject{{"m", QString::fromStdString(tuning::machineKey())}}).toJson(QJsonDocument::Compact).mid(6).chopped(2));
        QDir().mkpath(m_dir.path());
        QFile f(cacheFile());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        Counted c;
        QCOMPARE(tuning::chooseKernel("test.op", "8x8", c.candidates()), std::string("fast"));
        QVERIFY2(c.fast > 0, "the damaged entry was trusted instead of measuring");
        // The file is replaced by a valid one for this machine.
        QCOMPARE(cacheJson().value("machine").toString().toStdString(), tuning::machineKey());
        QCOMPARE(cacheJson().value("choices").toObject().value("test.op · 8x8").toObject().value("chosen").toString(), QString("fast"));
    }

    void unwritableCacheStillChooses()
    {
        qputenv("PICTOR_CACHE_DIR", "/proc/no-such-folder");
        Counted c;
        QCOMPARE(tuning::chooseKernel("test.op", "8x8", c.candidates()), std::string("fast"));
        // This process keeps its choice even though the file could not be written.
        const int runs = c.fast + c.slow;
        QCOMPARE(tuning::chooseKernel("test.op", "8x8", c.candidates()), std::string("fast"));
        QCOMPARE(c.fast + c.slow, runs);
    }

    void defaultsWhenMeasuringIsOff()
    {
        qputenv("PICTOR_KERNELS", "defaults");
        Counted c;
        QCOMPARE(tuning::chooseKernel("test.op", "8x8", c.candidates()), std::string("slow"));
        QCOMPARE(c.slow + c.fast, 0);
        QVERIFY(!QFile::exists(cacheFile()));
        qunsetenv("PICTOR_KERNELS");
    }
};

QTEST_GUILESS_MAIN(TestKernelChoice)
#include "tst_kernel_choice.moc"
