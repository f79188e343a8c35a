// Gallery::index: scan, compare with the database, then a small pipeline — decoder threads
// turn files into CLIP-ready pixels while the calling thread embeds them in batches — with each
// batch committed in one transaction, so a killed run loses at most the batch in flight.
#include "gallery_impl.h"

#include "file_scan.h"

#include <pictor/error.h>
#include <pictor/runtime.h>

#include <QThread>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <thread>
#include <unordered_map>
#include <unordered_set>

namespace pictor {

using namespace gallery;

namespace {

using Clock = std::chrono::steady_clock;

struct ExistingRow {
    int64_t id = 0;
    int64_t size = 0;
    int64_t mtime = 0;
    std::string hash;
    bool failed = false;
    bool missing = false;
    bool embedded = false; ///< has a vector from this model
};

struct Job {
    ScannedFile file;
    std::string hash;
    int64_t rowId = 0;          ///< 0: a new row
    bool contentChanged = true; ///< other models' vectors of this row are stale
    bool isUpdate = false;
};

struct Decoded {
    std::size_t job = 0;
    DecodedPicture picture;
    std::string error;
};

/// Decoder threads pull jobs by index and push results; the queue is bounded so memory stays
/// flat however large the library is.
class DecodePipeline {
public:
    DecodePipeline(const std::vector<Job>& jobs, int threads, int resolution, int64_t maxPixels, bool reduced, std::size_t capacity)
        : m_jobs(jobs), m_capacity(capacity)
    {
        for (int t = 0; t < threads; ++t)
            m_threads.emplace_back([this, resolution, maxPixels, reduced] {
                for (;;) {
                    const std::size_t i = m_next.fetch_add(1);
                    if (i >= m_jobs.size() || m_stop) break;
                    Decoded d;
                    d.job = i;
                    try {
                        d.picture = decodeForClip(m_jobs[i].file.path, resolution, maxPixels, reduced);
                    } catch (const std::exception& e) {
                        d.error = e.what();
                    }
                    std::unique_lock lock(m_mutex);
                    m_space.wait(lock, [this] { return m_queue.size() < m_capacity || m_stop; });
                    if (m_stop) break;
                    m_queue.push_back(std::move(d));
                    m_ready.notify_one();
                }
                std::lock_guard lock(m_mutex);
                ++m_finished;
                m_ready.notify_all();
            });
    }
    ~DecodePipeline()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_space.notify_all();
        for (auto& t : m_threads) t.join();
    }
    /// The next decoded picture; false when every job has been handed out.
    bool next(Decoded& out)
    {
        std::unique_lock lock(m_mutex);
        m_ready.wait(lock, [this] { return !m_queue.empty() || m_finished == m_threads.size(); });
        if (m_queue.empty()) return false;
        out = std::move(m_queue.front());
        m_queue.pop_front();
        m_space.notify_one();
        return true;
    }

private:
    const std::vector<Job>& m_jobs;
    std::size_t m_capacity;
    std::atomic<std::size_t> m_next{0};
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::condition_variable m_ready, m_space;
    std::deque<Decoded> m_queue;
    std::size_t m_finished = 0;
    std::vector<std::thread> m_threads;
};

} // namespace

IndexSummary Gallery::index(const std::vector<std::string>& folders, const ClipModel& model, const IndexOptions& options)
{
    const auto start = Clock::now();
    std::lock_guard writeLock(d->writeMutex);
    Database& db = d->writer;
    IndexSummary summary;
    const int64_t modelId = d->modelId(model);
    ScanResult scan = scanFolders(folders);
    for (auto& [path, reason] : scan.problems) summary.failures.push_back({path, reason});

    // Rows under the folders being indexed, and rows already missing anywhere (moves in).
    std::unordered_map<std::string, ExistingRow> existing;
    std::unordered_multimap<std::string, std::pair<std::string, ExistingRow>> missingByHash;
    for (const auto& folder : folders) {
        Statement rows(db.handle(), "SELECT i.id, i.path, i.size, i.mtime, i.hash, i.error IS NOT NULL, i.missing,"
                                    " EXISTS(SELECT 1 FROM embeddings e WHERE e.image_id = i.id AND e.model_id = ?2)"
                                    " FROM images i WHERE " + std::string("(i.folder = ?1 OR substr(i.folder, 1, length(?1) + 1) = ?1 || '/')"));
        rows.bind(1, normalFolder(folder)).bind(2, modelId);
        while (rows.step())
            existing[rows.text(1)] = ExistingRow{rows.integer(0), rows.integer(2), rows.integer(3), rows.text(4), rows.integer(5) != 0,
                                                 rows.integer(6) != 0, rows.integer(7) != 0};
    }
    {
        Statement rows(db.handle(), "SELECT i.id, i.path, i.size, i.mtime, i.hash, i.error IS NOT NULL, i.missing,"
                                    " EXISTS(SELECT 1 FROM embeddings e WHERE e.image_id = i.id AND e.model_id = ?1) FROM images i WHERE i.missing = 1");
        rows.bind(1, modelId);
        while (rows.step())
            missingByHash.emplace(rows.text(4), std::make_pair(rows.text(1), ExistingRow{rows.integer(0), rows.integer(2), rows.integer(3), rows.text(4),
                                                                                          rows.integer(5) != 0, true, rows.integer(7) != 0}));
    }

    std::unordered_set<std::string> seen;
    std::vector<Job> candidates;
    std::vector<int64_t> unmissing;
    for (auto& f : scan.files) {
        seen.insert(f.path);
        const auto it = existing.find(f.path);
        if (it != existing.end() && it->second.size == f.size && it->second.mtime == f.mtime && (it->second.embedded || it->second.failed)) {
            if (it->second.missing) unmissing.push_back(it->second.id);
            ++summary.unchanged;
            continue;
        }
        Job job;
        job.file = f;
        try {
            job.hash = contentHash(f.path);
        } catch (const Error& e) {
            summary.failures.push_back({f.path, e.what()});
            ++summary.failed;
            continue;
        }
        if (it != existing.end()) {
            job.rowId = it->second.id;
            job.isUpdate = true;
            job.contentChanged = job.hash != it->second.hash;
        }
        candidates.push_back(std::move(job));
    }
    // Vanished rows: candidates for moves, otherwise marked missing.
    for (const auto& [path, row] : existing)
        if (!seen.count(path) && !row.missing) missingByHash.emplace(row.hash, std::make_pair(path, row));

    std::vector<Job> jobs;
    {
        Database::Transaction t(db);
        Statement move(db.handle(), "UPDATE images SET path = ?, folder = ?, ext = ?, size = ?, mtime = ?, missing = 0 WHERE id = ?");
        Statement unmiss(db.handle(), "UPDATE images SET missing = 0 WHERE id = ?");
        Statement findTwin(db.handle(), "SELECT e.vector, i.width, i.height, i.taken_at, i.orientation FROM images i JOIN embeddings e ON e.image_id = i.id"
                                        " WHERE i.hash = ? AND e.model_id = ? AND i.missing = 0 AND i.error IS NULL LIMIT 1");
        for (int64_t id : unmissing) unmiss.bind(1, id).run();
        for (Job& job : candidates) {
            if (!job.isUpdate) {
                const auto m = missingByHash.find(job.hash);
                if (m != missingByHash.end() && !m->second.second.failed) {
                    const ExistingRow row = m->second.second;
                    missingByHash.erase(m);
                    move.bind(1, job.file.path).bind(2, job.file.folder).bind(3, job.file.ext).bind(4, job.file.size).bind(5, job.file.mtime).bind(6, row.id).run();
                    ++summary.moved;
                    if (row.embedded) continue;
                    job.rowId = row.id;
                    job.isUpdate = true;
                    job.contentChanged = false;
                }
            }
            findTwin.bind(1, job.hash).bind(2, modelId);
            if (findTwin.step()) { // a copy of a file already embedded: reuse its vector
                const std::vector<uint8_t> vector = findTwin.blob(0);
                const int64_t width = findTwin.integer(1), height = findTwin.integer(2), taken = findTwin.integer(3), orientation = findTwin.integer(4);
                findTwin.reset();
                int64_t rowId = job.rowId;
                if (rowId) {
                    if (job.contentChanged) Statement(db.handle(), "DELETE FROM embeddings WHERE image_id = " + std::to_string(rowId)).run();
                    Statement up(db.handle(), "UPDATE images SET size = ?, mtime = ?, hash = ?, width = ?, height = ?, taken_at = ?, orientation = ?, error = NULL, missing = 0 WHERE id = ?");
                    up.bind(1, job.file.size).bind(2, job.file.mtime).bind(3, job.hash).bind(4, width).bind(5, height).bind(6, taken).bind(7, orientation).bind(8, rowId).run();
                } else {
                    Statement ins(db.handle(), "INSERT INTO images(path, folder, ext, size, mtime, hash, width, height, taken_at, orientation) VALUES(?,?,?,?,?,?,?,?,?,?)");
                    ins.bind(1, job.file.path).bind(2, job.file.folder).bind(3, job.file.ext).bind(4, job.file.size).bind(5, job.file.mtime).bind(6, job.hash)
                        .bind(7, width).bind(8, height).bind(9, taken).bind(10, orientation).run();
                    rowId = db.lastInsertId();
                }
                Statement vec(db.handle(), "INSERT OR REPLACE INTO embeddings(image_id, model_id, vector) VALUES(?, ?, ?)");
                vec.bind(1, rowId).bind(2, modelId).bindBlob(3, vector.data(), vector.size()).run();
                ++summary.reused;
                ++(job.isUpdate ? summary.updated : summary.added);
                continue;
            }
            findTwin.reset();
            jobs.push_back(std::move(job));
        }
        Statement gone(db.handle(), "UPDATE images SET missing = 1 WHERE id = ?");
        for (const auto& [hash, entry] : missingByHash) {
            (void)hash;
            if (entry.second.missing) continue; // gone before this run
            gone.bind(1, entry.second.id).run();
            ++summary.removed;
        }
        t.commit();
    }

    // Embed what is left, in batches, as decoded pictures arrive.
    const int decodeThreads = options.decodeThreads > 0 ? options.decodeThreads : std::max(1, QThread::idealThreadCount() / 2);
    const int batchSize = std::max(1, options.batchSize);
    const int resolution = model.info().imageResolution;
    IndexProgress progress;
    progress.total = int64_t(jobs.size());
    const auto embedStart = Clock::now();
    {
        DecodePipeline pipeline(jobs, decodeThreads, resolution, options.maxPixels, options.reducedDecode, std::size_t(batchSize) * 2);
        bool more = true;
        while (more) {
            std::vector<Decoded> batch, failed;
            std::vector<float> pixels;
            Decoded next;
            while (int(batch.size()) < batchSize && (more = pipeline.next(next))) {
                if (next.error.empty()) {
                    pixels.insert(pixels.end(), next.picture.pixels.begin(), next.picture.pixels.end());
                    next.picture.pixels.clear();
                    batch.push_back(std::move(next));
                } else {
                    failed.push_back(std::move(next));
                }
            }
            if (batch.empty() && failed.empty()) break;
            std::vector<Embedding> vectors;
            if (!batch.empty()) vectors = model.embedPreprocessed(pixels, int(batch.size()));
            Database::Transaction t(db);
            Statement clearOld(db.handle(), "DELETE FROM embeddings WHERE image_id = ?");
            Statement update(db.handle(), "UPDATE images SET size = ?, mtime = ?, hash = ?, width = ?, height = ?, taken_at = ?, orientation = ?, error = ?, missing = 0 WHERE id = ?");
            Statement insert(db.handle(), "INSERT INTO images(size, mtime, hash, width, height, taken_at, orientation, error, path, folder, ext) VALUES(?,?,?,?,?,?,?,?,?,?,?)");
            Statement vec(db.handle(), "INSERT OR REPLACE INTO embeddings(image_id, model_id, vector) VALUES(?, ?, ?)");
            auto writeRow = [&](const Job& job, const DecodedPicture* pic, const std::string& error) -> int64_t {
                Statement& s = job.rowId ? update : insert;
                s.bind(1, job.file.size).bind(2, job.file.mtime).bind(3, job.hash);
                if (pic) s.bind(4, int64_t(pic->width)).bind(5, int64_t(pic->height)).bind(7, int64_t(pic->orientation));
                else s.bindNull(4).bindNull(5).bindNull(7);
                if (pic && pic->takenAt) s.bind(6, pic->takenAt);
                else s.bindNull(6);
                if (error.empty()) s.bindNull(8);
                else s.bind(8, error);
                if (job.rowId) s.bind(9, job.rowId);
                else s.bind(9, job.file.path).bind(10, job.file.folder).bind(11, job.file.ext);
                s.run();
                return job.rowId ? job.rowId : db.lastInsertId();
            };
            for (std::size_t i = 0; i < batch.size(); ++i) {
                const Job& job = jobs[batch[i].job];
                if (job.rowId && job.contentChanged) clearOld.bind(1, job.rowId).run();
                const int64_t rowId = writeRow(job, &batch[i].picture, {});
                const std::vector<uint8_t> blob = encodeVector(vectors[i]);
                vec.bind(1, rowId).bind(2, modelId).bindBlob(3, blob.data(), blob.size()).run();
                ++(job.isUpdate ? summary.updated : summary.added);
            }
            for (const Decoded& f : failed) {
                const Job& job = jobs[f.job];
                if (job.rowId) clearOld.bind(1, job.rowId).run();
                writeRow(job, nullptr, f.error);
                summary.failures.push_back({job.file.path, f.error});
                ++summary.failed;
            }
            t.commit();
            progress.done += int64_t(batch.size() + failed.size());
            const double secs = std::chrono::duration<double>(Clock::now() - embedStart).count();
            progress.imagesPerSecond = secs > 0 ? double(progress.done) / secs : 0;
            progress.etaSeconds = progress.imagesPerSecond > 0 ? double(progress.total - progress.done) / progress.imagesPerSecond : 0;
            progress.current = jobs[(batch.empty() ? failed.back() : batch.back()).job].file.path;
            if (options.progress) options.progress(progress);
            if (options.cancel && options.cancel->load()) {
                summary.cancelled = true;
                break;
            }
        }
    }
    summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return summary;
}

} // namespace pictor
