#include "losses.h"

#include <ATen/ATen.h>
#include <torch/csrc/autograd/custom_function.h>

#include <cmath>

namespace pictor::gen {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

struct ClampWithGrad : public torch::autograd::Function<ClampWithGrad> {
    static at::Tensor forward(AutogradContext* ctx, const at::Tensor& input, double lo, double hi)
    {
        ctx->saved_data["lo"] = lo;
        ctx->saved_data["hi"] = hi;
        ctx->save_for_backward({input});
        return input.clamp(lo, hi);
    }
    static variable_list backward(AutogradContext* ctx, variable_list grads)
    {
        const at::Tensor input = ctx->get_saved_variables()[0];
        const double lo = ctx->saved_data["lo"].toDouble(), hi = ctx->saved_data["hi"].toDouble();
        const at::Tensor& g = grads[0];
        const at::Tensor keep = (g * (input - input.clamp(lo, hi))).ge(0);
        return {g * keep, at::Tensor(), at::Tensor()};
    }
};

} // namespace

at::Tensor clampWithGrad(const at::Tensor& x, double lo, double hi) { return ClampWithGrad::apply(x, lo, hi); }

at::Tensor replaceGrad(const at::Tensor& forward, const at::Tensor& backward)
{
    return backward + (forward - backward).detach();
}

at::Tensor vectorQuantize(const at::Tensor& x, const at::Tensor& codebook)
{
    const at::Tensor flat = x.reshape({-1, x.size(-1)});
    const at::Tensor d = flat.pow(2).sum(1, true) + codebook.pow(2).sum(1).unsqueeze(0) - 2 * at::matmul(flat, codebook.t());
    const at::Tensor nearest = at::embedding(codebook, d.argmin(1)).reshape(x.sizes());
    return replaceGrad(nearest, x);
}

at::Tensor promptLoss(const at::Tensor& images, const at::Tensor& targets, double weight, double stop)
{
    const at::Tensor a = images / images.norm(2, -1, true).clamp_min(1e-12);
    const at::Tensor b = targets / targets.norm(2, -1, true).clamp_min(1e-12);
    at::Tensor dists = (a.unsqueeze(1) - b.unsqueeze(0)).norm(2, 2).div(2).clamp_max(1.0).asin().pow(2).mul(2);
    dists = dists * (weight < 0 ? -1.0 : 1.0);
    if (std::isfinite(stop) || stop > 0) dists = replaceGrad(dists, at::maximum(dists, at::full({}, stop, dists.options())));
    return std::fabs(weight) * dists.mean();
}

} // namespace pictor::gen
