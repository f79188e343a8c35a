#include "gallery_impl.h"

#include "file_scan.h"
#include "image_probe.h"

#include "../image/image.h"

#include <pictor/error.h>

#include <QDir>
#include <QStandardPaths>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <unordered_set>

namespace pictor {

using namespace gallery;

namespace gallery {

std::vector<uint8_t> encodeVector(const Embedding& v)
{
    std::vector<uint8_t> out(v.size() * 2);
    for (std::size_t i = 0; i < v.size(); ++i) {
        const uint16_t h = floatToHalf(v[i]);
        out[2 * i] = uint8_t(h & 0xff);
        out[2 * i + 1] = uint8_t(h >> 8);
    }
    return out;
}

Embedding decodeVector(const std::vector<uint8_t>& blob, int dim)
{
    Embedding v(static_cast<std::size_t>(dim));
    if (blob.size() == std::size_t(dim) * 2) {
        for (int i = 0; i < dim; ++i) v[std::size_t(i)] = halfToFloat(uint16_t(blob[2 * std::size_t(i)] | blob[2 * std::size_t(i) + 1] << 8));
    } else if (blob.size() == std::size_t(dim) * 4) {
        std::memcpy(v.data(), blob.data(), blob.size());
    } else {
        throw Error("a stored embedding has the wrong size");
    }
    return v;
}

DecodedPicture decodeForClip(const std::string& path, int resolution, int64_t maxPixels, bool reducedDecode)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open the file (permissions?)");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0) throw Error("cannot read the file");
    if (size == 0) throw Error("the file is empty");
    if (size > (std::streamoff(1) << 30)) throw Error("larger than 1 GiB");
    in.seekg(0);
    std::string bytes(std::size_t(size), '\0');
    if (!in.read(bytes.data(), size)) throw Error("cannot read the file (I/O error)");
    const ImageProbe probe = probeImage(bytes);
    if (probe.format.empty()) throw Error("not a picture (unknown format)");
    if (int64_t(probe.width) * probe.height > maxPixels)
        throw Error("too large (" + std::to_string(probe.width) + "x" + std::to_string(probe.height) + " pixels; the limit is " +
                    std::to_string(maxPixels / 1'000'000) + " megapixels)");
    if (probe.format == "jpeg") {
        // libjpeg only warns about a missing end and fills the rest with grey: refuse instead.
        const std::size_t from = bytes.size() > 4096 ? bytes.size() - 4096 : 0;
        const std::size_t end = bytes.rfind("\xFF\xD9");
        if (end == std::string::npos || end < from)
            throw Error("truncated (the JPEG has no end marker)");
    }
    image::LoadOptions o;
    o.applyExifOrientation = true;
    o.colour = true;
    if (reducedDecode && probe.format == "jpeg" && probe.width > 0) o.reducedDecode = jpegReduction(probe.width, probe.height, resolution);
    image::Image8 img;
    try {
        img = image::decodeImage(bytes, path, o);
    } catch (const Error&) {
        throw Error("not a readable picture (corrupt)");
    }
    DecodedPicture out;
    const bool swapped = probe.orientation >= 5;
    out.width = probe.width ? (swapped ? probe.height : probe.width) : img.width;
    out.height = probe.height ? (swapped ? probe.width : probe.height) : img.height;
    out.orientation = probe.orientation;
    out.takenAt = probe.takenAt;
    out.pixels = image::clipPreprocess(img, resolution);
    return out;
}

} // namespace gallery

Gallery::Gallery(std::unique_ptr<Impl> impl) : d(std::move(impl)) {}
Gallery::~Gallery() = default;

std::unique_ptr<Gallery> Gallery::open(const std::string& dbPath)
{
    const QFileInfo info(QString::fromStdString(dbPath));
    if (!QDir().mkpath(info.absolutePath())) throw Error("Cannot create the folder for the gallery index '" + dbPath + "'");
    if (info.exists() && !info.isFile()) throw Error("Gallery index '" + dbPath + "' is not a file");
    auto impl = std::make_unique<Impl>(dbPath);
    migrateGallerySchema(impl->writer);
    return std::unique_ptr<Gallery>(new Gallery(std::move(impl)));
}

std::string Gallery::defaultDbPath()
{
    QString base = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (base.isEmpty()) base = QDir::homePath() + "/.local/share";
    return (base + "/pictor/gallery.sqlite3").toStdString();
}

double Gallery::defaultMinScore(const ClipModel& model)
{
    // Text-to-picture cosines of OpenAI CLIP sit around 0.15-0.2 for unrelated pictures and
    // 0.25-0.35 for good matches (Ente cuts at 0.23, Lap at 0.25). The demo model, trained on
    // one small world, spreads its cosines wider: measured on its shapes (see tests).
    return model.info().embedDim <= 128 ? 0.1 : 0.2;
}

std::string Gallery::modelIdentity(const ClipModel& model)
{
    // Content, not path: the same weights anywhere share their embeddings.
    return contentHash(model.info().path) + ":" + std::to_string(model.info().embedDim);
}

int64_t Gallery::Impl::modelId(const ClipModel& model)
{
    const std::string identity = Gallery::modelIdentity(model);
    Statement find(writer.handle(), "SELECT id FROM models WHERE identity = ?");
    find.bind(1, identity);
    if (find.step()) return find.integer(0);
    Statement add(writer.handle(), "INSERT INTO models(identity, description, dim) VALUES(?, ?, ?)");
    add.bind(1, identity).bind(2, model.info().architecture + " (" + model.info().path + ")").bind(3, int64_t(model.info().embedDim));
    add.run();
    return writer.lastInsertId();
}

std::string Gallery::Impl::graphPath(int64_t id) const { return writer.path() + ".model" + std::to_string(id) + ".hnsw"; }

ModelVectors& Gallery::Impl::vectorsFor(const std::string& identity)
{
    Statement version(reader.handle(), "PRAGMA data_version");
    version.step();
    const int64_t dataVersion = version.integer(0);
    ModelVectors& mv = vectors[identity];
    if (mv.index && mv.dataVersion == dataVersion) return mv;
    Statement model(reader.handle(), "SELECT id, dim FROM models WHERE identity = ?");
    model.bind(1, identity);
    if (!model.step()) {
        mv = ModelVectors{};
        mv.index = std::make_unique<VectorIndex>(1);
        mv.dataVersion = dataVersion;
        return mv;
    }
    const int64_t id = model.integer(0);
    const int dim = int(model.integer(1));
    if (!mv.index || mv.modelId != id || mv.index->dim() != dim) mv.index = std::make_unique<VectorIndex>(dim);
    mv.modelId = id;
    // Re-read rows, keep the graph: ids that vanished are tombstoned, new ones added.
    std::unordered_set<int64_t> present;
    std::unordered_map<int64_t, PictureMeta> meta;
    Statement rows(reader.handle(), "SELECT i.id, i.path, i.folder, i.ext, COALESCE(i.taken_at, i.mtime / 1000000000), i.width, i.height, e.vector "
                                    "FROM embeddings e JOIN images i ON i.id = e.image_id WHERE e.model_id = ? AND i.missing = 0 AND i.error IS NULL");
    rows.bind(1, id);
    while (rows.step()) {
        const int64_t imageId = rows.integer(0);
        present.insert(imageId);
        meta[imageId] = PictureMeta{rows.text(1), rows.text(2), rows.text(3), rows.integer(4), int(rows.integer(5)), int(rows.integer(6))};
        const Embedding v = decodeVector(rows.blob(7), dim);
        mv.index->put(imageId, v.data());
    }
    for (int64_t old : mv.index->ids())
        if (!present.count(old)) mv.index->remove(old);
    mv.meta = std::move(meta);
    mv.dataVersion = dataVersion;
    return mv;
}

namespace {

bool underFolder(const std::string& folder, const std::string& root)
{
    return folder == root || (folder.size() > root.size() && folder.compare(0, root.size(), root) == 0 && folder[root.size()] == '/');
}

Embedding normalised(Embedding v)
{
    double n = 0;
    for (float x : v) n += double(x) * x;
    n = std::sqrt(n);
    if (n > 0)
        for (float& x : v) x = float(x / n);
    return v;
}

} // namespace

std::string Gallery::modelMismatch(const ClipModel& model) { return d->mismatch(modelIdentity(model), model); }

std::string Gallery::Impl::mismatch(const std::string& identity, const ClipModel& model)
{
    std::lock_guard lock(readMutex);
    // EXISTS stops at the first row: this runs before every search, also on a million pictures.
    Statement own(reader.handle(), "SELECT EXISTS(SELECT 1 FROM embeddings e JOIN models m ON m.id = e.model_id WHERE m.identity = ?)");
    own.bind(1, identity);
    if (own.step() && own.integer(0)) return {};
    Statement others(reader.handle(), "SELECT m.description FROM models m WHERE m.identity <> ? AND EXISTS("
                                         "SELECT 1 FROM embeddings e JOIN images i ON i.id = e.image_id WHERE e.model_id = m.id AND i.missing = 0)"
                                         " ORDER BY m.id DESC");
    others.bind(1, identity);
    std::string names;
    while (others.step()) names += (names.empty() ? "" : "; ") + others.text(0);
    if (names.empty()) return {};
    return "This library was indexed with another CLIP model (" + names + "), not with " + model.info().architecture + " (" +
           model.info().path + "): one model's vectors cannot be searched with another's. Index the folders again with this model "
           "(pictor-cli index DIR --clip MODEL, or Re-index in the Gallery) to search them with it; nothing was changed.";
}

std::vector<SearchHit> Gallery::search(const std::string& query, const ClipModel& model, const SearchOptions& options)
{
    const std::string identity = modelIdentity(model);
    if (const std::string mismatch = d->mismatch(identity, model); !mismatch.empty()) throw Error(mismatch);
    const std::vector<QueryTerm> terms = parseGalleryQuery(query);
    const int dim = model.info().embedDim;
    Embedding combined(std::size_t(dim), 0.f);
    std::vector<std::string> exclude;
    bool anyImage = false;
    for (const QueryTerm& t : terms) {
        Embedding e;
        if (t.image) {
            anyImage = true;
            exclude.push_back(t.text);
            DecodedPicture pic;
            try {
                pic = decodeForClip(t.text, model.info().imageResolution, int64_t(image::kMaxPixels), true);
            } catch (const Error& err) {
                throw Error("Query picture '" + t.text + "': " + err.what());
            }
            e = model.embedPreprocessed(pic.pixels, 1).at(0);
        } else {
            e = model.embedTexts({t.text}).at(0);
        }
        for (int i = 0; i < dim; ++i) combined[std::size_t(i)] += float(t.weight) * e[std::size_t(i)];
    }
    SearchOptions o = options;
    if (anyImage && o.minScore == SearchOptions{}.minScore) o.minScore = -2; // the text cut-off means nothing for picture queries
    return searchVector(normalised(combined), identity, o, exclude);
}

std::vector<SearchHit> Gallery::searchVector(const Embedding& query, const std::string& identity, const SearchOptions& o,
                                             const std::vector<std::string>& excludePaths)
{
    std::lock_guard lock(d->readMutex);
    ModelVectors& mv = d->vectorsFor(identity);
    if (mv.index->size() == 0) return {};
    if (int(query.size()) != mv.index->dim()) throw Error("The query vector does not match the model's embedding size");
    std::unordered_set<int64_t> tagged;
    if (!o.tag.empty()) {
        Statement tags(d->reader.handle(), "SELECT image_id FROM tags WHERE label = ? AND model_id = ?");
        tags.bind(1, o.tag).bind(2, mv.modelId);
        while (tags.step()) tagged.insert(tags.integer(0));
    }
    const std::string folder = o.folder.empty() ? std::string() : normalFolder(o.folder);
    std::unordered_set<std::string> excluded(excludePaths.begin(), excludePaths.end());
    const bool filtered = !folder.empty() || o.after != INT64_MIN || o.before != INT64_MAX || !o.types.empty() || !o.tag.empty() || !excluded.empty();
    std::function<bool(int64_t)> keep;
    if (filtered)
        keep = [&](int64_t id) {
            const auto it = mv.meta.find(id);
            if (it == mv.meta.end()) return false;
            const PictureMeta& m = it->second;
            if (!folder.empty() && !underFolder(m.folder, folder)) return false;
            if (m.takenAt < o.after || m.takenAt > o.before) return false;
            if (!o.types.empty() && std::find(o.types.begin(), o.types.end(), m.ext) == o.types.end() &&
                !(m.ext == "jpeg" && std::find(o.types.begin(), o.types.end(), "jpg") != o.types.end()))
                return false;
            if (!o.tag.empty() && !tagged.count(id)) return false;
            if (excluded.count(m.path)) return false;
            return true;
        };
    const int k = std::max(1, o.top);
    std::vector<Scored> found;
    if (o.sort != SearchSort::Relevance) {
        found = mv.index->exactTop(query.data(), 0, float(o.minScore), keep);
    } else if (o.approximate && int64_t(mv.index->size()) >= o.approximateAbove) {
        if (!mv.index->hasGraph() && !mv.index->loadGraph(d->graphPath(mv.modelId))) {
            mv.index->buildGraph();
            mv.index->saveGraph(d->graphPath(mv.modelId));
        }
        found = mv.index->approximateTop(query.data(), k, float(o.minScore), keep);
        if (filtered && int(found.size()) < k) found = mv.index->exactTop(query.data(), k, float(o.minScore), keep); // a selective filter
    } else {
        found = mv.index->exactTop(query.data(), k, float(o.minScore), keep);
    }
    std::vector<SearchHit> hits;
    for (const Scored& s : found) {
        const PictureMeta& m = mv.meta.at(s.id);
        hits.push_back(SearchHit{s.id, m.path, double(s.score), m.takenAt, m.width, m.height});
    }
    if (o.sort != SearchSort::Relevance) {
        const bool newest = o.sort == SearchSort::DateNewest;
        std::stable_sort(hits.begin(), hits.end(), [&](const SearchHit& a, const SearchHit& b) { return newest ? a.takenAt > b.takenAt : a.takenAt < b.takenAt; });
        if (int(hits.size()) > k) hits.resize(std::size_t(k));
    }
    return hits;
}

std::vector<std::vector<SearchHit>> Gallery::duplicates(const ClipModel& model, double threshold)
{
    const std::string identity = modelIdentity(model);
    if (const std::string mismatch = d->mismatch(identity, model); !mismatch.empty()) throw Error(mismatch);
    std::lock_guard lock(d->readMutex);
    ModelVectors& mv = d->vectorsFor(identity);
    const auto pairs = mv.index->pairsAbove(float(threshold));
    // Union-find over the pairs: a group is every picture linked by a chain of near-copies.
    std::unordered_map<int64_t, int64_t> parent;
    std::function<int64_t(int64_t)> find = [&](int64_t x) {
        auto it = parent.find(x);
        if (it == parent.end()) return parent[x] = x;
        if (it->second == x) return x;
        return it->second = find(it->second);
    };
    for (const auto& [a, b] : pairs) parent[find(a)] = find(b);
    std::map<int64_t, std::vector<SearchHit>> groups;
    for (const auto& [id, p] : parent) {
        (void)p;
        const PictureMeta& m = mv.meta.at(id);
        groups[find(id)].push_back(SearchHit{id, m.path, 1.0, m.takenAt, m.width, m.height});
    }
    std::vector<std::vector<SearchHit>> out;
    for (auto& [root, members] : groups) {
        (void)root;
        std::sort(members.begin(), members.end(), [](const SearchHit& a, const SearchHit& b) { return a.path < b.path; });
        // Score each member against the first: how close the copy is.
        const std::vector<float> first = mv.index->vector(members[0].id);
        for (auto& hit : members) {
            const std::vector<float> v = mv.index->vector(hit.id);
            hit.score = std::inner_product(v.begin(), v.end(), first.begin(), 0.0);
        }
        out.push_back(std::move(members));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size() || (a.size() == b.size() && a[0].path < b[0].path); });
    return out;
}

TagSummary Gallery::tag(const std::vector<std::string>& labels, const ClipModel& model, double threshold)
{
    const std::string identity = modelIdentity(model);
    if (const std::string mismatch = d->mismatch(identity, model); !mismatch.empty()) throw Error(mismatch);
    if (labels.empty()) throw Error("No labels to tag with");
    const std::vector<Embedding> labelVectors = model.embedTexts(labels);
    std::vector<std::pair<int64_t, Embedding>> pictures;
    int64_t modelId = 0;
    {
        std::lock_guard lock(d->readMutex);
        ModelVectors& mv = d->vectorsFor(identity);
        modelId = mv.modelId;
        for (int64_t id : mv.index->ids()) pictures.emplace_back(id, mv.index->vector(id));
    }
    TagSummary summary;
    summary.images = int64_t(pictures.size());
    std::map<std::string, int64_t> counts;
    std::vector<Embedding> images;
    for (auto& p : pictures) images.push_back(p.second);
    const auto probabilities = zeroShotProbabilities(images, labelVectors, model.logitScale());
    std::lock_guard lock(d->writeMutex);
    Database::Transaction t(d->writer);
    Statement clear(d->writer.handle(), "DELETE FROM tags WHERE model_id = ?");
    clear.bind(1, modelId).run();
    Statement add(d->writer.handle(), "INSERT OR REPLACE INTO tags(image_id, model_id, label, probability) VALUES(?, ?, ?, ?)");
    for (std::size_t i = 0; i < pictures.size(); ++i)
        for (std::size_t l = 0; l < labels.size(); ++l)
            if (probabilities[i][l] >= threshold) {
                add.bind(1, pictures[i].first).bind(2, modelId).bind(3, labels[l]).bind(4, probabilities[i][l]).run();
                ++counts[labels[l]];
            }
    t.commit();
    for (const auto& label : labels) summary.counts.emplace_back(label, counts[label]);
    return summary;
}

std::vector<std::string> Gallery::tagsOf(const std::string& path)
{
    std::lock_guard lock(d->readMutex);
    Statement q(d->reader.handle(), "SELECT t.label FROM tags t JOIN images i ON i.id = t.image_id WHERE i.path = ? ORDER BY t.probability DESC");
    q.bind(1, path);
    std::vector<std::string> out;
    while (q.step()) out.push_back(q.text(0));
    return out;
}

GalleryStats Gallery::stats(const ClipModel& model)
{
    std::lock_guard lock(d->readMutex);
    GalleryStats s;
    Statement count(d->reader.handle(),
                    "SELECT (SELECT COUNT(*) FROM embeddings e JOIN images i ON i.id = e.image_id JOIN models m ON m.id = e.model_id"
                    "        WHERE m.identity = ? AND i.missing = 0 AND i.error IS NULL),"
                    " (SELECT COUNT(*) FROM images WHERE error IS NOT NULL AND missing = 0), (SELECT COUNT(*) FROM images WHERE missing = 1)");
    count.bind(1, modelIdentity(model));
    count.step();
    s.images = count.integer(0);
    s.failed = count.integer(1);
    s.missing = count.integer(2);
    Statement folders(d->reader.handle(), "SELECT DISTINCT folder FROM images WHERE missing = 0 ORDER BY folder");
    while (folders.step()) s.folders.push_back(folders.text(0));
    return s;
}

std::vector<IndexFailure> Gallery::failures()
{
    std::lock_guard lock(d->readMutex);
    Statement q(d->reader.handle(), "SELECT path, error FROM images WHERE error IS NOT NULL AND missing = 0 ORDER BY path");
    std::vector<IndexFailure> out;
    while (q.step()) out.push_back({q.text(0), q.text(1)});
    return out;
}

bool Gallery::integrityOk()
{
    std::lock_guard lock(d->readMutex);
    Statement q(d->reader.handle(), "PRAGMA integrity_check");
    return q.step() && q.text(0) == "ok";
}

} // namespace pictor
