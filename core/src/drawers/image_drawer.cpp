// The image drawer: the RGB picture itself, for users with no VQGAN. Optionally in a Fourier
// parameterisation (Lucid's): the optimiser changes the spectrum, scaled by 1/frequency, so a step
// moves large areas rather than single pixels.
#include "drawer.h"
#include "../generate/losses.h"

#include <pictor/error.h>

#include <ATen/ATen.h>

namespace pictor::gen {

namespace {

class ImageDrawer : public Drawer {
public:
    explicit ImageDrawer(const DrawerContext& context)
        : m_context(context)
        , m_width(context.settings->width)
        , m_height(context.settings->height)
        , m_fourier(context.settings->fourier)
    {
        if (m_fourier) {
            const at::Tensor fy = at::fft_fftfreq(m_height).unsqueeze(1);
            const at::Tensor fx = at::fft_rfftfreq(m_width).unsqueeze(0);
            const at::Tensor freq = at::sqrt(fy * fy + fx * fx);
            m_scale = (1.0 / at::clamp_min(freq, 1.0 / std::max(m_width, m_height))).view({1, 1, m_height, m_width / 2 + 1});
            m_scale = m_scale / m_scale.max() * 4; // the strongest (lowest) frequencies move about as far as a pixel would
        }
    }

    int width() const override { return m_width; }
    int height() const override { return m_height; }

    void initialise() override
    {
        if (auto picture = startingPicture(m_context, m_width, m_height)) m_param = fromUnit(imageToUnit(*picture, m_width, m_height));
        else if (m_fourier) m_param = at::randn({1, 3, m_height, m_width / 2 + 1, 2}, *m_context.gen) * 0.01;
        else m_param = at::rand({1, 3, m_height, m_width}, *m_context.gen) * 0.2 + 0.4; // quiet noise around grey
        m_param.requires_grad_(true);
        m_start = m_param.detach().clone();
    }

    std::vector<DrawerParameter> parameters() const override { return {{m_fourier ? "spectrum" : "pixels", m_param, m_fourier ? 0.5 : 0.2}}; }

    at::Tensor render() override
    {
        if (!m_fourier) return m_param;
        const at::Tensor picture = at::fft_irfft2(at::view_as_complex(m_param) * m_scale, at::IntArrayRef{m_height, m_width}, {-2, -1}, "ortho");
        return clampWithGrad(picture + 0.5, 0, 1);
    }

    void project() override
    {
        if (!m_fourier) m_param.clamp_(0, 1);
    }

    at::Tensor initPenalty(double weight) const override { return stayNear(weight, m_param, m_start); }

    void restartFrom(const image::Image8& picture) override
    {
        m_param = fromUnit(imageToUnit(picture, m_width, m_height)).requires_grad_(true);
    }

private:
    at::Tensor fromUnit(const at::Tensor& unit) const
    {
        if (!m_fourier) return unit.contiguous();
        return at::view_as_real(at::fft_rfft2(unit - 0.5, c10::nullopt, {-2, -1}, "ortho") / m_scale).contiguous();
    }

    DrawerContext m_context;
    int m_width = 0, m_height = 0;
    bool m_fourier = false;
    at::Tensor m_param, m_start, m_scale;
};

} // namespace

std::unique_ptr<Drawer> makeImageDrawer(const DrawerContext& context) { return std::make_unique<ImageDrawer>(context); }

} // namespace pictor::gen
