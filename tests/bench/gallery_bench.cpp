// gallery_bench: indexing throughput on 12-megapixel JPEGs with a ViT-B/32-sized CLIP (random
// weights) — Pictor's reduced decoding + pipeline against full decoding one image at a time as
// rclip does — and query latency / memory / recall of exact and approximate search on synthetic
// 512-d vectors. Prints figures; asserts nothing.
#include "photo_files.h"

#include "clip/clip_init.h"
#include "gallery/gallery_impl.h"
#include "image/image.h"
#include "torch/tensor_loader.h"

#include <pictor/gallery.h>
#include <pictor/runtime.h>

#include <QCoreApplication>
#include <QDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <sys/resource.h>

using namespace pictor;
using Clock = std::chrono::steady_clock;

namespace {

double since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

double rssMiB()
{
    FILE* f = std::fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return double(resident) * 4096.0 / (1024.0 * 1024.0);
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p * double(v.size())))];
}

std::vector<float> unit(std::vector<float> v)
{
    double s = 0;
    for (float x : v) s += double(x) * x;
    for (float& x : v) x = float(x / std::sqrt(s));
    return v;
}

void benchIndexing(int count)
{
    const clip::ClipConfig c = clip::vitB32Config();
    const QString dir = QDir::tempPath() + "/gallery_bench";
    QDir(dir).removeRecursively();
    QDir().mkpath(dir + "/photos");
    const std::string modelPath = (dir + "/vit-b-32.safetensors").toStdString();
    torchutil::saveSafetensors(modelPath, clip::initClipWeights(c, 1));
    const auto model = ClipModel::load(modelPath);
    std::vector<std::string> files;
    for (int i = 0; i < count; ++i) {
        files.push_back((dir + "/photos/p" + QString::number(i) + ".jpg").toStdString());
        test::writePhoto(files.back(), test::PhotoSpec{4000, 3000, unsigned(i), 1, "2024:01:01 12:00:00", 92});
    }
    std::printf("indexing %d JPEGs of 4000x3000 (12 MP), ViT-B/32 (random weights), %d threads\n", count, computeThreads());

    // rclip's way: decode each file fully, preprocess, embed in batches of 8, one after another.
    auto t0 = Clock::now();
    double decodeSeconds = 0;
    std::vector<float> batch;
    int inBatch = 0;
    for (const auto& f : files) {
        const auto td = Clock::now();
        image::LoadOptions o;
        o.applyExifOrientation = true;
        o.colour = true;
        const auto pixels = image::clipPreprocess(image::loadImage(f, o), 224);
        decodeSeconds += since(td);
        batch.insert(batch.end(), pixels.begin(), pixels.end());
        if (++inBatch == 8) {
            model->embedPreprocessed(batch, inBatch);
            batch.clear();
            inBatch = 0;
        }
    }
    if (inBatch) model->embedPreprocessed(batch, inBatch);
    const double baseline = since(t0);
    std::printf("  full decode, one at a time:   %6.2f img/s  (%.0f ms/img decode+preprocess)\n", count / baseline, 1000 * decodeSeconds / count);

    // Pictor: reduced JPEG decoding in decoder threads while the model embeds; first in fp32 (the
    // same model as above), then as shipped (image tower in bf16 where the CPU has it).
    double ours = 0;
    for (const bool bf16 : {false, true}) {
        if (bf16 && !model->useBf16Images(true)) break;
        auto gallery = Gallery::open((dir + (bf16 ? "/index-bf16.sqlite3" : "/index.sqlite3")).toStdString());
        t0 = Clock::now();
        const IndexSummary s = gallery->index({(dir + "/photos").toStdString()}, *model);
        ours = since(t0);
        std::printf("  Pictor (reduced + pipeline%s): %6.2f img/s  (%lld indexed)  speed-up %.1fx\n", bf16 ? ", bf16" : ", fp32", count / ours,
                    static_cast<long long>(s.added), baseline / ours);
        t0 = Clock::now();
        gallery->index({(dir + "/photos").toStdString()}, *model);
        std::printf("  re-index, nothing changed:    %6.3f s\n", since(t0));
    }
    QDir(dir).removeRecursively();
}

void benchSearch(std::size_t n, bool approximate)
{
    const int dim = 512, queries = 200;
    std::mt19937 rng(42);
    std::normal_distribution<float> g;
    // Clustered vectors, as real embeddings are: 2000 centres, each point a noisy copy.
    std::vector<std::vector<float>> centres(2000);
    for (auto& c : centres) {
        c.resize(dim);
        for (float& x : c) x = g(rng);
        c = unit(c);
    }
    const double before = rssMiB();
    gallery::VectorIndex index(dim);
    std::vector<float> v(dim);
    for (std::size_t i = 0; i < n; ++i) {
        const auto& c = centres[rng() % centres.size()];
        for (int d = 0; d < dim; ++d) v[std::size_t(d)] = c[std::size_t(d)] + 0.06f * g(rng);
        v = unit(v);
        index.put(int64_t(i), v.data());
    }
    std::vector<std::vector<float>> qs(queries);
    for (auto& q : qs) {
        const auto& c = centres[rng() % centres.size()];
        q.resize(dim);
        for (int d = 0; d < dim; ++d) q[std::size_t(d)] = c[std::size_t(d)] + 0.06f * g(rng);
        q = unit(q);
    }
    std::vector<double> exactMs;
    std::vector<std::vector<gallery::Scored>> truth;
    for (const auto& q : qs) {
        const auto t = Clock::now();
        truth.push_back(index.exactTop(q.data(), 10, -2, nullptr));
        exactMs.push_back(1000 * since(t));
    }
    std::printf("  %8zu vectors  exact (fp16):  p50 %7.2f ms  p99 %7.2f ms  memory %6.0f MiB\n", n, percentile(exactMs, 0.5), percentile(exactMs, 0.99),
                rssMiB() - before);
    std::fflush(stdout);
    if (!approximate) return;
    const auto tb = Clock::now();
    index.buildGraph();
    const double build = since(tb);
    // The search breadth (hnswlib's ef) trades time for recall: a sweep, the shipped default marked.
    for (const std::size_t ef : {std::size_t(128), std::size_t(256), gallery::VectorIndex::kDefaultSearchBreadth, std::size_t(1024)}) {
        index.setSearchBreadth(ef);
        std::vector<double> approxMs;
        int hits = 0;
        for (std::size_t i = 0; i < qs.size(); ++i) {
            const auto t = Clock::now();
            const auto found = index.approximateTop(qs[i].data(), 10, -2, nullptr);
            approxMs.push_back(1000 * since(t));
            for (const auto& e : truth[i])
                for (const auto& a : found) hits += a.id == e.id;
        }
        std::printf("  %8zu vectors  hnsw (M 16, ef %4zu%s): p50 %7.2f ms  p99 %7.2f ms  memory %6.0f MiB  recall@10 %.3f  build %.0f s\n", n, ef,
                    ef == gallery::VectorIndex::kDefaultSearchBreadth ? ", default" : "", percentile(approxMs, 0.5), percentile(approxMs, 0.99),
                    rssMiB() - before, double(hits) / (10.0 * queries), build);
        std::fflush(stdout);
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    int images = 24;
    std::vector<std::size_t> sizes = {10'000, 100'000};
    bool indexing = true, approximate = true;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--images") && i + 1 < argc) images = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--sizes") && i + 1 < argc) {
            sizes.clear();
            for (const QString& s : QString(argv[++i]).split(',')) sizes.push_back(std::size_t(s.toLongLong()));
        } else if (!std::strcmp(argv[i], "--no-indexing")) indexing = false;
        else if (!std::strcmp(argv[i], "--exact-only")) approximate = false;
        else {
            std::printf("usage: gallery_bench [--images N] [--sizes 10000,100000,1000000] [--no-indexing] [--exact-only]\n");
            return 2;
        }
    }
    setComputeThreads(0);
    const RuntimeInfo rt = runtimeInfo();
    std::printf("gallery_bench: %d threads, BLAS %s, bf16 %s\n", rt.threads, rt.blasLibrary.c_str(), rt.bf16 ? "yes" : "no");
    if (indexing) benchIndexing(images);
    std::printf("search, 512-d clustered synthetic vectors, top 10, 200 queries:\n");
    for (std::size_t n : sizes) benchSearch(n, approximate);
    return 0;
}
