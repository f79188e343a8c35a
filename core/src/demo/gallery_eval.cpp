#include "gallery_eval.h"

#include "../image/image.h"
#include "shapes_world.h"

#include <pictor/clip_model.h>
#include <pictor/gallery.h>

#include <QDir>
#include <QString>

#include <map>

namespace pictor::demo {

namespace {

struct Query {
    std::string text;
    int shape; // -1: any
    int colour;
    int background; // -1: any
};

std::vector<Query> captionQueries()
{
    std::vector<Query> queries;
    const int combos[][2] = {{0, 0}, {1, 4}, {2, 2}, {3, 3}, {4, 5}, {0, 6}, {1, 1}, {2, 7}, {3, 0}, {4, 4}};
    for (const auto& c : combos) {
        const std::string& colour = colourNames()[std::size_t(c[1])];
        queries.push_back({article(colour) + colour + " " + shapeNames()[std::size_t(c[0])], c[0], c[1], -1});
    }
    for (int k = 0; k < 5; ++k) {
        const auto& c = combos[k * 2];
        queries.push_back({colourNamesKo()[std::size_t(c[1])] + " " + shapeNamesKo()[std::size_t(c[0])], c[0], c[1], -1});
    }
    for (int bg : {0, 3, 4, 6, 7}) {
        const std::string& colour = colourNames()[std::size_t(bg)];
        queries.push_back({article(colour) + colour + " background", -1, -1, bg});
    }
    return queries;
}

bool answers(const Query& q, const Scene& scene)
{
    if (q.background >= 0 && scene.background != q.background) return false;
    if (q.shape < 0) return true;
    for (const auto& s : scene.shapes)
        if (int(s.shape) == q.shape && s.colour == q.colour) return true;
    return false;
}

} // namespace

GallerySearchQuality measureGallerySearch(const ClipModel& clip, const std::string& workFolder, int pictures)
{
    const QString folder = QString::fromStdString(workFolder) + "/pics";
    QDir().mkpath(folder);
    ShapesWorld world(4242, 64, false);
    std::map<std::string, Scene> scenes;
    for (int i = 0; i < pictures; ++i) {
        const Sample smp = world.next(0.3);
        const std::string path = (folder + QString("/s_%1.png").arg(i, 3, 10, QChar('0'))).toStdString();
        image::saveImageAtomic(smp.image, path);
        scenes[path] = smp.scene;
    }
    auto gallery = Gallery::open(workFolder + "/index.sqlite3");
    GallerySearchQuality quality;
    quality.pictures = int(gallery->index({folder.toStdString()}, clip).added);
    SearchOptions o;
    o.top = 5;
    o.minScore = Gallery::defaultMinScore(clip);
    const std::vector<Query> queries = captionQueries();
    int relevant = 0, backgroundRelevant = 0, backgroundQueries = 0;
    for (const Query& q : queries) {
        int good = 0;
        for (const auto& h : gallery->search(q.text, clip, o)) {
            const auto scene = scenes.find(h.path);
            good += scene != scenes.end() && answers(q, scene->second);
        }
        if (good < 4) quality.weakQueries.push_back(q.text + ": " + std::to_string(good) + " of 5");
        relevant += good;
        if (q.shape < 0) {
            backgroundRelevant += good;
            ++backgroundQueries;
        }
    }
    quality.queries = int(queries.size());
    quality.precision = double(relevant) / (5.0 * double(queries.size()));
    quality.backgroundPrecision = double(backgroundRelevant) / (5.0 * backgroundQueries);
    return quality;
}

} // namespace pictor::demo
