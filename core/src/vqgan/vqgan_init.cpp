#include "vqgan_init.h"

#include <ATen/ATen.h>

#include <cmath>

namespace pictor::vqgan {

namespace {

struct Init {
    torchutil::TensorMap& m;
    at::Generator& gen;

    at::Tensor uniform(at::IntArrayRef shape, double bound) { return at::rand(shape, gen).mul(2 * bound).sub(bound); }

    void conv(const std::string& p, int64_t in, int64_t out, int64_t k)
    {
        const double bound = 1.0 / std::sqrt(double(in * k * k)); // kaiming_uniform(a=sqrt(5)) and PyTorch's bias rule
        m[p + "weight"] = uniform({out, in, k, k}, bound);
        m[p + "bias"] = uniform({out}, bound);
    }
    void norm(const std::string& p, int64_t c)
    {
        m[p + "weight"] = at::ones({c});
        m[p + "bias"] = at::zeros({c});
    }
    void resBlock(const std::string& p, int64_t in, int64_t out)
    {
        norm(p + "norm1.", in);
        conv(p + "conv1.", in, out, 3);
        norm(p + "norm2.", out);
        conv(p + "conv2.", out, out, 3);
        if (in != out) conv(p + "nin_shortcut.", in, out, 1);
    }
    void attn(const std::string& p, int64_t c)
    {
        norm(p + "norm.", c);
        for (const char* n : {"q.", "k.", "v.", "proj_out."}) conv(p + n, c, c, 1);
    }
};

} // namespace

VqganConfig imagenetF16Config(int codes)
{
    VqganConfig c;
    c.ch = 128;
    c.chMult = {1, 1, 2, 2, 4};
    c.numResBlocks = 2;
    c.zChannels = 256;
    c.embedDim = 256;
    c.nEmbed = codes;
    c.resolution = 256;
    c.attnResolutions = {16};
    c.encoderAttn = {false, false, false, false, true};
    c.decoderAttn = {false, false, false, false, true};
    return c;
}

torchutil::TensorMap initVqganWeights(const VqganConfig& c, uint64_t seed)
{
    at::Generator gen = at::detail::createCPUGenerator(seed);
    torchutil::TensorMap m;
    Init init{m, gen};
    const int levels = c.levels();
    // Encoder
    init.conv("encoder.conv_in.", 3, c.ch, 3);
    int64_t blockIn = c.ch;
    for (int i = 0; i < levels; ++i) {
        const std::string p = "encoder.down." + std::to_string(i) + ".";
        blockIn = int64_t(c.ch) * (i == 0 ? 1 : c.chMult[std::size_t(i - 1)]);
        const int64_t blockOut = int64_t(c.ch) * c.chMult[std::size_t(i)];
        for (int j = 0; j < c.numResBlocks; ++j) {
            init.resBlock(p + "block." + std::to_string(j) + ".", blockIn, blockOut);
            blockIn = blockOut;
            if (c.encoderAttn[std::size_t(i)]) init.attn(p + "attn." + std::to_string(j) + ".", blockIn);
        }
        if (i + 1 < levels) init.conv(p + "downsample.conv.", blockIn, blockIn, 3);
    }
    init.resBlock("encoder.mid.block_1.", blockIn, blockIn);
    init.attn("encoder.mid.attn_1.", blockIn);
    init.resBlock("encoder.mid.block_2.", blockIn, blockIn);
    init.norm("encoder.norm_out.", blockIn);
    init.conv("encoder.conv_out.", blockIn, c.zChannels, 3);
    // Quantiser
    init.conv("quant_conv.", c.zChannels, c.embedDim, 1);
    m["quantize.embedding.weight"] = init.uniform({c.nEmbed, c.embedDim}, 1.0 / c.nEmbed);
    init.conv("post_quant_conv.", c.embedDim, c.zChannels, 1);
    // Decoder
    blockIn = int64_t(c.ch) * c.chMult.back();
    init.conv("decoder.conv_in.", c.zChannels, blockIn, 3);
    init.resBlock("decoder.mid.block_1.", blockIn, blockIn);
    init.attn("decoder.mid.attn_1.", blockIn);
    init.resBlock("decoder.mid.block_2.", blockIn, blockIn);
    for (int i = levels - 1; i >= 0; --i) {
        const std::string p = "decoder.up." + std::to_string(i) + ".";
        const int64_t blockOut = int64_t(c.ch) * c.chMult[std::size_t(i)];
        for (int j = 0; j <= c.numResBlocks; ++j) {
            init.resBlock(p + "block." + std::to_string(j) + ".", blockIn, blockOut);
            blockIn = blockOut;
            if (c.decoderAttn[std::size_t(i)]) init.attn(p + "attn." + std::to_string(j) + ".", blockIn);
        }
        if (i > 0) init.conv(p + "upsample.conv.", blockIn, blockIn, 3);
    }
    init.norm("decoder.norm_out.", blockIn);
    init.conv("decoder.conv_out.", blockIn, c.outCh, 3);
    return m;
}

} // namespace pictor::vqgan
