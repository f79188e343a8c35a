// GenerationSettings <-> the JSON and text embedded in saved pictures.
#include <pictor/error.h>
#include <pictor/generation.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <sstream>

namespace pictor {

namespace {
QJsonArray strings(const std::vector<std::string>& v)
{
    QJsonArray a;
    for (const auto& s : v) a.append(QString::fromStdString(s));
    return a;
}
std::vector<std::string> strings(const QJsonValue& v)
{
    std::vector<std::string> out;
    for (const QJsonValue& s : v.toArray()) out.push_back(s.toString().toStdString());
    return out;
}
QJsonArray numbers(const std::vector<double>& v)
{
    QJsonArray a;
    for (double x : v) a.append(x);
    return a;
}
std::string joined(const std::vector<std::string>& v)
{
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
    return s;
}
} // namespace

std::string GenerationSettings::toJson(const std::map<std::string, std::string>& extra) const
{
    QJsonObject o{{"prompt", QString::fromStdString(prompt)},
                  {"image_prompts", strings(imagePrompts)},
                  {"noise_prompts", strings(noisePrompts)},
                  {"init_image", QString::fromStdString(initImage)},
                  {"init_weight", initWeight},
                  {"smoothness", smoothness},
                  {"coarse_steps", coarseSteps},
                  {"coarse_levels", coarseLevels},
                  {"settle_step", settleStep},
                  {"init_noise", QString::fromStdString(initNoise)},
                  {"width", width},
                  {"height", height},
                  {"steps", steps},
                  {"seed", qint64(seed)},
                  {"learning_rate", learningRate},
                  {"cutn", cutn},
                  {"cut_pow", cutPow},
                  {"cut_method", QString::fromStdString(cutMethod)},
                  {"augments", strings(augments)},
                  {"optimizer", QString::fromStdString(optimizer)},
                  {"story_every", storyEvery},
                  {"zoom_every", zoomEvery},
                  {"zoom_scale", zoomScale},
                  {"zoom_shift_x", zoomShiftX},
                  {"zoom_shift_y", zoomShiftY},
                  {"bf16", bf16},
                  {"drawer", QString::fromStdString(drawer)},
                  {"pixel_columns", pixelColumns},
                  {"pixel_rows", pixelRows},
                  {"palette", QString::fromStdString(palette)},
                  {"strokes", strokes},
                  {"stroke_width", strokeWidth},
                  {"stroke_style", QString::fromStdString(strokeStyle)},
                  {"fourier", fourier},
                  {"symmetry_weight", symmetryWeight},
                  {"palette_weight", paletteWeight},
                  {"saturation_weight", saturationWeight},
                  {"edges_weight", edgesWeight},
                  {"tile", tile},
                  {"clip_weights", numbers(clipWeights)}};
    for (const auto& [k, v] : extra) o.insert(QString::fromStdString(k), QString::fromStdString(v));
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

GenerationSettings GenerationSettings::fromJson(const std::string& json)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &err);
    if (!doc.isObject() || !doc.object().contains("prompt")) throw Error("not Pictor generation settings (" + err.errorString().toStdString() + ")");
    const QJsonObject o = doc.object();
    GenerationSettings s;
    s.prompt = o["prompt"].toString().toStdString();
    s.imagePrompts = strings(o["image_prompts"]);
    s.noisePrompts = strings(o["noise_prompts"]);
    s.initImage = o["init_image"].toString().toStdString();
    s.initWeight = o["init_weight"].toDouble(s.initWeight);
    s.smoothness = o["smoothness"].toDouble(s.smoothness);
    s.coarseSteps = o["coarse_steps"].toInt(s.coarseSteps);
    s.coarseLevels = o["coarse_levels"].toInt(s.coarseLevels);
    s.settleStep = o["settle_step"].toInt(s.settleStep);
    s.initNoise = o["init_noise"].toString().toStdString();
    s.width = o["width"].toInt(s.width);
    s.height = o["height"].toInt(s.height);
    s.steps = o["steps"].toInt(s.steps);
    s.seed = o["seed"].toInteger(s.seed);
    s.learningRate = o["learning_rate"].toDouble(s.learningRate);
    s.cutn = o["cutn"].toInt(s.cutn);
    s.cutPow = o["cut_pow"].toDouble(s.cutPow);
    s.cutMethod = o["cut_method"].toString(QString::fromStdString(s.cutMethod)).toStdString();
    if (o.contains("augments")) s.augments = strings(o["augments"]);
    s.optimizer = o["optimizer"].toString(QString::fromStdString(s.optimizer)).toStdString();
    s.storyEvery = o["story_every"].toInt(0);
    s.zoomEvery = o["zoom_every"].toInt(0);
    s.zoomScale = o["zoom_scale"].toDouble(s.zoomScale);
    s.zoomShiftX = o["zoom_shift_x"].toInt(0);
    s.zoomShiftY = o["zoom_shift_y"].toInt(0);
    s.bf16 = o["bf16"].toBool(s.bf16);
    // Pictures made before drawers carry none of these: the defaults are what made them.
    s.drawer = o["drawer"].toString(QString::fromStdString(s.drawer)).toStdString();
    s.pixelColumns = o["pixel_columns"].toInt(s.pixelColumns);
    s.pixelRows = o["pixel_rows"].toInt(s.pixelRows);
    s.palette = o["palette"].toString().toStdString();
    s.strokes = o["strokes"].toInt(s.strokes);
    s.strokeWidth = o["stroke_width"].toDouble(s.strokeWidth);
    s.strokeStyle = o["stroke_style"].toString(QString::fromStdString(s.strokeStyle)).toStdString();
    s.fourier = o["fourier"].toBool(false);
    s.symmetryWeight = o["symmetry_weight"].toDouble(0);
    s.paletteWeight = o["palette_weight"].toDouble(0);
    s.saturationWeight = o["saturation_weight"].toDouble(0);
    s.edgesWeight = o["edges_weight"].toDouble(0);
    s.tile = o["tile"].toBool(false);
    for (const QJsonValue& w : o["clip_weights"].toArray()) s.clipWeights.push_back(w.toDouble(1.0));
    return s;
}

double* GenerationSettings::lossWeight(const std::string& loss)
{
    if (loss == "symmetry") return &symmetryWeight;
    if (loss == "palette") return &paletteWeight;
    if (loss == "saturation") return &saturationWeight;
    if (loss == "edges") return &edgesWeight;
    if (loss == "smoothness") return &smoothness;
    return nullptr;
}

std::string GenerationSettings::toParametersText() const
{
    std::ostringstream t;
    t << prompt << "\n";
    t << "Size: " << width << "x" << height << ", Steps: " << steps << ", Seed: " << seed << ", Learning rate: " << learningRate
      << ", Optimizer: " << optimizer << ", Cutouts: " << cutn << ", Cut method: " << cutMethod << ", Cut power: " << cutPow
      << ", Augments: " << joined(augments);
    if (!imagePrompts.empty()) t << ", Image prompts: " << joined(imagePrompts);
    if (!noisePrompts.empty()) t << ", Noise prompts: " << joined(noisePrompts);
    if (!initImage.empty()) t << ", Init image: " << initImage << ", Init weight: " << initWeight;
    if (!initNoise.empty()) t << ", Init noise: " << initNoise;
    if (smoothness > 0) t << ", Smoothness: " << smoothness;
    if (coarseSteps > 0) t << ", Coarse steps: " << coarseSteps;
    if (coarseSteps > 0 && coarseLevels != 1) t << ", Coarse levels: " << coarseLevels;
    if (settleStep > 0) t << ", Settle step: " << settleStep;
    if (storyEvery) t << ", Story every: " << storyEvery;
    if (zoomEvery) t << ", Zoom every: " << zoomEvery << ", Zoom scale: " << zoomScale;
    if (drawer != "vqgan") t << ", Drawer: " << drawer;
    if (drawer == "pixel") t << ", Pixel grid: " << pixelColumns << "x" << pixelRows;
    if (drawer == "strokes") t << ", Strokes: " << strokes << ", Stroke width: " << strokeWidth << ", Stroke style: " << strokeStyle;
    if (drawer == "image" && fourier) t << ", Fourier: on";
    if (!palette.empty()) t << ", Palette: " << palette;
    if (symmetryWeight) t << ", Symmetry: " << symmetryWeight;
    if (paletteWeight) t << ", Palette weight: " << paletteWeight;
    if (saturationWeight) t << ", Saturation: " << saturationWeight;
    if (edgesWeight) t << ", Edges: " << edgesWeight;
    if (tile) t << ", Tile: on";
    if (!clipWeights.empty()) {
        t << ", CLIP weights: ";
        for (std::size_t i = 0; i < clipWeights.size(); ++i) t << (i ? "," : "") << clipWeights[i];
    }
    return t.str();
}

} // namespace pictor
