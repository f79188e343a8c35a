#include "image.h"

#include "../io/atomic_file.h"

#include <pictor/error.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QBuffer>
#include <QImage>
#include <QImageReader>

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
    int flags = o.colour ? cv::IMREAD_COLOR : cv::IMREAD_UNCHANGED;
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

bool isGif(const std::string& bytes)
{
    return bytes.compare(0, 6, "GIF87a") == 0 || bytes.compare(0, 6, "GIF89a") == 0;
}

/// Debian's OpenCV 4.6 is built without a GIF decoder; Qt's reader has one. An animation gives
/// its first frame.
Image8 decodeGif(const std::string& bytes, const std::string& what, const LoadOptions& options)
{
    QByteArray data = QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size()));
    QBuffer buffer(&data);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, "gif");
    const QSize size = reader.size();
    if (size.isValid() && int64_t(size.width()) * size.height() > int64_t(kMaxPixels))
        throw Error("Cannot read image '" + what + "': " + std::to_string(size.width()) + "x" + std::to_string(size.height()) + " is too large");
    QImage frame = reader.read();
    if (frame.isNull()) throw Error("Cannot read image '" + what + "': not an image, or corrupt (" + reader.errorString().toStdString() + ")");
    const bool alpha = !options.colour && frame.hasAlphaChannel();
    frame = frame.convertToFormat(alpha ? QImage::Format_RGBA8888 : QImage::Format_RGB888);
    Image8 img;
    img.width = frame.width();
    img.height = frame.height();
    img.channels = alpha ? 4 : 3;
    img.pixels.resize(std::size_t(img.width) * std::size_t(img.height) * std::size_t(img.channels));
    for (int y = 0; y < img.height; ++y) std::copy_n(frame.constScanLine(y), std::size_t(img.width) * std::size_t(img.channels), img.row(y));
    return img;
}

} // namespace

Image8 decodeImage(const std::string& bytes, const std::string& what, const LoadOptions& options)
{
    limitDecoderSize();
    if (bytes.empty()) throw Error("Cannot read image '" + what + "': the file is empty");
    if (isGif(bytes)) return decodeGif(bytes, what, options);
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


namespace pictor::image {

namespace {
cv::Mat toBgrMat(const Image8& img)
{
    const int type = img.channels == 1 ? CV_8UC1 : img.channels == 3 ? CV_8UC3 : CV_8UC4;
    cv::Mat m(img.height, img.width, type, const_cast<uint8_t*>(img.pixels.data()));
    cv::Mat out;
    if (img.channels == 3) cv::cvtColor(m, out, cv::COLOR_RGB2BGR);
    else if (img.channels == 4) cv::cvtColor(m, out, cv::COLOR_RGBA2BGRA);
    else out = m.clone();
    return out;
}

std::string extensionOf(const std::string& path)
{
    const auto dot = path.find_last_of('.');
    const auto slash = path.find_last_of('/');
    if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return {};
    std::string ext = path.substr(dot);
    for (char& c : ext) c = char(std::tolower(static_cast<unsigned char>(c)));
    return ext;
}
} // namespace

Image8 resizeLanczos(const Image8& in, int width, int height)
{
    if (width <= 0 || height <= 0 || in.width <= 0 || in.height <= 0) throw Error("Cannot resize an empty image");
    if (width == in.width && height == in.height) return in;
    const int type = in.channels == 1 ? CV_8UC1 : in.channels == 3 ? CV_8UC3 : CV_8UC4;
    const cv::Mat src(in.height, in.width, type, const_cast<uint8_t*>(in.pixels.data()));
    cv::Mat dst;
    cv::resize(src, dst, cv::Size(width, height), 0, 0, cv::INTER_LANCZOS4);
    Image8 out{width, height, in.channels, {}};
    out.pixels.resize(std::size_t(width) * std::size_t(height) * std::size_t(in.channels));
    for (int y = 0; y < height; ++y) std::copy_n(dst.ptr<uint8_t>(y), std::size_t(width) * std::size_t(in.channels), out.row(y));
    return out;
}

std::string encodePng(const Image8& img)
{
    std::vector<uchar> buffer;
    if (!cv::imencode(".png", toBgrMat(img), buffer)) throw Error("PNG encoding failed");
    return std::string(buffer.begin(), buffer.end());
}

void saveImageAtomic(const Image8& img, const std::string& path)
{
    const std::string ext = extensionOf(path);
    if (ext.empty()) throw Error("Cannot save '" + path + "': give the file an image extension such as .png");
    std::vector<uchar> buffer;
    try {
        if (!cv::imencode(ext, toBgrMat(img), buffer)) throw Error("Cannot save '" + path + "': encoding failed");
    } catch (const cv::Exception& e) {
        throw Error("Cannot save '" + path + "': " + (ext == ".png" ? e.err : "unsupported image type '" + ext + "'"));
    }
    io::writeFileAtomic(path, std::string(buffer.begin(), buffer.end()));
}

} // namespace pictor::image
