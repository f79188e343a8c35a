#pragma once
// A CLIP model loaded from any supported file, with its tokenizer: text and image embeddings for
// the CLI, the gallery and the generator. Methods may be called from one thread at a time.
#include <pictor/tokenizer.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace pictor {

struct ClipLoadOptions {
    /// A tokenizer file: bpe_simple_vocab_16e6.txt.gz (OpenAI models), sentencepiece.bpe.model
    /// (multilingual XLM-R models) or a sentencepiece .model. Empty: look next to the model file.
    std::string tokenizerPath;
    /// OpenAI weights were trained with QuickGELU; open_clip's plain models use GELU. Ignored for
    /// open_clip's multilingual (XLM-R) files, which always use GELU.
    bool quickGelu = true;
    /// Attention heads. 0 = as openai/CLIP's build_model infers them (width / 64), which holds for
    /// every published model (open_clip's ViT-H/14: 16); small custom models must say (safetensors metadata
    /// "clip.text_heads" / "clip.vision_heads" does the same).
    int textHeads = 0;
    int visionHeads = 0;
    /// Where embeddings are computed: auto, cpu, cuda or cuda:N (see device.h); a request that cannot be
    /// met is refused when loading.
    std::string device = "auto";
};

struct ClipInfo {
    std::string path;
    std::string format;       ///< one of the names listed in model_file.h
    std::string architecture; ///< "ViT-B/32" or a description of the inferred configuration
    bool vit = true;
    int embedDim = 0;
    int imageResolution = 0;
    int contextLength = 0;
    int64_t parameters = 0;
    std::string tokenizer;    ///< tokenizer name and file, or empty when none was found
    bool multilingual = false; ///< an XLM-RoBERTa text tower (open_clip's multilingual CLIP): Korean and ~100 other languages
};

using Embedding = std::vector<float>;

class ClipModel {
public:
    /// Throws pictor::Error naming the file and the problem.
    static std::unique_ptr<ClipModel> load(const std::string& path, const ClipLoadOptions& options = {});
    ~ClipModel();

    const ClipInfo& info() const;
    /// The device the model computes on ("cpu", "cuda:0") and why.
    const std::string& device() const;
    const std::string& deviceWhy() const;
    bool hasTokenizer() const;
    const Tokenizer& tokenizer() const; ///< throws when there is none, saying how to provide one

    std::vector<Embedding> embedTexts(const std::vector<std::string>& texts, bool normalize = true) const;
    std::vector<Embedding> embedTokenIds(const std::vector<std::vector<int>>& ids, bool normalize = true) const;
    std::vector<Embedding> embedImageFiles(const std::vector<std::string>& paths, bool normalize = true) const;
    /// Already-preprocessed planar images [count][3][R][R].
    std::vector<Embedding> embedPreprocessed(const std::vector<float>& pixels, int count, bool normalize = true) const;
    /// exp(logit_scale) as stored (capped at 100): the factor CLIP applies to cosine similarities.
    double logitScale() const;
    /// Image embeddings from a bf16 copy of the image tower, where the CPU computes bf16 natively
    /// (3.6x faster here; cosine to fp32 above 0.9999, which no ranking notices). Returns whether
    /// it is on. Not thread-safe: call before sharing the model.
    bool useBf16Images(bool on);

    struct Impl;
    Impl& impl() const { return *d; } ///< for other core components (the generator)

private:
    explicit ClipModel(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

/// Zero-shot probabilities: softmax over labels of scale * cosine(image, label).
std::vector<std::vector<double>> zeroShotProbabilities(const std::vector<Embedding>& images, const std::vector<Embedding>& labels,
                                                       double scale);

} // namespace pictor
