#include "swish.h"

#include <ATen/ATen.h>
#include <torch/csrc/autograd/custom_function.h>

namespace pictor::torchutil {

namespace {

/// d/dx x*s(x) = s + x*s*(1 - s) = s + y*(1 - s), in three vectorised bf16 passes.
at::Tensor bf16SwishSlope(const at::Tensor& s, const at::Tensor& y)
{
    return at::addcmul(s, y, at::rsub(s, 1)); // rsub: "1 - s" would fill a tensor of ones first
}

struct Bf16Swish : torch::autograd::Function<Bf16Swish> {
    static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& x)
    {
        const at::Tensor s = at::sigmoid(x);
        const at::Tensor y = x * s;
        ctx->save_for_backward({s, y});
        return y;
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        return {grads[0] * bf16SwishSlope(saved[0], saved[1])};
    }
};

} // namespace

at::Tensor swish(const at::Tensor& x)
{
    if (x.scalar_type() == at::kBFloat16 && x.requires_grad() && at::GradMode::is_enabled()) return Bf16Swish::apply(x);
    return at::silu(x);
}

at::Tensor swishValues(const at::Tensor& x)
{
    return x.scalar_type() == at::kBFloat16 ? x * at::sigmoid(x) : at::silu(x);
}

at::Tensor swishGradient(const at::Tensor& grad, const at::Tensor& x)
{
    if (x.scalar_type() != at::kBFloat16) return at::silu_backward(grad, x);
    const at::Tensor s = at::sigmoid(x);
    return grad * bf16SwishSlope(s, x * s);
}

} // namespace pictor::torchutil
