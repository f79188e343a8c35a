#pragma once
// A drawer is what the optimiser changes to make a picture (Pixray's term): a VQGAN latent, a grid of
// pixel-art cells, Bézier strokes or the RGB picture itself. The loop (cutouts, CLIP, prompts, losses,
// steering, snapshots) only sees this interface.
#include "../image/image.h"
#include "../generate/start_picture.h"

#include <pictor/generation.h>

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

namespace pictor {
class VqganModel;
}

namespace pictor::gen {

/// One tensor the optimiser changes, and its learning rate relative to the run's.
struct DrawerParameter {
    std::string name; ///< snapshot key
    at::Tensor tensor;
    double lrScale = 1.0;
};

/// What a drawer may use when it starts.
struct DrawerContext {
    const GenerationSettings* settings = nullptr;
    at::Generator* gen = nullptr;
    std::shared_ptr<VqganModel> vqgan;          ///< only the vqgan drawer needs one
    at::ScalarType computeType = at::kFloat;    ///< bf16 where the run computes in bf16
    c10::Device device{c10::kCPU};              ///< where the parameters live and the picture is rendered
    at::Tensor palette;                         ///< [K,3] in [0,1] when the settings name a palette
    PictureLoss pictureLoss;                    ///< CLIP's loss of whole pictures (for the "shape" start)
};

class Drawer {
public:
    virtual ~Drawer() = default;

    /// Output size after the drawer's rounding (VQGAN cells, pixel grid).
    virtual int width() const = 0;
    virtual int height() const = 0;
    /// Draws the starting parameters (after the prompts are known: the "shape" start asks CLIP).
    virtual void initialise() = 0;
    virtual std::vector<DrawerParameter> parameters() const = 0;
    /// The picture [1,3,H,W] in [0,1], differentiable in parameters().
    virtual at::Tensor render() = 0;
    /// Keeps the parameters in range after an optimiser step.
    virtual void project() {}
    /// A loss keeping the parameters near their start (--init-weight), or an undefined tensor.
    virtual at::Tensor initPenalty(double /*weight*/) const { return {}; }
    /// Called before each step; true when the parameters were replaced (the optimiser starts afresh).
    virtual bool beginStep(int /*stepsDone*/) { return false; }
    /// Starts again from a picture (zoom video mode).
    virtual void restartFrom(const image::Image8& picture) = 0;
    /// A rendered picture at the output size (vqgan: its coarse stage renders half the size).
    virtual at::Tensor atOutputSize(const at::Tensor& picture) const { return picture; }
    /// The picture the user keeps: what render() shows unless the drawer can do better (vqgan: fp32 decoder).
    virtual image::Image8 finalPicture();
    /// Extra state a snapshot needs beyond parameters() (e.g. the starting latent), by key.
    virtual std::map<std::string, at::Tensor> extraState() const { return {}; }
    virtual void loadExtraState(const std::map<std::string, at::Tensor>& /*state*/) {}
    /// A new palette while running ([K,3], or undefined for none); only the pixel drawer uses one.
    virtual void setPalette(const at::Tensor& /*palette*/) {}
    /// Called when a snapshot's parameter shapes differ from the current ones (vqgan: a level of the coarse grid
    /// ended); true when the shapes changed, so that it can be called again until they match.
    virtual bool adoptShapes() { return false; }
};

std::vector<std::string> drawerKinds();
/// The drawer settings.drawer names; throws pictor::Error for unknown drawers or bad settings.
std::unique_ptr<Drawer> makeDrawer(const DrawerContext& context);

std::unique_ptr<Drawer> makeVqganDrawer(const DrawerContext& context);
std::unique_ptr<Drawer> makePixelDrawer(const DrawerContext& context);
std::unique_ptr<Drawer> makeStrokesDrawer(const DrawerContext& context);
std::unique_ptr<Drawer> makeImageDrawer(const DrawerContext& context);

/// The starting picture the settings ask for, at w x h, for drawers that start from a picture:
/// the init image, "pixels"/"gradient" noise or the "shape" start; nullopt for the drawer's own random start.
std::optional<image::Image8> startingPicture(const DrawerContext& context, int w, int h);

/// [1,3,H,W] in [0,1] -> 8-bit picture.
image::Image8 unitToImage(const at::Tensor& unit);
/// 8-bit picture -> [1,3,H,W] in [0,1].
at::Tensor imageToUnit(const image::Image8& picture);
/// The same, resized (Lanczos) to w x h first.
at::Tensor imageToUnit(const image::Image8& picture, int w, int h);

/// The init-weight penalty every drawer uses, weight / 2 x the mean squared distance of `now` from `start`;
/// undefined (no term, no work) when the weight is 0.
at::Tensor stayNear(double weight, const at::Tensor& now, const at::Tensor& start);

} // namespace pictor::gen
