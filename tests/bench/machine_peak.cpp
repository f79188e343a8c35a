#include "machine_peak.h"

#include "clip/fp32_kernels.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <chrono>
#include <functional>

namespace pictor::bench {

namespace {

/// GFLOP/s of the fastest of a few runs after a warm-up.
double rate(double flops, const std::function<void()>& fn)
{
    fn();
    double best = 1e30;
    for (int i = 0; i < 5; ++i) {
        const auto t = std::chrono::steady_clock::now();
        fn();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count());
    }
    return flops / best * 1e-9;
}

double matmulRate(at::ScalarType type)
{
    const int64_t n = 2048;
    const at::Tensor a = at::randn({n, n}).to(type), b = at::randn({n, n}).to(type), bias = at::zeros({n}).to(type);
    const double flops = 2.0 * n * n * n;
    double best = rate(flops, [&] { (void)at::mm(a, b); });
    if (type == at::kFloat) best = std::max(best, rate(flops, [&] { (void)clip::denseFp32(a, b, bias); }));
    return best;
}

double convRate(at::ScalarType type)
{
    const int64_t c = 256, hw = 64;
    const double flops = 2.0 * c * c * 9 * hw * hw;
    double best = 0;
    for (const auto format : {at::MemoryFormat::ChannelsLast, at::MemoryFormat::Contiguous}) {
        const at::Tensor x = at::randn({1, c, hw, hw}).to(type).contiguous(format);
        const at::Tensor w = at::randn({c, c, 3, 3}).to(type).contiguous(format);
        best = std::max(best, rate(flops, [&] { (void)at::conv2d(x, w, {}, 1, 1); }));
    }
    return best;
}

} // namespace

MachinePeak measureMachinePeak(bool bf16)
{
    c10::InferenceMode guard;
    MachinePeak p;
    p.matmulFp32 = matmulRate(at::kFloat);
    p.convFp32 = convRate(at::kFloat);
    if (bf16) {
        p.matmulBf16 = matmulRate(at::kBFloat16);
        p.convBf16 = convRate(at::kBFloat16);
    }
    return p;
}

} // namespace pictor::bench
