// The gallery index as a user meets it: folders of real picture files written here, indexed,
// changed, renamed, deleted, broken on purpose, and the process killed mid-run.
#include "gif_writer.h"
#include "photo_files.h"
#include "test_support.h"

#include <pictor/error.h>
#include <pictor/gallery.h>

#include <QImage>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <fstream>
#include <thread>

#include <csignal>
#include <sys/stat.h>
#include <unistd.h>

using namespace pictor;
using pictor::test::PhotoSpec;

namespace {

std::string p(const QTemporaryDir& dir, const std::string& name) { return dir.path().toStdString() + "/" + name; }

void writeBytes(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), std::streamsize(bytes.size()));
}

const IndexFailure* failureFor(const IndexSummary& s, const std::string& suffix)
{
    for (const auto& f : s.failures)
        if (f.path.size() >= suffix.size() && f.path.compare(f.path.size() - suffix.size(), suffix.size(), suffix) == 0) return &f;
    return nullptr;
}

} // namespace

class TestGalleryIndex : public QObject {
    Q_OBJECT
    std::unique_ptr<ClipModel> m_model;
    QString m_modelPath, m_vocab;

private Q_SLOTS:
    void initTestCase()
    {
        PICTOR_REQUIRE_VECTORS();
        m_modelPath = pictor::test::vectorsDir() + "/clip/vit/model.safetensors";
        m_vocab = pictor::test::vectorsDir() + "/tokenizer/bpe_simple_vocab_16e6.txt.gz";
        ClipLoadOptions o;
        o.tokenizerPath = m_vocab.toStdString();
        o.textHeads = 2;
        m_model = ClipModel::load(m_modelPath.toStdString(), o);
    }

    void incrementalReindex()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.path() + "/pics/trip");
        for (unsigned i = 0; i < 6; ++i) test::writePhoto(p(dir, "pics/a" + std::to_string(i) + ".jpg"), PhotoSpec{640, 480, i, 0, {}, 90});
        for (unsigned i = 0; i < 3; ++i) test::writePhoto(p(dir, "pics/trip/b" + std::to_string(i) + ".png"), PhotoSpec{300, 200, 100 + i, 0, {}, 90});
        auto g = Gallery::open(p(dir, "index.sqlite3"));
        const std::vector<std::string> folders{p(dir, "pics")};

        IndexSummary s = g->index(folders, *m_model);
        QCOMPARE(s.added, int64_t(9));
        QCOMPARE(s.failed, int64_t(0));
        QCOMPARE(g->stats(*m_model).images, int64_t(9));

        s = g->index(folders, *m_model);
        QCOMPARE(s.unchanged, int64_t(9));
        QCOMPARE(s.added + s.updated + s.moved + s.removed, int64_t(0));

        // Modify one, rename one, delete one, copy one, add one.
        test::writePhoto(p(dir, "pics/a0.jpg"), PhotoSpec{640, 480, 77, 0, {}, 90});
        QVERIFY(QFile::rename(QString::fromStdString(p(dir, "pics/a1.jpg")), QString::fromStdString(p(dir, "pics/trip/renamed.jpg"))));
        QVERIFY(QFile::remove(QString::fromStdString(p(dir, "pics/a2.jpg"))));
        QVERIFY(QFile::copy(QString::fromStdString(p(dir, "pics/a3.jpg")), QString::fromStdString(p(dir, "pics/copy-of-a3.jpg"))));
        test::writePhoto(p(dir, "pics/new.jpg"), PhotoSpec{640, 480, 55, 0, {}, 90});
        s = g->index(folders, *m_model);
        QCOMPARE(s.updated, int64_t(1));
        QCOMPARE(s.moved, int64_t(1));
        QCOMPARE(s.removed, int64_t(1));
        QCOMPARE(s.added, int64_t(2));
        QCOMPARE(s.reused, int64_t(1)); // the copy reused a3's embedding
        QCOMPARE(s.unchanged, int64_t(6)); // a3-a5, b0-b2
        QCOMPARE(g->stats(*m_model).images, int64_t(10));

        // Searching by the renamed file finds its twin-free neighbours and never the deleted file.
        SearchOptions o;
        o.top = 50;
        o.minScore = -2;
        const auto hits = g->search(p(dir, "pics/a3.jpg"), *m_model, o);
        QCOMPARE(int(hits.size()), 9); // 10 minus the query picture itself
        for (const auto& h : hits) QVERIFY2(h.path.find("a2.jpg") == std::string::npos, h.path.c_str());
        QCOMPARE(hits[0].path, p(dir, "pics/copy-of-a3.jpg"));
        QVERIFY(hits[0].score > 0.999);
        QVERIFY(g->integrityOk());
    }

    void hostileFiles()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.path() + "/pics/loop");
        test::writePhoto(p(dir, "pics/good.jpg"), PhotoSpec{});
        const std::string jpeg = test::writePhoto(p(dir, "pics/good2.jpg"), PhotoSpec{800, 600, 9, 0, {}, 90});
        writeBytes(p(dir, "pics/empty.jpg"), "");
        writeBytes(p(dir, "pics/truncated.jpg"), jpeg.substr(0, jpeg.size() / 2));
        writeBytes(p(dir, "pics/text.png"), "this is not a picture at all\n");
        std::string corrupt = jpeg;
        for (std::size_t i = 600; i < corrupt.size() - 2; i += 7) corrupt[i] = char(0xFF);
        writeBytes(p(dir, "pics/corrupt.jpg"), corrupt);
        // A PNG whose header claims 100000 x 100000 pixels: refused before decoding.
        std::string huge("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\x01\x86\xa0\0\x01\x86\xa0\x08\x02\0\0\0", 29);
        huge += std::string(4, '\0') + std::string("\0\0\0\0IEND\xae\x42\x60\x82", 12);
        writeBytes(p(dir, "pics/huge.png"), huge);
        // A symbolic link loop, and a file name that is not UTF-8.
        QVERIFY(::symlink("..", p(dir, "pics/loop/up").c_str()) == 0);
        test::writePhoto(p(dir, std::string("pics/caf\xe9-latin1.jpg")), PhotoSpec{320, 240, 4, 0, {}, 90});
        // Unreadable (only meaningful when not running as root, who reads everything).
        test::writePhoto(p(dir, "pics/locked.jpg"), PhotoSpec{320, 240, 5, 0, {}, 90});
        ::chmod(p(dir, "pics/locked.jpg").c_str(), 0);
        const bool root = ::geteuid() == 0;

        auto g = Gallery::open(p(dir, "index.sqlite3"));
        IndexSummary s;
        try {
            s = g->index({p(dir, "pics")}, *m_model);
        } catch (const std::exception& e) {
            QFAIL(e.what());
        }
        QCOMPARE(s.added, int64_t(root ? 4 : 3)); // good, good2, the latin-1 name (+ locked as root)
        struct Expect {
            const char* file;
            const char* reason;
        };
        for (const Expect& e : {Expect{"empty.jpg", "empty"}, Expect{"truncated.jpg", "truncated"}, Expect{"text.png", "not a picture"},
                                Expect{"corrupt.jpg", ""}, Expect{"huge.png", "too large"}, Expect{"up", "visited"}}) {
            const IndexFailure* f = failureFor(s, e.file);
            QVERIFY2(f, e.file);
            QVERIFY2(f->reason.find(e.reason) != std::string::npos, (std::string(e.file) + ": " + f->reason).c_str());
        }
        if (!root) QVERIFY(failureFor(s, "locked.jpg"));
        // Failures are remembered, not retried each run, and listed for the user.
        const IndexSummary again = g->index({p(dir, "pics")}, *m_model);
        QCOMPARE(again.added + again.updated, int64_t(0));
        QVERIFY(g->failures().size() >= 5);
        // The non-UTF-8 name is searchable and comes back byte for byte.
        SearchOptions o;
        o.minScore = -2;
        o.top = 10;
        bool found = false;
        for (const auto& h : g->search("a photo", *m_model, o)) found |= h.path == p(dir, std::string("pics/caf\xe9-latin1.jpg"));
        QVERIFY(found);
        ::chmod(p(dir, "pics/locked.jpg").c_str(), 0644);
        ::unlink(p(dir, "pics/loop/up").c_str()); // so that removing the folder does not follow the loop
        ::unlink(p(dir, std::string("pics/caf\xe9-latin1.jpg")).c_str()); // Qt cannot name it to remove it
    }

    void exifOrientationAndDate()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.path() + "/pics");
        const PhotoSpec tagged{800, 400, 21, 6, "2019:07:14 15:30:00", 95};
        test::writePhoto(p(dir, "pics/sideways.jpg"), tagged);
        test::writeRotatedPhoto(p(dir, "upright.jpg"), tagged, 6);
        auto g = Gallery::open(p(dir, "index.sqlite3"));
        g->index({p(dir, "pics")}, *m_model);
        SearchOptions o;
        o.minScore = -2;
        const auto hits = g->search(p(dir, "upright.jpg"), *m_model, o);
        QCOMPARE(int(hits.size()), 1);
        QCOMPARE(hits[0].width, 400); // shown as the camera meant it: portrait
        QCOMPARE(hits[0].height, 800);
        QVERIFY2(hits[0].score > 0.98, std::to_string(hits[0].score).c_str()); // the same picture once rotated
        QCOMPARE(QDateTime::fromSecsSinceEpoch(hits[0].takenAt, Qt::UTC).toString(Qt::ISODate), QString("2019-07-14T15:30:00Z"));
        o.after = QDateTime(QDate(2020, 1, 1), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        QVERIFY(g->search(p(dir, "upright.jpg"), *m_model, o).empty());
    }

    void gifStillsAndAnimationsAreRead()
    {
        // A 64-colour still and a two-frame animation: both indexed; the animation embeds as its first frame.
        QTemporaryDir dir;
        QDir().mkpath(dir.path() + "/gifs");
        const int w = 96, h = 64;
        std::vector<uint8_t> palette;
        for (int i = 0; i < 64; ++i) palette.insert(palette.end(), {uint8_t(i * 4), uint8_t(255 - i * 4), uint8_t((i * 37) % 256)});
        test::GifFrame still, first, second;
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                still.indices.push_back(uint8_t((x * 64 / w + y) % 64));
                first.indices.push_back(uint8_t((x / 12 + y / 16) % 2 ? 5 : 50));
                second.indices.push_back(uint8_t((x + y) % 64));
            }
        writeBytes(p(dir, "gifs/still.gif"), test::gifFile(w, h, palette, {still}));
        writeBytes(p(dir, "gifs/animated.gif"), test::gifFile(w, h, palette, {first, second}));
        QImage frame(w, h, QImage::Format_RGB888);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x) {
                const uint8_t* c = &palette[std::size_t(first.indices[std::size_t(y * w + x)]) * 3];
                frame.setPixelColor(x, y, QColor(c[0], c[1], c[2]));
            }
        QVERIFY(frame.save(QString::fromStdString(p(dir, "first_frame.png"))));

        auto gallery = Gallery::open(p(dir, "index.sqlite3"));
        const IndexSummary s = gallery->index({p(dir, "gifs")}, *m_model);
        QVERIFY2(s.failed == 0, s.failures.empty() ? "" : (s.failures[0].path + ": " + s.failures[0].reason).c_str());
        QCOMPARE(s.added, int64_t(2));
        SearchOptions o;
        o.minScore = -2;
        const auto hits = gallery->search(p(dir, "first_frame.png"), *m_model, o);
        QCOMPARE(int(hits.size()), 2);
        QVERIFY2(hits[0].path == p(dir, "gifs/animated.gif") && hits[0].score > 0.999, (hits[0].path + " " + std::to_string(hits[0].score)).c_str());
        QCOMPARE(hits[0].width, w);

        // A truncated GIF is a clear failure, not a crash.
        writeBytes(p(dir, "gifs/cut.gif"), test::gifFile(w, h, palette, {still}).substr(0, 700));
        const IndexSummary again = gallery->index({p(dir, "gifs")}, *m_model);
        QCOMPARE(again.failed, int64_t(1));
        QVERIFY(failureFor(again, "cut.gif"));
    }

    void reducedDecodeKeepsTheEmbedding()
    {
        // A 12-megapixel JPEG decoded at 1/8 embeds like the full decode.
        QTemporaryDir dir;
        QDir().mkpath(dir.path() + "/a");
        QDir().mkpath(dir.path() + "/b");
        test::writePhoto(p(dir, "a/big.jpg"), PhotoSpec{4000, 3000, 3, 0, {}, 90});
        QVERIFY(QFile::copy(QString::fromStdString(p(dir, "a/big.jpg")), QString::fromStdString(p(dir, "b/big.jpg"))));
        auto fast = Gallery::open(p(dir, "fast.sqlite3"));
        auto full = Gallery::open(p(dir, "full.sqlite3"));
        IndexOptions reduced, exact;
        exact.reducedDecode = false;
        fast->index({p(dir, "a")}, *m_model, reduced);
        full->index({p(dir, "b")}, *m_model, exact);
        SearchOptions o;
        o.minScore = -2;
        const auto a = fast->search(p(dir, "b/big.jpg"), *m_model, o);
        const auto b = full->search(p(dir, "a/big.jpg"), *m_model, o);
        QCOMPARE(int(a.size()), 1);
        QCOMPARE(int(b.size()), 1);
        QVERIFY2(a[0].score > 0.99, std::to_string(a[0].score).c_str());
    }

    void killedMidRunLosesNothing()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.path() + "/pics");
        const int count = 120;
        for (int i = 0; i < count; ++i) test::writePhoto(p(dir, "pics/p" + std::to_string(i) + ".jpg"), PhotoSpec{1600, 1200, unsigned(i), 0, {}, 85});
        const QString db = dir.path() + "/index.sqlite3";
        const QStringList args{"index", dir.path() + "/pics", "--db", db, "--clip", m_modelPath, "--vocab", m_vocab, "--text-heads", "2",
                               "--batch", "4", "--threads", "1", "--full-decode"};
        auto* rng = QRandomGenerator::global();
        int killedWhileWorking = 0;
        for (int round = 0; round < 5; ++round) {
            QProcess proc;
            proc.start(pictor::test::binDir() + "/pictor-cli", args);
            QVERIFY(proc.waitForStarted());
            QTest::qWait(int(rng->bounded(150, 900)));
            if (proc.state() == QProcess::Running) {
                ::kill(pid_t(proc.processId()), SIGKILL);
                ++killedWhileWorking;
            }
            proc.waitForFinished(60000);
            auto g = Gallery::open(db.toStdString());
            QVERIFY(g->integrityOk());
        }
        QVERIFY(killedWhileWorking > 0);
        auto g = Gallery::open(db.toStdString());
        const int64_t before = g->stats(*m_model).images;
        const IndexSummary s = g->index({p(dir, "pics")}, *m_model);
        QCOMPARE(s.unchanged, before); // finished work survived every kill
        QCOMPARE(s.added, int64_t(count) - before);
        QCOMPARE(g->stats(*m_model).images, int64_t(count));
        QVERIFY(g->integrityOk());
    }

    void searchWhileIndexing()
    {
        QTemporaryDir dir;
        QDir().mkpath(dir.path() + "/pics");
        for (int i = 0; i < 80; ++i) test::writePhoto(p(dir, "pics/p" + std::to_string(i) + ".jpg"), PhotoSpec{1024, 768, unsigned(500 + i), 0, {}, 85});
        const std::string db = p(dir, "index.sqlite3");
        auto writer = Gallery::open(db);
        auto reader = Gallery::open(db);
        std::atomic<bool> done{false};
        std::string error;
        std::thread indexer([&] {
            try {
                IndexOptions o;
                o.batchSize = 4;
                writer->index({p(dir, "pics")}, *m_model, o);
            } catch (const std::exception& e) {
                error = e.what();
            }
            done = true;
        });
        SearchOptions o;
        o.minScore = -2;
        o.top = 1000;
        std::size_t last = 0;
        int searches = 0;
        ClipLoadOptions lo;
        lo.tokenizerPath = m_vocab.toStdString();
        lo.textHeads = 2;
        const auto queryModel = ClipModel::load(m_modelPath.toStdString(), lo); // one model per thread
        while (!done) {
            const auto hits = reader->search("a photo of a garden", *queryModel, o);
            QVERIFY(hits.size() >= last); // results only grow as batches commit
            last = hits.size();
            ++searches;
        }
        indexer.join();
        QVERIFY2(error.empty(), error.c_str());
        QVERIFY(searches > 1);
        QCOMPARE(int(reader->search("a photo of a garden", *queryModel, o).size()), 80);
    }
};

QTEST_GUILESS_MAIN(TestGalleryIndex)
#include "tst_gallery_index.moc"
