#include "constant_weight_conv.h"

#include <ATen/ATen.h>
#include <torch/csrc/autograd/custom_function.h>

namespace pictor::vqgan {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

/// From this many pixels the flipped forward convolution beats oneDNN's backward-data kernel
/// (at 128x128 and below the two are even, and the input is small).
constexpr int64_t kLargePixels = 192 * 192;

struct ConstantWeightConv : torch::autograd::Function<ConstantWeightConv> {
    static at::Tensor forward(AutogradContext* ctx, const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, int64_t padding)
    {
        const bool large = x.size(2) * x.size(3) >= kLargePixels;
        ctx->saved_data["padding"] = padding;
        ctx->saved_data["large"] = large;
        if (large) ctx->save_for_backward({weight});
        else ctx->save_for_backward({weight, x});
        return at::conv2d(x, weight, bias, 1, padding);
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const at::Tensor& weight = saved[0];
        const int64_t padding = ctx->saved_data["padding"].toInt();
        const at::Tensor& g = grads[0];
        at::Tensor dx;
        if (ctx->saved_data["large"].toBool()) {
            const auto format = g.is_contiguous(at::MemoryFormat::ChannelsLast) ? at::MemoryFormat::ChannelsLast : at::MemoryFormat::Contiguous;
            const at::Tensor flipped = weight.flip({2, 3}).transpose(0, 1).contiguous(format);
            dx = at::conv2d(g, flipped, {}, 1, weight.size(-1) - 1 - padding);
        } else {
            dx = std::get<0>(at::convolution_backward(g, saved[1], weight, c10::nullopt, {1, 1}, {padding, padding}, {1, 1}, false, {0, 0}, 1,
                                                      {true, false, false}));
        }
        return {dx, at::Tensor(), at::Tensor(), at::Tensor()};
    }
};

} // namespace

at::Tensor constantWeightConv(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, int64_t padding)
{
    return ConstantWeightConv::apply(x, weight, bias, padding);
}

} // namespace pictor::vqgan
