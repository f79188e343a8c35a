#include "photo_files.h"

#include <libexif/exif-data.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cstring>
#include <fstream>
#include <random>
#include <stdexcept>

namespace pictor::test {

namespace {

cv::Mat scene(const PhotoSpec& s)
{
    std::mt19937 rng(s.seed);
    std::uniform_int_distribution<int> c(0, 255);
    cv::Mat img(s.height, s.width, CV_8UC3);
    const cv::Vec3b top(uint8_t(c(rng)), uint8_t(c(rng)), uint8_t(c(rng))), bottom(uint8_t(c(rng)), uint8_t(c(rng)), uint8_t(c(rng)));
    for (int y = 0; y < s.height; ++y) {
        const double t = double(y) / std::max(1, s.height - 1);
        const cv::Vec3b row(uint8_t(top[0] * (1 - t) + bottom[0] * t), uint8_t(top[1] * (1 - t) + bottom[1] * t), uint8_t(top[2] * (1 - t) + bottom[2] * t));
        img.row(y).setTo(cv::Scalar(row[0], row[1], row[2]));
    }
    // An asymmetric subject so that orientation matters: a big disc on the left, a bar at the top.
    std::uniform_int_distribution<int> jitter(-s.width / 20, s.width / 20);
    cv::circle(img, {s.width / 4 + jitter(rng), s.height / 2}, std::min(s.width, s.height) / 4, cv::Scalar(c(rng), c(rng), c(rng)), cv::FILLED, cv::LINE_AA);
    cv::rectangle(img, {s.width / 2, s.height / 10}, {s.width * 9 / 10, s.height / 4}, cv::Scalar(c(rng), c(rng), c(rng)), cv::FILLED, cv::LINE_AA);
    cv::Mat noise(img.size(), CV_8UC3);
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(6));
    img += noise;
    return img;
}

std::string exifBlock(int orientation, const std::string& dateTime)
{
    ExifData* exif = exif_data_new();
    exif_data_set_byte_order(exif, EXIF_BYTE_ORDER_INTEL);
    exif_data_set_data_type(exif, EXIF_DATA_TYPE_COMPRESSED);
    if (orientation > 0) {
        ExifEntry* e = exif_entry_new();
        exif_content_add_entry(exif->ifd[EXIF_IFD_0], e);
        exif_entry_initialize(e, EXIF_TAG_ORIENTATION);
        exif_set_short(e->data, EXIF_BYTE_ORDER_INTEL, ExifShort(orientation));
        exif_entry_unref(e);
    }
    if (!dateTime.empty()) {
        ExifEntry* e = exif_entry_new();
        exif_content_add_entry(exif->ifd[EXIF_IFD_EXIF], e);
        exif_entry_initialize(e, EXIF_TAG_DATE_TIME_ORIGINAL);
        if (e->size >= 20) std::memcpy(e->data, dateTime.c_str(), std::min<std::size_t>(dateTime.size() + 1, 20));
        exif_entry_unref(e);
    }
    unsigned char* data = nullptr;
    unsigned int size = 0;
    exif_data_save_data(exif, &data, &size);
    std::string out(reinterpret_cast<char*>(data), size);
    free(data);
    exif_data_unref(exif);
    return out;
}

std::string encode(const std::string& path, const cv::Mat& img, const PhotoSpec& s)
{
    const std::string ext = path.substr(path.find_last_of('.'));
    std::vector<uint8_t> buf;
    std::vector<int> params;
    if (ext == ".jpg" || ext == ".jpeg") params = {cv::IMWRITE_JPEG_QUALITY, s.quality};
    if (!cv::imencode(ext, img, buf, params)) throw std::runtime_error("cannot encode " + path);
    std::string bytes(buf.begin(), buf.end());
    if ((ext == ".jpg" || ext == ".jpeg") && (s.orientation > 0 || !s.dateTime.empty())) {
        const std::string exif = exifBlock(s.orientation, s.dateTime); // starts with "Exif\0\0"
        const std::size_t len = exif.size() + 2;
        std::string app1 = "\xFF\xE1";
        app1 += char(len >> 8);
        app1 += char(len & 0xff);
        bytes.insert(2, app1 + exif);
    }
    std::ofstream out(path, std::ios::binary);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path);
    return bytes;
}

} // namespace

std::string writePhoto(const std::string& path, const PhotoSpec& spec) { return encode(path, scene(spec), spec); }

std::string writeRotatedPhoto(const std::string& path, const PhotoSpec& spec, int orientation)
{
    cv::Mat img = scene(spec), out;
    // The transform a viewer applies for that orientation (EXIF 6: rotate 90° clockwise).
    switch (orientation) {
    case 3: cv::rotate(img, out, cv::ROTATE_180); break;
    case 6: cv::rotate(img, out, cv::ROTATE_90_CLOCKWISE); break;
    case 8: cv::rotate(img, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    default: out = img;
    }
    PhotoSpec plain = spec;
    plain.orientation = 0;
    return encode(path, out, plain);
}

} // namespace pictor::test
