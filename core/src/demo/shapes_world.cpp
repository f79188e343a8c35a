#include "shapes_world.h"

#include "../io/atomic_file.h"

#include <pictor/error.h>

#include <opencv2/imgproc.hpp>

#include <QDir>
#include <QFile>

#include <algorithm>
#include <cmath>

namespace pictor::demo {

namespace {

constexpr int kSupersample = 4; // drawn 4x larger, then area-averaged: anti-aliased edges
constexpr double kNoiseSigma = 3.0; // the light noise on every channel value of a finished picture
const uint8_t kRgb[kColourCount][3] = {{220, 40, 40},  {245, 140, 20}, {240, 220, 40}, {40, 170, 60},
                                       {40, 80, 220},  {140, 60, 180}, {240, 240, 240}, {25, 25, 25}};

template <typename T>
const T& pick(std::mt19937_64& rng, const std::vector<T>& v)
{
    return v[std::uniform_int_distribution<std::size_t>(0, v.size() - 1)(rng)];
}

} // namespace

const std::vector<std::string>& shapeNames()
{
    static const std::vector<std::string> n{"circle", "square", "triangle", "star", "ring"};
    return n;
}
const std::vector<std::string>& colourNames()
{
    static const std::vector<std::string> n{"red", "orange", "yellow", "green", "blue", "purple", "white", "black"};
    return n;
}
const std::vector<std::string>& positionNames()
{
    static const std::vector<std::string> n{"left", "right", "top", "bottom", "centre"};
    return n;
}
const std::vector<std::string>& shapeNamesKo()
{
    static const std::vector<std::string> n{"원", "사각형", "삼각형", "별", "고리"};
    return n;
}
const std::vector<std::string>& colourNamesKo()
{
    static const std::vector<std::string> n{"빨간", "주황색", "노란", "초록색", "파란", "보라색", "흰", "검은"};
    return n;
}
const uint8_t* colourRgb(int colour) { return kRgb[colour]; }

std::string plainCaption(Shape shape, int colour, int background)
{
    const std::string& c = colourNames()[std::size_t(colour)];
    const std::string& bg = colourNames()[std::size_t(background)];
    return article(c) + c + " " + shapeNames()[std::size_t(shape)] + " on " + article(bg) + bg + " background";
}

bool captionNamesShape(const std::string& caption, Shape shape)
{
    return caption.find(shapeNames()[std::size_t(shape)]) != std::string::npos ||
           caption.find(shapeNamesKo()[std::size_t(shape)]) != std::string::npos;
}

image::Image8 finishPicture(const cv::Mat& supersampled, int size, std::mt19937_64& rng)
{
    cv::Mat small;
    cv::resize(supersampled, small, cv::Size(size, size), 0, 0, cv::INTER_AREA);
    // Light noise from the world's own generator, so a seed gives the same pictures everywhere.
    image::Image8 img{size, size, 3, {}};
    img.pixels.assign(small.data, small.data + std::size_t(size) * std::size_t(size) * 3);
    std::normal_distribution<double> noise(0.0, kNoiseSigma);
    for (uint8_t& v : img.pixels) v = uint8_t(std::clamp(std::lround(v + noise(rng)), 0L, 255L));
    return img;
}

std::string colourWordKo(int colour)
{
    static const std::vector<std::string> n{"빨간색", "주황색", "노란색", "초록색", "파란색", "보라색", "흰색", "검은색"};
    return n[std::size_t(colour)];
}

namespace {
struct HeldOut {
    std::vector<ShapeSpec> shapes;
    std::vector<int> backgrounds;
    HeldOut()
    {
        for (int i = 0; i < 20; ++i) {
            ShapeSpec s;
            s.shape = Shape(i % kShapeCount);
            s.colour = (i * 3 + 1) % kColourCount;
            int bg = (i * 5 + 4) % kColourCount;
            if (bg == s.colour) bg = (bg + 1) % kColourCount;
            s.large = true;
            s.position = 4;
            shapes.push_back(s);
            backgrounds.push_back(bg);
        }
    }
};
const HeldOut& heldOut()
{
    static const HeldOut h;
    return h;
}
} // namespace

const std::vector<ShapeSpec>& heldOutShapes() { return heldOut().shapes; }
const std::vector<int>& heldOutBackgrounds() { return heldOut().backgrounds; }

bool isHeldOut(Shape shape, int colour, int background)
{
    for (std::size_t i = 0; i < heldOut().shapes.size(); ++i)
        if (heldOut().shapes[i].shape == shape && heldOut().shapes[i].colour == colour && heldOut().backgrounds[i] == background) return true;
    return false;
}

ShapesWorld::ShapesWorld(uint64_t seed, int size, bool excludeHeldOut) : m_rng(seed), m_size(size), m_excludeHeldOut(excludeHeldOut) {}

Scene ShapesWorld::randomScene(double twoShapes)
{
    for (;;) {
        Scene s = randomSceneAny(twoShapes);
        bool held = false;
        for (const ShapeSpec& spec : s.shapes) held = held || isHeldOut(spec.shape, spec.colour, s.background);
        if (!m_excludeHeldOut || !held) return s;
    }
}

Scene ShapesWorld::randomSceneAny(double twoShapes)
{
    Scene s;
    std::uniform_int_distribution<int> colour(0, kColourCount - 1), shape(0, kShapeCount - 1), pos(0, kPositionCount - 1);
    s.background = colour(m_rng);
    const int count = std::uniform_real_distribution<double>(0, 1)(m_rng) < twoShapes ? 2 : 1;
    for (int i = 0; i < count; ++i) {
        ShapeSpec spec;
        spec.shape = Shape(shape(m_rng));
        do spec.colour = colour(m_rng);
        while (spec.colour == s.background || (i == 1 && spec.colour == s.shapes[0].colour));
        spec.large = count == 1 ? std::uniform_int_distribution<int>(0, 1)(m_rng) == 1 : false;
        do spec.position = pos(m_rng);
        while (i == 1 && (spec.position == s.shapes[0].position || spec.position == 4 || s.shapes[0].position == 4));
        if (count == 2 && i == 0 && spec.position == 4) spec.position = std::uniform_int_distribution<int>(0, 3)(m_rng);
        s.shapes.push_back(spec);
    }
    return s;
}

image::Image8 ShapesWorld::draw(const Scene& scene)
{
    const int big = m_size * kSupersample;
    const uint8_t* bg = kRgb[scene.background];
    cv::Mat canvas(big, big, CV_8UC3, cv::Scalar(bg[0], bg[1], bg[2]));
    for (const ShapeSpec& spec : scene.shapes) {
        const double centres[kPositionCount][2] = {{0.25, 0.5}, {0.75, 0.5}, {0.5, 0.25}, {0.5, 0.75}, {0.5, 0.5}};
        const bool free = spec.freeRadius > 0;
        const double radius = (free ? spec.freeRadius : spec.large ? 0.25 : 0.14) * m_size * kSupersample;
        const Jitter j = jitterOf(spec);
        const double cx = ((free ? spec.freeX : centres[spec.position][0]) * m_size + j.dx) * kSupersample;
        const double cy = ((free ? spec.freeY : centres[spec.position][1]) * m_size + j.dy) * kSupersample;
        const uint8_t* c = kRgb[spec.colour];
        const cv::Scalar colour(c[0], c[1], c[2]);
        const cv::Point centre{int(cx), int(cy)};
        auto polygon = [&](int corners, double inner, double start) {
            std::vector<cv::Point> pts;
            const int n = inner > 0 ? corners * 2 : corners;
            for (int k = 0; k < n; ++k) {
                const double r = (inner > 0 && k % 2) ? radius * inner : radius;
                const double a = start + 2 * M_PI * k / n;
                pts.emplace_back(int(cx + r * std::cos(a)), int(cy + r * std::sin(a)));
            }
            cv::fillPoly(canvas, std::vector<std::vector<cv::Point>>{pts}, colour, cv::LINE_8);
        };
        switch (spec.shape) {
        case Shape::Circle: cv::circle(canvas, centre, int(radius), colour, cv::FILLED, cv::LINE_8); break;
        case Shape::Ring: cv::circle(canvas, centre, int(radius * 0.78), colour, int(radius * 0.42), cv::LINE_8); break;
        case Shape::Square: polygon(4, 0, M_PI / 4 + j.turn); break;
        case Shape::Triangle: polygon(3, 0, -M_PI / 2 + j.turn); break;
        case Shape::Star: polygon(5, 0.45, -M_PI / 2 + j.turn); break;
        }
    }
    return finishPicture(canvas, m_size, m_rng);
}

ShapesWorld::Jitter ShapesWorld::jitterOf(const ShapeSpec& spec)
{
    std::uniform_real_distribution<double> jitter(m_jitter ? -3.0 : 0.0, m_jitter ? 3.0 : 0.0);
    Jitter j;
    j.dx = jitter(m_rng);
    j.dy = jitter(m_rng);
    if (spec.shape != Shape::Circle && spec.shape != Shape::Ring) j.turn = jitter(m_rng) * 0.03; // polygons only
    return j;
}

void ShapesWorld::skipDraw(const Scene& scene)
{
    for (const ShapeSpec& spec : scene.shapes) jitterOf(spec);
    std::normal_distribution<double> noise(0.0, kNoiseSigma); // finishPicture's noise, one draw per channel value
    for (std::size_t i = 0, n = std::size_t(m_size) * std::size_t(m_size) * 3; i < n; ++i) noise(m_rng);
}

std::string article(const std::string& word) { return word.find_first_of("aeiou") == 0 ? "an " : "a "; }

std::string ShapesWorld::captionEnglish(const Scene& scene)
{
    const double form = std::uniform_real_distribution<double>(0, 1)(m_rng);
    const ShapeSpec& main = scene.shapes[0];
    if (scene.shapes.size() == 1 && form < 0.35) {
        const std::string& colour = colourNames()[std::size_t(main.colour)];
        const std::string& shape = shapeNames()[std::size_t(main.shape)];
        const std::string& bg = colourNames()[std::size_t(scene.background)];
        if (form < 0.06) return "a " + shape;
        if (form < 0.10) return colour;
        if (form < 0.14) return article(bg) + bg + " background";
        if (form < 0.24) return article(colour) + colour + " " + shape;
        return plainCaption(main.shape, main.colour, scene.background);
    }
    auto phrase = [&](const ShapeSpec& s) {
        const std::string size = s.large ? pick(m_rng, std::vector<std::string>{"large", "big"}) : pick(m_rng, std::vector<std::string>{"small", "little"});
        const std::string& pos = positionNames()[std::size_t(s.position)];
        std::string where;
        if (s.position == 4) where = pick(m_rng, std::vector<std::string>{"in the centre", "in the middle"});
        else if (s.position < 2) where = pick(m_rng, std::vector<std::string>{"on the " + pos, "at the " + pos});
        else where = pick(m_rng, std::vector<std::string>{"at the " + pos, "near the " + pos});
        return "a " + size + " " + colourNames()[std::size_t(s.colour)] + " " + shapeNames()[std::size_t(s.shape)] + " " + where;
    };
    std::string text = phrase(scene.shapes[0]);
    if (scene.shapes.size() > 1) text += " and " + phrase(scene.shapes[1]);
    const std::string& bg = colourNames()[std::size_t(scene.background)];
    text += pick(m_rng, std::vector<std::string>{", on " + article(bg) + bg + " background", " on " + article(bg) + bg + " background", ", " + bg + " background"});
    return text;
}

std::string ShapesWorld::captionKorean(const Scene& scene)
{
    static const std::vector<std::string> where{"왼쪽에", "오른쪽에", "위쪽에", "아래쪽에", "가운데에"};
    const double form = std::uniform_real_distribution<double>(0, 1)(m_rng);
    const ShapeSpec& main = scene.shapes[0];
    if (scene.shapes.size() == 1 && form < 0.35) {
        const std::string& colour = colourNamesKo()[std::size_t(main.colour)];
        const std::string& shape = shapeNamesKo()[std::size_t(main.shape)];
        const std::string& bg = colourNamesKo()[std::size_t(scene.background)];
        if (form < 0.06) return shape;
        if (form < 0.10) return colourWordKo(main.colour);
        if (form < 0.14) return bg + " 배경";
        if (form < 0.24) return colour + " " + shape;
        return bg + " 배경의 " + colour + " " + shape;
    }
    std::string text = colourNamesKo()[std::size_t(scene.background)] + " 배경 ";
    for (std::size_t i = 0; i < scene.shapes.size(); ++i) {
        const ShapeSpec& s = scene.shapes[i];
        if (i) text += ", 그리고 ";
        text += where[std::size_t(s.position)] + " 있는 " + (s.large ? "큰 " : "작은 ") + colourNamesKo()[std::size_t(s.colour)] + " " +
                shapeNamesKo()[std::size_t(s.shape)];
    }
    return text;
}

Sample ShapesWorld::render(const Scene& scene)
{
    Sample s;
    s.scene = scene;
    s.image = draw(scene);
    s.english = captionEnglish(scene);
    s.korean = captionKorean(scene);
    return s;
}

void writeShapesFolder(const std::string& folder, int count, uint64_t seed, int size)
{
    if (!QDir().mkpath(QString::fromStdString(folder))) throw Error("Cannot create folder '" + folder + "'");
    ShapesWorld world(seed, size);
    std::string tsv;
    for (int i = 0; i < count; ++i) {
        const Sample s = world.next();
        char name[32];
        std::snprintf(name, sizeof name, "shape_%05d.png", i);
        image::saveImageAtomic(s.image, folder + "/" + name);
        tsv += std::string(name) + "\t" + s.english + "\t" + s.korean + "\n";
    }
    io::writeFileAtomic(folder + "/captions.tsv", tsv);
}

} // namespace pictor::demo
