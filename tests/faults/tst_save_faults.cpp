// What the user made is never lost: saving a picture or a paused run when the disk is full, the
// folder is read-only, the final rename or sync fails, or the process is killed mid-save leaves the
// previous file whole and no half-written one; a model file removed while in use changes nothing
// for the run that holds it.
#include "fault_injector.h"
#include "test_support.h"

#include <pictor/clip_model.h>
#include <pictor/demo_model.h>
#include <pictor/error.h>
#include <pictor/generation.h>
#include <pictor/vqgan_model.h>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace pictor;

namespace {

RgbImage picture(uint8_t value)
{
    RgbImage img;
    img.width = 32;
    img.height = 24;
    img.pixels.assign(std::size_t(img.width * img.height * 3), value);
    return img;
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString refusal(const std::function<void()>& f)
{
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

} // namespace

class TestSaveFaults : public QObject {
    Q_OBJECT
    test::FaultInjector fiu;
    QTemporaryDir dir;
    QString path;
    QByteArray before;
    GenerationSettings settings;

    /// A started run of a few small steps on the given model files.
    std::unique_ptr<GenerationRun> startDemoRun(const std::string& clipPath, const std::string& vqganPath, const std::string& tokenizer)
    {
        ClipLoadOptions o;
        o.tokenizerPath = tokenizer;
        GenerationSettings s = demoModelSettings(settings);
        s.steps = 4;
        s.cutn = 4;
        auto run = std::make_unique<GenerationRun>(ClipModel::load(clipPath, o), VqganModel::load(vqganPath), s);
        run->start();
        return run;
    }

    /// The folder holds exactly the first picture, byte for byte, and nothing else.
    void checkPreviousIntact()
    {
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"art.png"});
        QCOMPARE(readAll(path), before);
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!fiu.available()) QFAIL(qPrintable(test::FaultInjector::why()));
        settings.prompt = "a red circle";
    }

    void init()
    {
        QDir(dir.path()).removeRecursively();
        QDir().mkpath(dir.path());
        path = dir.filePath("art.png");
        saveArtwork(picture(10), path.toStdString(), settings);
        before = readAll(path);
        QVERIFY(!before.isEmpty());
    }

    void failedSaveKeepsThePreviousPicture_data()
    {
        QTest::addColumn<QStringList>("points"); // "point=errno", enabled together
        QTest::addColumn<QString>("expect");
        QTest::newRow("disk full") << QStringList{QString("posix/io/rw/write=%1").arg(ENOSPC)} << "No space left";
        // Short writes first (the disk filling up), then none at all.
        QTest::newRow("disk full half-way") << QStringList{"posix/io/rw/write/reduce=0", QString("posix/io/rw/write=%1").arg(ENOSPC)} << "";
        QTest::newRow("read-only folder") << QStringList{QString("posix/io/oc/open=%1").arg(EROFS)} << "Read-only";
        QTest::newRow("fsync fails") << QStringList{QString("posix/io/sync/fsync=%1").arg(EIO), QString("posix/io/sync/fdatasync=%1").arg(EIO)} << "";
        QTest::newRow("final rename fails") << QStringList{QString("posix/io/dir/rename=%1").arg(EIO)} << "";
    }

    void failedSaveKeepsThePreviousPicture()
    {
        QFETCH(QStringList, points);
        QFETCH(QString, expect);
        std::vector<QByteArray> names;
        for (const QString& p : points) names.push_back(p.section('=', 0, 0).toUtf8());
        for (std::size_t i = 0; i < names.size(); ++i) fiu.fail(names[i].constData(), points[int(i)].section('=', 1).toInt());
        const QString why = refusal([&] { saveArtwork(picture(200), path.toStdString(), settings); });
        for (const QByteArray& n : names) fiu.heal(n.constData());
        QVERIFY2(why.contains("art.png") && why.contains(expect), qPrintable(why));
        checkPreviousIntact();
    }

    void savingWorksAgainOnceTheDiskHasRoom()
    {
        {
            test::Fault full(fiu, "posix/io/rw/write", ENOSPC);
            QVERIFY(!refusal([&] { saveArtwork(picture(200), path.toStdString(), settings); }).isEmpty());
        }
        saveArtwork(picture(200), path.toStdString(), settings);
        const QImage img(path);
        QCOMPARE(img.size(), QSize(32, 24));
        QCOMPARE(qRed(img.pixel(3, 3)), 200);
    }

    void pausedRunSnapshotUnderDiskFull()
    {
        const auto demo = requireDemoModel();
        const auto run = startDemoRun(demo.clip, demo.vqgan, demo.tokenizer);
        run->step();
        const QString snap = dir.filePath("run->pictor-run");
        run->saveSnapshot(snap.toStdString());
        const QByteArray good = readAll(snap);
        run->step();
        QString why;
        {
            test::Fault full(fiu, "posix/io/rw/write", ENOSPC);
            why = refusal([&] { run->saveSnapshot(snap.toStdString()); });
        }
        QVERIFY2(why.contains("run->pictor-run"), qPrintable(why));
        QCOMPARE(readAll(snap), good);
        const auto again = startDemoRun(demo.clip, demo.vqgan, demo.tokenizer);
        again->loadSnapshot(snap.toStdString());
        QCOMPARE(again->stepsDone(), 1);
    }

    void killedWhileSavingLeavesOnlyWholePictures()
    {
        // pictor-cli writes a picture every step; SIGKILL lands at random points in its saves. Each round waits for a
        // random number of pictures (not a time: a sanitizer build steps many times slower), then kills after a
        // random delay. Every picture seen before the kill must still be there, whole, with its settings.
        int seen = 0;
        int pictures = 0;
        for (int round = 0; round < 4; ++round) {
            QTemporaryDir out;
            QProcess cli;
            cli.start(QString(PICTOR_BIN_DIR) + "/pictor-cli",
                      {"generate", "--prompt", "a red circle on a blue background", "--steps", "500", "--size", "64x64", "--cutn", "2",
                       "--save-every", "1", "--threads", "1", "--out", out.filePath("art.png")});
            QVERIFY(cli.waitForStarted());
            const int wanted = int(QRandomGenerator::global()->bounded(1, 4));
            qsizetype before = 0;
            while (cli.state() == QProcess::Running && (before = QDir(out.path()).entryList({"art_*.png"}).size()) < wanted)
                QTest::qWait(20);
            QVERIFY2(before >= wanted, "pictor-cli ended before it saved the pictures waited for");
            QTest::qWait(int(QRandomGenerator::global()->bounded(0, 300)));
            kill(pid_t(cli.processId()), SIGKILL);
            cli.waitForFinished();
            seen += int(before);
            for (const QString& name : QDir(out.path()).entryList({"*.png"}, QDir::Files)) {
                const QImage img(out.filePath(name));
                QVERIFY2(!img.isNull() && img.width() == 64, qPrintable(name + " is not a whole picture"));
                QVERIFY2(img.text("pictor").contains("\"prompt\""), qPrintable(name + " lost its settings"));
                ++pictures;
            }
        }
        QVERIFY2(pictures >= seen, qPrintable(QString("%1 pictures left of %2 seen before the kills").arg(pictures).arg(seen)));
    }

    void modelRemovedWhileInUse()
    {
        const auto demo = requireDemoModel();
        QTemporaryDir models;
        for (const std::string& f : {demo.clip, demo.vqgan, demo.tokenizer})
            QVERIFY(QFile::copy(QString::fromStdString(f), models.filePath(QFileInfo(QString::fromStdString(f)).fileName())));
        const std::string clipPath = models.filePath("clip.safetensors").toStdString();
        const auto run = startDemoRun(clipPath, models.filePath("vqgan.safetensors").toStdString(),
                                         models.filePath("tokenizer.model").toStdString());
        run->step();
        // The user deletes the model folder (or a download replaces the file) mid-run->
        QVERIFY(models.remove());
        for (int i = 0; i < 3; ++i) run->step();
        QCOMPARE(run->stepsDone(), 4);
        saveArtwork(run->currentImage(), path.toStdString(), run->settings());
        QCOMPARE(QImage(path).width(), 64);
        // Loading it again says what is missing.
        const QString why = refusal([&] { ClipModel::load(clipPath); });
        QVERIFY2(why.contains("clip.safetensors"), qPrintable(why));
    }
};

QTEST_GUILESS_MAIN(TestSaveFaults)
#include "tst_save_faults.moc"
