#pragma once
// What Gallery's parts (indexing, search, tags) share: the connections and the in-memory vectors.
#include "sqlite_db.h"
#include "vector_index.h"

#include <pictor/gallery.h>

#include <map>
#include <mutex>

namespace pictor::gallery {

/// What a search filter needs of each picture, kept beside the vectors.
struct PictureMeta {
    std::string path;
    std::string folder;
    std::string ext;
    int64_t takenAt = 0;
    int width = 0;
    int height = 0;
};

struct ModelVectors {
    int64_t modelId = 0;
    int64_t dataVersion = -1; ///< the database change counter the vectors were loaded at
    std::unique_ptr<VectorIndex> index;
    std::unordered_map<int64_t, PictureMeta> meta;
};

/// A picture decoded and preprocessed exactly as CLIP expects (the gallery's fast path).
struct DecodedPicture {
    std::vector<float> pixels; ///< planar [3][R][R]
    int width = 0;             ///< of the picture as displayed (after EXIF orientation)
    int height = 0;
    int orientation = 1;
    int64_t takenAt = 0;
};
DecodedPicture decodeForClip(const std::string& path, int resolution, int64_t maxPixels, bool reducedDecode);

/// Vectors are stored as fp16 blobs (fp32 blobs are read too).
std::vector<uint8_t> encodeVector(const Embedding& v);
Embedding decodeVector(const std::vector<uint8_t>& blob, int dim);

} // namespace pictor::gallery

namespace pictor {

struct Gallery::Impl {
    explicit Impl(const std::string& path) : writer(path), reader(path) {}
    gallery::Database writer; ///< the indexer's connection
    gallery::Database reader; ///< searches read a consistent snapshot while indexing writes
    std::mutex writeMutex;
    std::mutex readMutex;
    std::map<std::string, gallery::ModelVectors> vectors; ///< by model identity (guarded by readMutex)

    /// The id of a model, registering it on first use.
    int64_t modelId(const ClipModel& model);
    /// The vectors of a model, (re)loaded when the database changed since.
    gallery::ModelVectors& vectorsFor(const std::string& identity);
    std::string graphPath(int64_t modelId) const;
    /// Gallery::modelMismatch for a model whose identity the caller has computed already.
    std::string mismatch(const std::string& identity, const ClipModel& model);
};

} // namespace pictor
