// The CLIP BPE tokenizer against ids made by openai/CLIP's clip.tokenize.
#include "test_support.h"

#include "text/clip_bpe_tokenizer.h"
#include "text/text_cleaner.h"

#include <pictor/error.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace pictor;

class TestClipTokenizer : public QObject {
    Q_OBJECT
    std::unique_ptr<Tokenizer> tok;

    std::vector<int> ids(const QString& text) { return tok->tokenize(text.toStdString(), 77); }

private Q_SLOTS:
    void initTestCase()
    {
        PICTOR_REQUIRE_VECTORS();
        tok = loadClipBpeTokenizer((test::vectorsDir() + "/tokenizer/bpe_simple_vocab_16e6.txt.gz").toStdString());
        QCOMPARE(tok->vocabSize(), 49408);
        QCOMPARE(tok->startId(), 49406);
        QCOMPARE(tok->endId(), 49407);
    }

    void goldenCases()
    {
        // golden.json was made with ftfy replaced by the identity (see its "note"), so compare
        // with our ftfy fixes off; ftfyFixesForTypedText covers them.
        const text::ClipBpeTokenizer plain((test::vectorsDir() + "/tokenizer/bpe_simple_vocab_16e6.txt.gz").toStdString(), false);
        QFile f(test::vectorsDir() + "/tokenizer/golden.json");
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray cases = QJsonDocument::fromJson(f.readAll()).object()["cases"].toArray();
        QVERIFY(cases.size() > 20);
        int checked = 0;
        for (const QJsonValue& c : cases) {
            const QString text = c["text"].toString();
            std::vector<int> want;
            for (const QJsonValue& v : c["ids"].toArray()) want.push_back(v.toInt());
            const std::vector<int> got = plain.tokenize(text.toStdString(), 77);
            if (got != want) {
                QString g, w;
                for (int v : got) g += QString::number(v) + " ";
                for (int v : want) w += QString::number(v) + " ";
                QFAIL(qPrintable("text '" + text + "'\n got  " + g + "\n want " + w));
            }
            ++checked;
        }
        qInfo() << "golden cases matched:" << checked;
    }

    void referenceTableFromDocs()
    {
        QCOMPARE(ids("a diagram"), (std::vector<int>{49406, 320, 22697, 49407}));
        QCOMPARE(ids("trending on artstation"), (std::vector<int>{49406, 6087, 525, 1486, 2631, 49407}));
        QCOMPARE(ids("2021 8k").size(), std::size_t(8)); // every digit is its own token
        QCOMPARE(ids("&amp; <b>x</b>"), (std::vector<int>{49406, 261, 283, 321, 285, 343, 34308, 321, 285, 49407}));
    }

    void truncationKeepsEndToken()
    {
        const std::vector<int> t = ids(QString("word ").repeated(80));
        QCOMPARE(t.size(), std::size_t(77));
        QCOMPARE(t.front(), 49406);
        QCOMPARE(t.back(), 49407);
        QCOMPARE(t[75], t[1]); // still words up to the end
    }

    void ftfyFixesForTypedText()
    {
        // Curly quotes, ligatures and full-width letters tokenize like their plain forms.
        QCOMPARE(ids(QString::fromUtf8("it\u2019s \u201cfine\u201d")), ids("it's \"fine\""));
        QCOMPARE(ids(QString::fromUtf8("\uFB01sh")), ids("fish"));
        QCOMPARE(ids(QString::fromUtf8("\uFB01ne ligature")), ids("fine ligature"));
        QCOMPARE(ids(QString::fromUtf8("\uFF41\uFF42\uFF43\uFF11")), ids("abc1"));
        // NFC: a decomposed e + combining acute equals the precomposed é.
        QCOMPARE(ids(QString::fromUtf8("cafe\u0301")), ids(QString::fromUtf8("caf\u00e9")));
    }

    void whitespaceAndCase()
    {
        QCOMPARE(ids("  Hello\t\nWORLD  "), ids("hello world"));
        QCOMPARE(ids(""), (std::vector<int>{49406, 49407}));
        QCOMPARE(ids("&amp;amp;"), ids("&")); // unescaped twice, as the reference
    }

    void decodeRoundTrip()
    {
        QCOMPARE(tok->decode(ids("a painting of an apple")), std::string("a painting of an apple"));
    }

    void splitsWithClipPattern()
    {
        const auto pieces = text::ClipBpeTokenizer::splitPieces("it's 42 <|endoftext|>!?");
        const std::vector<std::string> want{"it", "'s", "4", "2", "<|endoftext|>", "!?"};
        QCOMPARE(pieces, want);
    }

    void missingVocabularyNamesTheFile()
    {
        try {
            loadClipBpeTokenizer("/nonexistent/vocab.txt.gz");
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("/nonexistent/vocab.txt.gz"));
        }
    }

    void notAVocabularyIsRefused()
    {
        QTemporaryFile f;
        QVERIFY(f.open());
        f.write("hello\nworld\n");
        f.close();
        QVERIFY_THROWS_EXCEPTION(Error, loadClipBpeTokenizer(f.fileName().toStdString()));
    }
};

QTEST_GUILESS_MAIN(TestClipTokenizer)
#include "tst_clip_tokenizer.moc"
