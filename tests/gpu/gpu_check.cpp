// gpu_check: what packaging/gpu-check.sh prints on a machine with an NVIDIA GPU, the GPU against the CPU.
//   parity   CLIP text and image embeddings (fp32), a VQGAN decode, one step's latent gradient;
//   speed    generation s/step and peak GPU memory at 256x256/32 and 512x512/64 cutouts (ViT-B/32) and
//            256x256/32 (ViT-L/14), CLIP in fp16 (what clip.load gives on a GPU) and in fp32;
//   gallery  image embeddings per second at batch 64 (the model alone);
//   memory   a size that cannot fit ends with the run's message, the memory comes back, the next run works.
// Random weights of the real sizes (the published ones give the same arithmetic); the set-up of issue 31's
// table: 'original' cutouts, Adam, lr 0.1. Needs no tokenizer (token ids and a noise prompt) and no picture
// files, so it builds in the engine-only configuration (LibTorch + Qt Core).
//
// usage: gpu_check [--device cuda:N] [--quick] [--steps N] [--only parity|speed|gallery|memory]
//   --quick: tiny models at 64x64 (checks the program itself, e.g. with --device cpu on a laptop).
#include "clip/clip_init.h"
#include "device/cuda_facts.h"
#include "device/torch_device.h"
#include "torch/tensor_loader.h"
#include "vqgan/vqgan_init.h"
#include "vqgan/vqgan_model_impl.h"

#include <pictor/clip_model.h>
#include <pictor/device.h>
#include <pictor/error.h>
#include <pictor/generation.h>
#include <pictor/runtime.h>
#include <pictor/vqgan_model.h>

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <unistd.h>
#include <vector>

using namespace pictor;
using Clock = std::chrono::steady_clock;

namespace {

bool g_failed = false;

void verdict(const char* what, double value, double limit, bool above)
{
    const bool ok = above ? value > limit : value < limit;
    if (!ok) g_failed = true;
    std::printf("  %-44s %.6g (%s %.6g) %s\n", what, value, above ? ">" : "<", limit, ok ? "ok" : "FAILED");
}

double gib(int64_t bytes) { return double(bytes) / double(1LL << 30); }

/// Random weights of a model's size in a temporary folder, loaded as a user's files are.
struct Models {
    std::string dir = "/tmp/gpu_check_XXXXXX", clip, clipLarge, vqgan;
    int heads = 0, largeHeads = 0;
    explicit Models(bool quick)
    {
        if (!mkdtemp(dir.data())) throw Error("gpu_check: cannot make a temporary folder");
        clip = dir + "/clip.safetensors";
        clipLarge = dir + "/clip-large.safetensors";
        vqgan = dir + "/vqgan.safetensors";
        clip::ClipConfig b32 = clip::vitB32Config(), l14 = clip::vitL14Config();
        vqgan::VqganConfig vc = vqgan::imagenetF16Config(16384);
        if (quick) {
            for (clip::ClipConfig* c : {&b32, &l14}) {
                c->visionLayers = {2};
                c->visionWidth = c->textWidth = 64;
                c->visionHeads = c->textHeads = 2;
                c->textLayers = 2;
                c->embedDim = 32;
            }
            b32.imageResolution = 64;
            l14.imageResolution = 56;
            vc.ch = 32;
            vc.chMult = {1, 1, 2, 2, 4};
            vc.nEmbed = 512;
            vc.embedDim = vc.zChannels = 32;
        }
        heads = b32.textHeads;
        largeHeads = l14.textHeads;
        torchutil::saveSafetensors(clip, clip::initClipWeights(b32, 1),
                                   {{"clip.text_heads", std::to_string(b32.textHeads)}, {"clip.vision_heads", std::to_string(b32.visionHeads)}});
        torchutil::saveSafetensors(clipLarge, clip::initClipWeights(l14, 3),
                                   {{"clip.text_heads", std::to_string(l14.textHeads)}, {"clip.vision_heads", std::to_string(l14.visionHeads)}});
        torchutil::saveSafetensors(vqgan, vqgan::initVqganWeights(vc, 2));
    }
    ~Models()
    {
        for (const std::string& f : {clip, clipLarge, vqgan}) unlink(f.c_str());
        rmdir(dir.c_str());
    }
};

double cosine(const std::vector<float>& a, const std::vector<float>& b)
{
    double dot = 0, na = 0, nb = 0;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        dot += double(a[i]) * b[i];
        na += double(a[i]) * a[i];
        nb += double(b[i]) * b[i];
    }
    return dot / std::sqrt(std::max(na * nb, 1e-300));
}

std::shared_ptr<ClipModel> loadClip(const std::string& path, const std::string& device)
{
    ClipLoadOptions o;
    o.device = device;
    return ClipModel::load(path, o);
}

GenerationSettings stepSettings(int side, int cutn, const std::string& device, bool fp16)
{
    GenerationSettings s;
    s.noisePrompts = {"7:1"}; // a random target in CLIP's space: the step's arithmetic without a tokenizer
    s.width = s.height = side;
    s.cutn = cutn;
    s.cutMethod = "original";
    s.augments = {};
    s.optimizer = "Adam";
    s.learningRate = 0.1;
    s.seed = 1;
    s.steps = 0;
    s.bf16 = fp16; // reduced precision for CLIP: fp16 on a GPU
    s.device = device;
    return s;
}

void parity(const Models& m, const std::string& device)
{
    std::printf("parity, %s against the CPU (fp32):\n", device.c_str());
    const auto cpu = loadClip(m.clip, "cpu");
    const auto gpu = loadClip(m.clip, device);
    const int ctx = cpu->info().contextLength;
    std::vector<std::vector<int>> ids;
    for (int row = 0; row < 4; ++row) {
        std::vector<int> t{49406};
        for (int i = 0; i < 5 + 3 * row && int(t.size()) < ctx - 1; ++i) t.push_back((row * 7919 + i * 104729) % 49000 + 1);
        t.push_back(49407);
        ids.push_back(t);
    }
    const auto textCpu = cpu->embedTokenIds(ids, false), textGpu = gpu->embedTokenIds(ids, false);
    double worst = 1;
    for (std::size_t i = 0; i < ids.size(); ++i) worst = std::min(worst, cosine(textCpu[i], textGpu[i]));
    verdict("CLIP text embeddings, lowest cosine", worst, 0.9999, true);
    const int r = cpu->info().imageResolution;
    const at::Tensor pixels = at::randn({4, 3, r, r}, at::detail::createCPUGenerator(5)).contiguous();
    const std::vector<float> px(pixels.data_ptr<float>(), pixels.data_ptr<float>() + pixels.numel());
    const auto imgCpu = cpu->embedPreprocessed(px, 4, false), imgGpu = gpu->embedPreprocessed(px, 4, false);
    worst = 1;
    for (std::size_t i = 0; i < imgCpu.size(); ++i) worst = std::min(worst, cosine(imgCpu[i], imgGpu[i]));
    verdict("CLIP image embeddings, lowest cosine", worst, 0.9999, true);

    const auto vq = VqganModel::load(m.vqgan);
    const vqgan::VqganNet& net = *vq->impl().net;
    torchutil::TensorMap moved;
    const c10::Device dev = device::torchDevice(chooseDevice(device).id);
    for (const auto& [name, t] : net.weights()) moved.emplace(name, t.to(dev));
    vqgan::VqganNet onGpu(net.config(), std::move(moved), "gpu copy");
    onGpu.setTamingOps(true);
    {
        c10::InferenceMode guard;
        const at::Tensor z = at::randn({1, net.config().embedDim, 16, 16}, at::detail::createCPUGenerator(9));
        const at::Tensor a = net.decode(z), b = onGpu.decode(z.to(dev)).cpu();
        verdict("VQGAN decode, max abs error", (a - b).abs().max().item<double>(), 1e-3, false);
        std::printf("  (decoded values span %.3g)\n", (a.max() - a.min()).item<double>());
    }

    const int side = m.heads == 2 ? 64 : 256; // quick models: 64x64
    std::vector<float> grads[2];
    for (int k = 0; k < 2; ++k) {
        GenerationRun run(k ? gpu : cpu, std::shared_ptr<VqganModel>(VqganModel::load(m.vqgan)), stepSettings(side, 8, k ? device : "cpu", false));
        run.start();
        run.step();
        grads[k] = run.lastGradient();
    }
    verdict("one step's latent gradient, cosine", cosine(grads[0], grads[1]), 0.999, true);
}

struct SpeedCase {
    const char* name;
    bool large;
    int side, cutn;
};

void speed(const Models& m, const std::string& device, bool quick, int steps)
{
    const DeviceDecision d = chooseDevice(device);
    const c10::Device dev = device::torchDevice(d.id);
    std::printf("generation on %s, %d steps after 3 warm-up steps (median s/step; peak = LibTorch's max allocated):\n", d.id.c_str(), steps);
    const std::vector<SpeedCase> cases = quick ? std::vector<SpeedCase>{{"ViT-B/32 (tiny)", false, 64, 8}, {"ViT-B/32 (tiny)", false, 128, 16}}
                                               : std::vector<SpeedCase>{{"ViT-B/32", false, 256, 32}, {"ViT-B/32", false, 512, 64}, {"ViT-L/14", true, 256, 32}};
    double peakSmall = 0, peakLarge = 0;
    for (const SpeedCase& c : cases) {
        const auto clip = loadClip(c.large ? m.clipLarge : m.clip, d.id);
        for (const bool fp16 : {true, false}) {
            GenerationRun run(clip, std::shared_ptr<VqganModel>(VqganModel::load(m.vqgan)), stepSettings(c.side, c.cutn, d.id, fp16));
            run.start();
            for (int i = 0; i < 3; ++i) run.step();
            if (!dev.is_cpu()) device::resetGpuPeak(dev.index());
            std::vector<double> times;
            for (int i = 0; i < steps; ++i) {
                if (!dev.is_cpu()) device::synchroniseGpu(dev.index());
                const auto t0 = Clock::now();
                run.step(); // ends with the frame on the host: the GPU's work is done
                times.push_back(std::chrono::duration<double>(Clock::now() - t0).count());
            }
            std::sort(times.begin(), times.end());
            const double peak = dev.is_cpu() ? 0 : gib(device::gpuMemory(dev.index()).peakAllocated);
            std::printf("  %-16s %4dx%-4d %3d cutouts, CLIP %s: %.4f s/step (%.1f steps/s), peak %.2f GiB\n", c.name, c.side, c.side, c.cutn,
                        fp16 ? (dev.is_cpu() ? "bf16" : "fp16") : "fp32", times[times.size() / 2], 1.0 / times[times.size() / 2], peak);
            if (!c.large && fp16 && c.side == cases[0].side) peakSmall = peak;
            if (!c.large && fp16 && c.side != cases[0].side) peakLarge = peak;
        }
    }
    if (peakLarge > peakSmall && !dev.is_cpu()) {
        // Peak memory grows with the picture's area (the decoder's activations) and the cutouts (CLIP's);
        // a straight line through the two ViT-B/32 sizes, cutouts scaled as they were.
        const double a0 = double(cases[0].side) * cases[0].side, a1 = double(cases[1].side) * cases[1].side;
        const double slope = (peakLarge - peakSmall) / (a1 - a0), base = peakSmall - slope * a0;
        const double budget = 8.0 - 0.5; // an 8 GB card less about 0.5 GiB for the CUDA context
        std::printf("  largest square that fits an 8 GB card (ViT-B/32, cutouts growing as above, fp16 CLIP): about %.0f px\n",
                    std::sqrt(std::max(0.0, (budget - base) / slope)));
    }
}

void gallery(const Models& m, const std::string& device, bool quick)
{
    const auto clip = loadClip(m.clip, device);
    const bool reduced = clip->useBf16Images(true);
    const int r = clip->info().imageResolution, batch = 64, rounds = quick ? 3 : 30;
    const at::Tensor pixels = at::randn({batch, 3, r, r}, at::detail::createCPUGenerator(11)).contiguous();
    const std::vector<float> px(pixels.data_ptr<float>(), pixels.data_ptr<float>() + pixels.numel());
    clip->embedPreprocessed(px, batch, true); // warm-up (cuDNN and allocator)
    const auto t0 = Clock::now();
    for (int i = 0; i < rounds; ++i) clip->embedPreprocessed(px, batch, true);
    const double s = std::chrono::duration<double>(Clock::now() - t0).count();
    std::printf("gallery embedding on %s, ViT-B/32 %s, batch %d (the model alone, host pixels in, embeddings out): %.0f images/s\n",
                clip->device().c_str(), reduced ? "reduced precision" : "fp32", batch, batch * rounds / s);
    std::printf("  the whole indexer (decoding, SQLite) needs the full build: pictor-cli index --device %s\n", clip->device().c_str());
}

void memory(const Models& m, const std::string& device)
{
    const DeviceDecision d = chooseDevice(device);
    const c10::Device dev = device::torchDevice(d.id);
    std::printf("out of memory on %s:\n", d.id.c_str());
    if (dev.is_cpu()) {
        std::printf("  skipped on the CPU\n");
        return;
    }
    const auto clip = loadClip(m.clip, d.id);
    const int64_t before = device::gpuMemory(dev.index()).freeBytes;
    std::string message;
    try {
        GenerationRun run(clip, std::shared_ptr<VqganModel>(VqganModel::load(m.vqgan)), stepSettings(4096, 512, d.id, false));
        run.start();
        for (int i = 0; i < 3; ++i) run.step();
    } catch (const Error& e) {
        message = e.what();
    }
    std::printf("  4096x4096, 512 cutouts: %s\n", message.empty() ? "it fitted (nothing to check)" : message.c_str());
    if (!message.empty()) verdict("the message says it ran out of memory", message.find("ran out of memory") != std::string::npos ? 1 : 0, 0.5, true);
    device::releaseCachedGpuMemory();
    const int64_t after = device::gpuMemory(dev.index()).freeBytes;
    verdict("memory back after the run (GiB missing)", std::max(0.0, gib(before - after)), 0.25, false);
    GenerationRun next(clip, std::shared_ptr<VqganModel>(VqganModel::load(m.vqgan)), stepSettings(256, 32, d.id, true));
    next.start();
    const GenerationFrame f = next.step();
    verdict("the next run's first step works (picture width)", f.image.width, 255, true);
}

} // namespace

int main(int argc, char** argv)
{
    std::string device = "auto", only;
    bool quick = false;
    int steps = 10;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--device") && i + 1 < argc) device = argv[++i];
        else if (!std::strcmp(argv[i], "--quick")) quick = true;
        else if (!std::strcmp(argv[i], "--steps") && i + 1 < argc) steps = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
        else {
            std::fprintf(stderr, "usage: gpu_check [--device cuda:N] [--quick] [--steps N] [--only parity|speed|gallery|memory]\n");
            return 2;
        }
    }
    try {
        const RuntimeInfo rt = runtimeInfo();
        const DeviceDecision d = chooseDevice(device);
        std::printf("gpu_check: LibTorch %s, %s\n", rt.torchVersion.c_str(), machineDescription().c_str());
        for (const ComputeDevice& c : computeDevices())
            std::printf("  device %-7s %s%s\n", c.id.c_str(), c.name.c_str(),
                        c.memoryBytes ? (", " + std::to_string(c.memoryBytes >> 20) + " MiB, compute capability " + c.capability).c_str() : "");
        std::printf("  runs on %s: %s\n", d.id.c_str(), d.why.c_str());
        const Models m(quick);
        if (only.empty() || only == "parity") parity(m, d.id);
        if (only.empty() || only == "speed") speed(m, d.id, quick, steps);
        if (only.empty() || only == "gallery") gallery(m, d.id, quick);
        if (only.empty() || only == "memory") memory(m, d.id);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "gpu_check: %s\n", e.what());
        return 1;
    }
    std::printf("gpu_check: %s\n", g_failed ? "SOME CHECKS FAILED" : "all checks passed");
    return g_failed ? 1 : 0;
}
