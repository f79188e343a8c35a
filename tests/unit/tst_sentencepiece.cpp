// sentencepiece through the dlopen shim, in a process that also runs LibTorch (their protobuf
// copies would crash if both were linked directly).
#include "test_support.h"

#include "text/sentencepiece_tokenizer.h"

#include <pictor/error.h>

#include <ATen/ATen.h>

#include <QTemporaryDir>

using namespace pictor;

class TestSentencePiece : public QObject {
    Q_OBJECT
    QTemporaryDir dir;
    QString modelPath;

private Q_SLOTS:
    void initTestCase()
    {
        // LibTorch first, so its protobuf is loaded before the shim's.
        QCOMPARE(at::ones({2, 2}).sum().item<float>(), 4.0f);
        QVERIFY(dir.isValid());
        QFile corpus(dir.filePath("corpus.txt"));
        QVERIFY(corpus.open(QIODevice::WriteOnly));
        const char* colours[] = {"red", "blue", "green", "yellow"};
        const char* shapes[] = {"circle", "square", "triangle", "star"};
        for (int i = 0; i < 400; ++i)
            corpus.write(QString("a %1 %2 on a %3 background\n").arg(colours[i % 4], shapes[(i / 4) % 4], colours[(i / 16) % 4]).toUtf8());
        corpus.write(QString::fromUtf8("파란 배경 왼쪽에 있는 큰 빨간 원\n").toUtf8());
        corpus.close();
        const std::string args = "--input=" + corpus.fileName().toStdString() + " --model_prefix=" + dir.filePath("spm").toStdString() +
                                 " --vocab_size=40 --model_type=unigram --bos_id=1 --eos_id=2 --pad_id=0 --unk_id=3 --minloglevel=2"
                                 " --character_coverage=1.0";
        char err[512] = {};
        const int rc = text::spmShim().train(args.c_str(), err, sizeof err);
        QVERIFY2(rc == 0, err);
        modelPath = dir.filePath("spm.model");
    }

    void encodesAndDecodes()
    {
        const auto tok = loadSentencePieceTokenizer(modelPath.toStdString());
        QCOMPARE(tok->startId(), 1);
        QCOMPARE(tok->endId(), 2);
        QCOMPARE(tok->vocabSize(), 40);
        QCOMPARE(tok->pooling(), TextPooling::FirstEndToken);
        const std::vector<int> ids = tok->tokenize("a red circle on a blue background", 77);
        QCOMPARE(ids.front(), 1);
        QCOMPARE(ids.back(), 2);
        QVERIFY(ids.size() > 4);
        QCOMPARE(tok->decode(ids), std::string("a red circle on a blue background"));
        QVERIFY(tok->encode("a red circle") != tok->encode("a blue circle"));
    }

    void truncatesToContext()
    {
        const auto tok = loadSentencePieceTokenizer(modelPath.toStdString());
        const std::vector<int> ids = tok->tokenize(QString("red circle ").repeated(50).toStdString(), 16);
        QCOMPARE(ids.size(), std::size_t(16));
        QCOMPARE(ids.back(), 2);
    }

    void badModelFileIsAClearError()
    {
        QFile bad(dir.filePath("bad.model"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not a model");
        bad.close();
        try {
            loadSentencePieceTokenizer(bad.fileName().toStdString());
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("bad.model"));
        }
    }

    void shimIsFoundNextToTheExecutable()
    {
        QVERIFY(QString::fromStdString(sentencePieceShimPath()).endsWith("libpictor_spm.so"));
    }
};

QTEST_GUILESS_MAIN(TestSentencePiece)
#include "tst_sentencepiece.moc"
