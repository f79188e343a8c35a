// open_clip's multilingual CLIP (XLM-RoBERTa text tower) against the reference vectors in
// ../shared/vectors/xlmr: tokenizer ids (in process and through pictor-cli), text and image
// embeddings from both file formats, zero-shot probabilities, and the refusals of files that lie.
#include "test_support.h"

#include "clip/clip_init.h"
#include "torch/tensor_loader.h"

#include <pictor/clip_model.h>
#include <pictor/error.h>
#include <pictor/runtime.h>
#include <pictor/tokenizer.h>

#include <ATen/ATen.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QImage>
#include <QJsonObject>
#include <QProcess>

#include <tuple>
#include <QTemporaryDir>

using namespace pictor;

namespace {

std::vector<float> rowOf(const test::FloatTensor& t, std::size_t row)
{
    const std::size_t d = std::size_t(t.shape.back());
    return std::vector<float>(t.values.begin() + std::ptrdiff_t(row * d), t.values.begin() + std::ptrdiff_t((row + 1) * d));
}

double lowestCosine(const std::vector<Embedding>& got, const test::FloatTensor& want)
{
    if (got.size() != std::size_t(want.shape[0])) return -1;
    double worst = 1.0;
    for (std::size_t i = 0; i < got.size(); ++i) worst = std::min(worst, test::cosine(got[i], rowOf(want, i)));
    return worst;
}

QString errorOf(const std::function<void()>& fn)
{
    try {
        fn();
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

class TestXlmrClip : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;

    QString dir() const { return test::vectorsDir() + "/xlmr"; }
    QString spm() const { return dir() + "/sentencepiece.bpe.model"; }

    // The random test model has 2 text heads (width 32); the real ones have width / 64.
    ClipLoadOptions options() const
    {
        ClipLoadOptions o;
        o.textHeads = 2;
        return o;
    }

    std::vector<std::string> metaList(const char* key) const
    {
        const auto meta = test::readSafetensorsMetadata(dir() + "/expected.safetensors");
        std::vector<std::string> out;
        for (const auto& v : QJsonDocument::fromJson(QByteArray::fromStdString(meta.at(key))).array()) out.push_back(v.toString().toStdString());
        return out;
    }

    QList<QPair<QString, std::vector<int>>> goldenCases() const
    {
        QFile f(dir() + "/golden.json");
        if (!f.open(QIODevice::ReadOnly)) return {};
        QList<QPair<QString, std::vector<int>>> cases;
        for (const auto& c : QJsonDocument::fromJson(f.readAll()).object()["cases"].toArray()) {
            std::vector<int> ids;
            for (const auto& id : c.toObject()["ids"].toArray()) ids.push_back(id.toInt());
            cases.append({c.toObject()["text"].toString(), ids});
        }
        return cases;
    }

    /// The safetensors model's tensors with `change` applied, written to a new file.
    QString modifiedModel(const QString& name, const std::function<void(torchutil::TensorMap&)>& change)
    {
        const ckpt::Checkpoint c = ckpt::openCheckpoint((dir() + "/open_clip_model.safetensors").toStdString());
        torchutil::TensorMap tensors = torchutil::loadTensors(c, at::kFloat);
        change(tensors);
        const QString path = tmp.filePath(name);
        torchutil::saveSafetensors(path.toStdString(), tensors);
        QFile::copy(spm(), tmp.filePath("sentencepiece.bpe.model"));
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        PICTOR_REQUIRE_VECTORS();
        QVERIFY(tmp.isValid());
        setComputeThreads(0);
    }

    void tokenizerMatchesGoldenIds()
    {
        const auto tok = loadXlmrTokenizer(spm().toStdString());
        QCOMPARE(tok->startId(), 0);
        QCOMPARE(tok->padId(), 1);
        QCOMPARE(tok->endId(), 2);
        QCOMPARE(tok->vocabSize(), 602);
        const auto cases = goldenCases();
        QVERIFY(cases.size() >= 16);
        for (const auto& [text, ids] : cases) QCOMPARE(tok->tokenizeAsReference(text.toStdString(), 77), ids);
    }

    void tokenizerMatchesGoldenIdsThroughTheCli()
    {
        const auto cases = goldenCases();
        QStringList args{"tokenize", "--vocab", spm(), "--"};
        for (const auto& c : cases) args << c.first;
        QProcess cli;
        cli.start(test::binDir() + "/pictor-cli", args);
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QList<QByteArray> lines = cli.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), cases.size());
        for (int i = 0; i < cases.size(); ++i) {
            std::vector<int> got;
            for (const auto& v : QJsonDocument::fromJson(lines[i]).array()) got.push_back(v.toInt());
            QVERIFY2(got == cases[i].second, qPrintable("ids differ for: " + cases[i].first));
        }
    }

    void embeddingsMatchReference_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("torch.save") << "open_clip_pytorch_model.bin";
        QTest::newRow("safetensors") << "open_clip_model.safetensors";
    }

    void embeddingsMatchReference()
    {
        QFETCH(QString, file);
        const auto expected = test::readFloatTensors(dir() + "/expected.safetensors");
        const auto model = ClipModel::load((dir() + "/" + file).toStdString(), options());
        QVERIFY(model->info().multilingual);
        QVERIFY(QString::fromStdString(model->info().architecture).startsWith("multilingual CLIP, XLM-R text tower"));
        QVERIFY(QString::fromStdString(model->info().tokenizer).contains("sentencepiece.bpe.model"));

        const double text = lowestCosine(model->embedTexts(metaList("texts"), false), expected.at("text_embeds"));
        QVERIFY2(text > 0.99999, qPrintable(QString("text cosine %1").arg(text, 0, 'g', 10)));

        std::vector<std::string> files;
        for (const std::string& f : metaList("image_files")) files.push_back((dir() + "/images/").toStdString() + f);
        const double fromFiles = lowestCosine(model->embedImageFiles(files, false), expected.at("image_embeds"));
        QVERIFY2(fromFiles > 0.99999, qPrintable(QString("image files cosine %1").arg(fromFiles, 0, 'g', 10)));
        const auto& pixels = expected.at("pixels");
        const double fromPixels = lowestCosine(model->embedPreprocessed(pixels.values, int(pixels.shape[0]), false), expected.at("image_embeds"));
        QVERIFY2(fromPixels > 0.99999, qPrintable(QString("pixels cosine %1").arg(fromPixels, 0, 'g', 10)));
        qInfo("%s: lowest cosine text %.10f, image files %.10f, pixels %.10f", qPrintable(file), text, fromFiles, fromPixels);
    }

    void zeroShotProbabilitiesMatchReference()
    {
        const auto expected = test::readFloatTensors(dir() + "/expected.safetensors");
        const auto model = ClipModel::load((dir() + "/open_clip_pytorch_model.bin").toStdString(), options());
        const std::vector<std::string> texts = metaList("texts");
        const auto labels = model->embedTexts({texts.begin(), texts.begin() + 4});
        const auto& pixels = expected.at("pixels");
        const auto images = model->embedPreprocessed(pixels.values, int(pixels.shape[0]));
        const auto probs = zeroShotProbabilities(images, labels, model->logitScale());
        const auto& want = expected.at("probs_first4");
        for (std::size_t i = 0; i < probs.size(); ++i)
            for (std::size_t j = 0; j < 4; ++j)
                QVERIFY2(std::fabs(probs[i][j] - want.values[i * 4 + j]) < 1e-4,
                         qPrintable(QString("image %1 label %2: %3 vs %4").arg(i).arg(j).arg(probs[i][j]).arg(want.values[i * 4 + j])));
    }

    void classifyThroughTheCliInKorean()
    {
        QProcess cli;
        cli.start(test::binDir() + "/pictor-cli", {"classify", "--clip", dir() + "/open_clip_model.safetensors", "--text-heads", "2", "--labels",
                                                   QString::fromUtf8("a dog,a cat,고양이 사진,a photo of a cat"), dir() + "/images/img0.png"});
        QVERIFY(cli.waitForFinished(60000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const QJsonObject row = QJsonDocument::fromJson(cli.readAllStandardOutput().trimmed().split('\n').first()).object();
        const auto expected = test::readFloatTensors(dir() + "/expected.safetensors");
        const QJsonArray probs = row["probs"].toArray();
        QCOMPARE(probs.size(), 4);
        for (int j = 0; j < 4; ++j) QVERIFY(std::fabs(probs[j].toDouble() - expected.at("probs_first4").values[std::size_t(j)]) < 1e-4);
        QCOMPARE(row["labels"].toArray()[2].toString(), QString::fromUtf8("고양이 사진"));
    }

    void koreanPromptGeneratesAndReproduces()
    {
        // Weights, a negative prompt and a story phrase, in Korean and mixed with English.
        const QString prompt = QString::fromUtf8("빨간 원, 파란 배경:1.5 | a red circle 유화:0.5 | 흐릿한:-1 ^ 노란 별");
        const QString out = tmp.filePath("korean.png"), again = tmp.filePath("korean_again.png");
        const QStringList models{"--clip", dir() + "/open_clip_model.safetensors", "--text-heads", "2",
                                 "--vqgan", test::vectorsDir() + "/vqgan/last.ckpt"};
        QProcess cli;
        cli.start(test::binDir() + "/pictor-cli", QStringList{"generate"} + models +
                  QStringList{"--prompt", prompt, "--size", "32x32", "--cutn", "4", "--steps", "4", "--story-every", "2", "--seed", "5", "--out", out});
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QVERIFY(QFile::exists(out));

        // The settings chunk holds the prompt byte for byte.
        cli.start(test::binDir() + "/pictor-cli", {"info", out});
        QVERIFY(cli.waitForFinished(60000));
        const QJsonObject settings = QJsonDocument::fromJson(cli.readAllStandardOutput().trimmed()).object()["settings"].toObject();
        QCOMPARE(settings["prompt"].toString().toUtf8(), prompt.toUtf8());
        QFile png(out);
        QVERIFY(png.open(QIODevice::ReadOnly));
        QVERIFY(png.readAll().contains(QJsonDocument(QJsonArray{prompt}).toJson(QJsonDocument::Compact).mid(1).chopped(1)));

        cli.start(test::binDir() + "/pictor-cli", QStringList{"generate", "--from", out} + models + QStringList{"--out", again});
        QVERIFY(cli.waitForFinished(120000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        QCOMPARE(QImage(again), QImage(out));
    }

    void galleryIndexesAndSearchesInKoreanAndRefusesAnotherModel()
    {
        QDir photos(tmp.filePath("photos"));
        QVERIFY(photos.mkpath("."));
        for (const std::string& f : metaList("image_files")) QVERIFY(QFile::copy(dir() + "/images/" + QString::fromStdString(f), photos.filePath(QString::fromStdString(f))));
        const QString db = tmp.filePath("library.sqlite3");
        const QStringList xlmr{"--clip", dir() + "/open_clip_model.safetensors", "--text-heads", "2", "--db", db};
        auto run = [](const QStringList& args) {
            QProcess cli;
            cli.start(test::binDir() + "/pictor-cli", args);
            cli.waitForFinished(120000);
            return std::make_tuple(cli.exitCode(), cli.readAllStandardOutput(), QString::fromUtf8(cli.readAllStandardError()));
        };
        auto [code, out, err] = run(QStringList{"index", photos.path()} + xlmr);
        QVERIFY2(code == 0, qPrintable(err));
        std::tie(code, out, err) = run(QStringList{"search", QString::fromUtf8("고양이 사진"), "--min-score", "-1", "--json"} + xlmr);
        QVERIFY2(code == 0, qPrintable(err));
        QCOMPARE(out.trimmed().split('\n').size(), 3);
        QVERIFY(QJsonDocument::fromJson(out.trimmed().split('\n').first()).object()["path"].toString().startsWith(photos.path()));

        // Another CLIP cannot read these vectors: a clear refusal, and the library is untouched.
        QFile file(db);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray before = file.readAll();
        file.close();
        std::tie(code, out, err) = run({"search", "a cat", "--db", db, "--clip", test::vectorsDir() + "/clip/vit/model.safetensors", "--vocab",
                                        test::vectorsDir() + "/tokenizer/bpe_simple_vocab_16e6.txt.gz", "--text-heads", "2"});
        QCOMPARE(code, 1);
        QVERIFY2(err.contains("indexed with another CLIP model") && err.contains("multilingual CLIP") && err.contains("pictor-cli index"), qPrintable(err));
        QVERIFY(out.isEmpty());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), before);
    }

    void tokenizerIsFoundWhereTheModelManagerPutsIt()
    {
        QDir models(tmp.filePath("models"));
        QVERIFY(models.mkpath("xlm-roberta-base-ViT-B-32") && models.mkpath("xlmr-tokenizer"));
        const QString model = models.filePath("xlm-roberta-base-ViT-B-32/open_clip_model.safetensors");
        QVERIFY(QFile::copy(dir() + "/open_clip_model.safetensors", model));
        const auto bare = ClipModel::load(model.toStdString(), options());
        QVERIFY(!bare->hasTokenizer());
        QVERIFY2(errorOf([&] { bare->embedTexts({"a"}); }).contains("sentencepiece.bpe.model"), "the message names the file to get");
        QVERIFY(QFile::copy(spm(), models.filePath("xlmr-tokenizer/sentencepiece.bpe.model")));
        const auto found = ClipModel::load(model.toStdString(), options());
        QVERIFY(found->hasTokenizer());
        QCOMPARE(found->embedTexts({"a dog"}).size(), std::size_t(1));
    }

    void publishedModelsAreNamed()
    {
        // The two LAION models, by their configurations (the real files are not on these machines).
        clip::ClipConfig base = clip::xlmrBaseVitB32Config();
        QCOMPARE(QString::fromStdString(base.describe()), QString("multilingual CLIP, XLM-R base text tower, ViT-B/32"));
        clip::ClipConfig large = base;
        large.textWidth = 1024, large.textLayers = 24, large.textIntermediate = 4096;
        large.visionWidth = 1280, large.visionLayers = {32}, large.visionPatch = 14, large.embedDim = 1024;
        QCOMPARE(QString::fromStdString(large.describe()), QString("multilingual CLIP, XLM-R large text tower, ViT-H/14"));
    }

    void unknownKeyIsRefusedByName()
    {
        const QString path = modifiedModel("extra_key.safetensors", [](torchutil::TensorMap& t) {
            t["text.transformer.encoder.layer.0.attention.self.rotary.weight"] = at::zeros({4});
        });
        const QString err = errorOf([&] { ClipModel::load(path.toStdString(), options()); });
        QVERIFY2(err.contains("text.transformer.encoder.layer.0.attention.self.rotary.weight") && err.contains(path), qPrintable(err));
    }

    void wrongSizedTensorsAreRefusedByName_data()
    {
        QTest::addColumn<QString>("tensor");
        QTest::addColumn<QList<int>>("shape");
        QTest::newRow("projection") << "text.proj.2.weight" << QList<int>{24, 27};
        QTest::newRow("attention") << "text.transformer.encoder.layer.1.attention.self.key.weight" << QList<int>{32, 31};
        QTest::newRow("positions") << "text.transformer.embeddings.position_embeddings.weight" << QList<int>{82, 16};
        QTest::newRow("image tower") << "visual.proj" << QList<int>{64, 23};
    }

    void wrongSizedTensorsAreRefusedByName()
    {
        QFETCH(QString, tensor);
        QFETCH(QList<int>, shape);
        const QString path = modifiedModel("wrong_" + QString::number(qHash(tensor)) + ".safetensors", [&](torchutil::TensorMap& t) {
            std::vector<int64_t> dims(shape.begin(), shape.end());
            t[tensor.toStdString()] = at::zeros(dims);
        });
        const QString err = errorOf([&] { ClipModel::load(path.toStdString(), options()); });
        QVERIFY2(err.contains(tensor) && err.contains(path), qPrintable(err));
    }

    void tokenizerLargerThanTheModelIsRefused()
    {
        // A model whose vocabulary is smaller than its tokenizer's would read past its embedding table.
        const QString path = modifiedModel("small_vocab.safetensors", [](torchutil::TensorMap& t) {
            at::Tensor& words = t["text.transformer.embeddings.word_embeddings.weight"];
            words = words.narrow(0, 0, 300).clone();
        });
        const QString err = errorOf([&] { ClipModel::load(path.toStdString(), options()); });
        QVERIFY2(err.contains("602 tokens") && err.contains("300"), qPrintable(err));
    }

    void truncatedTokenizerIsRefused()
    {
        QFile in(spm());
        QVERIFY(in.open(QIODevice::ReadOnly));
        const QByteArray bytes = in.readAll();
        for (int cut : {0, 16, 4096, int(bytes.size() / 2), int(bytes.size() - 7)}) {
            const QString path = tmp.filePath(QString("cut%1.bpe.model").arg(cut));
            QFile out(path);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(bytes.left(cut));
            out.close();
            const QString err = errorOf([&] { loadXlmrTokenizer(path.toStdString()); });
            QVERIFY2(err.contains(path), qPrintable(QString("cut at %1: %2").arg(cut).arg(err)));
        }
    }

    void plainSentencepieceModelIsNotTakenForXlmr()
    {
        // The demo model's tokenizer numbers <unk>, <s> and </s> its own way: fairseq's mapping would be wrong.
        const QString demo = test::sourceDir() + "/models/demo/tokenizer.model";
        const QString err = errorOf([&] { loadXlmrTokenizer(demo.toStdString()); });
        QVERIFY2(err.contains("not laid out as XLM-RoBERTa's"), qPrintable(err));
    }

    void openAiModelWithXlmrTokenizerIsRefused()
    {
        ClipLoadOptions o;
        o.textHeads = 2;
        o.tokenizerPath = spm().toStdString();
        const QString err = errorOf([&] { ClipModel::load((test::vectorsDir() + "/clip/vit/state_dict.pt").toStdString(), o); });
        QVERIFY2(err.contains("do not belong together"), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestXlmrClip)
#include "tst_xlmr_clip.moc"
