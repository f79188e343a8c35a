// generate_bench: seconds per VQGAN+CLIP step at 256x256 with 32 cutouts and Adam, on random
// weights in the real sizes (CLIP ViT-B/32, VQGAN f16-16384):
//   (a) baseline: fp32, NCHW, taming's swish and upsampling, every token through every CLIP block,
//       cutouts made one at a time, each augmentation its own warp, LibTorch's allocator as it comes;
//   (b) the engine as shipped (GenerationRun): channels-last bf16 VQGAN and CLIP where the CPU has
//       them, one batched composed warp, the memory pool. The two alternate for --rounds rounds.
// Then a quality check: final CLIP similarity of (a) and (b) over several seeds.
// usage: generate_bench [--steps N] [--rounds N] [--quality-seeds N] [--quality-steps N] [--vocab FILE]
//        generate_bench --profile [--trace FILE [--fp32]] | --demo-quality [--quality-seeds N]
//        generate_bench --paths [--steps N] [--rounds N] [--clip vit-b-32|vit-l-14] [--no-baseline] [--no-pool]
//   --paths: the reference-equivalent loop, the engine with bf16 steps (where the CPU has them)
//   and with fp32 steps take turns for --rounds rounds, each turn loading its models from the
//   files; per mode the median step (warm-up steps excluded) and its spread, the GFLOP/s it
//   achieves against this machine's peak measured on the spot, and the process's peak resident
//   memory while that mode ran (the kernel's high-water mark, reset between turns).
#include "clip/clip_init.h"
#include "clip/clip_model_impl.h"
#include "generate/cutouts.h"
#include "machine_peak.h"
#include "step_flops.h"
#include "generate/losses.h"
#include "torch/memory_pool.h"
#include "vqgan/vqgan_init.h"
#include "vqgan/vqgan_model_impl.h"

#include <pictor/clip_model.h>
#include <pictor/demo_model.h>
#include <pictor/generation.h>
#include <pictor/runtime.h>
#include <pictor/vqgan_model.h>

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/profiler_legacy.h>
#include <torch/optim.h>

#include <algorithm>
#include <functional>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <fcntl.h>
#include <fstream>
#include <sys/resource.h>
#include <unistd.h>
#include <vector>

using namespace pictor;
using Clock = std::chrono::steady_clock;

namespace {

double peakMiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

const char* kPrompt = "a watercolor painting of a lighthouse at sunset";

/// The straightforward implementation (a).
struct Baseline {
    const clip::ClipNet& clip;
    const vqgan::VqganNet& vq;
    at::Tensor text;
    at::Tensor z, zMin, zMax, book;
    std::unique_ptr<torch::optim::Adam> opt;
    at::Generator gen;

    Baseline(const clip::ClipNet& c, const vqgan::VqganNet& v, const at::Tensor& textEmbed, int64_t seed)
        : clip(c), vq(v), text(textEmbed), gen(at::detail::createCPUGenerator(uint64_t(seed)))
    {
        book = vq.codebook();
        zMin = std::get<0>(book.min(0)).view({1, -1, 1, 1});
        zMax = std::get<0>(book.max(0)).view({1, -1, 1, 1});
        const at::Tensor idx = at::randint(0, book.size(0), {1, 16, 16}, gen, at::kLong);
        {
            c10::InferenceMode guard;
            z = vq.codesToLatent(idx);
        }
        z = z.clone().requires_grad_(true);
        opt = std::make_unique<torch::optim::Adam>(std::vector<at::Tensor>{z}, torch::optim::AdamOptions(0.1));
    }

    void step()
    {
        opt->zero_grad();
        const at::Tensor zq = gen::vectorQuantize(z.permute({0, 2, 3, 1}), book).permute({0, 3, 1, 2});
        const at::Tensor out = gen::clampWithGrad((vq.decode(zq) + 1) / 2, 0, 1);
        std::vector<at::Tensor> cuts;
        for (int i = 0; i < 32; ++i) {
            at::Tensor c = (at::adaptive_avg_pool2d(out, {224, 224}) + std::get<0>(at::adaptive_max_pool2d(out, {224, 224}))) / 2;
            c = gen::augmentBatch(c, {"Af", "Pe", "Ji", "Er"}, gen, false);
            cuts.push_back(c + at::rand({1}, gen).mul(0.1) * at::randn(c.sizes(), gen));
        }
        const at::Tensor embeds = clip.encodeImage(gen::clipNormalize(at::cat(cuts, 0)));
        const at::Tensor loss = gen::promptLoss(embeds, text, 1.0, -INFINITY);
        loss.backward();
        opt->step();
        at::NoGradGuard noGrad;
        z.copy_(at::maximum(at::minimum(z, zMax), zMin));
    }

    double similarity()
    {
        c10::InferenceMode guard;
        const at::Tensor img = (vq.decode(vq.codesToLatent(vq.codeIndices(z.detach()))) + 1) / 2;
        // Scored exactly as GenerationRun::clipSimilarity does: 8-bit picture, area-pooled, bilinear to 224.
        const at::Tensor unit = img.clamp(0, 1).mul(255).round().div(255);
        const at::Tensor sized = at::upsample_bilinear2d(at::adaptive_avg_pool2d(unit, {224, 224}), {224, 224}, false);
        return at::cosine_similarity(clip.encodeImage(gen::clipNormalize(sized)), text, 1).item<double>();
    }
};

template <typename Fn>
double secondsPerStep(int steps, Fn&& fn, long* faultsPerStep = nullptr)
{
    fn(); // warm-up
    rusage before{}, after{};
    getrusage(RUSAGE_SELF, &before);
    const auto t = Clock::now();
    for (int i = 0; i < steps; ++i) fn();
    const double seconds = std::chrono::duration<double>(Clock::now() - t).count() / steps;
    getrusage(RUSAGE_SELF, &after);
    if (faultsPerStep) *faultsPerStep = (after.ru_minflt - before.ru_minflt) / steps;
    return seconds;
}

/// The bf16 quality check on trained weights (the demo model, at its preset: 64x64, 100 steps):
/// random weights keep CLIP similarities near zero, where a relative 1% means nothing.
int demoQuality(int seeds)
{
    const auto demo = findDemoModel();
    if (!demo) {
        std::fprintf(stderr, "generate_bench: the demo model was not found\n");
        return 2;
    }
    setComputeThreads(0);
    ClipLoadOptions o;
    o.tokenizerPath = demo->tokenizer;
    std::shared_ptr<ClipModel> clip = ClipModel::load(demo->clip, o);
    std::shared_ptr<VqganModel> vq = VqganModel::load(demo->vqgan);
    std::printf("bf16 quality check on the demo model (trained weights), demo preset, %d prompts x %d seeds\n", 4, seeds);
    static const char* prompts[] = {"a red circle on a blue background", "a yellow star on a black background",
                                    "a large green square on the left, on a white background", "a purple ring on an orange background"};
    double sum32 = 0, sum16 = 0, worst = 0;
    int runs = 0;
    for (const char* prompt : prompts) {
        for (int seed = 1; seed <= seeds; ++seed) {
            double sim[2];
            for (const bool bf16 : {false, true}) {
                GenerationSettings s = demoModelSettings();
                s.prompt = prompt;
                s.seed = seed;
                s.bf16 = bf16;
                GenerationRun run(clip, vq, s);
                run.start();
                run.runLoop();
                sim[bf16] = run.clipSimilarity(prompt); // scored by the fp32 model either way
            }
            sum32 += sim[0];
            sum16 += sim[1];
            worst = std::max(worst, std::fabs(sim[1] - sim[0]) / std::fabs(sim[0]));
            ++runs;
            std::printf("  %-58s seed %d: fp32 %.4f  bf16 %.4f\n", prompt, seed, sim[0], sim[1]);
            std::fflush(stdout);
        }
    }
    std::printf("mean final CLIP similarity over %d runs: fp32 %.4f  bf16 %.4f  difference %.2f%% (largest single run %.1f%%)\n", runs,
                sum32 / runs, sum16 / runs, 100 * std::fabs(sum16 - sum32) / std::fabs(sum32), 100 * worst);
    return 0;
}

/// Random weights of the real sizes written to a temporary folder (so the models load as a user's
/// files do), removed with the object; and the arithmetic of one step with them (step_flops.h).
struct WeightFiles {
    std::string dir = "/tmp/generate_bench_XXXXXX", clip, vqgan;
    double stepFlops = 0; ///< at 256x256 (16x16 tokens) with 32 cutouts

    explicit WeightFiles(const clip::ClipConfig& config)
    {
        if (!mkdtemp(dir.data())) throw std::runtime_error("generate_bench: cannot make a temporary folder");
        clip = dir + "/clip.safetensors";
        vqgan = dir + "/vqgan.safetensors";
        torchutil::saveSafetensors(clip, clip::initClipWeights(config, 1));
        const vqgan::VqganConfig vc = vqgan::imagenetF16Config(16384);
        const vqgan::VqganNet net(vc, vqgan::initVqganWeights(vc, 2), "random");
        torchutil::saveSafetensors(vqgan, net.weights());
        stepFlops = bench::stepFlops(config, net, 16, 16, 32);
    }
    ~WeightFiles()
    {
        unlink(clip.c_str());
        unlink(vqgan.c_str());
        rmdir(dir.c_str());
    }
};

/// A line of /proc/self/status in MiB ("VmHWM", "VmRSS").
double statusMiB(const char* key)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string prefix = std::string(key) + ":";
    while (std::getline(in, line))
        if (line.compare(0, prefix.size(), prefix) == 0) return std::atof(line.c_str() + prefix.size()) / 1024.0;
    return 0;
}

/// Sets the kernel's resident high-water mark back to the current size (Linux 4.0+), so each mode's
/// peak is its own.
bool resetPeak()
{
    const int fd = open("/proc/self/clear_refs", O_WRONLY);
    if (fd < 0) return false;
    const bool ok = write(fd, "5", 1) == 1;
    close(fd);
    return ok;
}

struct PathResult {
    std::string name;
    bool bf16 = false;
    std::vector<double> steps; // seconds, every round's, the warm-up steps excluded
    double peakMiB = 0;        // the highest of the rounds
    double median() const
    {
        std::vector<double> v = steps;
        std::sort(v.begin(), v.end());
        const std::size_t n = v.size();
        return n == 0 ? 0 : n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
    }
    double lowest() const { return steps.empty() ? 0 : *std::min_element(steps.begin(), steps.end()); }
    double highest() const { return steps.empty() ? 0 : *std::max_element(steps.begin(), steps.end()); }
};

/// --paths: the modes take turns for `rounds` rounds (so a machine's drift shows as spread, not as a
/// difference between modes); each turn loads the models from the files, runs one warm-up step and
/// `steps` timed ones. Per mode: the median step and its spread, the arithmetic rate it achieves and
/// its share of this machine's measured peak, and the peak resident memory.
int comparePaths(const std::string& vocab, int steps, int rounds, const std::string& clipName, bool withBaseline, bool pool)
{
    setComputeThreads(0);
    const RuntimeInfo rt = runtimeInfo();
    const bool large = clipName == "vit-l-14";
    const clip::ClipConfig cc = large ? clip::vitL14Config() : clip::vitB32Config();
    std::printf("generate_bench --paths: CLIP %s + VQGAN f16-16384 (random weights of the real sizes), 256x256, 32 cutouts, Adam, "
                "%d rounds of %d steps after a warm-up; %s, %d threads, LibTorch %s\n",
                large ? "ViT-L/14" : "ViT-B/32", rounds, steps, machineDescription().c_str(), rt.threads, rt.torchVersion.c_str());
    std::fflush(stdout);
    const bench::MachinePeak peak = bench::measureMachinePeak(rt.bf16);
    std::printf("  this machine's peak, measured now: fp32 matrix product %.0f GFLOP/s, 3x3 convolution %.0f GFLOP/s", peak.matmulFp32, peak.convFp32);
    if (rt.bf16) std::printf("; bf16 %.0f and %.0f GFLOP/s", peak.matmulBf16, peak.convBf16);
    std::printf("\n");
    const WeightFiles files(cc);
    std::printf("  one step: %.0f GFLOP (decoder and %s over 32 cutouts, forward and backward to the inputs)\n", files.stepFlops * 1e-9,
                large ? "ViT-L/14" : "ViT-B/32");
    const std::string &clipPath = files.clip, &vqPath = files.vqgan;
    releaseFreeMemory();
    ClipLoadOptions options;
    options.tokenizerPath = vocab;
    torchutil::installMemoryPool();
    std::printf("  (process before the modes: %.0f MiB resident)\n", statusMiB("VmRSS"));
    std::fflush(stdout);

    auto timeSteps = [&](PathResult& r, auto&& step) {
        for (int i = 0; i <= steps; ++i) {
            const auto t = Clock::now();
            step();
            if (i > 0) r.steps.push_back(std::chrono::duration<double>(Clock::now() - t).count());
        }
    };
    auto reference = [&](PathResult& r) {
        torchutil::setMemoryPoolEnabled(false); // LibTorch's allocator as it comes
        std::shared_ptr<ClipModel> clipModel = ClipModel::load(clipPath, options);
        std::shared_ptr<VqganModel> vqModel = VqganModel::load(vqPath);
        const auto textVec = clipModel->embedTexts({kPrompt}, false)[0];
        const at::Tensor text = at::tensor(at::ArrayRef<float>(textVec)).view({1, -1});
        vqgan::VqganNet referenceVq(vqModel->impl().net->config(), vqModel->impl().net->weights(), "reference");
        referenceVq.setTamingOps(true);
        clip::ClipNet referenceClip(clipModel->impl().net->config(), clipModel->impl().net->weights(), "reference");
        referenceClip.setLastBlockClassTokenOnly(false);
        Baseline base(referenceClip, referenceVq, text, 1);
        timeSteps(r, [&] { base.step(); });
        torchutil::setMemoryPoolEnabled(true);
    };
    auto engine = [&](bool bf16) {
        return [&, bf16](PathResult& r) {
            std::shared_ptr<ClipModel> clipModel = ClipModel::load(clipPath, options);
            std::shared_ptr<VqganModel> vqModel = VqganModel::load(vqPath);
            GenerationSettings s;
            s.prompt = kPrompt;
            s.seed = 1;
            s.steps = 0;
            s.bf16 = bf16;
            GenerationRun run(clipModel, vqModel, s);
            run.start(); // an fp32 run chooses its kernels here (measured once per machine, then cached)
            torchutil::setMemoryPoolEnabled(pool);
            timeSteps(r, [&] { run.step(); });
            torchutil::setMemoryPoolEnabled(true);
        };
    };
    std::vector<PathResult> results;
    std::vector<std::function<void(PathResult&)>> bodies;
    if (withBaseline) {
        results.push_back(PathResult{"reference loop, fp32", false, {}, 0});
        bodies.push_back(reference);
    }
    if (rt.bf16) {
        results.push_back(PathResult{"engine, bf16 steps", true, {}, 0});
        bodies.push_back(engine(true));
    } else {
        std::printf("  engine, bf16 steps: skipped, this CPU has no native bf16 (the engine runs fp32 steps)\n");
    }
    results.push_back(PathResult{"engine, fp32 steps", false, {}, 0});
    bodies.push_back(engine(false));

    for (int round = 1; round <= rounds; ++round) {
        for (std::size_t m = 0; m < results.size(); ++m) {
            releaseFreeMemory();
            if (!resetPeak()) std::fprintf(stderr, "generate_bench: cannot reset the peak (/proc/self/clear_refs); peaks include earlier modes\n");
            PathResult turn;
            bodies[m](turn);
            const double peakNow = statusMiB("VmHWM");
            PathResult& r = results[m];
            r.steps.insert(r.steps.end(), turn.steps.begin(), turn.steps.end());
            r.peakMiB = std::max(r.peakMiB, peakNow);
            std::printf("  round %d  %-22s steps:", round, r.name.c_str());
            for (double t : turn.steps) std::printf(" %.2f", t);
            std::printf(" s  peak %.0f MiB\n", peakNow);
            std::fflush(stdout);
        }
    }

    for (const KernelChoice& c : kernelChoices()) {
        std::printf("  kernel choice %s (%s): %s;", c.op.c_str(), c.shape.c_str(), c.chosen.c_str());
        for (const auto& [name, ms] : c.millis) std::printf(" %s %.1f ms", name.c_str(), ms);
        std::printf("\n");
    }
    const PathResult* ref = withBaseline ? &results.front() : nullptr;
    std::printf("\n| mode | s/step (median) | spread (min-max) | vs reference | GFLOP/s | share of peak | peak RSS | vs reference |\n"
                "|---|---|---|---|---|---|---|---|\n");
    for (const PathResult& r : results) {
        const double gflops = files.stepFlops / r.median() * 1e-9;
        const double ceiling = r.bf16 ? peak.bf16() : peak.fp32();
        std::printf("| %s | %.2f | %.2f-%.2f (%.0f %%) | ", r.name.c_str(), r.median(), r.lowest(), r.highest(),
                    100.0 * (r.highest() - r.lowest()) / r.median());
        if (ref) std::printf("%.2fx", r.median() / ref->median());
        std::printf(" | %.0f | %.0f %% of %s | %.2f GiB | ", gflops, 100.0 * gflops / ceiling, r.bf16 ? "bf16" : "fp32", r.peakMiB / 1024);
        if (ref) std::printf("%.2fx", r.peakMiB / ref->peakMiB);
        std::printf(" |\n");
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    int steps = 3, rounds = 3, qualitySeeds = 5, qualitySteps = 10;
    std::string trace; // --profile --trace FILE: a Chrome trace of one engine step, operator by operator
    std::string vocab = std::string(PICTOR_SOURCE_DIR) + "/../shared/vectors/tokenizer/bpe_simple_vocab_16e6.txt.gz";
    std::string clipName = "vit-b-32";
    bool withBaseline = true, traceFp32 = false, pool = true;
    const bool mode = argc > 1 && (!std::strcmp(argv[1], "--profile") || !std::strcmp(argv[1], "--demo-quality") || !std::strcmp(argv[1], "--paths"));
    for (int i = mode ? 2 : 1; i < argc; ++i) {
        const char* value = i + 1 < argc ? argv[i + 1] : nullptr; // an option's value, consumed below
        if (!std::strcmp(argv[i], "--no-baseline")) withBaseline = false;
        else if (!std::strcmp(argv[i], "--fp32")) traceFp32 = true;
        else if (!std::strcmp(argv[i], "--no-pool")) pool = false;
        else if (!value) break;
        else if (!std::strcmp(argv[i], "--steps")) steps = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--rounds")) rounds = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--quality-seeds")) qualitySeeds = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--quality-steps")) qualitySteps = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--vocab")) vocab = argv[++i];
        else if (!std::strcmp(argv[i], "--trace")) trace = argv[++i];
        else if (!std::strcmp(argv[i], "--clip")) clipName = argv[++i];
        else ++i; // an unknown option and its value, skipped as before
    }
    if (argc > 1 && !std::strcmp(argv[1], "--demo-quality")) return demoQuality(qualitySeeds);
    if (access(vocab.c_str(), R_OK) != 0) {
        std::fprintf(stderr, "generate_bench: needs the CLIP vocabulary; pass --vocab bpe_simple_vocab_16e6.txt.gz\n");
        return 2;
    }
    if (argc > 1 && !std::strcmp(argv[1], "--paths")) {
        if (clipName != "vit-b-32" && clipName != "vit-l-14") {
            std::fprintf(stderr, "generate_bench: --clip is vit-b-32 or vit-l-14\n");
            return 2;
        }
        return comparePaths(vocab, std::max(1, steps), rounds, clipName, withBaseline, pool);
    }
    setComputeThreads(0);
    const RuntimeInfo rt = runtimeInfo();
    std::printf("generate_bench: CLIP ViT-B/32 + VQGAN f16-16384 (random weights), 256x256, 32 cutouts, Adam; %d threads, bf16 %s\n",
                rt.threads, rt.bf16 ? "yes" : "no");

    ClipLoadOptions options;
    options.tokenizerPath = vocab;
    std::shared_ptr<ClipModel> clipModel;
    std::shared_ptr<VqganModel> vqModel;
    {
        const WeightFiles files(clip::vitB32Config());
        clipModel = ClipModel::load(files.clip, options);
        vqModel = VqganModel::load(files.vqgan);
    }
    const clip::ClipNet& clipNet = *clipModel->impl().net;
    const vqgan::VqganNet& vqNet = *vqModel->impl().net;
    const auto textVec = clipModel->embedTexts({kPrompt}, false)[0];
    const at::Tensor text = at::tensor(at::ArrayRef<float>(textVec)).view({1, -1});

    if (argc > 1 && !std::strcmp(argv[1], "--profile")) {
        // Where a step's time goes: each stage forward + backward, fp32 and bf16, NCHW and channels-last.
        auto time = [&trace](const char* what, auto&& fn) {
            if (!trace.empty()) return; // --trace: only the trace
            fn();
            const auto t = Clock::now();
            for (int i = 0; i < 2; ++i) fn();
            std::printf("  %-48s %.3f s\n", what, std::chrono::duration<double>(Clock::now() - t).count() / 2);
        };
        const at::Tensor z0 = vqNet.codesToLatent(at::randint(0, 16384, {1, 16, 16}, at::kLong));
        time("VQGAN decode fwd+bwd, NCHW fp32", [&] {
            at::Tensor z = z0.clone().requires_grad_(true);
            vqNet.decode(z).sum().backward();
        });
        vqgan::VqganNet unfused(vqNet.config(), vqNet.weights(), "unfused");
        unfused.setTamingOps(true);
        time("VQGAN decode fwd+bwd, NCHW fp32, taming's ops", [&] {
            at::Tensor z = z0.clone().requires_grad_(true);
            unfused.decode(z).sum().backward();
        });
        vqgan::VqganNet cl(vqNet.config(), vqNet.weights(), "cl");
        cl.useChannelsLast();
        time("VQGAN decode fwd+bwd, channels-last fp32", [&] {
            at::Tensor z = z0.clone().requires_grad_(true);
            cl.decode(z).sum().backward();
        });
        vqgan::VqganNet clbTaming(vqNet.config(), vqNet.weights(), "clb taming");
        clbTaming.useChannelsLast();
        clbTaming.convertWeights(at::kBFloat16);
        clbTaming.setTamingOps(true);
        time("VQGAN decode fwd+bwd, channels-last bf16, taming's ops", [&] {
            at::Tensor z = z0.clone().requires_grad_(true);
            clbTaming.decode(z.to(at::kBFloat16)).sum().backward();
        });
        vqgan::VqganNet clb(vqNet.config(), vqNet.weights(), "clb");
        clb.useChannelsLast();
        clb.convertWeights(at::kBFloat16);
        time("VQGAN decode fwd+bwd, channels-last bf16", [&] {
            at::Tensor z = z0.clone().requires_grad_(true);
            clb.decode(z.to(at::kBFloat16)).sum().backward();
        });
        vqgan::VqganNet nb(vqNet.config(), vqNet.weights(), "nb");
        nb.convertWeights(at::kBFloat16);
        time("VQGAN decode fwd+bwd, NCHW bf16", [&] {
            at::Tensor z = z0.clone().requires_grad_(true);
            nb.decode(z.to(at::kBFloat16)).sum().backward();
        });
        time("VQGAN decode fwd only, channels-last bf16", [&] {
            at::NoGradGuard g;
            clb.decode(z0.to(at::kBFloat16));
        });
        const at::Tensor img = at::rand({1, 3, 256, 256}).requires_grad_(true);
        time("cutouts latest (composed warps)", [&] {
            gen::CutoutOptions o;
            at::Generator g = at::detail::createCPUGenerator(1);
            gen::makeCutouts(img, o, g).sum().backward();
        });
        time("cutouts one by one, separate warps", [&] {
            at::Generator g = at::detail::createCPUGenerator(1);
            std::vector<at::Tensor> cuts;
            for (int i = 0; i < 32; ++i)
                cuts.push_back(gen::augmentBatch((at::adaptive_avg_pool2d(img, {224, 224}) + std::get<0>(at::adaptive_max_pool2d(img, {224, 224}))) / 2,
                                                 {"Af", "Pe", "Ji", "Er"}, g, false));
            at::cat(cuts).sum().backward();
        });
        const at::Tensor cuts = at::randn({32, 3, 224, 224});
        time("CLIP image fwd+bwd fp32 (32 cutouts)", [&] {
            at::Tensor x = cuts.clone().requires_grad_(true);
            clipNet.encodeImage(x).sum().backward();
        });
        clip::ClipNet half(clipNet.config(), clipNet.weights(), "bf16");
        half.convertWeights(at::kBFloat16);
        time("CLIP image fwd+bwd bf16 (32 cutouts)", [&] {
            at::Tensor x = cuts.clone().requires_grad_(true);
            half.encodeImage(x.to(at::kBFloat16)).to(at::kFloat).sum().backward();
        });
        const auto tower = clipNet.imageTowerCopy(at::kBFloat16);
        time("CLIP image fwd+bwd bf16, scales folded (32 cutouts)", [&] {
            at::Tensor x = cuts.clone().requires_grad_(true);
            tower->encodeImage(x.to(at::kBFloat16)).to(at::kFloat).sum().backward();
        });
        if (!trace.empty()) {
            GenerationSettings s;
            s.prompt = kPrompt;
            s.steps = 0;
            s.bf16 = !traceFp32;
            GenerationRun run(clipModel, vqModel, s);
            run.start();
            run.step();
            torch::autograd::profiler::RecordProfile record(trace);
            run.step();
        }
        return 0;
    }

    const double memBefore = peakMiB();
    // The baseline runs the models as the Python originals write them (taming's swish and upsampling).
    vqgan::VqganNet referenceVq(vqNet.config(), vqNet.weights(), "reference");
    referenceVq.setTamingOps(true);
    clip::ClipNet referenceClip(clipNet.config(), clipNet.weights(), "reference"); // and every token through every block
    referenceClip.setLastBlockClassTokenOnly(false);
    Baseline base(referenceClip, referenceVq, text, 1);
    // (a) with LibTorch's allocator as it comes; (b) with the engine's memory pool (memory_pool.h).
    // The two alternate for several rounds: the baseline's time swings with how many fresh pages
    // glibc hands it, so one round says little.
    torchutil::installMemoryPool();
    GenerationSettings s;
    s.prompt = kPrompt;
    s.seed = 1;
    s.steps = 0;
    GenerationRun run(clipModel, vqModel, s);
    run.start();
    std::vector<double> ratios;
    double memA = 0, memB = 0;
    for (int r = 1; r <= rounds; ++r) {
        torchutil::setMemoryPoolEnabled(false);
        long faultsA = 0, faultsB = 0;
        const double a = secondsPerStep(steps, [&] { base.step(); }, &faultsA);
        if (r == 1) memA = peakMiB();
        torchutil::setMemoryPoolEnabled(true);
        const double b = secondsPerStep(steps, [&] { run.step(); }, &faultsB);
        if (r == 1) memB = peakMiB();
        ratios.push_back(a / b);
        std::printf("round %d: (a) baseline %.2f s/step, %ld page faults/step   (b) engine %.2f s/step, %ld page faults/step   speed-up %.2fx\n", r, a,
                    faultsA, b, faultsB, a / b);
        std::fflush(stdout);
    }
    std::sort(ratios.begin(), ratios.end());
    std::printf("speed-up over %d rounds: median %.2fx (lowest %.2fx, highest %.2fx)\n", rounds, ratios[ratios.size() / 2], ratios.front(), ratios.back());
    std::printf("peak memory: %.0f MiB after loading, %.0f MiB after (a), %.0f MiB after (b)\n", memBefore, memA, memB);

    double sumA = 0, sumB = 0;
    for (int seed = 1; seed <= qualitySeeds; ++seed) {
        Baseline qa(referenceClip, referenceVq, text, seed);
        for (int i = 0; i < qualitySteps; ++i) qa.step();
        GenerationSettings qs = s;
        qs.seed = seed;
        qs.steps = qualitySteps;
        GenerationRun qb(clipModel, vqModel, qs);
        qb.start();
        qb.runLoop();
        GenerationSettings q32 = qs;
        q32.bf16 = false;
        GenerationRun qc(clipModel, vqModel, q32);
        qc.start();
        qc.runLoop();
        // (b) decodes its final picture in fp32 (GenerationRun::currentImage); "(b with bf16 off)" also
        // optimises in fp32, which separates the bf16 optimisation path from the rest of the engine.
        const double simA = qa.similarity(), simB = qb.clipSimilarity(kPrompt), simC = qc.clipSimilarity(kPrompt);
        sumA += simA;
        sumB += simB;
        std::printf("seed %d: final CLIP similarity (a) %.5f  (b) %.5f  (b with bf16 off) %.5f\n", seed, simA, simB, simC);
        std::fflush(stdout);
    }
    if (qualitySeeds <= 0) return 0;
    const double meanA = sumA / qualitySeeds, meanB = sumB / qualitySeeds;
    std::printf("mean final CLIP similarity over %d seeds x %d steps: (a) %.5f  (b) %.5f  difference %.2f%%\n", qualitySeeds, qualitySteps,
                meanA, meanB, 100.0 * std::fabs(meanB - meanA) / std::max(1e-9, std::fabs(meanA)));
    return 0;
}
