// The strokes drawer: N cubic Bézier strokes with width, colour and opacity over a background colour
// (Pixray's "vector" / clipdraw), drawn by strokes_raster. The "line" style draws black strokes on white
// whose colour stays fixed: only their course and width change (Pixray's line sketches).
#include "drawer.h"
#include "strokes_raster.h"

#include <pictor/error.h>

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

namespace pictor::gen {

namespace {

/// The mean colour of a picture's outermost pixels ([3,H,W] -> [3]): its ground.
at::Tensor borderColour(const at::Tensor& unit)
{
    const int64_t h = unit.size(1), w = unit.size(2);
    return at::cat({unit.select(1, 0), unit.select(1, h - 1), unit.select(2, 0), unit.select(2, w - 1)}, 1).mean(1);
}

class StrokesDrawer : public Drawer {
public:
    explicit StrokesDrawer(const DrawerContext& context)
        : m_context(context)
    {
        const GenerationSettings& g = *context.settings;
        if (g.strokes <= 0 || g.strokes > 2000) throw Error("Strokes must be between 1 and 2000 (got " + std::to_string(g.strokes) + ")");
        if (!(g.strokeWidth > 0) || g.strokeWidth > std::min(g.width, g.height))
            throw Error("The stroke width must be above 0 and at most the picture's size (got " + std::to_string(g.strokeWidth) + ")");
        if (g.strokeStyle != "colour" && g.strokeStyle != "line") throw Error("Unknown stroke style '" + g.strokeStyle + "' (use colour or line)");
        m_line = g.strokeStyle == "line";
        m_width = g.width;
        m_height = g.height;
    }

    int width() const override { return m_width; }
    int height() const override { return m_height; }

    void initialise() override
    {
        const GenerationSettings& g = *m_context.settings;
        at::Generator& gen = *m_context.gen;
        const int64_t n = g.strokes;
        // A short random walk from a random start for each stroke, as clipdraw begins.
        const at::Tensor start = at::rand({n, 1, 2}, gen);
        const at::Tensor steps = (at::rand({n, 3, 2}, gen) - 0.5) * 0.2;
        m_points = at::cat({start, start + steps.cumsum(1)}, 1).contiguous();
        m_widths = at::full({n}, g.strokeWidth, at::kFloat);
        if (m_line) {
            m_colours = at::cat({at::zeros({n, 3}), at::ones({n, 1})}, 1);
            m_background = at::ones({3});
        } else {
            m_colours = at::cat({at::rand({n, 3}, gen), at::ones({n, 1})}, 1);
            m_background = at::rand({3}, gen);
        }
        if (auto picture = startingPicture(m_context, m_width, m_height)) {
            const at::Tensor unit = imageToUnit(*picture, m_width, m_height)[0];
            placeOnSubject(unit);
            takeColoursFrom(unit);
        }
        m_points.requires_grad_(true);
        m_widths.requires_grad_(true);
        if (!m_line) {
            m_colours.requires_grad_(true);
            m_background.requires_grad_(true);
        }
        m_startPoints = m_points.detach().clone();
    }

    std::vector<DrawerParameter> parameters() const override
    {
        std::vector<DrawerParameter> p{{"points", m_points, 0.1}, {"widths", m_widths, 1.0}};
        if (!m_line) {
            p.push_back({"colours", m_colours, 0.1});
            p.push_back({"background", m_background, 0.1});
        }
        return p;
    }

    at::Tensor render() override
    {
        const at::Tensor scale = at::tensor({float(m_width), float(m_height)}).view({1, 1, 2});
        return rasteriseStrokes({m_points * scale, m_widths, m_colours, m_background}, m_height, m_width, m_context.settings->tile);
    }

    void project() override
    {
        m_points.clamp_(-0.1, 1.1);
        m_widths.clamp_(0.5, std::max(1.0, std::min(m_width, m_height) / 4.0));
        if (!m_line) {
            m_colours.clamp_(0, 1);
            m_background.clamp_(0, 1);
        }
    }

    at::Tensor initPenalty(double weight) const override { return stayNear(weight, m_points, m_startPoints); }

    void restartFrom(const image::Image8& picture) override
    {
        takeColoursFrom(imageToUnit(picture, m_width, m_height)[0]);
    }

private:
    /// Moves each stroke to start on the picture's subject: a pixel drawn with odds growing with its
    /// colour's distance from the border's, so the strokes trace what the picture shows, not its ground.
    void placeOnSubject(const at::Tensor& unit)
    {
        at::NoGradGuard noGrad;
        const int64_t h = unit.size(1), w = unit.size(2);
        const at::Tensor ground = borderColour(unit);
        const at::Tensor odds = (unit - ground.view({3, 1, 1})).pow(2).sum(0).reshape(-1) + 1e-4;
        const at::Tensor picks = at::multinomial(odds, m_points.size(0), true, *m_context.gen);
        const at::Tensor start = at::stack({(picks % w).to(at::kFloat).add(0.5) / double(w), (picks / w).to(at::kFloat).add(0.5) / double(h)}, 1);
        m_points += (start - m_points.select(1, 0)).unsqueeze(1);
    }

    /// The background from the picture's border, each stroke's colour from under its start.
    void takeColoursFrom(const at::Tensor& unit)
    {
        at::NoGradGuard noGrad;
        if (m_line) return;
        const int64_t h = unit.size(1), w = unit.size(2);
        m_background.copy_(borderColour(unit));
        const at::Tensor xs = (m_points.select(1, 0).select(1, 0) * double(w)).clamp(0, double(w - 1)).to(at::kLong);
        const at::Tensor ys = (m_points.select(1, 0).select(1, 1) * double(h)).clamp(0, double(h - 1)).to(at::kLong);
        m_colours.narrow(1, 0, 3).copy_(unit.reshape({3, -1}).index_select(1, ys * w + xs).t());
    }

    DrawerContext m_context;
    bool m_line = false;
    int m_width = 0, m_height = 0;
    at::Tensor m_points, m_widths, m_colours, m_background, m_startPoints;
};

} // namespace

std::unique_ptr<Drawer> makeStrokesDrawer(const DrawerContext& context) { return std::make_unique<StrokesDrawer>(context); }

} // namespace pictor::gen
