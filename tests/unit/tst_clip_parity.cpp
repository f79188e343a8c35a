// CLIP embeddings against openai/CLIP on random weights: ViT and ModifiedResNet, from torch.save,
// safetensors and the OpenAI-style TorchScript archive (fp16-stored weights).
#include "test_support.h"

#include "clip/clip_model_impl.h"

#include <pictor/clip_model.h>
#include <pictor/error.h>
#include <pictor/runtime.h>

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace pictor;

namespace {

std::vector<float> rowOf(const test::FloatTensor& t, std::size_t row)
{
    const std::size_t d = std::size_t(t.shape.back());
    return std::vector<float>(t.values.begin() + std::ptrdiff_t(row * d), t.values.begin() + std::ptrdiff_t((row + 1) * d));
}

void compareRows(const std::vector<Embedding>& got, const test::FloatTensor& want, const QString& what)
{
    QCOMPARE(got.size(), std::size_t(want.shape[0]));
    double worst = 1.0;
    for (std::size_t i = 0; i < got.size(); ++i) worst = std::min(worst, test::cosine(got[i], rowOf(want, i)));
    qInfo().noquote() << what << "lowest cosine" << QString::number(worst, 'g', 10);
    QVERIFY2(worst > 0.99999, qPrintable(what + QString(": cosine %1").arg(worst, 0, 'g', 10)));
}

} // namespace

class TestClipParity : public QObject {
    Q_OBJECT

    QString dir(const QString& arch) { return test::vectorsDir() + "/clip/" + arch; }

    // The random test models were built with the constructor config in meta.json; their text
    // width (32/48) is below 64, so the heads cannot be inferred the way build_model does.
    ClipLoadOptions optionsFor(const QString& arch)
    {
        QFile f(dir(arch) + "/meta.json");
        if (!f.open(QIODevice::ReadOnly)) qFatal("no meta.json");
        const QJsonObject config = QJsonDocument::fromJson(f.readAll()).object()["config"].toObject();
        ClipLoadOptions o;
        o.textHeads = config["transformer_heads"].toInt();
        return o;
    }

    static void architectureRows()
    {
        QTest::addColumn<QString>("arch");
        QTest::newRow("vit") << "vit";
        QTest::newRow("rn") << "rn";
    }

    void checkExpected(const QString& arch, const QString& file, const char* imageKey, const char* textKey)
    {
        const auto expected = test::readFloatTensors(dir(arch) + "/expected.safetensors");
        const auto model = ClipModel::load((dir(arch) + "/" + file).toStdString(), optionsFor(arch));
        const auto& images = expected.at("images");
        const auto imageEmb = model->embedPreprocessed(images.values, int(images.shape[0]), false);
        compareRows(imageEmb, expected.at(imageKey), arch + "/" + file + " images");
        const auto& tokens = expected.at("tokens");
        std::vector<std::vector<int>> ids;
        for (int64_t r = 0; r < tokens.shape[0]; ++r) {
            std::vector<int> row;
            for (int64_t c = 0; c < tokens.shape[1]; ++c) row.push_back(int(tokens.values[std::size_t(r * tokens.shape[1] + c)]));
            ids.push_back(row);
        }
        compareRows(model->embedTokenIds(ids, false), expected.at(textKey), arch + "/" + file + " texts");
    }

private Q_SLOTS:
    void initTestCase()
    {
        PICTOR_REQUIRE_VECTORS();
        setComputeThreads(0);
    }

    void vitStateDict() { checkExpected("vit", "state_dict.pt", "image_embeds", "text_embeds"); }
    void vitSafetensors() { checkExpected("vit", "model.safetensors", "image_embeds", "text_embeds"); }
    void vitTorchScriptFp16() { checkExpected("vit", "openai_style_jit.pt", "image_embeds_from_fp16_weights", "text_embeds_from_fp16_weights"); }
    void resnetStateDict() { checkExpected("rn", "state_dict.pt", "image_embeds", "text_embeds"); }
    void resnetTorchScriptFp16() { checkExpected("rn", "openai_style_jit.pt", "image_embeds_from_fp16_weights", "text_embeds_from_fp16_weights"); }

    void wholePipelineFromFilesAndText_data() { architectureRows(); }

    void wholePipelineFromFilesAndText()
    {
        QFETCH(QString, arch);
        const QString path = dir(arch) + "/expected_files.safetensors";
        const auto expected = test::readFloatTensors(path);
        const auto meta = test::readSafetensorsMetadata(path);
        ClipLoadOptions options = optionsFor(arch);
        options.tokenizerPath = (test::vectorsDir() + "/tokenizer/bpe_simple_vocab_16e6.txt.gz").toStdString();
        const auto model = ClipModel::load((dir(arch) + "/state_dict.pt").toStdString(), options);
        std::vector<std::string> files, texts;
        for (const auto& v : QJsonDocument::fromJson(QByteArray::fromStdString(meta.at("image_files"))).array())
            files.push_back(QDir(dir(arch)).filePath(v.toString()).toStdString());
        for (const auto& v : QJsonDocument::fromJson(QByteArray::fromStdString(meta.at("texts"))).array())
            texts.push_back(v.toString().toStdString());
        QCOMPARE(files.size(), std::size_t(7));
        compareRows(model->embedImageFiles(files, false), expected.at("image_file_embeds"), arch + " image files");
        compareRows(model->embedTexts(texts, false), expected.at("text_embeds"), arch + " texts (Korean included)");
    }

    void bf16ImageEmbeddingsRankAsFp32()
    {
        if (!runtimeInfo().bf16) QSKIP("this CPU has no native bf16: useBf16Images stays off");
        const QString path = dir("vit") + "/expected_files.safetensors";
        const auto meta = test::readSafetensorsMetadata(path);
        const auto model = ClipModel::load((dir("vit") + "/state_dict.pt").toStdString(), optionsFor("vit"));
        std::vector<std::string> files;
        for (const auto& v : QJsonDocument::fromJson(QByteArray::fromStdString(meta.at("image_files"))).array())
            files.push_back(QDir(dir("vit")).filePath(v.toString()).toStdString());
        const auto fp32 = model->embedImageFiles(files);
        QVERIFY(model->useBf16Images(true));
        const auto bf16 = model->embedImageFiles(files);
        model->useBf16Images(false);
        QCOMPARE(bf16.size(), fp32.size());
        for (std::size_t i = 0; i < fp32.size(); ++i) {
            double dot = 0;
            for (std::size_t k = 0; k < fp32[i].size(); ++k) dot += double(fp32[i][k]) * bf16[i][k];
            QVERIFY2(dot > 0.999, qPrintable(QString("picture %1: cosine %2 between bf16 and fp32").arg(i).arg(dot)));
        }
        // Off again: fp32 exactly.
        QCOMPARE(model->embedImageFiles(files)[0], fp32[0]);
    }

    // The generator's and the gallery's private image towers fold the query scaling and QuickGELU's
    // 1.702 into the weights: in fp32 they must still give the reference's numbers.
    void imageTowerCopyKeepsReferenceNumbers_data() { architectureRows(); }
    void imageTowerCopyKeepsReferenceNumbers()
    {
        QFETCH(QString, arch);
        const auto expected = test::readFloatTensors(dir(arch) + "/expected.safetensors");
        const auto model = ClipModel::load((dir(arch) + "/state_dict.pt").toStdString(), optionsFor(arch));
        const auto& images = expected.at("images");
        const auto tower = model->impl().net->imageTowerCopy(at::kFloat);
        c10::InferenceMode guard;
        const at::Tensor in = at::tensor(at::ArrayRef<float>(images.values)).view(at::IntArrayRef(images.shape));
        const at::Tensor out = tower->encodeImage(in).contiguous();
        std::vector<Embedding> rows;
        for (int64_t r = 0; r < out.size(0); ++r) rows.emplace_back(out[r].data_ptr<float>(), out[r].data_ptr<float>() + out.size(1));
        compareRows(rows, expected.at("image_embeds"), arch + " image tower copy");
    }

    // The generator's fp32 path (fp32_kernels.h), with each combination of kernels the machine may
    // measure fastest (oneDNN or BLAS linear layers, per-head or batched attention): every one gives
    // the reference's embeddings, and the same gradient with respect to the pictures as LibTorch's
    // own products.
    void fp32KernelsKeepReferenceNumbersAndGradients()
    {
        const auto expected = test::readFloatTensors(dir("vit") + "/expected.safetensors");
        const auto model = ClipModel::load((dir("vit") + "/state_dict.pt").toStdString(), optionsFor("vit"));
        const auto& images = expected.at("images");
        const at::Tensor in = at::tensor(at::ArrayRef<float>(images.values)).view(at::IntArrayRef(images.shape));
        auto run = [&](bool fp32Path, clip::Fp32Kernels kernels, at::Tensor& embeds, at::Tensor& grad) {
            const auto tower = model->impl().net->imageTowerCopy(at::kFloat, /*foldScales=*/!fp32Path); // as the generator makes them
            tower->setFp32Kernels(fp32Path, kernels);
            const at::Tensor x = in.clone().requires_grad_(true);
            const at::Tensor out = tower->encodeImage(x);
            // A loss that weighs every output differently, so a mixed-up row or head would show.
            (out * at::linspace(-1, 2, out.numel()).view(out.sizes())).sum().backward();
            embeds = out.detach().contiguous();
            grad = x.grad();
        };
        at::Tensor plainEmbeds, plainGrad;
        run(false, {}, plainEmbeds, plainGrad);
        QVERIFY(plainGrad.norm().item<double>() > 0);
        for (const bool oneDnn : {true, false})
            for (const bool perHead : {true, false}) {
                const QString what = QString("vit image tower, fp32 path, %1 linear layers, %2 attention").arg(oneDnn ? "oneDNN" : "BLAS", perHead ? "per-head" : "batched");
                at::Tensor embeds, grad;
                run(true, {oneDnn, perHead}, embeds, grad);
                std::vector<Embedding> rows;
                for (int64_t r = 0; r < embeds.size(0); ++r) rows.emplace_back(embeds[r].data_ptr<float>(), embeds[r].data_ptr<float>() + embeds.size(1));
                compareRows(rows, expected.at("image_embeds"), what);
                const double gradError = ((grad - plainGrad).norm() / plainGrad.norm()).item<double>();
                qInfo().noquote() << what << "gradient relative difference" << gradError;
                QVERIFY2(gradError < 1e-5, qPrintable(what + QString(": relative gradient difference %1").arg(gradError)));
            }
    }

    void logitsMatchReference()
    {
        const auto expected = test::readFloatTensors(dir("vit") + "/expected.safetensors");
        const auto model = ClipModel::load((dir("vit") + "/state_dict.pt").toStdString(), optionsFor("vit"));
        const auto& images = expected.at("images");
        const auto img = model->embedPreprocessed(images.values, int(images.shape[0]), true);
        const auto& logits = expected.at("logits_per_image");
        const auto txt = [&] {
            std::vector<Embedding> rows;
            for (int64_t r = 0; r < expected.at("text_embeds").shape[0]; ++r) rows.push_back(rowOf(expected.at("text_embeds"), std::size_t(r)));
            return rows;
        }();
        for (std::size_t i = 0; i < img.size(); ++i)
            for (std::size_t j = 0; j < txt.size(); ++j) {
                const double want = logits.values[i * txt.size() + j];
                const double got = model->logitScale() * test::cosine(img[i], txt[j]);
                QVERIFY2(std::fabs(got - want) < 1e-3 * std::max(1.0, std::fabs(want)), qPrintable(QString("%1 vs %2").arg(got).arg(want)));
            }
    }

    void zeroShotProbabilitiesSumToOne()
    {
        const std::vector<Embedding> images{{1, 0, 0}};
        const std::vector<Embedding> labels{{1, 0, 0}, {0, 1, 0}, {0.7f, 0.7f, 0}};
        const auto p = zeroShotProbabilities(images, labels, 100.0)[0];
        QVERIFY(std::fabs(p[0] + p[1] + p[2] - 1.0) < 1e-9);
        QVERIFY(p[0] > 0.99);
    }

    void wrongShapesAreNamed()
    {
        // A VQGAN is not a CLIP model.
        try {
            ClipModel::load((test::vectorsDir() + "/vqgan/last.ckpt").toStdString());
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("not a CLIP model"));
        }
    }

    void textWithoutTokenizerSaysHowToFixIt()
    {
        const auto model = ClipModel::load((dir("vit") + "/state_dict.pt").toStdString());
        try {
            model->embedTexts({"a dog"});
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("--vocab"));
        }
    }
};

QTEST_GUILESS_MAIN(TestClipParity)
#include "tst_clip_parity.moc"
