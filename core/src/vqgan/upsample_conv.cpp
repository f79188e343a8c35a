#include "upsample_conv.h"

#include <ATen/ATen.h>
#include <torch/csrc/autograd/custom_function.h>

#include <utility>

namespace pictor::vqgan {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

/// Taps of a 3-tap kernel dimension seen by the two phases: (k0 | k1+k2) and (k0+k1 | k2).
std::pair<at::Tensor, at::Tensor> phaseTaps(const at::Tensor& k, int64_t dim)
{
    const at::Tensor k0 = k.select(dim, 0), k1 = k.select(dim, 1), k2 = k.select(dim, 2);
    return {at::stack({k0, k1 + k2}, dim), at::stack({k0 + k1, k2}, dim)};
}

/// Phase (a, b) of the 2x2 convolution's output [N, 4O, H+1, W+1]: block 2a+b, shifted by (a, b).
at::Tensor phase(const at::Tensor& y, int64_t o, int64_t h, int64_t w, int a, int b)
{
    return y.narrow(1, (2 * a + b) * o, o).narrow(2, a, h).narrow(3, b, w);
}

/// Output pixels (2i+a, 2j+b) of out [N, O, 2H, 2W].
at::Tensor pixels(const at::Tensor& out, int a, int b)
{
    return out.slice(2, a, out.size(2), 2).slice(3, b, out.size(3), 2);
}

/// Interleaves the four phases into the upsampled picture. Written as its own autograd function:
/// through narrow and stack, the backward would zero-fill four gradients of the 4O-channel output
/// and add them; here it is one zero-fill and four strided copies.
struct Interleave : torch::autograd::Function<Interleave> {
    static at::Tensor forward(AutogradContext* ctx, const at::Tensor& y, int64_t o)
    {
        const int64_t h = y.size(2) - 1, w = y.size(3) - 1;
        at::Tensor out = at::empty({y.size(0), o, 2 * h, 2 * w}, y.options().memory_format(y.suggest_memory_format()));
        for (int a = 0; a < 2; ++a)
            for (int b = 0; b < 2; ++b) pixels(out, a, b).copy_(phase(y, o, h, w, a, b));
        ctx->saved_data["shape"] = y.sizes().vec();
        ctx->saved_data["format"] = int64_t(y.suggest_memory_format());
        return out;
    }

    static variable_list backward(AutogradContext* ctx, variable_list grads)
    {
        const auto shape = ctx->saved_data["shape"].toIntVector();
        const auto format = at::MemoryFormat(ctx->saved_data["format"].toInt());
        const at::Tensor& g = grads[0];
        const int64_t o = g.size(1), h = shape[2] - 1, w = shape[3] - 1;
        at::Tensor gy = at::zeros(shape, g.options().memory_format(format));
        for (int a = 0; a < 2; ++a)
            for (int b = 0; b < 2; ++b) phase(gy, o, h, w, a, b).copy_(pixels(g, a, b));
        return {gy, at::Tensor()};
    }
};

} // namespace

at::Tensor wrapPad(const at::Tensor& x, int64_t pad)
{
    const int64_t h = x.size(2), w = x.size(3);
    at::Tensor rows = at::cat({x.narrow(2, h - pad, pad), x, x.narrow(2, 0, pad)}, 2);
    at::Tensor out = at::cat({rows.narrow(3, w - pad, pad), rows, rows.narrow(3, 0, pad)}, 3);
    return out.contiguous(x.suggest_memory_format());
}

at::Tensor upsampleConv(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias, bool circular)
{
    const int64_t o = weight.size(0);
    // Phase kernels summed in fp32 whatever the weights' type; order (a, b) = 00, 01, 10, 11.
    const auto [row0, row1] = phaseTaps(weight.to(at::kFloat), 2);
    const auto [k00, k01] = phaseTaps(row0, 3);
    const auto [k10, k11] = phaseTaps(row1, 3);
    at::Tensor kernels = at::cat({k00, k01, k10, k11}, 0).to(weight.scalar_type());
    kernels = kernels.contiguous(x.suggest_memory_format());
    // [N, 4O, H+1, W+1]. Wrapping x by one pixel wraps the upsampled picture by one: its pixel -1 is x's pixel -1.
    const int64_t padding = circular ? 0 : 1;
    const at::Tensor y = at::conv2d(circular ? wrapPad(x, 1) : x, kernels, bias.repeat({4}), 1, padding);
    return Interleave::apply(y, o);
}

} // namespace pictor::vqgan
