// soak_bench: an hour (by default) of generation and gallery indexing at the same time, through
// the same controllers the window uses, on the demo model. Each finished picture is saved and a new
// run starts; each finished index pass is followed by a search, a new batch of photos and the
// removal of an old one, then the next pass. Resident memory is sampled every minute; the figure is
// its growth from the end of the warm-up to the end. A benchmark: it prints, it asserts nothing.
//   soak_bench [--minutes 60] [--warmup 5] [--work DIR]
#include "demo/shapes_world.h"
#include "gallery/gallery_controller.h"
#include "generation_controller.h"

#include <pictor/demo_model.h>
#include <pictor/generation.h>

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>

using namespace pictor;
using namespace pictor::ui;

namespace {

double residentMiB()
{
    QFile f("/proc/self/status");
    if (!f.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:")) return line.mid(6).trimmed().split(' ').first().toDouble() / 1024;
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? "offscreen" : qgetenv("QT_QPA_PLATFORM"));
    QGuiApplication app(argc, argv);
    QCommandLineParser p;
    p.addOption({"minutes", "Length of the soak.", "N", "60"});
    p.addOption({"warmup", "Minutes before the baseline sample.", "N", "5"});
    p.addOption({"work", "Working folder (default: a temporary one).", "DIR"});
    p.addHelpOption();
    p.process(app);
    const int minutes = p.value("minutes").toInt(), warmup = p.value("warmup").toInt();
    QTemporaryDir tmp;
    const QString work = p.isSet("work") ? p.value("work") : tmp.path();
    QDir().mkpath(work + "/art");
    QDir().mkpath(work + "/photos");

    const auto demo = findDemoModel();
    if (!demo) {
        std::fprintf(stderr, "soak_bench: the demo model was not found\n");
        return 1;
    }
    ModelChoice models{QString::fromStdString(demo->clip), QString::fromStdString(demo->vqgan), QString::fromStdString(demo->tokenizer), "demo", {}};
    GenerationController gen;
    GalleryController gallery;
    gen.setModels(models);
    gallery.setModels(models);
    gallery.setDatabase(work + "/gallery.sqlite3");

    static const char* prompts[] = {"a red circle on a blue background", "a green star on a white background", "a yellow square on a black background",
                                    "a purple ring on an orange background"};
    int runs = 0, passes = 0, searches = 0, failures = 0, batch = 0;
    auto startRun = [&] {
        GenerationSettings s = demoModelSettings();
        s.prompt = prompts[runs % 4];
        s.seed = 1000 + runs;
        gen.start(s);
    };
    QObject::connect(&gen, &GenerationController::finished, &app, [&](const QImage& image, bool, double) {
        ++runs;
        image.save(work + QString("/art/art_%1.png").arg(runs % 200, 3, 10, QChar('0')));
        QTimer::singleShot(0, &gen, startRun);
    });
    QObject::connect(&gen, &GenerationController::failed, &app, [&](const QString& m) {
        ++failures;
        std::fprintf(stderr, "generation failed: %s\n", qPrintable(m));
        QTimer::singleShot(1000, &gen, startRun);
    });
    auto nextPass = [&] {
        // A new batch of 40 photos, and the batch from three passes ago removed.
        demo::writeShapesFolder((work + QString("/photos/batch_%1").arg(batch)).toStdString(), 40, uint64_t(batch));
        QDir(work + QString("/photos/batch_%1").arg(batch - 3)).removeRecursively();
        ++batch;
        gallery.index({work + "/photos", work + "/art"});
    };
    QObject::connect(&gallery, &GalleryController::indexFinished, &app, [&](const QString&, bool) {
        ++passes;
        gallery.search("a red circle", SearchOptions{});
        QTimer::singleShot(2000, &gallery, nextPass);
    });
    QObject::connect(&gallery, &GalleryController::searchFinished, &app, [&] { ++searches; });
    QObject::connect(&gallery, &GalleryController::failed, &app, [&](const QString& m) {
        ++failures;
        std::fprintf(stderr, "gallery failed: %s\n", qPrintable(m));
        QTimer::singleShot(2000, &gallery, nextPass);
    });

    std::printf("minute  RSS MiB  generation runs  index passes  searches  failures\n");
    double baseline = 0, last = 0;
    int minute = 0;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, &app, [&] {
        ++minute;
        last = residentMiB();
        if (minute == warmup) baseline = last;
        std::printf("%6d  %7.1f  %15d  %12d  %8d  %8d\n", minute, last, runs, passes, searches, failures);
        std::fflush(stdout);
        if (minute >= minutes) {
            gen.stop();
            gallery.cancelIndexing();
            app.quit();
        }
    });
    sampler.start(60 * 1000);
    startRun();
    nextPass();
    app.exec();
    if (baseline > 0)
        std::printf("growth after the %d-minute warm-up: %.1f MiB -> %.1f MiB = %+.2f%% over %d minutes\n", warmup, baseline, last,
                    100 * (last - baseline) / baseline, minutes - warmup);
    return 0;
}
