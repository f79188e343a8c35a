#pragma once
// The photo gallery: a persistent SQLite index of CLIP embeddings for the user's folders, and
// search by description, by example or both. Plain types only (the GUI and CLI include this).
#include <pictor/clip_model.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace pictor {

struct IndexProgress {
    int64_t done = 0;  ///< files examined so far (embedded, reused or failed)
    int64_t total = 0; ///< files that need work in this run
    double imagesPerSecond = 0;
    double etaSeconds = 0;
    std::string current; ///< the file just finished
};

struct IndexFailure {
    std::string path;
    std::string reason;
};

struct IndexSummary {
    int64_t added = 0;     ///< new files (embedded, or their embedding reused from an identical file)
    int64_t updated = 0;   ///< changed files embedded again
    int64_t unchanged = 0; ///< nothing to do
    int64_t moved = 0;     ///< renamed or moved files, recognised by content
    int64_t removed = 0;   ///< files that vanished from the folders
    int64_t failed = 0;    ///< files that could not be read (reasons in failures)
    int64_t reused = 0;    ///< of added + updated: embeddings copied from a file with the same content
    std::vector<IndexFailure> failures;
    double seconds = 0;
    bool cancelled = false;
};

struct IndexOptions {
    int batchSize = 16;
    int decodeThreads = 0;                    ///< 0: one per two cores, at least one
    int64_t maxPixels = 100'000'000;          ///< larger images are refused before decoding
    bool reducedDecode = true;                ///< JPEG DCT-domain downscale (the fast path)
    std::function<void(const IndexProgress&)> progress;
    const std::atomic<bool>* cancel = nullptr; ///< set to stop after the current batch (finished work is kept)
};

/// One term of a query: text, or an image file; weights are negative for "-" terms.
struct QueryTerm {
    double weight = 1;
    bool image = false;
    std::string text; ///< the text, or the image's path
};

/// rclip-style query syntax: terms joined by " + " and " - ", each optionally prefixed by a
/// weight "2:" or "0.5:"; a term that names an existing file is an image query; quotes around a
/// term are removed. Throws pictor::Error on an empty query.
std::vector<QueryTerm> parseGalleryQuery(const std::string& query);

enum class SearchSort { Relevance, DateNewest, DateOldest };

struct SearchOptions {
    int top = 20;
    std::string folder;               ///< only files under this folder (empty: all)
    int64_t after = INT64_MIN;        ///< only pictures taken (EXIF, else file time) at or after (Unix seconds)
    int64_t before = INT64_MAX;       ///< ... and before
    std::vector<std::string> types;   ///< extensions without dot, lower case ("jpg", "png"); empty: all
    std::string tag;                  ///< only pictures auto-tagged with this label
    double minScore = -2;             ///< relevance cut-off on the cosine (see Gallery::defaultMinScore)
    SearchSort sort = SearchSort::Relevance;
    bool approximate = true;          ///< use the approximate index when the library is large...
    int64_t approximateAbove = 50'000; ///< ... from this many pictures (exact search is faster below)
};

struct SearchHit {
    int64_t id = 0;
    std::string path;
    double score = 0; ///< cosine similarity of the combined query with the picture
    int64_t takenAt = 0;
    int width = 0;
    int height = 0;
};

struct GalleryStats {
    int64_t images = 0;   ///< present files with an embedding from the model asked about
    int64_t failed = 0;
    int64_t missing = 0;
    std::vector<std::string> folders;
};

struct TagSummary {
    int64_t images = 0;
    std::vector<std::pair<std::string, int64_t>> counts; ///< label -> pictures that received it
};

class Gallery {
public:
    /// Opens (creating, or migrating to the current schema) the index file. Throws pictor::Error.
    static std::unique_ptr<Gallery> open(const std::string& dbPath);
    /// The default index: <app data>/gallery.sqlite3 (e.g. ~/.local/share/pictor/).
    static std::string defaultDbPath();
    /// A cosine below which a text match is noise, for this model (CLIP ViT-B/32: ~0.2).
    static double defaultMinScore(const ClipModel& model);
    ~Gallery();

    /// Indexes folders (recursively) with the model: embeds new or changed files, recognises
    /// moves by content, marks vanished files. Safe to interrupt at any point.
    IndexSummary index(const std::vector<std::string>& folders, const ClipModel& model, const IndexOptions& options = {});

    /// Searches with a query in parseGalleryQuery's syntax; an image term's file is left out of
    /// the results. With no result above options.minScore the list is empty.
    std::vector<SearchHit> search(const std::string& query, const ClipModel& model, const SearchOptions& options = {});
    /// Searches with a ready (normalised) query vector from the model with this identity.
    std::vector<SearchHit> searchVector(const Embedding& query, const std::string& modelId, const SearchOptions& options = {},
                                        const std::vector<std::string>& excludePaths = {});

    /// Groups of near-identical pictures (cosine >= threshold), largest groups first.
    std::vector<std::vector<SearchHit>> duplicates(const ClipModel& model, double threshold = 0.95);

    /// Zero-shot tags: each picture gets every label whose probability (softmax over the labels,
    /// CLIP's scale) reaches the threshold. Stored; searchable with SearchOptions::tag.
    TagSummary tag(const std::vector<std::string>& labels, const ClipModel& model, double threshold = 0.5);
    std::vector<std::string> tagsOf(const std::string& path);

    GalleryStats stats(const ClipModel& model);
    /// Empty when the model can search this library; otherwise why not: the library holds only
    /// other models' vectors (which cannot be compared with this model's), naming them and saying
    /// how to index it again. search() throws this message, changing nothing.
    std::string modelMismatch(const ClipModel& model);
    std::vector<IndexFailure> failures();
    /// PRAGMA integrity_check == "ok".
    bool integrityOk();

    /// The identity embeddings are stored under: never mixes two models' vectors.
    static std::string modelIdentity(const ClipModel& model);

    struct Impl;

private:
    explicit Gallery(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace pictor
