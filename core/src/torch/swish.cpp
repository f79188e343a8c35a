#include "swish.h"

#include <ATen/ATen.h>
#include <torch/csrc/autograd/custom_function.h>

namespace pictor::torchutil {

namespace {

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
        const at::Tensor& s = saved[0];
        // d/dx x*s(x) = s + x*s*(1 - s) = s + y*(1 - s)
        return {grads[0] * at::addcmul(s, saved[1], at::rsub(s, 1))}; // rsub: "1 - s" would fill a tensor of ones first
    }
};

} // namespace

at::Tensor swish(const at::Tensor& x)
{
    if (x.scalar_type() == at::kBFloat16 && x.requires_grad() && at::GradMode::is_enabled()) return Bf16Swish::apply(x);
    return at::silu(x);
}

} // namespace pictor::torchutil
