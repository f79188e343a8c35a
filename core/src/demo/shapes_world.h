#pragma once
// "Shapes world": the pictures Pictor's demo model is trained on and tested with. One or two
// shapes (circle, square, triangle, star, ring) in eight colours, two sizes and five positions on
// one of eight background colours, with anti-aliased edges and light noise, and captions in
// English and Korean with some variety of wording. Deterministic from a seed.
#include "../image/image.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace cv {
class Mat;
}

namespace pictor::demo {

enum class Shape { Circle, Square, Triangle, Star, Ring };
constexpr int kShapeCount = 5;
constexpr int kColourCount = 8;
constexpr int kPositionCount = 5;

struct ShapeSpec {
    Shape shape = Shape::Circle;
    int colour = 0;   ///< index into colourNames()
    bool large = true;
    int position = 0; ///< left, right, top, bottom, centre
    /// Free placement (fractions of the picture) instead of position and size; negatives use it.
    double freeX = -1, freeY = -1, freeRadius = -1;
};

struct Scene {
    int background = 0;
    std::vector<ShapeSpec> shapes; ///< one or two (more only in negatives, which are drawn, not captioned)
};

struct Sample {
    Scene scene;
    image::Image8 image;
    std::string english;
    std::string korean;
};

const std::vector<std::string>& shapeNames();     ///< English
const std::vector<std::string>& colourNames();    ///< English
const std::vector<std::string>& positionNames();  ///< English
const std::vector<std::string>& shapeNamesKo();
const std::vector<std::string>& colourNamesKo();
/// The colour as a Korean noun ("빨간색"), the form used alone.
std::string colourWordKo(int colour);
/// "a " or "an " before an English word of this world ("an orange circle").
std::string article(const std::string& word);
/// The RGB of each colour.
const uint8_t* colourRgb(int colour);
/// "a red circle on a blue background": the plain English caption of one shape on a background.
std::string plainCaption(Shape shape, int colour, int background);
/// Whether a caption (English or Korean) names this shape; "red" or "파란 배경" do not.
bool captionNamesShape(const std::string& caption, Shape shape);
/// A picture drawn at a multiple of `size`, area-averaged down to it (anti-aliased edges) with the
/// world's light noise.
image::Image8 finishPicture(const cv::Mat& supersampled, int size, std::mt19937_64& rng);

/// 20 (shape, colour, background) combinations the demo model never sees in training: the
/// generation tests ask for these.
const std::vector<ShapeSpec>& heldOutShapes(); ///< colour and shape of each
const std::vector<int>& heldOutBackgrounds();
bool isHeldOut(Shape shape, int colour, int background);

class ShapesWorld {
public:
    /// excludeHeldOut: never produce a held-out combination (training); false for evaluation.
    explicit ShapesWorld(uint64_t seed, int size = 64, bool excludeHeldOut = true);

    /// A random scene (two shapes with probability twoShapes).
    Scene randomScene(double twoShapes = 0.3);
    /// Pictures and captions for a scene (the caption wording varies with the world's random state).
    Sample render(const Scene& scene);
    Sample next(double twoShapes = 0.3) { return render(randomScene(twoShapes)); }
    /// The picture alone.
    image::Image8 draw(const Scene& scene);
    /// Draws from the world's random state exactly what draw() would, without drawing: captions alone (the
    /// tokenizer's corpus) keep the stream, and so every later picture, the same as render() would.
    void skipDraw(const Scene& scene);

    std::string captionEnglish(const Scene& scene);
    std::string captionKorean(const Scene& scene);
    std::mt19937_64& rng() { return m_rng; }
    /// Without jitter, shapes sit exactly at their place and angle: the ideal picture a prompt asks for.
    void setJitter(bool on) { m_jitter = on; }

private:
    Scene randomSceneAny(double twoShapes);
    /// A shape's random offset from its place (pixels) and, for polygons, turn (radians): draw() and skipDraw()
    /// both take it from here, so they draw the same numbers.
    struct Jitter {
        double dx = 0, dy = 0, turn = 0;
    };
    Jitter jitterOf(const ShapeSpec& spec);

    std::mt19937_64 m_rng;
    int m_size;
    bool m_excludeHeldOut;
    bool m_jitter = true;
};

/// Writes `count` pictures (PNG, plus a captions.tsv: file, English, Korean) into a folder; used by
/// the tests and the gallery benchmarks.
void writeShapesFolder(const std::string& folder, int count, uint64_t seed, int size = 64);

} // namespace pictor::demo
