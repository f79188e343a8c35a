#pragma once
// Photo-like test pictures written by the tests themselves: gradients, shapes and noise drawn
// with OpenCV, JPEGs with a real EXIF block (orientation, date) made with libexif.
#include <string>

namespace pictor::test {

struct PhotoSpec {
    int width = 640;
    int height = 480;
    unsigned seed = 1;
    int orientation = 0;       ///< EXIF orientation to record (0: no EXIF block)
    std::string dateTime;      ///< EXIF DateTimeOriginal "YYYY:MM:DD HH:MM:SS" (empty: none)
    int quality = 90;
};

/// Writes a JPEG or PNG (by extension) of a random photo-like scene; returns the bytes written.
std::string writePhoto(const std::string& path, const PhotoSpec& spec);

/// The same scene rotated as a viewer would show a file with that EXIF orientation (6 = 90° clockwise).
std::string writeRotatedPhoto(const std::string& path, const PhotoSpec& spec, int orientation);

} // namespace pictor::test
