// The VQGAN against taming-transformers on random weights: decode of given codes and encode of
// given pictures at a size that is not the nominal resolution, for VQModel and GumbelVQ.
#include "test_support.h"

#include "vqgan/vqgan_model_impl.h"

#include <pictor/demo_model.h>
#include <pictor/error.h>
#include <pictor/vqgan_model.h>

#include <ATen/ATen.h>

#include <QImage>
#include <QTemporaryDir>

using namespace pictor;

namespace {

double maxAbs(const std::vector<float>& a, const std::vector<float>& b)
{
    double worst = 0;
    for (std::size_t i = 0; i < a.size(); ++i) worst = std::max(worst, std::fabs(double(a[i]) - b[i]));
    return a.size() == b.size() ? worst : 1e9;
}

} // namespace

class TestVqgan : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;

    void parity(const QString& model, const QString& file)
    {
        const QString dir = test::vectorsDir() + "/" + model;
        const auto expected = test::readFloatTensors(dir + "/expected.safetensors");
        const auto vq = VqganModel::load((dir + "/" + file).toStdString());
        const QString dec = tmp.filePath(model + "-dec.safetensors"), enc = tmp.filePath(model + "-enc.safetensors");
        vqganDecodeFile(*vq, (dir + "/expected.safetensors").toStdString(), dec.toStdString());
        vqganEncodeFile(*vq, (dir + "/expected.safetensors").toStdString(), enc.toStdString());
        const auto decoded = test::readFloatTensors(dec), encoded = test::readFloatTensors(enc);
        QCOMPARE(decoded.at("decoded").shape, expected.at("decoded").shape);
        const double decErr = maxAbs(decoded.at("decoded").values, expected.at("decoded").values);
        const double encErr = maxAbs(encoded.at("encoded_pre_quant").values, expected.at("encoded_pre_quant").values);
        qInfo().noquote() << model << file << "decode max error" << decErr << "encode max error" << encErr;
        QVERIFY2(decErr < 1e-4, qPrintable(QString::number(decErr)));
        QVERIFY2(encErr < 1e-4, qPrintable(QString::number(encErr)));
        QCOMPARE(encoded.at("encoded_indices").values, expected.at("encoded_indices").values);
    }

private Q_SLOTS:
    void initTestCase() { PICTOR_REQUIRE_VECTORS(); }

    void vqmodelFromLightningCheckpoint() { parity("vqgan", "last.ckpt"); }
    void vqmodelFromSafetensors() { parity("vqgan", "model.safetensors"); }
    void gumbelFromLightningCheckpoint() { parity("vqgan_gumbel", "last.ckpt"); }
    void gumbelFromSafetensors() { parity("vqgan_gumbel", "model.safetensors"); }

    // The generator's decoder (channels-last, its own GroupNorm backward, fused swish) must give the
    // gradient the reference layout gives: the latent's gradient is what the optimiser follows.
    void generatorLayoutGradientMatchesReference_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("bf16");
        QTest::addColumn<bool>("large"); // a picture of 200x200 or more: convolutions keep no input (constant_weight_conv.h)
        QTest::addColumn<bool>("nchw");  // the fp32 generator's other layout, where this machine measures it faster
        QTest::newRow("vqgan fp32") << "vqgan" << false << false << false;
        QTest::newRow("gumbel fp32") << "vqgan_gumbel" << false << false << false;
        QTest::newRow("vqgan bf16") << "vqgan" << true << false << false;
        QTest::newRow("vqgan fp32, large picture, weights shared") << "vqgan" << false << true << false;
        QTest::newRow("vqgan fp32, large picture, NCHW") << "vqgan" << false << true << true;
    }
    void generatorLayoutGradientMatchesReference()
    {
        QFETCH(QString, model);
        QFETCH(bool, bf16);
        QFETCH(bool, large);
        QFETCH(bool, nchw);
        const auto vq = VqganModel::load((test::vectorsDir() + "/" + model + "/model.safetensors").toStdString());
        const vqgan::VqganNet& net = *vq->impl().net;
        vqgan::VqganNet reference(net.config(), net.weights(), "reference");
        reference.setTamingOps(true);
        vqgan::VqganNet fast(net.config(), net.weights(), "fast");
        if (large) fast.useChannelsLastActivations(!nchw); // as the fp32 generator runs it (its layout measured on the machine)
        else fast.useChannelsLast();
        if (bf16) fast.convertWeights(at::kBFloat16);
        at::manual_seed(7);
        const int64_t f = net.config().factor(), cells = (200 + f - 1) / f;
        const at::Tensor z0 = large ? at::randn({1, net.config().embedDim, cells, cells}) : at::randn({2, net.config().embedDim, 5, 7});
        auto gradient = [&](const vqgan::VqganNet& n, at::ScalarType type) {
            const at::Tensor z = z0.clone().requires_grad_(true);
            const at::Tensor out = n.decode(z.to(type)).to(at::kFloat);
            at::manual_seed(8);
            (out * at::randn(out.sizes())).sum().backward();
            return z.grad().contiguous();
        };
        const at::Tensor want = gradient(reference, at::kFloat), got = gradient(fast, bf16 ? at::kBFloat16 : at::kFloat);
        const double err = (got - want).abs().max().item<double>() / want.abs().max().item<double>();
        const double cosine = at::cosine_similarity(got.flatten(), want.flatten(), 0).item<double>();
        qInfo().noquote() << model << (bf16 ? "bf16" : "fp32") << "largest gradient difference, relative to the largest gradient:" << err
                          << "cosine" << cosine;
        if (!bf16) {
            QVERIFY2(err < 1e-4, qPrintable(QString::number(err)));
            return;
        }
        // bf16 keeps 8 bits of mantissa, so the gradient cannot match fp32 exactly; ours must be as
        // close as LibTorch's own bf16 kernels in the reference layout get.
        vqgan::VqganNet plain(net.config(), net.weights(), "plain bf16");
        plain.setTamingOps(true);
        plain.convertWeights(at::kBFloat16);
        const double plainCosine = at::cosine_similarity(gradient(plain, at::kBFloat16).flatten(), want.flatten(), 0).item<double>();
        qInfo().noquote() << "LibTorch's bf16 kernels, NCHW: cosine" << plainCosine;
        QVERIFY2(cosine > 0.99 && 1 - cosine < 1.5 * (1 - plainCosine), qPrintable(QString("%1 against %2").arg(cosine).arg(plainCosine)));
    }

    void bf16DecoderKeepsTheColours_data()
    {
        QTest::addColumn<bool>("channelsLast");
        QTest::addColumn<bool>("withGradient"); // the generator's render: the channels-last GroupNorm of group_norm_cl
        QTest::newRow("channels-last, with gradient (the generator's steps)") << true << true;
        QTest::newRow("channels-last, inference") << true << false;
        QTest::newRow("NCHW, inference") << false << false;
    }
    void bf16DecoderKeepsTheColours()
    {
        // The live frames of a bf16 run are decoded in bf16. LibTorch 1.13's GroupNorm in bf16 washed the demo
        // model's colours out (its blue (40, 81, 219) became (105, 110, 199)) while the fp32 decode kept them:
        // CLIP judged, and the window showed, a different picture from the one saved. Statistics in fp32 fix it.
        QFETCH(bool, channelsLast);
        QFETCH(bool, withGradient);
        const auto demo = findDemoModel();
        if (!demo) QSKIP("no demo model");
        const auto vq = VqganModel::load(demo->vqgan);
        const vqgan::VqganNet& net = *vq->impl().net;
        vqgan::VqganNet half(net.config(), net.weights(), "bf16");
        if (channelsLast) half.useChannelsLast();
        half.convertWeights(at::kBFloat16);
        at::manual_seed(3);
        const at::Tensor z = net.codesToLatent(at::randint(0, net.config().nEmbed, {1, 16, 16}, at::kLong));
        at::Tensor want, got;
        {
            at::NoGradGuard noGrad;
            want = net.decode(z).clamp(-1, 1);
        }
        if (withGradient) {
            got = half.decode(z.clone().requires_grad_(true).to(at::kBFloat16)).to(at::kFloat).detach().clamp(-1, 1);
        } else {
            at::NoGradGuard noGrad;
            got = half.decode(z.to(at::kBFloat16)).to(at::kFloat).clamp(-1, 1);
        }
        // In 8-bit steps of the picture: bf16 rounding moves a colour by a few, not by tens.
        const double meanError = (got - want).abs().mean().item<double>() * 127.5, worst = (got - want).abs().max().item<double>() * 127.5;
        qInfo() << "bf16 decode against fp32, in 8-bit steps: mean" << meanError << "largest" << worst;
        QVERIFY2(meanError < 3, qPrintable(QString::number(meanError)));
    }

    void wrappingDecoderIsShiftEquivariant()
    {
        // Seamless tiles: with wrapping convolutions the decoder has no edge, so a latent rolled by k cells decodes
        // to the picture rolled by k cells' pixels, in the generator's layout and in taming's, forward and backward
        // (the reference layout defines the values; both must agree with it).
        const auto vq = VqganModel::load((test::vectorsDir() + "/vqgan/model.safetensors").toStdString());
        const vqgan::VqganNet& net = *vq->impl().net;
        const int64_t f = net.config().factor();
        at::manual_seed(9);
        const at::Tensor z0 = at::randn({1, net.config().embedDim, 4, 6});
        for (bool taming : {true, false}) {
            vqgan::VqganNet wrapping(net.config(), net.weights(), "wrapping");
            wrapping.setCircular(true);
            wrapping.setTamingOps(taming);
            if (!taming) wrapping.useChannelsLastActivations();
            const at::Tensor z = z0.clone().requires_grad_(true);
            const at::Tensor out = wrapping.decode(z);
            const at::Tensor rolled = wrapping.decode(z0.roll({1, 2}, {2, 3}));
            const double shiftErr = (rolled - out.detach().roll({f, 2 * f}, {2, 3})).abs().max().item<double>();
            qInfo() << (taming ? "taming's layout" : "generator's layout") << "largest difference from the rolled picture" << shiftErr;
            QVERIFY2(shiftErr < 1e-4, qPrintable(QString::number(shiftErr)));
            // Not the zero-padded decoder: its picture differs at the edges.
            const double fromZeroPadded = (net.decode(z0) - out.detach()).abs().max().item<double>();
            QVERIFY2(fromZeroPadded > 1e-3, qPrintable(QString::number(fromZeroPadded)));
            // The gradient wraps too: a loss on the rolled picture gives the rolled gradient.
            at::manual_seed(10);
            const at::Tensor probe = at::randn(out.sizes());
            (out * probe).sum().backward();
            const at::Tensor zr = z0.roll({1, 2}, {2, 3}).requires_grad_(true);
            (wrapping.decode(zr) * probe.roll({f, 2 * f}, {2, 3})).sum().backward();
            const double gradErr = (zr.grad() - z.grad().roll({1, 2}, {2, 3})).abs().max().item<double>() / z.grad().abs().max().item<double>();
            QVERIFY2(gradErr < 1e-4, qPrintable(QString::number(gradErr)));
        }
    }

    void yamlIsReadAndChecked()
    {
        const auto vq = VqganModel::load((test::vectorsDir() + "/vqgan/last.ckpt").toStdString());
        QVERIFY(QString::fromStdString(vq->info().yamlPath).endsWith("model.yaml"));
        QCOMPARE(vq->info().factor, 4);
        QCOMPARE(vq->info().codes, 64);
        // The gumbel yaml describes another model: loading the plain VQGAN with it is refused.
        try {
            VqganModel::load((test::vectorsDir() + "/vqgan/last.ckpt").toStdString(), (test::vectorsDir() + "/vqgan_gumbel/model.yaml").toStdString());
            QFAIL("expected a mismatch");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("disagree"), e.what());
        }
    }

    void hostileYaml()
    {
        QFile f(tmp.filePath("model.yaml"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(5000, '['));
        f.close();
        QVERIFY_THROWS_EXCEPTION(Error, VqganModel::load((test::vectorsDir() + "/vqgan/model.safetensors").toStdString(), f.fileName().toStdString()));
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("<!DOCTYPE html><html>Link does not exist.</html>");
        f.close();
        try {
            VqganModel::load((test::vectorsDir() + "/vqgan/model.safetensors").toStdString(), f.fileName().toStdString());
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("web page"));
        }
    }

    void decodesToAPicture()
    {
        const QString dir = test::vectorsDir() + "/vqgan";
        const auto vq = VqganModel::load((dir + "/last.ckpt").toStdString());
        const QString png = tmp.filePath("decoded.png");
        vqganDecodeFile(*vq, (dir + "/expected.safetensors").toStdString(), png.toStdString());
        QImage img(png);
        QCOMPARE(img.size(), QSize(64, 48));
    }

    void codesOutsideTheCodebookAreRefused()
    {
        const auto vq = VqganModel::load((test::vectorsDir() + "/vqgan/model.safetensors").toStdString());
        // The gumbel file's indices go up to 127; this codebook has 64 entries.
        const QString codes = test::vectorsDir() + "/vqgan_gumbel/expected.safetensors";
        try {
            vqganDecodeFile(*vq, codes.toStdString(), tmp.filePath("x.safetensors").toStdString());
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("codebook"), e.what());
        }
    }

    void notAVqgan()
    {
        try {
            VqganModel::load((test::vectorsDir() + "/clip/vit/state_dict.pt").toStdString());
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY(QString(e.what()).contains("not a VQGAN"));
        }
    }
};

QTEST_GUILESS_MAIN(TestVqgan)
#include "tst_vqgan.moc"
