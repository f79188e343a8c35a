#pragma once
// This machine's attainable arithmetic rate, measured on the spot with LibTorch's own kernels: the
// ceiling a step's GFLOP/s is compared with, so a figure from any machine says how close it is to
// that machine's limit.
namespace pictor::bench {

struct MachinePeak {
    double matmulFp32 = 0; ///< GFLOP/s, the best of BLAS and oneDNN on a 2048x2048x2048 product
    double convFp32 = 0;   ///< GFLOP/s, a 3x3 convolution 256 -> 256 channels at 64x64, the better layout
    double matmulBf16 = 0; ///< 0 where the CPU has no native bf16
    double convBf16 = 0;
    double fp32() const { return matmulFp32 > convFp32 ? matmulFp32 : convFp32; }
    double bf16() const { return matmulBf16 > convBf16 ? matmulBf16 : convBf16; }
};

MachinePeak measureMachinePeak(bool bf16);

} // namespace pictor::bench
