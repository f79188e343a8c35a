// The pixel drawer: pixel art, a grid of one-colour cells shown as crisp blocks, optionally limited
// to a palette through a straight-through nearest-colour step (forward: the palette colour; backward:
// the cell's own colour), as Pixray's pixel drawer with a palette.
#include "drawer.h"
#include "../generate/losses.h"
#include "../generate/style_losses.h"

#include <pictor/error.h>

#include <ATen/ATen.h>

#include <cmath>
#include <numeric>

namespace pictor::gen {

namespace {

// Adam moves every cell by about the learning rate each step whatever CLIP's gradient: at the run's
// 0.1 (a VQGAN latent's) single cells drift into noise; a tenth keeps the picture's blocks.
constexpr double kLrScale = 0.1;

class PixelDrawer : public Drawer {
public:
    explicit PixelDrawer(const DrawerContext& context)
        : m_context(context)
    {
        const PixelGrid grid = pixelGrid(*context.settings);
        m_cols = grid.columns;
        m_rows = grid.rows;
        m_cellW = grid.cellWidth;
        m_cellH = grid.cellHeight;
        m_palette = context.palette;
    }

    int width() const override { return m_cols * m_cellW; }
    int height() const override { return m_rows * m_cellH; }

    void initialise() override
    {
        if (auto picture = startingPicture(m_context, width(), height())) m_cells = cellsOf(*picture);
        else m_cells = at::rand({1, 3, m_rows, m_cols}, *m_context.gen);
        m_cells.requires_grad_(true);
        m_start = m_cells.detach().clone();
    }

    std::vector<DrawerParameter> parameters() const override { return {{"cells", m_cells, kLrScale}}; }

    at::Tensor render() override
    {
        at::Tensor colours = m_cells;
        if (m_palette.defined()) colours = replaceGrad(nearestPaletteColours(m_cells, m_palette), m_cells);
        // Whole-number scale factors: every output pixel is exactly its cell's colour.
        return colours.repeat_interleave(m_cellH, 2).repeat_interleave(m_cellW, 3);
    }

    void project() override { m_cells.clamp_(0, 1); }

    void setPalette(const at::Tensor& palette) override { m_palette = palette; }

    at::Tensor initPenalty(double weight) const override { return stayNear(weight, m_cells, m_start); }

    void restartFrom(const image::Image8& picture) override { m_cells = cellsOf(picture).requires_grad_(true); }

private:
    at::Tensor cellsOf(const image::Image8& picture) const
    {
        return at::adaptive_avg_pool2d(imageToUnit(picture, width(), height()), {m_rows, m_cols}).contiguous();
    }

    DrawerContext m_context;
    int m_cols = 0, m_rows = 0, m_cellW = 1, m_cellH = 1;
    at::Tensor m_cells, m_start, m_palette;
};

} // namespace

} // namespace pictor::gen

namespace pictor {

PixelGrid pixelGrid(const GenerationSettings& g)
{
    PixelGrid grid;
    if (g.pixelColumns == 0 && g.pixelRows == 0 && g.width > 0 && g.height > 0) {
        // Square cells: a divisor of both sides, the one nearest a sixteenth of the shorter side (the smaller on a tie).
        const int common = std::gcd(g.width, g.height);
        const double target = std::min(g.width, g.height) / 16.0;
        int cell = 1;
        for (int c = 1; c <= common; ++c)
            if (common % c == 0 && std::abs(c - target) < std::abs(cell - target)) cell = c;
        grid.columns = g.width / cell;
        grid.rows = g.height / cell;
        grid.automatic = true;
    } else {
        grid.columns = g.pixelColumns;
        grid.rows = g.pixelRows;
    }
    if (grid.columns <= 0 || grid.rows <= 0)
        throw Error("The pixel grid must have at least one cell (got " + std::to_string(grid.columns) + "x" + std::to_string(grid.rows) + ")");
    if (grid.columns > g.width || grid.rows > g.height)
        throw Error("The pixel grid " + std::to_string(grid.columns) + "x" + std::to_string(grid.rows) + " is larger than the picture " +
                    std::to_string(g.width) + "x" + std::to_string(g.height) + ": use fewer cells or a larger size");
    grid.cellWidth = g.width / grid.columns;
    grid.cellHeight = g.height / grid.rows;
    grid.width = grid.columns * grid.cellWidth;
    grid.height = grid.rows * grid.cellHeight;
    return grid;
}

} // namespace pictor

namespace pictor::gen {

std::unique_ptr<Drawer> makePixelDrawer(const DrawerContext& context) { return std::make_unique<PixelDrawer>(context); }

} // namespace pictor::gen
