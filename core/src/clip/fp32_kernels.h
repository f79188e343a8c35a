#pragma once
// fp32 matrix products for the image tower's forward+backward on CPUs without bf16.
//
// Why: Debian's LibTorch 1.13 is built without MKL, so in fp32
//   - a linear layer goes to OpenBLAS (104-183 GFLOP/s on this machine for CLIP's shapes), while
//     oneDNN's 1x1 convolution over the same numbers reaches 330-356 GFLOP/s;
//   - bmm is a loop over the batch, each small product a threaded OpenBLAS call: one ViT-B/32
//     layer's attention over 32 cutouts took 89 ms forward+backward, against 5 ms in bf16.
// These run the same arithmetic (fp32 products and sums) through the faster kernels.
#include <ATen/core/Tensor.h>

namespace pictor::clip {

/// x W^T + b over the last dimension of x (fp32), as a 1x1 oneDNN convolution.
at::Tensor denseFp32(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias);

/// softmax(scale · q k^T) v for q [B,H,Lq,D] and k, v [B,H,L,D] (fp32, no mask): each (image,
/// head) pair's products run single-threaded, the pairs in parallel.
at::Tensor headAttentionFp32(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, double scale);

} // namespace pictor::clip
