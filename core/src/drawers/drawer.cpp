#include "drawer.h"

#include "../image/tensor_image.h"

#include <pictor/error.h>

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

namespace pictor::gen {

std::vector<std::string> drawerKinds() { return {"vqgan", "pixel", "strokes", "image"}; }

std::unique_ptr<Drawer> makeDrawer(const DrawerContext& context)
{
    const std::string& kind = context.settings->drawer;
    if (kind == "vqgan" || kind.empty()) return makeVqganDrawer(context);
    if (kind == "pixel") return makePixelDrawer(context);
    if (kind == "strokes") return makeStrokesDrawer(context);
    if (kind == "image") return makeImageDrawer(context);
    throw Error("Unknown drawer '" + kind + "' (use vqgan, pixel, strokes or image)");
}

image::Image8 Drawer::finalPicture()
{
    c10::InferenceMode guard;
    return unitToImage(atOutputSize(render()));
}

image::Image8 unitToImage(const at::Tensor& unit) { return image::unitTensorToImage(unit.detach()[0]); }

at::Tensor stayNear(double weight, const at::Tensor& now, const at::Tensor& start)
{
    return weight > 0 ? weight / 2 * at::mse_loss(now, start) : at::Tensor();
}

at::Tensor imageToUnit(const image::Image8& picture) { return image::imageToTensor(image::toRgb(picture)).unsqueeze(0).add(1).div(2); }

at::Tensor imageToUnit(const image::Image8& picture, int w, int h) { return imageToUnit(image::resizeLanczos(image::toRgb(picture), w, h)); }

std::optional<image::Image8> startingPicture(const DrawerContext& context, int w, int h)
{
    const GenerationSettings& s = *context.settings;
    at::Generator& gen = *context.gen;
    if (!s.initImage.empty()) return image::resizeLanczos(image::toRgb(image::loadImage(s.initImage)), w, h);
    if (s.initNoise == "pixels" || s.initNoise == "gradient") {
        image::Image8 noise{w, h, 3, std::vector<uint8_t>(std::size_t(w) * std::size_t(h) * 3)};
        if (s.initNoise == "pixels") {
            const at::Tensor px = at::randint(0, 255, {int64_t(noise.pixels.size())}, gen, at::kLong).to(at::kByte);
            std::copy_n(px.data_ptr<uint8_t>(), noise.pixels.size(), noise.pixels.data());
        } else {
            // Random linear gradients per channel, across or down.
            const at::Tensor ends = at::rand({3, 2}, gen) * 255;
            const bool across = at::rand({1}, gen).item<float>() < 0.5;
            for (int y = 0; y < h; ++y)
                for (int x = 0; x < w; ++x)
                    for (int c = 0; c < 3; ++c) {
                        const double t = across ? double(x) / std::max(1, w - 1) : double(y) / std::max(1, h - 1);
                        const double a = ends[c][0].item<double>(), b = ends[c][1].item<double>();
                        noise.pixels[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * 3 + std::size_t(c)] = uint8_t(a + (b - a) * t);
                    }
        }
        return noise;
    }
    if (s.initNoise == "shape") return shapeStart(w, h, gen, context.pictureLoss);
    if (!s.initNoise.empty()) throw Error("Unknown init noise '" + s.initNoise + "' (use pixels, gradient or shape)");
    return std::nullopt;
}

} // namespace pictor::gen
