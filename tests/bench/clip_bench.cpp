// clip_bench: CLIP throughput on this machine with a ViT-B/32-sized model and random weights.
// Prints images/s and texts/s (fp32, and bf16 where the CPU has it), load time and peak memory.
#include "clip/clip_init.h"
#include "clip/clip_net.h"

#include <pictor/clip_model.h>
#include <pictor/runtime.h>

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <sys/resource.h>
#include <unistd.h>

using namespace pictor;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point a) { return std::chrono::duration<double>(Clock::now() - a).count(); }
double peakMiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

template <typename Fn>
double rate(int items, int reps, Fn&& fn)
{
    fn(); // warm-up
    const auto t = Clock::now();
    for (int i = 0; i < reps; ++i) fn();
    return items * reps / seconds(t);
}

} // namespace

int main(int argc, char** argv)
{
    const bool quick = argc > 1 && !std::strcmp(argv[1], "--quick");
    setComputeThreads(0);
    const RuntimeInfo rt = runtimeInfo();
    std::printf("clip_bench: ViT-B/32 architecture, random weights, %d threads, BLAS %s, bf16 %s\n", rt.threads, rt.blasLibrary.c_str(),
                rt.bf16 ? "yes" : "no");

    const clip::ClipConfig config = clip::vitB32Config();

    // Load time through the public API from a safetensors file of the real size.
    char dir[] = "/tmp/clip_bench_XXXXXX";
    if (!mkdtemp(dir)) return 1;
    const std::string path = std::string(dir) + "/vit-b-32.safetensors";
    torchutil::saveSafetensors(path, clip::initClipWeights(config, 1));
    auto t0 = Clock::now();
    auto model = ClipModel::load(path);
    const double loadSeconds = seconds(t0);
    std::printf("load: %.2f s (%lld parameters, fp32 safetensors)\n", loadSeconds, static_cast<long long>(model->info().parameters));
    model.reset();

    clip::ClipNet net(config, clip::initClipWeights(config, 1), "bench");
    c10::InferenceMode guard;
    const int batch = 16, reps = quick ? 2 : 6;
    const at::Tensor images = at::randn({batch, 3, 224, 224});
    at::Tensor tokensShort = at::randint(1, 49000, {64, 16}, at::kLong);
    tokensShort.select(1, 15).fill_(49407);
    at::Tensor tokensPadded = at::zeros({64, 77}, at::kLong);
    tokensPadded.narrow(1, 0, 16).copy_(tokensShort);

    const double img32 = rate(batch, reps, [&] { net.encodeImage(images); });
    const double txtShort = rate(64, reps, [&] { net.encodeText(tokensShort, TextPooling::ArgmaxId, 49407); });
    const double txtPadded = rate(64, reps, [&] { net.encodeText(tokensPadded, TextPooling::ArgmaxId, 49407); });
    std::printf("fp32: %.1f images/s (batch %d), %.1f texts/s (16 tokens, run to the longest text), %.1f texts/s (padded to 77)\n", img32,
                batch, txtShort, txtPadded);
    const at::Tensor ref = net.encodeImage(images);

    if (rt.bf16) {
        clip::ClipNet half(config, clip::initClipWeights(config, 1), "bench-bf16");
        half.convertWeights(at::kBFloat16);
        const at::Tensor imagesBf = images.to(at::kBFloat16);
        const double img16 = rate(batch, reps, [&] { half.encodeImage(imagesBf); });
        const double txt16 = rate(64, reps, [&] { half.encodeText(tokensShort, TextPooling::ArgmaxId, 49407); });
        const at::Tensor out = half.encodeImage(imagesBf).to(at::kFloat);
        const double cos = at::cosine_similarity(out, ref, 1).min().item<double>();
        std::printf("bf16: %.1f images/s, %.1f texts/s; lowest cosine to fp32 %.5f\n", img16, txt16, cos);
    }
    std::printf("peak memory: %.0f MiB\n", peakMiB());
    unlink(path.c_str());
    rmdir(dir);
    return 0;
}
