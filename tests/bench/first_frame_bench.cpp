// first_frame_bench: from pressing Start to the first frame in the preview, through the controller
// the window uses, with ViT-B/32 + VQGAN f16-16384 sized models (random weights) already chosen:
// the first run (models loaded from disk) and the second (models resident). 256x256, 32 cutouts.
// Also how long the controller stayed in "Loading models". Needs ../shared/vectors for the vocabulary.
// Usage: first_frame_bench [--runs N]
#include "clip/clip_init.h"
#include "vqgan/vqgan_init.h"

#include "generation_controller.h"

#include <pictor/runtime.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

using namespace pictor;

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int runs = 3;
    for (int i = 1; i + 1 < argc; ++i)
        if (!std::strcmp(argv[i], "--runs")) runs = std::max(2, std::atoi(argv[i + 1]));
    const char* shared = std::getenv("PICTOR_SHARED_DIR");
    const std::string vocab = std::string(shared && *shared ? shared : PICTOR_SOURCE_DIR "/../shared") + "/vectors/tokenizer/bpe_simple_vocab_16e6.txt.gz";
    if (access(vocab.c_str(), R_OK)) {
        std::fprintf(stderr, "first_frame_bench: needs %s (set PICTOR_SHARED_DIR)\n", vocab.c_str());
        return 1;
    }
    setComputeThreads(0);
    char dir[] = "/tmp/first_frame_bench_XXXXXX";
    if (!mkdtemp(dir)) return 1;
    const std::string clipPath = std::string(dir) + "/clip.safetensors", vqPath = std::string(dir) + "/vqgan.safetensors";
    torchutil::saveSafetensors(clipPath, clip::initClipWeights(clip::vitB32Config(), 1));
    torchutil::saveSafetensors(vqPath, vqgan::initVqganWeights(vqgan::imagenetF16Config(16384), 2));
    const RuntimeInfo rt = runtimeInfo();
    std::printf("first_frame_bench: ViT-B/32 + VQGAN f16-16384 (random weights, fp32 safetensors), 256x256, 32 cutouts; %d threads, %s, "
                "bf16 %s\n\n| run | Start to first frame | of which loading models (state Loading) | first step |\n|---|---|---|---|\n",
                rt.threads, machineDescription().c_str(), rt.bf16 ? "yes" : "no");

    ui::GenerationController controller;
    controller.setModels({QString::fromStdString(clipPath), QString::fromStdString(vqPath), QString::fromStdString(vocab), "bench", {}});
    GenerationSettings s;
    s.prompt = "a watercolour lighthouse at sunset";
    s.width = s.height = 256;
    s.cutn = 32;
    s.steps = 2;
    s.seed = 1;
    for (int run = 1; run <= runs; ++run) {
        QElapsedTimer clock;
        double firstFrame = -1, loading = -1, firstStep = -1;
        QEventLoop loop;
        auto a = QObject::connect(&controller, &ui::GenerationController::frameReady, [&](const QImage&, const ui::FrameInfo& info) {
            if (firstFrame < 0) firstFrame = clock.elapsed() / 1000.0;
            if (info.step >= 1 && firstStep < 0) firstStep = clock.elapsed() / 1000.0;
        });
        auto b = QObject::connect(&controller, &ui::GenerationController::stateChanged, [&](ui::GenerationController::State st) {
            if (st == ui::GenerationController::State::Running && loading < 0) loading = clock.elapsed() / 1000.0;
        });
        auto c = QObject::connect(&controller, &ui::GenerationController::finished, &loop, &QEventLoop::quit);
        auto d = QObject::connect(&controller, &ui::GenerationController::failed, [&](const QString& m) {
            std::fprintf(stderr, "failed: %s\n", qPrintable(m));
            loop.quit();
        });
        clock.start();
        controller.start(s);
        loop.exec();
        for (const auto& conn : {a, b, c, d}) QObject::disconnect(conn);
        std::printf("| %d%s | %.2f s | %.2f s | %.2f s |\n", run, run == 1 ? " (models from disk)" : " (models resident)", firstFrame, loading, firstStep);
        std::fflush(stdout);
    }
    std::remove(clipPath.c_str());
    std::remove(vqPath.c_str());
    rmdir(dir);
    return 0;
}
