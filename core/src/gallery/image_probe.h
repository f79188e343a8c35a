#pragma once
// What a picture file is, from its first bytes: format and dimensions (so enormous images are
// refused and JPEGs decoded at a reduced size before any pixel is read), and its EXIF date and
// orientation. OpenCV 4.6 has no header-only API, hence the small readers here.
#include <cstdint>
#include <string>

namespace pictor::gallery {

struct ImageProbe {
    std::string format; ///< "jpeg", "png", "gif", "bmp", "webp", "tiff", or empty when unknown
    int width = 0;      ///< 0 when the header does not say (then OpenCV's own cap applies)
    int height = 0;
    int orientation = 1;  ///< EXIF orientation 1..8
    int64_t takenAt = 0;  ///< EXIF DateTimeOriginal as Unix seconds (local time taken as UTC); 0 if none
};

/// Never throws; a header that lies or is cut short leaves width/height at 0.
ImageProbe probeImage(const std::string& bytes);

/// The JPEG reduction (1, 2, 4, 8) that keeps the short side at least minSide.
int jpegReduction(int width, int height, int minSide);

} // namespace pictor::gallery
