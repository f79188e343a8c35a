// Gallery search: the query syntax, exact and approximate search agreeing, filters, the
// relevance cut-off, duplicates, tags, schema migrations and models kept apart.
#include "photo_files.h"
#include "test_support.h"

#include "gallery/sqlite_db.h"
#include "gallery/vector_index.h"

#include <pictor/error.h>
#include <pictor/gallery.h>

#include <QTemporaryDir>
#include <QtTest>

#include <random>
#include <sqlite3.h>

using namespace pictor;
using pictor::test::PhotoSpec;

namespace {

std::string p(const QTemporaryDir& dir, const std::string& name) { return dir.path().toStdString() + "/" + name; }

std::vector<float> randomUnit(std::mt19937& rng, int dim)
{
    std::normal_distribution<float> n;
    std::vector<float> v(static_cast<std::size_t>(dim));
    double s = 0;
    for (float& x : v) {
        x = n(rng);
        s += double(x) * x;
    }
    for (float& x : v) x = float(x / std::sqrt(s));
    return v;
}

} // namespace

class TestGallerySearch : public QObject {
    Q_OBJECT
    std::unique_ptr<ClipModel> m_model;

    std::unique_ptr<ClipModel> loadTestModel(const QString& kind)
    {
        ClipLoadOptions o;
        o.tokenizerPath = (pictor::test::vectorsDir() + "/tokenizer/bpe_simple_vocab_16e6.txt.gz").toStdString();
        o.textHeads = 2;
        return ClipModel::load((pictor::test::vectorsDir() + "/clip/" + kind).toStdString(), o);
    }

private Q_SLOTS:
    void querySyntax()
    {
        QTemporaryDir dir;
        test::writePhoto(p(dir, "ref.jpg"), PhotoSpec{64, 48, 1, 0, {}, 90});
        auto t = parseGalleryQuery("a dog on a beach");
        QCOMPARE(int(t.size()), 1);
        QCOMPARE(t[0].text, std::string("a dog on a beach"));
        QCOMPARE(t[0].weight, 1.0);
        t = parseGalleryQuery("\"a dog\" + \"sunset\" - \"people\"");
        QCOMPARE(int(t.size()), 3);
        QCOMPARE(t[1].text, std::string("sunset"));
        QCOMPARE(t[2].weight, -1.0);
        t = parseGalleryQuery("2:beach + 0.5:" + p(dir, "ref.jpg"));
        QCOMPARE(t[0].weight, 2.0);
        QCOMPARE(t[0].text, std::string("beach"));
        QVERIFY(t[1].image);
        QCOMPARE(t[1].weight, 0.5);
        // Hyphens and signs inside words stay text; a quoted " - " is not an operator.
        t = parseGalleryQuery("black-and-white photo -5 degrees");
        QCOMPARE(int(t.size()), 1);
        t = parseGalleryQuery("\"salt - pepper\"");
        QCOMPARE(t[0].text, std::string("salt - pepper"));
        t = parseGalleryQuery("cat - dog");
        QCOMPARE(int(t.size()), 2);
        QCOMPARE(t[1].weight, -1.0);
        QVERIFY_THROWS_EXCEPTION(Error, parseGalleryQuery("   "));
        QVERIFY_THROWS_EXCEPTION(Error, parseGalleryQuery("\"unclosed"));
    }

    void halfPrecisionRoundTrip()
    {
        for (float f : {0.f, 1.f, -1.f, 0.5f, 0.333333f, 1e-5f, -65504.f, 3.14159f})
            QVERIFY2(std::abs(gallery::halfToFloat(gallery::floatToHalf(f)) - f) <= std::abs(f) * 1e-3f + 1e-7f, std::to_string(f).c_str());
        std::mt19937 rng(1);
        const auto a = randomUnit(rng, 512), b = randomUnit(rng, 512);
        std::vector<uint16_t> h(512);
        double ref = 0;
        for (int i = 0; i < 512; ++i) {
            h[std::size_t(i)] = gallery::floatToHalf(a[std::size_t(i)]);
            ref += double(gallery::halfToFloat(h[std::size_t(i)])) * b[std::size_t(i)];
        }
        QVERIFY(std::abs(gallery::dotHalf(h.data(), b.data(), 512) - ref) < 1e-5);
    }

    void approximateAgreesWithExact()
    {
        std::mt19937 rng(7);
        gallery::VectorIndex index(64);
        for (int64_t id = 1; id <= 3000; ++id) index.put(id, randomUnit(rng, 64).data());
        for (int64_t id = 1; id <= 300; ++id) index.remove(id * 10); // tombstones
        int same = 0, total = 0;
        for (int q = 0; q < 20; ++q) {
            const auto query = randomUnit(rng, 64);
            const auto exact = index.exactTop(query.data(), 10, -2, nullptr);
            const auto approx = index.approximateTop(query.data(), 10, -2, nullptr);
            QCOMPARE(int(exact.size()), 10);
            for (const auto& e : exact) {
                QVERIFY(e.id % 10 != 0); // removed vectors never come back
                ++total;
                for (const auto& a : approx) same += a.id == e.id;
            }
        }
        QVERIFY2(double(same) / total >= 0.95, std::to_string(double(same) / total).c_str()); // recall@10
        // Saved graphs load back, and a damaged one is refused rather than trusted.
        QTemporaryDir dir;
        index.saveGraph(p(dir, "g.hnsw"));
        gallery::VectorIndex again(64);
        for (int64_t id : index.ids()) again.put(id, index.vector(id).data());
        QVERIFY(again.loadGraph(p(dir, "g.hnsw")));
        QFile f(QString::fromStdString(p(dir, "g.hnsw")));
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(100);
        f.write("garbage");
        f.close();
        gallery::VectorIndex third(64);
        QVERIFY(!third.loadGraph(p(dir, "g.hnsw")));
    }

    void galleryLevelSearch()
    {
        PICTOR_REQUIRE_VECTORS();
        m_model = loadTestModel("vit/model.safetensors");
        QTemporaryDir dir;
        QDir().mkpath(dir.path() + "/pics/2019");
        QDir().mkpath(dir.path() + "/pics/2023");
        for (unsigned i = 0; i < 8; ++i)
            test::writePhoto(p(dir, "pics/2019/a" + std::to_string(i) + ".jpg"), PhotoSpec{320, 240, i, 1, "2019:05:0" + std::to_string(i + 1) + " 10:00:00", 90});
        for (unsigned i = 0; i < 8; ++i) test::writePhoto(p(dir, "pics/2023/b" + std::to_string(i) + ".png"), PhotoSpec{320, 240, 50 + i, 0, {}, 90});
        auto g = Gallery::open(p(dir, "index.sqlite3"));
        g->index({p(dir, "pics")}, *m_model);
        SearchOptions o;
        o.minScore = -2;
        o.top = 5;
        const auto exact = g->search("a garden with a pond", *m_model, o);
        SearchOptions forced = o;
        forced.approximateAbove = 1; // the graph even for 16 pictures: the same answer
        const auto approx = g->search("a garden with a pond", *m_model, forced);
        QCOMPARE(int(exact.size()), 5);
        QCOMPARE(int(approx.size()), 5);
        for (int i = 0; i < 5; ++i) QCOMPARE(approx[std::size_t(i)].path, exact[std::size_t(i)].path);
        for (int i = 1; i < 5; ++i) QVERIFY(exact[std::size_t(i - 1)].score >= exact[std::size_t(i)].score);

        // Filters: folder, type, date; sort by date.
        SearchOptions f = o;
        f.top = 100;
        f.folder = p(dir, "pics/2019");
        for (const auto& h : g->search("a photo", *m_model, f)) QVERIFY(h.path.find("/2019/") != std::string::npos);
        QCOMPARE(int(g->search("a photo", *m_model, f).size()), 8);
        f.folder.clear();
        f.types = {"png"};
        QCOMPARE(int(g->search("a photo", *m_model, f).size()), 8);
        f.types.clear();
        f.before = QDateTime(QDate(2019, 5, 3), QTime(23, 0), Qt::UTC).toSecsSinceEpoch();
        QCOMPARE(int(g->search("a photo", *m_model, f).size()), 3); // a0..a2 by their EXIF dates
        f.before = INT64_MAX;
        f.folder = p(dir, "pics/2019");
        f.sort = SearchSort::DateNewest;
        const auto byDate = g->search("a photo", *m_model, f);
        QCOMPARE(byDate.front().path, p(dir, "pics/2019/a7.jpg"));
        QCOMPARE(byDate.back().path, p(dir, "pics/2019/a0.jpg"));

        // The cut-off: nothing scores above 1, so the user is told there is no good match.
        SearchOptions strict = o;
        strict.minScore = 1.01;
        QVERIFY(g->search("a garden with a pond", *m_model, strict).empty());

        // Combined queries move the ranking; an image term excludes its own file.
        const auto withImage = g->search("a photo + 3:" + p(dir, "pics/2023/b3.png"), *m_model, o);
        QCOMPARE(int(withImage.size()), 5);
        for (const auto& h : withImage) QVERIFY(h.path != p(dir, "pics/2023/b3.png"));

        // Near-duplicates: an identical copy under another name forms a group.
        QVERIFY(QFile::copy(QString::fromStdString(p(dir, "pics/2023/b1.png")), QString::fromStdString(p(dir, "pics/copy.png"))));
        g->index({p(dir, "pics")}, *m_model);
        const auto groups = g->duplicates(*m_model, 0.999);
        bool foundPair = false;
        for (const auto& group : groups)
            if (group.size() == 2 && group[0].path == p(dir, "pics/2023/b1.png") && group[1].path == p(dir, "pics/copy.png")) foundPair = true;
        QVERIFY(foundPair);

        // Tags: with one label every picture passes a 0.5 threshold; tag filters search.
        const TagSummary tags = g->tag({"a photo", "a drawing"}, *m_model, 0.0);
        QCOMPARE(tags.images, int64_t(17));
        QCOMPARE(tags.counts[0].second, int64_t(17));
        QVERIFY(!g->tagsOf(p(dir, "pics/copy.png")).empty());
        SearchOptions tagged = o;
        tagged.tag = "a photo";
        tagged.top = 100;
        QCOMPARE(int(g->search("anything", *m_model, tagged).size()), 17);
        tagged.tag = "no such tag";
        QVERIFY(g->search("anything", *m_model, tagged).empty());
    }

    void modelsNeverMixed()
    {
        PICTOR_REQUIRE_VECTORS();
        const auto other = loadTestModel("rn/state_dict.pt");
        QTemporaryDir dir;
        QDir().mkpath(dir.path() + "/pics");
        for (unsigned i = 0; i < 4; ++i) test::writePhoto(p(dir, "pics/a" + std::to_string(i) + ".jpg"), PhotoSpec{200, 150, i, 0, {}, 90});
        auto g = Gallery::open(p(dir, "index.sqlite3"));
        g->index({p(dir, "pics")}, *m_model);
        QCOMPARE(g->stats(*other).images, int64_t(0));
        SearchOptions o;
        o.minScore = -2;
        // Searching with a model the library was not indexed with is refused, saying which model it was.
        QVERIFY(!g->modelMismatch(*other).empty());
        QVERIFY(g->modelMismatch(*m_model).empty());
        try {
            g->search("a photo", *other, o);
            QFAIL("a search with another model's vectors was answered");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("indexed with another CLIP model") && QString(e.what()).contains("rn/state_dict.pt"), e.what());
        }
        QVERIFY_THROWS_EXCEPTION(Error, g->tag({"a photo", "a drawing"}, *other));
        QVERIFY_THROWS_EXCEPTION(Error, g->duplicates(*other));
        const IndexSummary s = g->index({p(dir, "pics")}, *other);
        QCOMPARE(s.updated, int64_t(4)); // embedded again for the other model, nothing reused across models
        QCOMPARE(s.reused, int64_t(0));
        QCOMPARE(g->stats(*other).images, int64_t(4));
        QCOMPARE(g->stats(*m_model).images, int64_t(4));
        QCOMPARE(int(g->search("a photo", *m_model, o).size()), 4);
        QCOMPARE(int(g->search("a photo", *other, o).size()), 4); // indexed with both now
        QVERIFY(g->modelMismatch(*other).empty());
    }

    void schemaMigrates()
    {
        QTemporaryDir dir;
        const std::string path = p(dir, "old.sqlite3");
        {
            // A version-1 index as an earlier Pictor wrote it.
            gallery::Database db(path);
            db.exec("CREATE TABLE models(id INTEGER PRIMARY KEY, identity TEXT NOT NULL UNIQUE, description TEXT, dim INTEGER NOT NULL);"
                    "CREATE TABLE images(id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, folder TEXT NOT NULL, ext TEXT NOT NULL,"
                    " size INTEGER NOT NULL, mtime INTEGER NOT NULL, hash TEXT NOT NULL, width INTEGER, height INTEGER,"
                    " taken_at INTEGER, orientation INTEGER, error TEXT, missing INTEGER NOT NULL DEFAULT 0);"
                    "CREATE TABLE embeddings(image_id INTEGER NOT NULL, model_id INTEGER NOT NULL, vector BLOB NOT NULL, PRIMARY KEY(image_id, model_id));"
                    "INSERT INTO images(path, folder, ext, size, mtime, hash) VALUES('/x/a.jpg', '/x', 'jpg', 1, 1, 'h');"
                    "PRAGMA user_version = 1;");
        }
        auto g = Gallery::open(path);
        QVERIFY(g->integrityOk());
        gallery::Database db(path);
        gallery::Statement v(db.handle(), "PRAGMA user_version");
        QVERIFY(v.step());
        QCOMPARE(v.integer(0), int64_t(gallery::kGallerySchemaVersion));
        gallery::Statement rows(db.handle(), "SELECT COUNT(*) FROM images");
        QVERIFY(rows.step());
        QCOMPARE(rows.integer(0), int64_t(1)); // the user's data survived
        gallery::Statement tags(db.handle(), "SELECT COUNT(*) FROM tags");
        QVERIFY(tags.step());

        // A newer schema, or a file that is not an index at all, is refused with a clear message.
        db.exec("PRAGMA user_version = 99");
        try {
            Gallery::open(path);
            QFAIL("opened a newer schema");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("newer Pictor"));
        }
        QFile junk(QString::fromStdString(p(dir, "junk.sqlite3")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write(QByteArray(4096, 'x'));
        junk.close();
        try {
            Gallery::open(p(dir, "junk.sqlite3"));
            QFAIL("opened junk");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("junk.sqlite3"), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestGallerySearch)
#include "tst_gallery_search.moc"
