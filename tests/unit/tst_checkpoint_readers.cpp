// The checkpoint readers on the files the reference implementations wrote.
#include "test_support.h"
#include "zip_writer.h"

#include "checkpoint/byte_source.h"
#include "checkpoint/checkpoint.h"
#include "checkpoint/safetensors.h"

#include <pictor/error.h>
#include <pictor/model_file.h>

#include <cstring>

using namespace pictor;

class TestCheckpointReaders : public QObject {
    Q_OBJECT

    static ckpt::Checkpoint open(const QString& rel) { return ckpt::openCheckpoint((test::vectorsDir() + "/" + rel).toStdString()); }

private Q_SLOTS:
    void initTestCase() { PICTOR_REQUIRE_VECTORS(); }

    void torchSaveStateDict()
    {
        const auto c = open("clip/vit/state_dict.pt");
        QCOMPARE(QString::fromStdString(c.format), QString("torch-zip"));
        const ckpt::TensorRef* pos = c.find("positional_embedding");
        QVERIFY(pos);
        QCOMPARE(pos->shape, (std::vector<int64_t>{77, 32}));
        QCOMPARE(pos->dtype, ckpt::DType::F32);
        QVERIFY(c.find("visual.transformer.resblocks.2.mlp.c_proj.weight"));
    }

    void torchScriptArchiveWithMixedPrecision()
    {
        const auto c = open("clip/vit/openai_style_jit.pt");
        QCOMPARE(QString::fromStdString(c.format), QString("torchscript"));
        QCOMPARE(c.find("text_projection")->dtype, ckpt::DType::F16);
        QCOMPARE(c.find("ln_final.weight")->dtype, ckpt::DType::F32);
        QCOMPARE(c.find("visual.conv1.weight")->dtype, ckpt::DType::F16);
        // Same names as the plain state dict (TorchScript attributes such as attn_mask aside).
        const auto plain = open("clip/vit/state_dict.pt");
        for (const auto& [name, ref] : plain.tensors) {
            const ckpt::TensorRef* other = c.find(name);
            QVERIFY2(other, name.c_str());
            QCOMPARE(other->shape, ref.shape);
        }
    }

    void lightningCheckpointIgnoresTrainingState()
    {
        const auto c = open("vqgan/last.ckpt");
        QCOMPARE(QString::fromStdString(c.format), QString("lightning"));
        QVERIFY(c.find("quantize.embedding.weight"));
        QVERIFY(c.find("encoder.conv_in.weight"));
        const QStringList ignored = [&] {
            QStringList l;
            for (const auto& s : c.ignored) l << QString::fromStdString(s);
            return l;
        }();
        QVERIFY(ignored.contains("optimizer_states"));
        QVERIFY(ignored.contains("callbacks"));
    }

    void safetensorsMatchesTheZipArchive()
    {
        const auto st = open("clip/vit/model.safetensors");
        const auto zip = open("clip/vit/state_dict.pt");
        QCOMPARE(st.tensors.size(), zip.tensors.size());
        for (const auto& [name, ref] : zip.tensors) {
            const ckpt::TensorRef* other = st.find(name);
            QVERIFY2(other, name.c_str());
            QCOMPARE(other->shape, ref.shape);
            // Identical bytes.
            const std::string a = ref.source->readString(ref.storageByteOffset + uint64_t(ref.storageOffset) * 4, uint64_t(ref.numel()) * 4);
            const std::string b = other->source->readString(other->storageByteOffset, uint64_t(other->numel()) * 4);
            QVERIFY2(a == b, name.c_str());
        }
    }

    void resnetCheckpointHasIntegerBuffers()
    {
        const auto c = open("clip/rn/state_dict.pt");
        const ckpt::TensorRef* t = c.find("visual.bn1.num_batches_tracked");
        QVERIFY(t);
        QCOMPARE(t->dtype, ckpt::DType::I64);
        QVERIFY(t->shape.empty());
    }

    void modelInfoRecognisesKinds()
    {
        const auto clip = inspectModelFile((test::vectorsDir() + "/clip/rn/openai_style_jit.pt").toStdString());
        QCOMPARE(QString::fromStdString(clip.kind), QString("clip"));
        QVERIFY(QString::fromStdString(clip.architecture).startsWith("ModifiedResNet"));
        QVERIFY(clip.dtypeElements.count("F16"));
        const auto vq = inspectModelFile((test::vectorsDir() + "/vqgan_gumbel/last.ckpt").toStdString());
        QCOMPARE(QString::fromStdString(vq.kind), QString("vqgan"));
        QVERIFY(QString::fromStdString(vq.architecture).contains("Gumbel"));
    }

    void safetensorsRoundTrip()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("t.safetensors").toStdString();
        std::string bytes(6 * 4, '\0');
        for (int i = 0; i < 6; ++i) {
            const float v = float(i) * 0.5f;
            std::memcpy(bytes.data() + i * 4, &v, 4);
        }
        ckpt::writeSafetensors(path, {{"w", ckpt::DType::F32, {2, 3}, bytes}}, {{"note", "hi"}});
        const auto c = ckpt::openCheckpoint(path);
        QCOMPARE(c.find("w")->shape, (std::vector<int64_t>{2, 3}));
        QCOMPARE(QString::fromStdString(c.metadata.at("note")), QString("hi"));
    }

    void prefixHandling()
    {
        auto c = open("vqgan/last.ckpt");
        QCOMPARE(c.keepPrefix("first_stage_model."), std::size_t(0)); // nothing there: unchanged
        QVERIFY(c.find("decoder.conv_out.weight"));
        QVERIFY(c.keepPrefix("decoder.") > 0);
        QVERIFY(c.find("conv_out.weight"));
    }
};

QTEST_GUILESS_MAIN(TestCheckpointReaders)
#include "tst_checkpoint_readers.moc"
