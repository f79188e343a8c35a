#include "tensor_image.h"

#include <pictor/error.h>

#include <ATen/ATen.h>

namespace pictor::image {

at::Tensor imageToTensor(const Image8& in)
{
    const Image8 rgb = toRgb(in);
    const at::Tensor hwc = at::from_blob(const_cast<uint8_t*>(rgb.pixels.data()), {rgb.height, rgb.width, 3}, at::kByte);
    return hwc.permute({2, 0, 1}).to(at::kFloat).div(127.5).sub(1.0).contiguous();
}

Image8 unitTensorToImage(const at::Tensor& chw)
{
    if (chw.dim() != 3 || chw.size(0) != 3) throw Error("expected a [3,H,W] image tensor");
    const at::Tensor bytes = chw.detach().to(at::kCPU).to(at::kFloat).clamp(0, 1).mul(255).round().to(at::kByte).permute({1, 2, 0}).contiguous();
    Image8 out{int(chw.size(2)), int(chw.size(1)), 3, {}};
    out.pixels.assign(bytes.data_ptr<uint8_t>(), bytes.data_ptr<uint8_t>() + bytes.numel());
    return out;
}

Image8 tensorToImage(const at::Tensor& chw)
{
    return unitTensorToImage(chw.detach().to(at::kFloat).add(1.0).div(2.0));
}

} // namespace pictor::image
