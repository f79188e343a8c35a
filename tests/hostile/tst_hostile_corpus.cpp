// The hostile-checkpoint corpus through the program a user runs: make_hostile_corpus writes it,
// `pictor-cli model-info` opens every file. Each must be refused with a message naming the file
// and the problem, in bounded time and memory, and no payload may ever run.
#include "test_support.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

class TestHostileCorpus : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void everyFileIsRefusedClearlyAndCheaply()
    {
        QTemporaryDir dir;
        const QString marker = dir.filePath("payload-ran");
        QProcess make;
        make.start(QString(PICTOR_BIN_DIR) + "/make_hostile_corpus", {dir.filePath("corpus"), marker});
        QVERIFY(make.waitForFinished(60000));
        QCOMPARE(make.exitCode(), 0);

        QFile tsv(dir.filePath("corpus/expected.tsv"));
        QVERIFY(tsv.open(QIODevice::ReadOnly));
        int checked = 0;
        qint64 slowest = 0;
        QString slowestName;
        while (!tsv.atEnd()) {
            const QStringList fields = QString::fromUtf8(tsv.readLine()).chopped(1).split('\t');
            QCOMPARE(fields.size(), 2);
            const QString name = fields[0], expect = fields[1];
            QProcess cli;
            QElapsedTimer t;
            t.start();
            cli.start(QString(PICTOR_BIN_DIR) + "/pictor-cli", {"model-info", dir.filePath("corpus/" + name)});
            QVERIFY2(cli.waitForFinished(60000), qPrintable(name + " took more than a minute"));
            if (t.elapsed() > slowest) {
                slowest = t.elapsed();
                slowestName = name;
            }
            const QString err = QString::fromUtf8(cli.readAllStandardError());
            QVERIFY2(cli.exitStatus() == QProcess::NormalExit, qPrintable(name + " crashed pictor-cli: " + err));
            QVERIFY2(cli.exitCode() != 0, qPrintable(name + " was accepted: " + cli.readAllStandardOutput()));
            QVERIFY2(err.contains(name), qPrintable(name + ": the message does not name the file: " + err));
            QVERIFY2(expect.isEmpty() || err.contains(expect), qPrintable(name + ": expected '" + expect + "' in: " + err));
            QVERIFY2(!err.contains("Traceback") && !err.contains("terminate called"), qPrintable(err));
            ++checked;
        }
        QVERIFY2(!QFile::exists(marker), "a payload ran");
        QVERIFY(checked > 60);
        // Peak memory of the hungriest pictor-cli run: the reader never believes a claimed size.
        rusage usage{};
        getrusage(RUSAGE_CHILDREN, &usage);
        const double peakMiB = double(usage.ru_maxrss) / 1024;
        qInfo("%d hostile files refused; slowest %s in %lld ms; peak memory %.0f MiB", checked, qPrintable(slowestName), slowest, peakMiB);
        QVERIFY2(peakMiB < 1024, qPrintable(QString("a hostile file made pictor-cli use %1 MiB").arg(peakMiB)));
    }
};

QTEST_GUILESS_MAIN(TestHostileCorpus)
#include "tst_hostile_corpus.moc"
