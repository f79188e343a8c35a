#include "demo_fidelity.h"

#include "demo_eval.h"

#include <cmath>

namespace pictor::demo {

namespace {

/// A pixel is "near" a colour within this RGB distance (the world's colours are 150 or more apart;
/// anti-aliased edges and the world's light noise stay inside it).
constexpr double kNear = 80;

double distance(const uint8_t* p, const uint8_t* c)
{
    const double r = double(p[0]) - c[0], g = double(p[1]) - c[1], b = double(p[2]) - c[2];
    return std::sqrt(r * r + g * g + b * b);
}

std::string where(const ShapeSpec& s)
{
    static const char* const places[kPositionCount] = {"on the left", "on the right", "at the top", "at the bottom", "in the centre"};
    return places[s.position];
}

} // namespace

std::vector<FidelityPrompt> fidelityPrompts()
{
    std::vector<FidelityPrompt> out;
    const auto& shapes = heldOutShapes();
    for (int variant = 0; variant < 2; ++variant)
        for (std::size_t i = 0; i < shapes.size(); ++i) {
            FidelityPrompt p;
            p.scene.background = heldOutBackgrounds()[i];
            ShapeSpec s = shapes[i];
            s.large = variant == 0 || i % 3 != 0;     // a third of the second set small
            s.position = variant == 0 ? 4 : int(i % 4); // centre, then left, right, top, bottom in turn
            p.scene.shapes = {s};
            const std::string& bg = colourNames()[std::size_t(p.scene.background)];
            p.prompt = std::string("a ") + (s.large ? "large " : "small ") + colourNames()[std::size_t(s.colour)] + " " +
                       shapeNames()[std::size_t(s.shape)] + " " + where(s) + ", on " + article(bg) + bg + " background";
            out.push_back(std::move(p));
        }
    return out;
}

Fidelity measureFidelity(const RgbImage& picture, const Scene& asked)
{
    Fidelity f;
    if (picture.empty() || asked.shapes.empty()) return f;
    ShapesWorld world(1, picture.width, false);
    world.setJitter(false);
    const image::Image8 ideal = world.draw(asked);
    const uint8_t* fg = colourRgb(asked.shapes[0].colour);
    const uint8_t* bg = colourRgb(asked.background);
    long shapePixels = 0, backgroundPixels = 0, fgHits = 0, bgHits = 0, fgAny = 0, both = 0, specks = 0;
    const std::size_t n = std::size_t(picture.width) * std::size_t(picture.height);
    for (std::size_t i = 0; i < n && 3 * i + 2 < ideal.pixels.size(); ++i) {
        const uint8_t* p = &picture.pixels[3 * i];
        const uint8_t* q = &ideal.pixels[3 * i];
        const bool inShape = distance(q, fg) < distance(q, bg);
        const double dFg = distance(p, fg), dBg = distance(p, bg);
        const bool nearFg = dFg < kNear && dFg <= dBg, nearBg = dBg < kNear && dBg < dFg;
        shapePixels += inShape;
        backgroundPixels += !inShape;
        fgHits += inShape && nearFg;
        bgHits += !inShape && nearBg;
        fgAny += nearFg;
        both += inShape && nearFg;
        specks += !nearFg && !nearBg;
    }
    f.colours = n ? double(fgHits + bgHits) / double(n) : 0;
    f.foreground = shapePixels ? double(fgHits) / double(shapePixels) : 0;
    f.background = backgroundPixels ? double(bgHits) / double(backgroundPixels) : 0;
    const long unionPixels = fgAny + shapePixels - both;
    f.overlap = unionPixels ? double(both) / double(unionPixels) : 0;
    f.specks = n ? double(specks) / double(n) : 0;
    const PictureReading read = readPicture(picture);
    f.formed = read.background == asked.background && read.colour == asked.shapes[0].colour && read.shape == int(asked.shapes[0].shape);
    return f;
}

} // namespace pictor::demo
