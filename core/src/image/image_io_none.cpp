// The engine-only build (PICTOR_ENGINE_ONLY): no OpenCV or Qt Gui, so no picture codecs. Every call that
// would read, write or resample a picture file says so, naming the file, instead of failing to link.
#include "image.h"

#include <pictor/error.h>

namespace pictor::image {

namespace {

[[noreturn]] void noCodecs(const std::string& what)
{
    throw Error(what + ": this engine-only build of Pictor (PICTOR_ENGINE_ONLY) reads and writes no picture files; use the full build");
}

} // namespace

Image8 loadImage(const std::string& path, const LoadOptions&) { noCodecs("Cannot read '" + path + "'"); }
Image8 decodeImage(const std::string&, const std::string& what, const LoadOptions&) { noCodecs("Cannot decode '" + what + "'"); }
void saveImageAtomic(const Image8&, const std::string& path) { noCodecs("Cannot save '" + path + "'"); }
std::string encodePng(const Image8&) { noCodecs("Cannot encode a PNG"); }
Image8 resizeLanczos(const Image8&, int, int) { noCodecs("Cannot resize a picture (Lanczos)"); }

} // namespace pictor::image
