#include "image.h"

#include <pictor/error.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>

namespace pictor::image {

namespace {

void limitDecoderSize()
{
    // OpenCV reads this once; it checks the header's dimensions before allocating pixels.
    static std::once_flag once;
    std::call_once(once, [] { setenv("OPENCV_IO_MAX_IMAGE_PIXELS", std::to_string(kMaxPixels).c_str(), 0); });
}

int decodeFlags(const LoadOptions& o)
{
    int flags = cv::IMREAD_UNCHANGED;
    if (!o.applyExifOrientation) flags |= cv::IMREAD_IGNORE_ORIENTATION;
    return flags;
}

Image8 fromMat(cv::Mat m, const std::string& what)
{
    if (m.empty()) throw Error("Cannot read image '" + what + "': not an image, or corrupt");
    if (m.depth() == CV_16U) m.convertTo(m, CV_8U, 1.0 / 257.0);
    else if (m.depth() != CV_8U) m.convertTo(m, CV_8U);
    cv::Mat rgb;
    switch (m.channels()) {
    case 1: rgb = m; break;
    case 2: cv::cvtColor(m, rgb, cv::COLOR_GRAY2RGBA); break; // unreachable with OpenCV 4.6, kept for safety
    case 3: cv::cvtColor(m, rgb, cv::COLOR_BGR2RGB); break;
    case 4: cv::cvtColor(m, rgb, cv::COLOR_BGRA2RGBA); break;
    default: throw Error("Cannot read image '" + what + "': unsupported channel count");
    }
    Image8 img;
    img.width = rgb.cols;
    img.height = rgb.rows;
    img.channels = rgb.channels();
    img.pixels.resize(std::size_t(img.width) * std::size_t(img.height) * std::size_t(img.channels));
    for (int y = 0; y < img.height; ++y)
        std::copy_n(rgb.ptr<uint8_t>(y), std::size_t(img.width) * std::size_t(img.channels), img.row(y));
    return img;
}

int reducedFlag(int factor)
{
    switch (factor) {
    case 2: return cv::IMREAD_REDUCED_COLOR_2;
    case 4: return cv::IMREAD_REDUCED_COLOR_4;
    case 8: return cv::IMREAD_REDUCED_COLOR_8;
    default: return 0;
    }
}

} // namespace

Image8 decodeImage(const std::string& bytes, const std::string& what, const LoadOptions& options)
{
    limitDecoderSize();
    if (bytes.empty()) throw Error("Cannot read image '" + what + "': the file is empty");
    try {
        cv::Mat buffer(1, int(bytes.size()), CV_8U, const_cast<char*>(bytes.data()));
        int flags = decodeFlags(options);
        if (options.reducedDecode > 1) flags = reducedFlag(options.reducedDecode) | (options.applyExifOrientation ? 0 : cv::IMREAD_IGNORE_ORIENTATION);
        return fromMat(cv::imdecode(buffer, flags), what);
    } catch (const cv::Exception& e) {
        throw Error("Cannot read image '" + what + "': " + e.err);
    }
}

Image8 loadImage(const std::string& path, const LoadOptions& options)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("Cannot open image '" + path + "': file not found or not readable");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0) throw Error("Cannot read image '" + path + "'");
    if (size > (std::streamoff(1) << 31)) throw Error("Cannot read image '" + path + "': larger than 2 GiB");
    in.seekg(0);
    std::string bytes(std::size_t(size), '\0');
    if (size > 0 && !in.read(bytes.data(), size)) throw Error("Cannot read image '" + path + "'");
    return decodeImage(bytes, path, options);
}

} // namespace pictor::image
