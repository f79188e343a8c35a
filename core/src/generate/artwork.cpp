// Saving what the generator made: PNGs that carry their settings, and time-lapse videos.
#include "../image/image.h"
#include "../image/png_text.h"
#include "../io/atomic_file.h"

#include <pictor/error.h>
#include <pictor/generation.h>

#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <fstream>
#include <iterator>

namespace pictor {

void saveArtwork(const RgbImage& picture, const std::string& path, const GenerationSettings& settings,
                 const std::map<std::string, std::string>& extra)
{
    if (picture.empty()) throw Error("Nothing to save to '" + path + "': no picture yet");
    const image::Image8 img{picture.width, picture.height, 3, picture.pixels};
    std::map<std::string, std::string> text{{"parameters", settings.toParametersText()}, {"pictor", settings.toJson(extra)},
                                            {"Software", std::string("Pictor ") + PICTOR_VERSION}};
    io::writeFileAtomic(path, image::addPngText(image::encodePng(img), text));
}

std::map<std::string, std::string> readPngText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("Cannot open '" + path + "'");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size > (std::streamoff(1) << 30)) throw Error("'" + path + "' is larger than 1 GiB");
    in.seekg(0);
    std::string bytes(std::size_t(std::max<std::streamoff>(size, 0)), '\0');
    in.read(bytes.data(), size);
    return image::readPngTextChunks(bytes, path);
}

struct VideoRecorder::Impl {
    cv::VideoWriter writer;
    std::string path;
    std::string codec;
    int width = 0, height = 0;
};

VideoRecorder::VideoRecorder(const std::string& path, int width, int height, double fps) : d(std::make_unique<Impl>())
{
    d->width = width;
    d->height = height;
    const bool mp4 = path.size() > 4 && path.compare(path.size() - 4, 4, ".mp4") == 0;
    if (mp4) {
        for (const char* fourcc : {"avc1", "mp4v"}) {
            if (d->writer.open(path, cv::VideoWriter::fourcc(fourcc[0], fourcc[1], fourcc[2], fourcc[3]), fps, cv::Size(width, height))) {
                d->path = path;
                d->codec = std::string("MP4 (") + fourcc + ")";
                return;
            }
        }
    }
    // No MP4 encoder here (or another extension asked for): Motion-JPEG in an AVI always works.
    const auto dot = path.find_last_of('.');
    d->path = (dot == std::string::npos || dot < path.find_last_of('/') + 1 ? path : path.substr(0, dot)) + ".avi";
    if (!d->writer.open(d->path, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), fps, cv::Size(width, height)))
        throw Error("Cannot write the video '" + d->path + "'");
    d->codec = mp4 ? "AVI (MJPG): no MP4 encoder is available, so the video was written as '" + d->path + "'" : "AVI (MJPG)";
}

VideoRecorder::~VideoRecorder() { finish(); }

void VideoRecorder::add(const RgbImage& frame)
{
    if (!d->writer.isOpened() || frame.empty()) return;
    cv::Mat rgb(frame.height, frame.width, CV_8UC3, const_cast<uint8_t*>(frame.pixels.data()));
    cv::Mat bgr;
    cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
    if (bgr.cols != d->width || bgr.rows != d->height) cv::resize(bgr, bgr, cv::Size(d->width, d->height));
    d->writer.write(bgr);
}

void VideoRecorder::finish()
{
    if (d && d->writer.isOpened()) d->writer.release();
}

const std::string& VideoRecorder::path() const { return d->path; }
std::string VideoRecorder::describe() const { return d->codec; }

} // namespace pictor
