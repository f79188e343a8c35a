#include "fp32_kernels.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#ifndef PICTOR_NO_CBLAS
#include <cblas.h>
#endif
#include <torch/csrc/autograd/custom_function.h>

namespace pictor::clip {

at::Tensor denseFp32(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias)
{
    const int64_t k = x.size(-1), n = weight.size(0);
    const at::Tensor rows = x.reshape({-1, k}).contiguous();
    const int64_t m = rows.size(0);
    // [M,K] row-major is a channels-last [1,K,M,1] image; a [N,K] weight is an [N,K,1,1] kernel.
    const at::Tensor image = rows.view({1, m, 1, k}).permute({0, 3, 1, 2});
    const at::Tensor y = at::conv2d(image, weight.contiguous().view({n, k, 1, 1}), bias);
    std::vector<int64_t> sizes = x.sizes().vec();
    sizes.back() = n;
    return y.permute({0, 2, 3, 1}).reshape(sizes); // channels-last output: a view
}

namespace {

/// Row-major C[M,N] = op(A) op(B) for one pair, with A stored [M,K] ([K,M] when transA) and B
/// stored [K,N] ([N,K] when transB). The BLAS is LibTorch's own (OpenBLAS, see CMakeLists.txt).
void gemm(bool transA, bool transB, int m, int n, int k, const float* a, const float* b, float* c, float alpha = 1.0f)
{
#ifndef PICTOR_NO_CBLAS
    cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans, m, n, k, alpha, a, transA ? m : k, b,
                transB ? k : n, 0.0f, c, n);
#else
    // The engine-only build links no BLAS of its own (a GPU machine's LibTorch keeps its BLAS private): ATen's
    // product over the same memory. These kernels are the CPU path's and are chosen only when timed faster.
    const auto f = at::TensorOptions().dtype(at::kFloat);
    const std::vector<int64_t> shapeA = transA ? std::vector<int64_t>{k, m} : std::vector<int64_t>{m, k};
    const std::vector<int64_t> shapeB = transB ? std::vector<int64_t>{n, k} : std::vector<int64_t>{k, n};
    const at::Tensor ta = at::from_blob(const_cast<float*>(a), shapeA, f);
    const at::Tensor tb = at::from_blob(const_cast<float*>(b), shapeB, f);
    at::Tensor tc = at::from_blob(c, {m, n}, f);
    at::mm_out(tc, transA ? ta.t() : ta, transB ? tb.t() : tb);
    if (alpha != 1.0f) tc.mul_(alpha);
#endif
}

/// fn(i) for each of the B*H pairs on LibTorch's threads. Inside the parallel region OpenBLAS runs
/// single-threaded, and the products are called directly, without ATen's per-operator dispatch.
template <typename Fn>
void forEachPair(int64_t pairs, Fn&& fn)
{
    at::parallel_for(0, pairs, 1, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) fn(i);
    });
}

/// Pairs flattened to [B*H, L, D] (contiguous) and the attention's probabilities and output.
struct Pairs {
    at::Tensor q, k, v, probs, out;
};

Pairs attend(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, float scale)
{
    const int64_t b = q.size(0), h = q.size(1), lq = q.size(2), d = q.size(3), l = k.size(2);
    Pairs r{q.reshape({b * h, lq, d}).contiguous(), k.reshape({b * h, l, d}).contiguous(), v.reshape({b * h, l, d}).contiguous(), {},
            at::empty({b * h, lq, d}, q.options())};
    at::Tensor scores = at::empty({b * h, lq, l}, q.options());
    const float *qp = r.q.data_ptr<float>(), *kp = r.k.data_ptr<float>(), *vp = r.v.data_ptr<float>();
    float* sp = scores.data_ptr<float>();
    forEachPair(b * h, [&](int64_t i) { gemm(false, true, lq, l, d, qp + i * lq * d, kp + i * l * d, sp + i * lq * l, scale); });
    r.probs = at::_softmax(scores, 2, false);
    const float* pp = r.probs.data_ptr<float>();
    float* op = r.out.data_ptr<float>();
    forEachPair(b * h, [&](int64_t i) { gemm(false, false, lq, d, l, pp + i * lq * l, vp + i * l * d, op + i * lq * d); });
    return r;
}

struct HeadAttention : torch::autograd::Function<HeadAttention> {
    static at::Tensor forward(torch::autograd::AutogradContext* ctx, const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale)
    {
        Pairs r = attend(q, k, v, float(scale));
        ctx->saved_data["scale"] = scale;
        ctx->save_for_backward({r.q, r.k, r.v, r.probs});
        return r.out.view(q.sizes());
    }

    static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx, torch::autograd::variable_list grads)
    {
        const auto saved = ctx->get_saved_variables();
        const float scale = float(ctx->saved_data["scale"].toDouble());
        const at::Tensor &q3 = saved[0], &k3 = saved[1], &v3 = saved[2], &probs = saved[3];
        const int64_t pairs = q3.size(0), lq = q3.size(1), d = q3.size(2), l = k3.size(1);
        const at::Tensor g = grads[0].reshape(q3.sizes()).contiguous();
        at::Tensor dq = at::empty_like(q3), dk = at::empty_like(k3), dv = at::empty_like(v3), dp = at::empty_like(probs);
        const float *gp = g.data_ptr<float>(), *pp = probs.data_ptr<float>(), *qp = q3.data_ptr<float>(), *kp = k3.data_ptr<float>(),
                    *vp = v3.data_ptr<float>();
        float *dqp = dq.data_ptr<float>(), *dkp = dk.data_ptr<float>(), *dvp = dv.data_ptr<float>(), *dpp = dp.data_ptr<float>();
        forEachPair(pairs, [&](int64_t i) {
            gemm(true, false, l, d, lq, pp + i * lq * l, gp + i * lq * d, dvp + i * l * d);  // dV = P^T dO
            gemm(false, true, lq, l, d, gp + i * lq * d, vp + i * l * d, dpp + i * lq * l); // dP = dO V^T
        });
        const at::Tensor ds = at::_softmax_backward_data(dp, probs, 2, at::kFloat);
        const float* dsp = ds.data_ptr<float>();
        forEachPair(pairs, [&](int64_t i) {
            gemm(false, false, lq, d, l, dsp + i * lq * l, kp + i * l * d, dqp + i * lq * d, scale); // dQ = scale dS K
            gemm(true, false, l, d, lq, dsp + i * lq * l, qp + i * lq * d, dkp + i * l * d, scale);  // dK = scale dS^T Q
        });
        const int64_t b = grads[0].size(0), h = grads[0].size(1);
        return {dq.view(grads[0].sizes()), dk.view({b, h, l, d}), dv.view({b, h, l, d}), at::Tensor()};
    }
};

} // namespace

at::Tensor headAttentionFp32(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale)
{
    if (at::GradMode::is_enabled() && (q.requires_grad() || k.requires_grad() || v.requires_grad())) return HeadAttention::apply(q, k, v, scale);
    return attend(q, k, v, float(scale)).out.view(q.sizes());
}

} // namespace pictor::clip
