// pictor-cli as a user runs it: JSON on stdout, messages on stderr, exit codes.
#include "test_support.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>

#include <csignal>

class TestCli : public QObject {
    Q_OBJECT

    struct Result {
        int code;
        QByteArray out;
        QByteArray err;
        QList<QJsonDocument> lines() const
        {
            QList<QJsonDocument> docs;
            for (const QByteArray& l : out.split('\n'))
                if (!l.trimmed().isEmpty()) docs << QJsonDocument::fromJson(l);
            return docs;
        }
    };

    Result run(const QStringList& args)
    {
        QProcess p;
        p.start(pictor::test::binDir() + "/pictor-cli", args);
        if (!p.waitForFinished(120000)) qFatal("pictor-cli did not finish");
        return {p.exitCode(), p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QString v(const QString& rel) { return pictor::test::vectorsDir() + "/" + rel; }

private Q_SLOTS:
    void usageAndUnknownCommand()
    {
        QCOMPARE(run({}).code, 2);
        const Result r = run({"frobnicate"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("unknown command"));
        QCOMPARE(run({"--help"}).code, 0);
        QCOMPARE(run({"embed-text", "--help"}).code, 0);
    }

    void tokenize()
    {
        PICTOR_REQUIRE_VECTORS();
        const Result r = run({"tokenize", "--vocab", v("tokenizer/bpe_simple_vocab_16e6.txt.gz"), "a diagram", "a dog"});
        QCOMPARE(r.code, 0);
        const auto lines = r.lines();
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines[0].array(), (QJsonArray{49406, 320, 22697, 49407}));
        QCOMPARE(lines[1].array(), (QJsonArray{49406, 320, 1929, 49407}));
    }

    void embedTextAndImageAreNormalised()
    {
        PICTOR_REQUIRE_VECTORS();
        Result r = run({"embed-text", "--clip", v("clip/vit/model.safetensors"), "--vocab", v("tokenizer/bpe_simple_vocab_16e6.txt.gz"), "a cat"});
        QCOMPARE(r.code, 0);
        QJsonObject o = r.lines()[0].object();
        QCOMPARE(o["input"].toString(), QString("a cat"));
        QCOMPARE(o["embedding"].toArray().size(), 32);
        double norm = 0;
        for (const auto& x : o["embedding"].toArray()) norm += x.toDouble() * x.toDouble();
        QVERIFY(std::fabs(norm - 1.0) < 1e-4);

        r = run({"embed-image", "--clip", v("clip/rn/state_dict.pt"), "--raw", v("preprocess/img2.jpg")});
        QCOMPARE(r.code, 0);
        QVERIFY2(!r.err.contains("QCommandLineParser"), r.err.constData()); // embed-image has no --vocab to ask about
        o = r.lines()[0].object();
        QCOMPARE(o["embedding"].toArray().size(), 48);
        // --raw matches the reference's unnormalised file embedding.
        const auto expected = pictor::test::readFloatTensors(v("clip/rn/expected_files.safetensors")).at("image_file_embeds");
        std::vector<float> got, want(expected.values.begin() + 2 * 48, expected.values.begin() + 3 * 48);
        for (const auto& x : o["embedding"].toArray()) got.push_back(float(x.toDouble()));
        QVERIFY(pictor::test::cosine(got, want) > 0.99999);
    }

    void classifyGivesProbabilities()
    {
        PICTOR_REQUIRE_VECTORS();
        const Result r = run({"classify", "--clip", v("clip/vit/openai_style_jit.pt"), "--vocab", v("tokenizer/bpe_simple_vocab_16e6.txt.gz"),
                              "--labels", "a diagram,a dog,a cat", v("preprocess/img0.png"), v("preprocess/img4.png")});
        QCOMPARE(r.code, 0);
        const auto lines = r.lines();
        QCOMPARE(lines.size(), 2);
        for (const auto& l : lines) {
            const QJsonArray probs = l.object()["probs"].toArray();
            QCOMPARE(probs.size(), 3);
            double sum = 0;
            for (const auto& p : probs) sum += p.toDouble();
            QVERIFY(std::fabs(sum - 1.0) < 1e-6);
            QVERIFY(l.object()["labels"].toArray().contains(l.object()["best"]));
        }
    }

    void modelInfo()
    {
        PICTOR_REQUIRE_VECTORS();
        const Result r = run({"model-info", v("clip/vit/openai_style_jit.pt"), v("vqgan/last.ckpt")});
        QCOMPARE(r.code, 0);
        const auto lines = r.lines();
        QCOMPARE(lines[0].object()["format"].toString(), QString("torchscript"));
        QCOMPARE(lines[0].object()["kind"].toString(), QString("clip"));
        QVERIFY(lines[0].object()["dtypes"].toObject().contains("F16"));
        QCOMPARE(lines[1].object()["format"].toString(), QString("lightning"));
        QCOMPARE(lines[1].object()["kind"].toString(), QString("vqgan"));
    }

    void badInputIsAClearErrorWithNonZeroExit()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath("download.ckpt"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("<html><body>Link does not exist.</body></html>");
        f.close();
        Result r = run({"model-info", f.fileName()});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("download.ckpt"));
        QVERIFY(r.err.contains("web page"));
        QVERIFY(r.out.isEmpty());
        r = run({"embed-image", "--clip", f.fileName(), "x.png"});
        QVERIFY2(!r.err.contains("QCommandLineParser"), r.err.constData());
        QCOMPARE(r.code, 1);
        r = run({"classify", "--clip", "m.pt", "--labels", "one", "x.png"});
        QCOMPARE(r.code, 2);
        QVERIFY(r.err.contains("at least two"));
    }

    QStringList generateArgs(const QString& out)
    {
        return {"generate", "--clip", v("clip/vit/model.safetensors"), "--vocab", v("tokenizer/bpe_simple_vocab_16e6.txt.gz"),
                "--text-heads", "2", "--vqgan", v("vqgan/last.ckpt"), "--size", "34x30", "--cutn", "4", "--seed", "11", "--out", out};
    }

    void generateWritesPictureWithSettingsAndSummary()
    {
        PICTOR_REQUIRE_VECTORS();
        QTemporaryDir dir;
        const QString out = dir.filePath("art.png");
        Result r = run(generateArgs(out) << "--prompt" << "a red circle" << "--steps" << "4" << "--save-every" << "2");
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains("using 32x28"), r.err.constData()); // floored to the VQGAN's 4 px cells
        QVERIFY(r.err.contains("step 4/4"));
        const QJsonObject summary = r.lines().last().object();
        QCOMPARE(summary["steps"].toInt(), 4);
        QCOMPARE(summary["seed"].toInteger(), 11);
        QCOMPARE(summary["width"].toInt(), 32);
        QVERIFY(summary.contains("clip_similarity"));
        QVERIFY(QFile::exists(out));
        QVERIFY(QFile::exists(dir.filePath("art_00002.png")));

        r = run({"info", out});
        QCOMPARE(r.code, 0);
        const QJsonObject settings = r.lines()[0].object()["settings"].toObject();
        QCOMPARE(settings["prompt"].toString(), QString("a red circle"));
        QCOMPARE(settings["clip_sha256"].toString().size(), 64);

        // --from reruns the embedded settings: the same picture, pixel for pixel.
        const QString again = dir.filePath("again.png");
        r = run({"generate", "--from", out, "--clip", v("clip/vit/model.safetensors"), "--vocab", v("tokenizer/bpe_simple_vocab_16e6.txt.gz"),
                 "--text-heads", "2", "--vqgan", v("vqgan/last.ckpt"), "--out", again});
        QCOMPARE(r.code, 0);
        QCOMPARE(QImage(again), QImage(out));
    }

    void interruptStopsCleanlyAndKeepsThePicture()
    {
        PICTOR_REQUIRE_VECTORS();
        QTemporaryDir dir;
        const QString out = dir.filePath("stopped.png");
        QProcess p;
        p.start(pictor::test::binDir() + "/pictor-cli", generateArgs(out) << "--prompt" << "a cat" << "--steps" << "0");
        QVERIFY(p.waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("step 1"), 60000);
        ::kill(pid_t(p.processId()), SIGINT);
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonObject summary = QJsonDocument::fromJson(p.readAllStandardOutput().trimmed().split('\n').last()).object();
        QVERIFY(summary["stopped"].toBool());
        QVERIFY(summary["steps"].toInt() >= 1);
        QVERIFY(!QImage(out).isNull());
    }

    void generateRefusesBadInput()
    {
        PICTOR_REQUIRE_VECTORS();
        QTemporaryDir dir;
        Result r = run(generateArgs(dir.filePath("x.png")) << "--prompt" << "a cat" << "--optimizer" << "Lion");
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("Unknown optimizer"));
        r = run({"generate", "--prompt", "a cat", "--clip", v("vqgan/last.ckpt"), "--vqgan", v("vqgan/last.ckpt")});
        QCOMPARE(r.code, 1);
        QVERIFY(r.err.contains("not a CLIP model"));
        r = run({"generate", "--clip", "a", "--vqgan", "b"});
        QCOMPARE(r.code, 2);
        QVERIFY(!QFile::exists(dir.filePath("x.png")));
    }

    void settingsOutOfRangeAreRefusedBeforeTheRun()
    {
        // On the bundled demo model (no reference vectors needed): each refused at the start, naming the value,
        // and no picture written. A zoom scale above 1 used to run until the first zoom and fail there.
        QTemporaryDir dir;
        const QString out = dir.filePath("z.png");
        const QStringList base{"generate", "--prompt", "a red circle on a blue background", "--steps", "4", "--out", out};
        Result r = run(QStringList(base) << "--zoom-every" << "2" << "--zoom-scale" << "1.5");
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("zoom scale must be above 0 and at most 1 (got 1.5)"), r.err.constData());
        r = run(QStringList(base) << "--cut-method" << "original" << "--cut-pow" << "-2");
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("cut power must be a number above 0 (got -2)"), r.err.constData());
        r = run(QStringList(base) << "--settle-step" << "-1");
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("settle step must be 0 (off) or more (got -1)"), r.err.constData());
        QVERIFY(!QFile::exists(out));
    }

    void demoNoiseStartBringsItsSettleStep()
    {
        // On the demo model a noise start gets the settle step that suits it (issue 33) unless one is given, and the
        // picture records it.
        QTemporaryDir dir;
        const QString out = dir.filePath("noise.png");
        const QStringList base{"generate", "--prompt", "a red circle on a blue background", "--init-noise", "pixels", "--steps", "2", "--out", out};
        Result r = run(base);
        QCOMPARE(r.code, 0);
        r = run({"info", out});
        QCOMPARE(r.code, 0);
        QJsonObject settings = r.lines()[0].object()["settings"].toObject();
        QVERIFY(settings["settle_step"].toInt() > 0);
        QCOMPARE(settings["settle_step"].toInt(), settings["coarse_steps"].toInt()); // at the coarse stage's end
        r = run(QStringList(base) << "--settle-step" << "0");
        QCOMPARE(r.code, 0);
        settings = run({"info", out}).lines()[0].object()["settings"].toObject();
        QCOMPARE(settings["settle_step"].toInt(), 0);
    }

    void runtimeReportsThreadsAndBlas()
    {
        const Result r = run({"runtime", "--threads", "1"});
        QCOMPARE(r.code, 0);
        const QJsonObject o = r.lines()[0].object();
        QCOMPARE(o["threads"].toInt(), 1);
        QVERIFY(o.contains("blas"));
        QVERIFY2(o["cpu"].toString().contains("AVX") && o["cores"].toInt() >= 1, qPrintable(o["cpu"].toString()));
        QVERIFY(!o["reference_blas"].toBool()); // the install script brings OpenBLAS
        // ... in its OpenMP build, which the programs load first: a pthread OpenBLAS fights LibTorch's
        // OpenMP threads for the cores (generation about 3x slower on 2 cores) and the CLI would warn.
        QVERIFY2(o["blas"].toString().contains("openblas-openmp"), qPrintable(o["blas"].toString()));
        QVERIFY(!o["blas_threads_contend"].toBool());
        QVERIFY2(!r.err.contains("warning"), r.err.constData());
        // Which precision generation runs in, and why: bf16 only where the CPU has it natively.
        QCOMPARE(o["generation_path"].toString(), QString(o["bf16"].toBool() ? "bf16" : "fp32"));
        QVERIFY2(o["generation_path_why"].toString().contains(o["bf16"].toBool() ? "has native bf16" : "no native bf16"),
                 qPrintable(o["generation_path_why"].toString()));
    }

    void fp32RunMeasuresItsKernelsOnceAndRuntimeListsThem()
    {
        // The first fp32 run on a machine times the engine's kernel candidates at its sizes and says so; later
        // runs read the choice; `runtime` shows what was chosen and the timings behind it.
        QTemporaryDir home;
        qputenv("PICTOR_CACHE_DIR", home.path().toUtf8());
        Result r = run({"runtime"});
        QVERIFY(r.lines()[0].object()["kernel_choices"].toArray().isEmpty());
        QVERIFY(r.lines()[0].object()["kernel_choices_note"].toString().contains("none measured"));
        const QStringList args{"generate", "--prompt", "a red circle on a blue background", "--steps", "2", "--no-bf16", "--seed", "3",
                               "--out", home.filePath("a.png")};
        r = run(args);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.err.contains("Measuring the fastest kernels"), r.err.constData());
        r = run(args);
        QCOMPARE(r.code, 0);
        QVERIFY2(!r.err.contains("Measuring"), r.err.constData());
        r = run({"runtime"});
        const QJsonObject o = r.lines()[0].object();
        QCOMPARE(o["kernel_choices_file"].toString(), home.filePath("kernel-choices.json"));
        QSet<QString> ops;
        for (const QJsonValue& v : o["kernel_choices"].toArray()) {
            const QJsonObject c = v.toObject();
            ops << c["op"].toString();
            QVERIFY2(c["median_ms"].toObject().contains(c["chosen"].toString()), qPrintable(QJsonDocument(c).toJson()));
            for (const QJsonValue& ms : c["median_ms"].toObject()) QVERIFY(ms.toDouble() > 0);
            QVERIFY(!c["shape"].toString().isEmpty());
        }
        QCOMPARE(ops, (QSet<QString>{"clip.dense", "clip.attention", "vqgan.layout"}));
        qunsetenv("PICTOR_CACHE_DIR");
    }

    void devicesAreListedAndOneThatIsNotThereIsRefused()
    {
        // runtime lists the devices and says which one a run takes and why; --device cpu runs there; a GPU that
        // this build or machine does not have is refused before any work, naming what was found.
        const QJsonObject o = run({"runtime"}).lines()[0].object();
        const QJsonArray devices = o["devices"].toArray();
        QVERIFY(!devices.isEmpty());
        QCOMPARE(devices[0].toObject()["id"].toString(), QString("cpu"));
        QVERIFY(!devices[0].toObject()["name"].toString().isEmpty());
        QVERIFY2(!o["device_why"].toString().isEmpty(), qPrintable(QJsonDocument(o).toJson()));
        QTemporaryDir dir;
        Result r = run({"generate", "--prompt", "a red circle on a blue background", "--steps", "1", "--device", "cpu", "--out", dir.filePath("a.png")});
        QCOMPARE(r.code, 0);
        QCOMPARE(r.lines().last().object()["device"].toString(), QString("cpu"));
        QVERIFY2(r.err.contains("device cpu (asked for the CPU)"), r.err.constData());

        r = run({"generate", "--prompt", "a cat", "--device", "tpu", "--out", dir.filePath("b.png")});
        QCOMPARE(r.code, 1);
        QVERIFY2(r.err.contains("Unknown device 'tpu'") && r.err.contains("cuda:N"), r.err.constData());
        QVERIFY(!QFile::exists(dir.filePath("b.png")));
        if (devices.size() > 1) QSKIP("this machine has a CUDA device: the refusals below are for machines without one");
        QCOMPARE(o["device"].toString(), QString("cpu"));
        QVERIFY2(o["device_why"].toString().startsWith("auto: the CPU, because"), qPrintable(o["device_why"].toString()));
        for (const QStringList& args : {QStringList{"generate", "--prompt", "a cat", "--device", "cuda", "--out", dir.filePath("c.png")},
                                        QStringList{"embed-text", "--device", "cuda:1", "a cat"}}) {
            r = run(args);
            QCOMPARE(r.code, 1);
            QVERIFY2(r.err.contains("was asked for, but") && r.err.contains("Devices found: cpu"), r.err.constData());
            QVERIFY2(r.out.isEmpty(), r.out.constData());
        }
        QVERIFY(!QFile::exists(dir.filePath("c.png")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
