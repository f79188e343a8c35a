#pragma once
// Text to image: the VQGAN+CLIP loop (Crowson's method as nerdyrodent/VQGAN-CLIP runs it).
// A GenerationRun optimises a VQGAN latent so that CLIP sees the prompts in the decoded picture.
// It is owned by one thread (the caller of start/step/runLoop); the control methods (pause,
// resume, stop, steering setters) may be called from any thread and take effect between steps.
#include <pictor/image_types.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pictor {

class ClipModel;
class VqganModel;

struct GenerationSettings {
    /// Text prompts: "text:weight:stop", several separated by '|', story phrases by '^'.
    /// A trailing part that is not a number stays in the text ("16:9 photo").
    std::string prompt;
    std::vector<std::string> imagePrompts; ///< "path" or "path:weight"
    std::vector<std::string> noisePrompts; ///< "seed:weight"
    std::string initImage;                 ///< encoded as the starting latent
    double initWeight = 0.0;               ///< keeps z near its start (0 = off)
    double smoothness = 0.0;               ///< total-variation penalty on the picture: fewer, larger shapes (0 = off)
    /// The first N steps shape a half-resolution token grid, then the picture is enlarged to the full grid and encoded
    /// again (0 = off). A start picture (noise, gradient) is drawn at the coarse grid's size but encoded at the asked
    /// one: noise in soft blobs, its first level shaping the full grid.
    int coarseSteps = 0;
    int coarseLevels = 1;                  ///< halvings of the coarse grid (1-3): 2 shapes a quarter-resolution grid, then a half one, each for an equal share of coarseSteps
    /// At this step (vqgan drawer) the picture settles into one shape: its two main colours and where the main
    /// colour's mass lies are read from the picture, CLIP picks one plain outline there and refines both colours, that
    /// picture becomes the latent, and the rest of the run stays near it (as init weight 5 would). 0 = off.
    int settleStep = 0;
    std::string initNoise;                 ///< "", "pixels", "gradient" or "shape" (one plain shape in the outline and colours CLIP picks; when no init image)
    int width = 256;
    int height = 256;
    int steps = 500;                       ///< 0 = run until stopped
    int64_t seed = -1;                     ///< -1 = pick one (reported in the result)
    double learningRate = 0.1;
    int cutn = 32;
    double cutPow = 1.0;
    std::string cutMethod = "latest";      ///< "latest" (pooled whole image) or "original" (random crops)
    std::vector<std::string> augments{"Af", "Pe", "Ji", "Er"};
    std::string optimizer = "Adam";        ///< Adam, AdamW, Adagrad, RMSprop, SGD
    int storyEvery = 0;                    ///< switch to the next '^' phrase every N steps
    int zoomEvery = 0;                     ///< zoom video mode: every N steps zoom/shift and re-encode
    double zoomScale = 0.99;
    int zoomShiftX = 0;
    int zoomShiftY = 0;
    bool bf16 = true;                      ///< use bf16 for CLIP where the CPU supports it
    /// Where the run computes: auto, cpu, cuda or cuda:N (see device.h). After start() it holds the device
    /// taken ("cpu", "cuda:0"), and deviceWhy() says why.
    std::string device = "auto";
    int threads = 0;

    // What the optimiser changes (Pixray's drawers); see drawerNames().
    std::string drawer = "vqgan";          ///< vqgan (a VQGAN latent), pixel, strokes or image
    int pixelColumns = 0;                  ///< pixel: grid cells across (0 with pixelRows 0: chosen from the size, see pixelGrid())
    int pixelRows = 0;                     ///< pixel: grid cells down
    std::string palette;                   ///< pixel colours limited to a palette (name or hex list); also the palette loss's
    int strokes = 40;                      ///< strokes: how many curves
    double strokeWidth = 4.0;              ///< strokes: starting width in pixels of the output
    std::string strokeStyle = "colour";    ///< strokes: "colour" or "line" (black on white, colour fixed)
    bool fourier = false;                  ///< image: optimise the picture's spectrum instead of its pixels

    // Style losses added to CLIP's, each with its weight (0 = off).
    double symmetryWeight = 0.0;           ///< left-right mirror
    double paletteWeight = 0.0;            ///< colours toward the palette
    double saturationWeight = 0.0;         ///< more (> 0) or less (< 0) saturated colours
    double edgesWeight = 0.0;              ///< a plain border

    bool tile = false;                     ///< seamless: cutouts wrap around the picture's edges
    /// Weights of the CLIP models judging each step, in the order given (empty = 1 each).
    std::vector<double> clipWeights;

    /// Whether the drawer is the VQGAN latent (the only one that needs a VQGAN model).
    bool needsVqgan() const { return drawer.empty() || drawer == "vqgan"; }
    /// The weight of a style loss by name ("symmetry", "palette", "saturation", "edges", "smoothness"),
    /// nullptr for other names.
    double* lossWeight(const std::string& loss);

    /// Human-readable one-line-per-setting text (the PNG "parameters" chunk).
    std::string toParametersText() const;
    /// Complete JSON (the PNG "pictor" chunk), including the model identities given.
    std::string toJson(const std::map<std::string, std::string>& extra = {}) const;
    /// Throws pictor::Error for JSON that is not a Pictor settings object.
    static GenerationSettings fromJson(const std::string& json);
};

/// The drawers a run can use, in the order a user would try them.
std::vector<std::string> drawerNames();

/// The pixel drawer's grid for a picture size, and the picture it makes (floored to whole cells).
struct PixelGrid {
    int columns = 0, rows = 0;
    int cellWidth = 0, cellHeight = 0;
    int width = 0, height = 0;     ///< the picture the drawer makes: columns x cellWidth, rows x cellHeight
    bool automatic = false;        ///< chosen from the size (settings 0x0)
};
/// The grid settings ask for at their size. 0x0 chooses square cells that divide the picture, about a
/// sixteenth of its shorter side (64x64: 16x16 cells of 4 px; 640x384: Pixray's 40x24 of 16 px).
/// Throws pictor::Error for a grid with no cells or more cells than pixels.
PixelGrid pixelGrid(const GenerationSettings& settings);

/// One parsed text prompt.
struct TextPrompt {
    std::string text;
    double weight = 1.0;
    double stop = -std::numeric_limits<double>::infinity();
};
/// Splits "a:2|b:-1^c" into story phrases of prompts.
std::vector<std::vector<TextPrompt>> parsePromptStory(const std::string& prompt);
TextPrompt parsePrompt(const std::string& text);

/// What the loop reports after every step.
struct GenerationFrame {
    RgbImage image;         ///< the picture this step optimised (before its update)
    int step = 0;           ///< 1-based count of steps done
    int totalSteps = 0;     ///< 0 when unlimited
    double loss = 0;
    double secondsPerStep = 0;
    double seconds = 0;     ///< since the run started
};

struct GenerationResult {
    RgbImage image;
    int steps = 0;
    double secondsPerStep = 0;
    double finalLoss = 0;
    double clipSimilarity = 0; ///< cosine of the final picture to the first text prompt
    int64_t seed = 0;
    bool stopped = false;      ///< stopped before the planned steps
};

class GenerationRun {
public:
    GenerationRun(std::shared_ptr<ClipModel> clip, std::shared_ptr<VqganModel> vqgan, GenerationSettings settings);
    /// A CLIP ensemble: every model judges each step with its own cutouts at its own input size; the
    /// loss is the sum weighted by settings.clipWeights. `vqgan` may be null for drawers other than vqgan.
    GenerationRun(std::vector<std::shared_ptr<ClipModel>> clips, std::shared_ptr<VqganModel> vqgan, GenerationSettings settings);
    ~GenerationRun();

    /// Prepares prompts and the starting latent. Throws pictor::Error for bad settings or files.
    void start();
    /// One optimiser step; returns the frame it produced.
    GenerationFrame step();
    /// Steps until the planned count, stop() or an error; honours pause(). Calls onFrame after
    /// every step (on this thread: keep it short).
    GenerationResult runLoop(const std::function<void(const GenerationFrame&)>& onFrame = {});

    void pause();
    void resume();
    void stop();
    bool isPaused() const;

    /// Steering: applied at the next step; the optimiser keeps its state.
    void setPrompt(const std::string& prompt);
    void setLearningRate(double lr);
    void setCutouts(int cutn);
    void setAugments(const std::vector<std::string>& augments);
    /// A style loss's weight: "symmetry", "palette", "saturation", "edges" or "smoothness".
    void setLossWeight(const std::string& loss, double weight);
    /// The palette of the pixel drawer and the palette loss ("" = none).
    void setPalette(const std::string& palette);

    const GenerationSettings& settings() const;
    /// Why the run computes where it does (after start()), e.g. "auto: the CPU, because this LibTorch ... without CUDA".
    const std::string& deviceWhy() const;
    int stepsDone() const;
    int64_t seed() const;
    RgbImage currentImage();
    /// The current picture through the run's own decoder (bf16 where the steps run in bf16), as the
    /// step frames are: cheaper than currentImage(), for showing the starting picture at once.
    RgbImage previewImage();
    /// Cosine similarity (CLIP) between the current picture and a text.
    double clipSimilarity(const std::string& text);
    /// The last step's loss gradient with respect to everything the drawer optimises, flattened (for checks).
    std::vector<float> lastGradient() const;

    /// Saves everything needed to continue later (latent, optimiser, step, random state).
    void saveSnapshot(const std::string& path);
    /// Restores a snapshot into a started run with the same models and size.
    void loadSnapshot(const std::string& path);

    struct Impl;

private:
    std::unique_ptr<Impl> d;
};

/// Best-of-N: tries `candidates` seeds for `trialSteps` each and returns the seed whose picture CLIP
/// scores highest for the first text prompt.
int64_t pickBestSeed(std::shared_ptr<ClipModel> clip, std::shared_ptr<VqganModel> vqgan, const GenerationSettings& settings,
                     int candidates, int trialSteps, const std::function<void(int, int64_t, double)>& onCandidate = {});
int64_t pickBestSeed(std::vector<std::shared_ptr<ClipModel>> clips, std::shared_ptr<VqganModel> vqgan, const GenerationSettings& settings,
                     int candidates, int trialSteps, const std::function<void(int, int64_t, double)>& onCandidate = {});

/// PNG with the settings embedded ("parameters" text and "pictor" JSON), written atomically.
void saveArtwork(const RgbImage& image, const std::string& path, const GenerationSettings& settings,
                 const std::map<std::string, std::string>& extra = {});
/// The text chunks of a PNG file (tEXt, iTXt, zTXt); throws pictor::Error for a bad file.
std::map<std::string, std::string> readPngText(const std::string& path);

/// Writes frames to a video: MP4 (H.264 / MPEG-4) when OpenCV has an encoder for it, otherwise
/// MJPG in an AVI next to the requested name. describe() says which.
class VideoRecorder {
public:
    VideoRecorder(const std::string& path, int width, int height, double fps);
    ~VideoRecorder();
    void add(const RgbImage& frame);
    void finish();
    const std::string& path() const;
    std::string describe() const;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace pictor
