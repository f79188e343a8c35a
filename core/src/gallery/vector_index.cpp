#include "vector_index.h"

#include <pictor/error.h>
#include <pictor/model_file.h>

#include "../io/atomic_file.h"

#if defined(__SANITIZE_ADDRESS__)
// hnswlib 0.6.2 prefetches the entry one past the end of a link list: harmless (a prefetch hint
// inside malloc's padding), but a heap-buffer-overflow to AddressSanitizer. Its scalar code has no
// prefetches, so the sanitizer build uses that.
#define NO_MANUAL_VECTORIZATION
#endif
#include <hnswlib/hnswlib.h>

#include <QFile>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <atomic>
#include <queue>
#include <thread>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace pictor::gallery {

uint16_t floatToHalf(float f)
{
    uint32_t x;
    std::memcpy(&x, &f, 4);
    const uint32_t sign = (x >> 16) & 0x8000;
    const uint32_t absx = x & 0x7fffffff;
    if (absx >= 0x7f800000) return uint16_t(sign | 0x7c00 | (absx > 0x7f800000 ? 0x200 : 0)); // inf / nan
    if (absx >= 0x477ff000) return uint16_t(sign | 0x7c00);                                    // overflow
    if (absx < 0x38800000) {                                                                   // subnormal or zero
        const int shift = 113 - int(absx >> 23);
        if (shift > 24) return uint16_t(sign);
        const uint32_t mant = (absx & 0x7fffff) | 0x800000;
        uint32_t h = mant >> (shift + 13);
        const uint32_t rem = mant & ((1u << (shift + 13)) - 1), half = 1u << (shift + 12);
        if (rem > half || (rem == half && (h & 1))) ++h;
        return uint16_t(sign | h);
    }
    uint32_t h = ((absx - 0x38000000) >> 13);
    const uint32_t rem = absx & 0x1fff;
    if (rem > 0x1000 || (rem == 0x1000 && (h & 1))) ++h; // round to nearest even
    return uint16_t(sign | h);
}

float halfToFloat(uint16_t h)
{
    const uint32_t sign = uint32_t(h & 0x8000) << 16;
    uint32_t exp = (h >> 10) & 0x1f, mant = h & 0x3ff, x;
    if (exp == 0) {
        if (mant == 0) x = sign;
        else {
            exp = 113;
            while (!(mant & 0x400)) {
                mant <<= 1;
                --exp;
            }
            x = sign | (exp << 23) | ((mant & 0x3ff) << 13);
        }
    } else if (exp == 31) x = sign | 0x7f800000 | (mant << 13);
    else x = sign | ((exp + 112) << 23) | (mant << 13);
    float f;
    std::memcpy(&f, &x, 4);
    return f;
}

namespace {

float dotHalfScalar(const uint16_t* row, const float* v, int dim)
{
    float s = 0;
    for (int i = 0; i < dim; ++i) s += halfToFloat(row[i]) * v[i];
    return s;
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma,f16c"))) float dotHalfAvx2(const uint16_t* row, const float* v, int dim)
{
    __m256 acc0 = _mm256_setzero_ps(), acc1 = _mm256_setzero_ps();
    int i = 0;
    for (; i + 16 <= dim; i += 16) {
        const __m256 a0 = _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(row + i)));
        const __m256 a1 = _mm256_cvtph_ps(_mm_loadu_si128(reinterpret_cast<const __m128i*>(row + i + 8)));
        acc0 = _mm256_fmadd_ps(a0, _mm256_loadu_ps(v + i), acc0);
        acc1 = _mm256_fmadd_ps(a1, _mm256_loadu_ps(v + i + 8), acc1);
    }
    const __m256 acc = _mm256_add_ps(acc0, acc1);
    __m128 lo = _mm_add_ps(_mm256_castps256_ps128(acc), _mm256_extractf128_ps(acc, 1));
    lo = _mm_hadd_ps(lo, lo);
    lo = _mm_hadd_ps(lo, lo);
    float s = _mm_cvtss_f32(lo);
    for (; i < dim; ++i) s += halfToFloat(row[i]) * v[i];
    return s;
}

bool cpuHasAvx2F16c()
{
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
    return has;
}
#endif

} // namespace

float dotHalf(const uint16_t* row, const float* v, int dim)
{
#if defined(__x86_64__)
    if (cpuHasAvx2F16c()) return dotHalfAvx2(row, v, dim);
#endif
    return dotHalfScalar(row, v, dim);
}

struct VectorIndex::Graph {
    explicit Graph(int dim) : space(std::size_t(dim)) {}
    hnswlib::InnerProductSpace space;
    std::unique_ptr<hnswlib::HierarchicalNSW<float>> hnsw;
    std::size_t deleted = 0;
};

VectorIndex::VectorIndex(int dim) : m_dim(dim) {}
VectorIndex::~VectorIndex() = default;

void VectorIndex::put(int64_t id, const float* v)
{
    auto it = m_row.find(id);
    std::size_t row;
    if (it == m_row.end()) {
        row = m_ids.size();
        m_ids.push_back(id);
        m_data.resize(m_data.size() + std::size_t(m_dim));
        m_row.emplace(id, row);
    } else {
        row = it->second;
    }
    uint16_t* dst = m_data.data() + row * std::size_t(m_dim);
    for (int i = 0; i < m_dim; ++i) dst[i] = floatToHalf(v[i]);
    if (m_graph) {
        auto& h = *m_graph->hnsw;
        if (h.cur_element_count >= h.max_elements_) h.resizeIndex(std::max<std::size_t>(h.max_elements_ * 2, 1024));
        h.addPoint(v, hnswlib::labeltype(id)); // re-adding a label updates it (and clears a tombstone)
    }
}

void VectorIndex::remove(int64_t id)
{
    auto it = m_row.find(id);
    if (it == m_row.end()) return;
    const std::size_t row = it->second, last = m_ids.size() - 1;
    if (row != last) { // swap the last row into the hole
        std::copy_n(m_data.data() + last * std::size_t(m_dim), m_dim, m_data.data() + row * std::size_t(m_dim));
        m_ids[row] = m_ids[last];
        m_row[m_ids[row]] = row;
    }
    m_ids.pop_back();
    m_data.resize(m_ids.size() * std::size_t(m_dim));
    m_row.erase(id);
    if (m_graph) {
        try {
            m_graph->hnsw->markDelete(hnswlib::labeltype(id));
            ++m_graph->deleted;
        } catch (const std::exception&) {
        }
        if (m_graph->deleted > m_ids.size() / 5 + 100) m_graph.reset(); // too many tombstones: rebuilt on next use
    }
}

std::vector<float> VectorIndex::vector(int64_t id) const
{
    std::vector<float> out(static_cast<std::size_t>(m_dim));
    const uint16_t* src = m_data.data() + m_row.at(id) * std::size_t(m_dim);
    for (int i = 0; i < m_dim; ++i) out[std::size_t(i)] = halfToFloat(src[i]);
    return out;
}

std::vector<Scored> VectorIndex::exactTop(const float* q, int k, float minScore, const std::function<bool(int64_t)>& keep) const
{
    auto worse = [](const Scored& a, const Scored& b) { return a.score > b.score; }; // min-heap on score
    std::vector<Scored> heap;
    const std::size_t n = m_ids.size();
    for (std::size_t r = 0; r < n; ++r) {
        const float s = dotHalf(m_data.data() + r * std::size_t(m_dim), q, m_dim);
        if (s < minScore) continue;
        if (k > 0 && heap.size() == std::size_t(k) && s <= heap.front().score) continue;
        if (keep && !keep(m_ids[r])) continue;
        heap.push_back({m_ids[r], s});
        std::push_heap(heap.begin(), heap.end(), worse);
        if (k > 0 && heap.size() > std::size_t(k)) {
            std::pop_heap(heap.begin(), heap.end(), worse);
            heap.pop_back();
        }
    }
    std::sort(heap.begin(), heap.end(), [](const Scored& a, const Scored& b) { return a.score > b.score || (a.score == b.score && a.id < b.id); });
    return heap;
}

void VectorIndex::buildGraph()
{
    m_graph = std::make_unique<Graph>(m_dim);
    const std::size_t n = m_ids.size();
    m_graph->hnsw = std::make_unique<hnswlib::HierarchicalNSW<float>>(&m_graph->space, std::max<std::size_t>(n, 1024), 16, 100, 100);
    // hnswlib inserts are thread-safe: one inserting thread per core.
    const unsigned threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    std::atomic<std::size_t> next{0};
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t)
        workers.emplace_back([&] {
            std::vector<float> v(static_cast<std::size_t>(m_dim));
            for (std::size_t r; (r = next.fetch_add(1)) < n;) {
                for (int i = 0; i < m_dim; ++i) v[std::size_t(i)] = halfToFloat(m_data[r * std::size_t(m_dim) + std::size_t(i)]);
                m_graph->hnsw->addPoint(v.data(), hnswlib::labeltype(m_ids[r]));
            }
        });
    for (auto& w : workers) w.join();
}

std::vector<Scored> VectorIndex::approximateTop(const float* q, int k, float minScore, const std::function<bool(int64_t)>& keep)
{
    if (!m_graph) buildGraph();
    if (m_ids.empty() || k <= 0) return {};
    const std::size_t want = std::min(m_ids.size(), std::size_t(keep ? k * 10 : k));
    m_graph->hnsw->setEf(std::max(want, m_searchBreadth));
    auto found = m_graph->hnsw->searchKnn(q, want);
    std::vector<Scored> out;
    while (!found.empty()) {
        const auto [distance, label] = found.top();
        found.pop();
        const int64_t id = int64_t(label);
        // Score from the stored fp16 row: the same number exact search gives.
        const auto row = m_row.find(id);
        if (row == m_row.end()) continue;
        const float s = dotHalf(m_data.data() + row->second * std::size_t(m_dim), q, m_dim);
        (void)distance;
        if (s < minScore || (keep && !keep(id))) continue;
        out.push_back({id, s});
    }
    std::sort(out.begin(), out.end(), [](const Scored& a, const Scored& b) { return a.score > b.score || (a.score == b.score && a.id < b.id); });
    if (out.size() > std::size_t(k)) out.resize(std::size_t(k));
    return out;
}

void VectorIndex::saveGraph(const std::string& path) const
{
    if (!m_graph) return;
    const std::string tmp = path + ".tmp";
    m_graph->hnsw->saveIndex(tmp);
    // A checksum beside it: the graph reader trusts its input, so only our own intact file is read.
    std::string checksum;
    try {
        checksum = sha256File(tmp);
    } catch (const Error&) {
        return;
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) return;
    try {
        io::writeFileAtomic(path + ".sha256", checksum);
    } catch (const Error&) {
        // A missing or stale checksum only means the graph is rebuilt next time.
    }
}

bool VectorIndex::loadGraph(const std::string& path)
{
    QFile sum(QString::fromStdString(path + ".sha256"));
    if (!sum.open(QIODevice::ReadOnly)) return false;
    try {
        if (QByteArray::fromStdString(sha256File(path)) != sum.readAll().trimmed()) return false;
        auto g = std::make_unique<Graph>(m_dim);
        g->hnsw = std::make_unique<hnswlib::HierarchicalNSW<float>>(&g->space, path, false, std::max<std::size_t>(m_ids.size(), 1024));
        // hnswlib 0.6.2 leaves its tombstone counter uninitialised when loading: count them here.
        std::size_t tombstones = 0;
        for (const auto& [label, internal] : g->hnsw->label_lookup_) tombstones += g->hnsw->isMarkedDeleted(internal) ? 1 : 0;
        g->hnsw->num_deleted_ = tombstones;
        // Bring it in step with the rows: drop labels no longer present, add the new ones.
        std::vector<hnswlib::labeltype> stale;
        for (const auto& [label, internal] : g->hnsw->label_lookup_)
            if (!m_row.count(int64_t(label)) && !g->hnsw->isMarkedDeleted(internal)) stale.push_back(label);
        for (auto label : stale) g->hnsw->markDelete(label);
        g->deleted = g->hnsw->num_deleted_;
        if (g->deleted > m_ids.size() / 5 + 100) return false;
        m_graph = std::move(g);
        std::vector<float> v(static_cast<std::size_t>(m_dim));
        for (std::size_t r = 0; r < m_ids.size(); ++r) {
            const auto it = m_graph->hnsw->label_lookup_.find(hnswlib::labeltype(m_ids[r]));
            if (it != m_graph->hnsw->label_lookup_.end() && !m_graph->hnsw->isMarkedDeleted(it->second)) continue;
            for (int i = 0; i < m_dim; ++i) v[std::size_t(i)] = halfToFloat(m_data[r * std::size_t(m_dim) + std::size_t(i)]);
            auto& hn = *m_graph->hnsw;
            if (hn.cur_element_count >= hn.max_elements_) hn.resizeIndex(hn.max_elements_ * 2);
            hn.addPoint(v.data(), hnswlib::labeltype(m_ids[r]));
        }
        return true;
    } catch (const std::exception&) {
        m_graph.reset();
        return false;
    }
}

std::vector<std::pair<int64_t, int64_t>> VectorIndex::pairsAbove(float threshold) const
{
    std::vector<std::pair<int64_t, int64_t>> out;
    const std::size_t n = m_ids.size();
    std::vector<float> a(static_cast<std::size_t>(m_dim));
    for (std::size_t i = 0; i < n; ++i) {
        for (int d = 0; d < m_dim; ++d) a[std::size_t(d)] = halfToFloat(m_data[i * std::size_t(m_dim) + std::size_t(d)]);
        for (std::size_t j = i + 1; j < n; ++j)
            if (dotHalf(m_data.data() + j * std::size_t(m_dim), a.data(), m_dim) >= threshold) out.emplace_back(m_ids[i], m_ids[j]);
    }
    return out;
}

} // namespace pictor::gallery
