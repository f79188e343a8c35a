// The bundled demo model, checked the way a user would: it reconstructs pictures, names shapes,
// colours and backgrounds in English and Korean, and generation draws what the prompt asks.
#include "test_support.h"

#include "demo/demo_eval.h"
#include "demo/demo_fidelity.h"
#include "demo/gallery_eval.h"
#include "demo/shapes_world.h"
#include "demo/structure_negatives.h"
#include "generate/start_picture.h"
#include "image/image.h"

#include <pictor/clip_model.h>
#include <pictor/demo_model.h>
#include <pictor/error.h>
#include <pictor/model_file.h>
#include <pictor/runtime.h>
#include <pictor/vqgan_model.h>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>

using namespace pictor;

class TestDemoModel : public QObject {
    Q_OBJECT
    std::shared_ptr<ClipModel> clip;
    std::shared_ptr<VqganModel> vqgan;

private Q_SLOTS:
    void worldIsDeterministicAndCaptioned()
    {
        demo::ShapesWorld a(5), b(5);
        const auto sa = a.next(), sb = b.next();
        QVERIFY(sa.image.pixels == sb.image.pixels);
        QCOMPARE(sa.english, sb.english);
        QVERIFY(!sa.korean.empty());
        QCOMPARE(sa.image.width, 64);
        // Held-out combinations never appear in training pictures.
        demo::ShapesWorld training(9);
        for (int i = 0; i < 3000; ++i) {
            const auto scene = training.randomScene();
            for (const auto& s : scene.shapes) QVERIFY(!demo::isHeldOut(s.shape, s.colour, scene.background));
        }
    }

    void skippedPicturesKeepTheStream()
    {
        // The tokenizer's corpus takes captions alone and skips the pictures; the world's random state must then
        // be where rendering them would have left it, or every later picture (the VQGAN's and CLIP's training
        // data) and so the committed recipe's model would change. Every shape kind, one and two shapes.
        demo::ShapesWorld rendered(11), skipped(11);
        for (int i = 0; i < 60; ++i) {
            const demo::Scene scene = rendered.randomScene(0.5);
            QCOMPARE(int(skipped.randomScene(0.5).shapes.size()), int(scene.shapes.size()));
            const demo::Sample full = rendered.render(scene);
            skipped.skipDraw(scene);
            QCOMPARE(skipped.captionEnglish(scene), full.english);
            QCOMPARE(skipped.captionKorean(scene), full.korean);
        }
        QVERIFY(rendered.next().image.pixels == skipped.next().image.pixels);
    }

    void checkerReadsRenderedPictures()
    {
        // The OpenCV checker used on generated pictures must itself read real pictures right.
        demo::ShapesWorld world(321, 64, false);
        int ok = 0, colourOk = 0, bgOk = 0;
        const int n = 200;
        for (int i = 0; i < n; ++i) {
            demo::Scene scene = world.randomScene(0.0);
            scene.shapes[0].large = true;
            const auto s = world.render(scene);
            const auto r = demo::readPicture(RgbImage{s.image.width, s.image.height, s.image.pixels});
            ok += r.shape == int(scene.shapes[0].shape);
            colourOk += r.colour == scene.shapes[0].colour;
            bgOk += r.background == scene.background;
        }
        qInfo() << "checker on rendered pictures: shape" << ok << "colour" << colourOk << "background" << bgOk << "of" << n;
        QVERIFY(bgOk >= n * 98 / 100);
        QVERIFY(colourOk >= n * 95 / 100);
        QVERIFY(ok >= n * 85 / 100);
    }

    void fidelityJudgesAgainstTheIdealPicture()
    {
        // The CLIP-free measure of issue 33: the ideal picture scores (nearly) full marks, a blank background
        // none on the shape, specks count as specks, and a shape in the wrong place loses its overlap.
        const auto prompts = demo::fidelityPrompts();
        QCOMPARE(prompts.size(), std::size_t(40));
        for (const auto& p : prompts) QVERIFY(demo::isHeldOut(p.scene.shapes[0].shape, p.scene.shapes[0].colour, p.scene.background));
        QVERIFY(QString::fromStdString(prompts[0].prompt).startsWith("a large ") && QString::fromStdString(prompts[0].prompt).contains("in the centre, on "));
        demo::ShapesWorld world(77, 64, false);
        world.setJitter(false);
        int formed = 0;
        for (const auto& p : prompts) {
            const image::Image8 ideal = world.draw(p.scene);
            const RgbImage picture{ideal.width, ideal.height, ideal.pixels};
            const demo::Fidelity f = demo::measureFidelity(picture, p.scene);
            QVERIFY2(f.foreground > 0.85 && f.background > 0.95 && f.overlap > 0.75 && f.specks < 0.025, // anti-aliased edges lie between the colours
                     qPrintable(QString("%1: %2 %3 %4 %5").arg(QString::fromStdString(p.prompt)).arg(f.foreground).arg(f.background).arg(f.overlap).arg(f.specks)));
            formed += f.formed;
        }
        QVERIFY2(formed >= 34, qPrintable(QString::number(formed))); // the picture reader's own accuracy (checkerReadsRenderedPictures)
        const demo::FidelityPrompt& p = prompts[0];
        demo::Scene blank = p.scene;
        blank.shapes[0].colour = blank.background; // the shape drawn in the background's colour: nothing to see
        const image::Image8 empty = world.draw(blank);
        const demo::Fidelity none = demo::measureFidelity(RgbImage{empty.width, empty.height, empty.pixels}, p.scene);
        QVERIFY(none.foreground < 0.01 && none.overlap < 0.01 && !none.formed);
        QVERIFY(none.background > 0.95);
        image::Image8 speckled = world.draw(p.scene);
        for (std::size_t i = 0; i < speckled.pixels.size(); i += 3 * 10) speckled.pixels[i] = speckled.pixels[i + 1] = speckled.pixels[i + 2] = 128; // grey
        const demo::Fidelity specks = demo::measureFidelity(RgbImage{speckled.width, speckled.height, speckled.pixels}, p.scene);
        QVERIFY2(specks.specks > 0.09 && specks.specks < 0.14, qPrintable(QString::number(specks.specks)));
        demo::Scene moved = p.scene;
        moved.shapes[0].position = 0; // on the left instead of the centre
        const image::Image8 elsewhere = world.draw(moved);
        const demo::Fidelity off = demo::measureFidelity(RgbImage{elsewhere.width, elsewhere.height, elsewhere.pixels}, p.scene);
        QVERIFY2(off.overlap < 0.5 && off.specks < 0.025, qPrintable(QString::number(off.overlap)));
    }

    void structureNegativesKeepColoursNotShape()
    {
        // CLIP's structure negatives must show the caption's colours (else they are easy negatives
        // that teach nothing) in another arrangement than the positive's one shape.
        demo::ShapesWorld world(77, 64, false);
        const QString keep = qEnvironmentVariable("PICTOR_KEEP_NEGATIVES"); // a folder to look at them in
        for (int kind = 0; kind < demo::kStructureNegativeKinds; ++kind) {
            int bgOk = 0, colourOk = 0;
            const int n = 40;
            for (int i = 0; i < n; ++i) {
                demo::Scene scene = world.randomScene(0.0);
                scene.shapes[0].large = true;
                const auto positive = world.render(scene);
                const auto negative = demo::structureNegative(world, positive, demo::StructureNegative(kind));
                QCOMPARE(negative.width, 64);
                QVERIFY(negative.pixels != positive.image.pixels);
                if (kind == int(demo::StructureNegative::Tiles)) { // the same pixels, moved
                    auto a = negative.pixels, b = positive.image.pixels;
                    std::sort(a.begin(), a.end());
                    std::sort(b.begin(), b.end());
                    QVERIFY(a == b);
                }
                const auto r = demo::readPicture(RgbImage{negative.width, negative.height, negative.pixels});
                bgOk += r.background == scene.background;
                colourOk += r.colour == scene.shapes[0].colour;
                if (!keep.isEmpty() && i < 8)
                    image::saveImageAtomic(negative, QString("%1/negative_%2_%3.png").arg(keep).arg(kind).arg(i).toStdString());
            }
            QVERIFY2(bgOk >= n * 9 / 10, qPrintable(QString("kind %1: background read in %2 of %3").arg(kind).arg(bgOk).arg(n)));
            QVERIFY2(colourOk >= n * 8 / 10, qPrintable(QString("kind %1: colour read in %2 of %3").arg(kind).arg(colourOk).arg(n)));
        }
    }

    void trainingScriptRunsEveryStage()
    {
        // models/train-demo.sh, the committed recipe end to end (tokenizer and VQGAN, then the three CLIP
        // stages, each from the one before), with the real trainer cut to a few steps by a wrapper: the
        // last value of a repeated option wins; it also turns on the VQGAN's decaying learning rate and, in the mined
        // stage, the trainer's options the recipe does not use (noise mining, rounds, adversarial pictures), which the
        // recipe must then record. What it writes is a model Pictor loads like any other.
        QTemporaryDir dir;
        QDir().mkpath(dir.path() + "/bin");
        QFile wrapper(dir.path() + "/bin/pictor-train-demo");
        QVERIFY(wrapper.open(QIODevice::WriteOnly));
        wrapper.write(QString("#!/usr/bin/env bash\n"
                              "extra=(--vqgan-steps 12 --vqgan-decay 0.5 --vqgan-batch 2 --clip-batch 8 --threads 2)\n"
                              "[[ \" $* \" == *\" --clip-steps 0 \"* ]] || extra+=(--clip-steps 3)\n"
                              "[[ \" $* \" == *\" --clip-mine \"* ]] && extra+=(--clip-mine 2 --clip-mined-per-batch 2 --clip-augment Af,Pe --clip-mine-noise 0.5 --clip-mine-rounds 2 --clip-adversarial 0.02)\n"
                              "exec '%1/pictor-train-demo' \"$@\" \"${extra[@]}\"\n")
                          .arg(test::binDir())
                          .toUtf8());
        wrapper.close();
        wrapper.setPermissions(wrapper.permissions() | QFileDevice::ExeOwner);
        QProcess script;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("PICTOR_BIN", dir.path() + "/bin");
        script.setProcessEnvironment(env);
        script.start("bash", {test::sourceDir() + "/models/train-demo.sh", dir.path() + "/out"});
        QVERIFY(script.waitForFinished(900000));
        const QByteArray said = script.readAllStandardOutput() + script.readAllStandardError();
        QVERIFY2(script.exitCode() == 0 && said.contains("all done"), said.constData());

        const QString model = dir.path() + "/out/clip-mined";
        ClipLoadOptions o;
        o.tokenizerPath = (model + "/tokenizer.model").toStdString();
        const auto c = ClipModel::load((model + "/clip.safetensors").toStdString(), o);
        QCOMPARE(c->info().imageResolution, 64);
        QCOMPARE(int(c->embedTexts({"a red circle", "빨간 원"}).size()), 2);
        const auto v = VqganModel::load((model + "/vqgan.safetensors").toStdString());
        QCOMPARE(v->info().factor, 4);
        QFile manifestFile(model + "/manifest.json");
        QVERIFY(manifestFile.open(QIODevice::ReadOnly));
        const QJsonObject manifest = QJsonDocument::fromJson(manifestFile.readAll()).object();
        QCOMPARE(manifest["clip"].toObject()["sha256"].toString().toStdString(), sha256File((model + "/clip.safetensors").toStdString()));
        QCOMPARE(manifest["vqgan"].toObject()["sha256"].toString().toStdString(), sha256File((model + "/vqgan.safetensors").toStdString()));
        QCOMPARE(manifest["seed"].toInteger(), qint64(20261127));
        // Every stage's recipe and time, the VQGAN's carried from the script, and where they were taken.
        const QJsonObject recipe = manifest["recipe"].toObject();
        const QString clipRecipe = recipe["clip"].toString();
        QVERIFY2(clipRecipe.contains("2 generator negatives mined") && clipRecipe.count("started from a CLIP trained as: ") == 2 &&
                     clipRecipe.contains("structure negative") && clipRecipe.contains("Af+Pe augmentations") &&
                     clipRecipe.contains("50% of the runs from pixel noise") && clipRecipe.contains("in 2 rounds") &&
                     clipRecipe.contains("adversarial pictures (2 signed-gradient steps within a box drawn per picture up to +-0.02 per channel)"),
                 qPrintable(clipRecipe));
        QVERIFY2(recipe["vqgan"].toString().startsWith("12 steps") && recipe["vqgan"].toString().contains("decaying to zero (cosine) over the last 50%"),
                 qPrintable(recipe["vqgan"].toString()));
        const QJsonObject seconds = manifest["training_seconds"].toObject();
        const QJsonArray stages = seconds["clip_stages"].toArray();
        QCOMPARE(stages.size(), 3);
        double sum = 0;
        for (const QJsonValue& stage : stages) {
            QVERIFY(stage.toDouble() > 0);
            sum += stage.toDouble();
        }
        QCOMPARE(seconds["clip"].toDouble(), sum);
        QVERIFY(seconds["tokenizer_and_vqgan"].toDouble() > 0);
        QVERIFY2(seconds["machine"].toString().contains(" cores, "), qPrintable(seconds["machine"].toString()));

        // An unknown augmentation is refused before any training, naming it.
        QProcess bad;
        bad.start(test::binDir() + "/pictor-train-demo", {"--out", dir.path() + "/bad", "--clip-augment", "Af,Zz"});
        QVERIFY(bad.waitForFinished(60000));
        QVERIFY(bad.exitCode() != 0);
        QVERIFY2(bad.readAllStandardError().contains("Unknown augmentation 'Zz'"), "the error names the code");
        QVERIFY(!QFileInfo::exists(dir.path() + "/bad/tokenizer.model"));
        // So is a decay share the manifest could not honestly record (it used to be clamped silently).
        bad.start(test::binDir() + "/pictor-train-demo", {"--out", dir.path() + "/bad", "--vqgan-decay", "1.5"});
        QVERIFY(bad.waitForFinished(60000));
        QVERIFY(bad.exitCode() != 0);
        QVERIFY2(bad.readAllStandardError().contains("decay share must be between 0 and 1"), "the error names the option");
        QVERIFY(!QFileInfo::exists(dir.path() + "/bad/tokenizer.model"));
        bad.start(test::binDir() + "/pictor-train-demo", {"--out", dir.path() + "/bad", "--clip-mine-noise", "1.5"});
        QVERIFY(bad.waitForFinished(60000));
        QVERIFY(bad.exitCode() != 0);
        QVERIFY2(bad.readAllStandardError().contains("runs from noise must be between 0 and 1"), "the error names the option");
        QVERIFY(!QFileInfo::exists(dir.path() + "/bad/tokenizer.model"));
        bad.start(test::binDir() + "/pictor-train-demo", {"--out", dir.path() + "/bad", "--clip-adversarial", "0.1", "--clip-adversarial-steps", "0"});
        QVERIFY(bad.waitForFinished(60000));
        QVERIFY(bad.exitCode() != 0);
        QVERIFY2(bad.readAllStandardError().contains("adversarial box must be between 0 and 1 and its steps between 1 and 20"), "the error names the option");
        QVERIFY(!QFileInfo::exists(dir.path() + "/bad/tokenizer.model"));
    }

    void modelIsFound()
    {
        const auto demo = findDemoModel();
        if (!demo) QSKIP("SKIPPED: models/demo is not there (train it with pictor-train-demo)");
        // All cores, as the application and demo_quality run: the thread count changes the order of
        // float sums, and a run's steps amplify that into a different picture.
        setComputeThreads(0);
        ClipLoadOptions o;
        o.tokenizerPath = demo->tokenizer;
        clip = ClipModel::load(demo->clip, o);
        vqgan = VqganModel::load(demo->vqgan);
        QCOMPARE(clip->info().imageResolution, 64);
        QCOMPARE(vqgan->info().factor, 4);
        QCOMPARE(QString::fromStdString(clip->tokenizer().name()), QString("sentencepiece"));
    }

    void manifestDescribesTheShippedFiles()
    {
        // The manifest is what a user reads about the bundled model: its SHA-256 must name these very
        // files, its figures must be the ones demo_quality --record measured on them, and the recorded
        // training must fit the 90 minutes the recipe is held to.
        const auto demo = findDemoModel();
        if (!demo) QSKIP("no demo model");
        QFile file(QString::fromStdString(demo->folder) + "/manifest.json");
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject m = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(m["clip"].toObject()["sha256"].toString().toStdString(), sha256File(demo->clip));
        QCOMPARE(m["vqgan"].toObject()["sha256"].toString().toStdString(), sha256File(demo->vqgan));
        QCOMPARE(m["tokenizer"].toObject()["sha256"].toString().toStdString(), sha256File(demo->tokenizer));
        const QJsonObject seconds = m["training_seconds"].toObject();
        const double total = seconds["tokenizer_and_vqgan"].toDouble() + seconds["clip"].toDouble();
        QVERIFY2(total > 0 && total <= 90 * 60, qPrintable(QString("recorded training: %1 s").arg(total)));
        const QJsonObject f = m["figures"].toObject();
        QVERIFY2(!f.isEmpty(), "no figures: run demo_quality --record");
        QVERIFY(f["vqgan_reconstruction"].toObject()["psnr_db"].toDouble() >= 28);
        for (const char* language : {"english", "korean"}) {
            const QJsonObject z = f["zero_shot"].toObject()[language].toObject();
            QVERIFY2(z["shape"].toDouble() >= 0.95 && z["colour"].toDouble() >= 0.95 && z["background"].toDouble() >= 0.9, language);
        }
        QVERIFY(f["gallery_search"].toObject()["precision_at_5"].toDouble() >= 0.9);
        const QJsonObject g = f["generation"].toObject();
        QCOMPARE(g["runs"].toInt(), 40);
        QCOMPARE(g["steps"].toInt(), demo::demoPreset().steps);
        QVERIFY(g["background"].toInt() >= 36 && g["shape_colour"].toInt() >= 32 && g["shape"].toInt() >= 20);
    }

    void vqganReconstructs()
    {
        if (!vqgan) QSKIP("no demo model");
        const auto q = demo::measureReconstruction(*vqgan, 64, 99);
        qInfo() << "PSNR" << q.psnr << "codes used" << q.codesUsed;
        QVERIFY2(q.psnr >= 24.0, qPrintable(QString("PSNR %1 dB").arg(q.psnr)));
        QVERIFY(q.codesUsed >= 0.4);
    }

    void clipNamesWhatItSees_data()
    {
        QTest::addColumn<bool>("korean");
        QTest::newRow("English labels") << false;
        QTest::newRow("Korean labels") << true;
    }

    void clipNamesWhatItSees()
    {
        QFETCH(bool, korean);
        if (!clip) QSKIP("no demo model");
        const auto z = demo::measureZeroShot(*clip, 200, 2024, korean);
        qInfo() << "zero-shot shape" << z.shape << "colour" << z.colour << "background" << z.background;
        QVERIFY2(z.colour >= 0.95, qPrintable(QString::number(z.colour)));         // the target
        QVERIFY2(z.background >= 0.9, qPrintable(QString::number(z.background))); // the target
        QVERIFY2(z.shape >= 0.95, qPrintable(QString::number(z.shape)));           // the target
    }

    void gallerySearchFindsCaptions()
    {
        // 500 fresh pictures indexed with the demo CLIP; caption-style queries in English and Korean
        // (demo::measureGallerySearch, which demo_quality also reports).
        if (!clip) QSKIP("no demo model");
        QTemporaryDir dir;
        const auto g = demo::measureGallerySearch(*clip, dir.path().toStdString());
        QCOMPARE(g.pictures, 500);
        for (const std::string& weak : g.weakQueries) qInfo() << "weak query" << QString::fromStdString(weak);
        qInfo() << "gallery precision@5 over" << g.queries << "caption queries:" << g.precision;
        qInfo() << "precision@5 of the background queries:" << g.backgroundPrecision;
        QVERIFY2(g.backgroundPrecision >= 0.9, qPrintable(QString::number(g.backgroundPrecision)));
        QVERIFY2(g.precision >= 0.9, qPrintable(QString::number(g.precision))); // the target
    }

    void shapeStartShowsTheAskedPicture()
    {
        // The demo preset starts from one plain shape whose outline and colours CLIP picks for the
        // prompt: the first frame mostly shows the asked background, colour and shape already.
        if (!clip) QSKIP("no demo model");
        GenerationSettings s = demo::demoPreset();
        QCOMPARE(QString::fromStdString(s.initNoise), QString("shape"));
        const int n = 10;
        int background = 0, colour = 0, shape = 0;
        for (int i = 0; i < n; ++i) {
            s.prompt = demo::heldOutPrompt(i);
            s.seed = 7 + i;
            GenerationRun run(clip, vqgan, s);
            run.start();
            const demo::PictureReading read = demo::readPicture(run.currentImage());
            background += read.background == demo::heldOutBackgrounds()[std::size_t(i)];
            colour += read.colour == demo::heldOutShapes()[std::size_t(i)].colour;
            shape += read.shape == int(demo::heldOutShapes()[std::size_t(i)].shape);
        }
        qInfo() << "start: background" << background << "colour" << colour << "shape" << shape << "of" << n;
        // Measured 8 / 9 / 8 of 10 after the bf16 GroupNorm fix (2026-12-06); 9 / 9 / 8 of 10 with the model retrained 2026-12-02 (7 / 7 / 7 with the one before; the disc
        // start it replaced: 6 / 8 of 10 and always a circle; the grey disc before it: 0 / 0). Chance: 1 in 8
        // colours, 1 in 5 shapes.
        QVERIFY2(background >= 6, qPrintable(QString::number(background)));
        QVERIFY2(colour >= 6, qPrintable(QString::number(colour)));
        QVERIFY2(shape >= 5, qPrintable(QString::number(shape)));
    }

    void noiseStartFormsTheAskedPicture()
    {
        // From pixel noise (the settings a user who picks that start gets), the coarse stage lays out the asked
        // background and shape colour, and at its end the picture settles into one shape where that colour lies;
        // judged against each prompt's ideal picture, without CLIP. Before the settle step (2026-12-06) these 2
        // prompts gave colours 0.75, specks 0.10 in bf16 (0.82 / 0.08 in fp32) and neither formed; over all 40
        // prompts 5 formed, with the settle step 36 (README, The demo model).
        if (!clip) QSKIP("no demo model");
        GenerationSettings pixels = demoModelSettings();
        pixels.initNoise = "pixels";
        const GenerationSettings s0 = demoStartSettings(pixels);
        QCOMPARE(s0.initWeight, 0.0);
        QCOMPARE(s0.settleStep, s0.coarseSteps);
        QVERIFY(s0.settleStep > 0 && s0.settleStep < s0.steps);
        const auto prompts = demo::fidelityPrompts();
        double colours = 0, specks = 0;
        int formed = 0;
        const int n = 2;
        for (int i = 0; i < n; ++i) {
            GenerationSettings s = s0;
            s.prompt = prompts[std::size_t(i)].prompt;
            s.seed = 1000 + 17 * i;
            GenerationRun run(clip, vqgan, s);
            run.start();
            const demo::Fidelity f = demo::measureFidelity(run.runLoop().image, prompts[std::size_t(i)].scene);
            qInfo() << s.prompt.c_str() << "colours" << f.colours << "specks" << f.specks << "formed" << f.formed;
            colours += f.colours / n;
            specks += f.specks / n;
            formed += f.formed;
        }
        QVERIFY2(colours >= 0.7, qPrintable(QString::number(colours)));
        QVERIFY2(specks <= 0.06, qPrintable(QString::number(specks)));
        QVERIFY2(formed >= 1, qPrintable(QString::number(formed)));
    }

    void settlingKeepsThePlaceAndColoursAndResumes()
    {
        // The layout a settling run keeps: a red disc's place, size and colours on a blue ground; for two copies,
        // their middle and their joint area.
        const image::Image8 one = gen::outlinePicture(64, 64, gen::Outline::Disc, 20, 40, 10, {220, 30, 30}, {30, 60, 220});
        const gen::Layout a = gen::readLayout(one);
        QVERIFY2(std::abs(a.cx - 20) < 1 && std::abs(a.cy - 40) < 1 && std::abs(a.radius - 10) < 1,
                 qPrintable(QString("%1 %2 %3").arg(a.cx).arg(a.cy).arg(a.radius)));
        QVERIFY(std::abs(a.fill[0] - 220) < 20 && a.fill[2] < 80 && std::abs(a.ground[2] - 220) < 20 && a.ground[0] < 80);
        image::Image8 two = gen::outlinePicture(64, 64, gen::Outline::Disc, 16, 20, 8, {220, 30, 30}, {30, 60, 220});
        const image::Image8 other = gen::outlinePicture(64, 64, gen::Outline::Disc, 48, 44, 8, {220, 30, 30}, {30, 60, 220});
        for (std::size_t i = 0; i < two.pixels.size(); i += 3)
            if (other.pixels[i] > two.pixels[i]) std::copy_n(&other.pixels[i], 3, &two.pixels[i]);
        const gen::Layout b = gen::readLayout(two);
        QVERIFY2(std::abs(b.cx - 32) < 1 && std::abs(b.cy - 32) < 1 && std::abs(b.radius - 8 * std::sqrt(2.0)) < 1,
                 qPrintable(QString("%1 %2 %3").arg(b.cx).arg(b.cy).arg(b.radius)));
        QVERIFY(std::abs(b.fill[0] - 220) < 20 && std::abs(b.ground[2] - 220) < 20);

        if (!clip) QSKIP("no demo model");
        // A short noise run settling at step 4 of 8, on the bf16 path where the CPU has it and in fp32: the frames
        // before are the coarse stage's, the one at the settle step is one plain shape on a plain ground (nearly every
        // pixel near one of its two colours), and a run resumed from a snapshot taken after it continues exactly: it
        // stays held near that shape, and is not taken for a run still in its coarse stage (whose first level has the
        // full grid's shape; resumed so, each level's end came again and blurred the picture).
        GenerationSettings s = demoModelSettings();
        s.initNoise = "pixels";
        s.prompt = "a large yellow square in the centre, on a purple background";
        for (bool bf16 : {true, false}) {
            s.seed = 3;
            s.bf16 = bf16;
            s.steps = 8;
            s.coarseSteps = 4;
            s.coarseLevels = 2;
            s.settleStep = 4;
            s.initWeight = 0;
            std::vector<RgbImage> frames;
            GenerationRun run(clip, vqgan, s);
            run.start();
            const RgbImage last = run.runLoop([&](const GenerationFrame& f) { frames.push_back(f.image); }).image;
            QCOMPARE(int(frames.size()), 8);
            QVERIFY(QString::fromStdString(run.settings().toParametersText()).contains("Settle step: 4"));
            QCOMPARE(GenerationSettings::fromJson(run.settings().toJson()).settleStep, 4);
            auto plainness = [](const RgbImage& im) {
                const gen::Layout l = gen::readLayout(image::Image8{im.width, im.height, 3, im.pixels});
                int near = 0;
                for (std::size_t i = 0; i + 2 < im.pixels.size(); i += 3) {
                    auto d = [&](const gen::Rgb& c) { return std::abs(im.pixels[i] - c[0]) + std::abs(im.pixels[i + 1] - c[1]) + std::abs(im.pixels[i + 2] - c[2]); };
                    near += std::min(d(l.fill), d(l.ground)) < 60;
                }
                return double(near) / double(im.pixels.size() / 3);
            };
            qInfo() << (bf16 ? "bf16" : "fp32") << "pixels near the two main colours: before settling" << plainness(frames[3]) << "at" << plainness(frames[4]) << "end" << plainness(last);
            QVERIFY2(plainness(frames[4]) > 0.9, qPrintable(QString::number(plainness(frames[4]))));
            QVERIFY(frames[4].pixels != frames[3].pixels);

            GenerationSettings part = s;
            part.steps = 6;
            GenerationRun first(clip, vqgan, part);
            first.start();
            first.runLoop();
            QTemporaryDir dir;
            const QString snap = dir.filePath("settled.snapshot");
            first.saveSnapshot(snap.toStdString());
            GenerationRun second(clip, vqgan, s);
            second.start();
            second.loadSnapshot(snap.toStdString());
            QCOMPARE(second.stepsDone(), 6);
            QVERIFY(second.runLoop().image.pixels == last.pixels);
        }

        s.settleStep = -1;
        GenerationRun bad(clip, vqgan, s);
        try {
            bad.start();
            QFAIL("expected an error");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("settle step"), e.what());
        }
    }

    void generationDrawsTheAskedColours()
    {
        if (!clip) QSKIP("no demo model");
        const auto g = demo::measureGeneration(clip, vqgan, demo::demoPreset(), 6, 1);
        qInfo() << "generation: background" << g.background << "colour" << g.colour << "shape" << g.shape << "of" << g.runs;
        // Measured 6 / 6 / 6 of 6 on two threads after the bf16 GroupNorm fix (6 / 5 / 5 before; over 20 prompts x 2
        // seeds: 37 / 36 / 30 of 40, README);
        // the float-sum order depends on the thread count, so the test sets all cores like the app.
        // Chance is 1 in 8 for colours, 1 in 5 for shapes.
        QVERIFY2(g.background >= 4, qPrintable(QString::number(g.background)));
        QVERIFY2(g.colour >= 4, qPrintable(QString::number(g.colour)));
        QVERIFY2(g.shape >= 1, qPrintable(QString::number(g.shape)));
    }
};

QTEST_GUILESS_MAIN(TestDemoModel)
#include "tst_demo_model.moc"
