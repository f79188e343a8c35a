// Replays every kept fuzzing input — the seeds and each finding, fixed and kept — through the
// fuzzers' own entry points, so a regression shows up in the ordinary (and the ASan) test run.
#include "fuzz_entries.h"
#include "test_support.h"

#include <QDirIterator>
#include <QFile>
#include <QTest>

class TestFuzzCorpora : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void replay_data()
    {
        QTest::addColumn<int>("target");
        for (std::size_t i = 0; i < pictor::fuzz::targets().size(); ++i)
            QTest::newRow(pictor::fuzz::targets()[i].name) << int(i);
    }

    void replay()
    {
        QFETCH(int, target);
        const auto& t = pictor::fuzz::targets()[std::size_t(target)];
        if (std::string(t.name) == "clip_bpe" || std::string(t.name) == "xlmr_tokenizer") PICTOR_REQUIRE_VECTORS();
        const QString dir = QString(PICTOR_FUZZ_CORPUS_DIR) + "/" + t.name;
        int replayed = 0;
        for (QDirIterator it(dir, QDir::Files); it.hasNext();) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray bytes = f.readAll();
            t.entry(reinterpret_cast<const uint8_t*>(bytes.constData()), std::size_t(bytes.size()));
            ++replayed;
        }
        QVERIFY2(replayed >= 3, qPrintable(dir + " holds too few inputs"));
        qInfo("%s: %d inputs", t.name, replayed);
    }
};

QTEST_GUILESS_MAIN(TestFuzzCorpora)
#include "tst_fuzz_corpora.moc"
