#pragma once
// 8-bit images as the CLIP reference sees them, and the exact Pillow resampling CLIP was trained on.
#include <cstdint>
#include <string>
#include <vector>

namespace pictor::image {

/// Interleaved 8-bit pixels: 1 channel (L), 3 (RGB) or 4 (RGBA).
struct Image8 {
    int width = 0;
    int height = 0;
    int channels = 0;
    std::vector<uint8_t> pixels;

    uint8_t* row(int y) { return pixels.data() + std::size_t(y) * std::size_t(width) * std::size_t(channels); }
    const uint8_t* row(int y) const { return pixels.data() + std::size_t(y) * std::size_t(width) * std::size_t(channels); }
};

/// Largest image Pictor decodes (pixels); bigger files are refused before their pixels are read.
constexpr int64_t kMaxPixels = 200'000'000;

struct LoadOptions {
    bool applyExifOrientation = false; ///< Pillow's Image.open does not; the gallery does
    int reducedDecode = 1;             ///< 1, 2, 4 or 8: JPEG DCT-domain downscale
    bool colour = false;               ///< always 3-channel RGB (alpha dropped, grey replicated)
};

/// Decodes PNG, JPEG, WebP, BMP, TIFF, GIF... keeping L / RGB / RGBA as the file has them.
/// Throws pictor::Error naming the file when it is not a readable image.
Image8 loadImage(const std::string& path, const LoadOptions& options = {});
/// Decodes an image held in memory (same rules; `what` names it in errors).
Image8 decodeImage(const std::string& bytes, const std::string& what, const LoadOptions& options = {});

/// Pillow's Image.resize(size, BICUBIC): antialiased bicubic (a = -0.5), fixed-point weights,
/// horizontal pass then vertical with uint8 rounding between; RGBA is resized premultiplied.
Image8 resizeBicubicPillow(const Image8& in, int width, int height);

/// CLIP's preprocessing: Resize(n) (long side truncated) -> CenterCrop(n) (round half to even)
/// -> RGB -> ToTensor -> Normalize(CLIP mean/std). Returns planar float [3][n][n].
std::vector<float> clipPreprocess(const Image8& in, int n);

/// Converts to 3-channel RGB (grey replicated, alpha dropped as Pillow's convert("RGB") does).
Image8 toRgb(const Image8& in);

extern const float kClipMean[3];
extern const float kClipStd[3];

} // namespace pictor::image

namespace pictor::image {

/// The rectangle [x, x+w) x [y, y+h) of an image (must lie inside it).
Image8 cropImage(const Image8& in, int x, int y, int w, int h);

/// Encodes by extension (.png, .jpg, .webp, .bmp...) and writes through a temporary file that is
/// renamed into place only when complete: a failed save leaves any previous file untouched.
void saveImageAtomic(const Image8& img, const std::string& path);

/// Lanczos resize (OpenCV) for init and prompt pictures; the reference uses Pillow's LANCZOS there.
Image8 resizeLanczos(const Image8& in, int width, int height);

/// Encodes to PNG bytes.
std::string encodePng(const Image8& img);

} // namespace pictor::image
