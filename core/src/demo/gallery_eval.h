#pragma once
// The gallery search a user of the demo model would try: fresh shapes-world pictures indexed with the
// demo CLIP, then caption-style queries in English and Korean, each hit judged against the scene drawn.
#include <string>
#include <vector>

namespace pictor {
class ClipModel;
}

namespace pictor::demo {

struct GallerySearchQuality {
    int pictures = 0;
    int queries = 0;
    double precision = 0;           ///< precision@5 over every query
    double backgroundPrecision = 0; ///< precision@5 of the background-only queries
    std::vector<std::string> weakQueries; ///< queries with fewer than 4 of 5 hits right, with their count
};

/// Writes `pictures` pictures (seeded) and an index into `workFolder` (which must exist), then searches.
GallerySearchQuality measureGallerySearch(const ClipModel& clip, const std::string& workFolder, int pictures = 500);

} // namespace pictor::demo
