#include "structure_negatives.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <numeric>

namespace pictor::demo {

namespace {

double uniform(std::mt19937_64& rng, double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); }

image::Image8 scattered(ShapesWorld& world, const Scene& scene)
{
    std::mt19937_64& rng = world.rng();
    Scene many;
    many.background = scene.background;
    const int copies = std::uniform_int_distribution<int>(3, 7)(rng);
    for (int i = 0; i < copies; ++i) {
        ShapeSpec s = scene.shapes[0];
        s.freeRadius = uniform(rng, 0.05, 0.12);
        s.freeX = uniform(rng, 0.08, 0.92);
        s.freeY = uniform(rng, 0.08, 0.92);
        many.shapes.push_back(s);
    }
    return world.draw(many);
}

image::Image8 shuffledTiles(std::mt19937_64& rng, const image::Image8& picture)
{
    const int size = picture.width, tile = rng() % 2 ? 8 : 16;
    cv::Mat src(size, size, CV_8UC3, const_cast<uint8_t*>(picture.pixels.data()));
    // Shift first so that tile edges do not always fall on CLIP's patch edges.
    const int dx = int(rng() % unsigned(tile)), dy = int(rng() % unsigned(tile));
    cv::Mat shifted(size, size, CV_8UC3), out(size, size, CV_8UC3);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) shifted.at<cv::Vec3b>(y, x) = src.at<cv::Vec3b>((y + dy) % size, (x + dx) % size);
    const int per = size / tile;
    std::vector<int> order(std::size_t(per * per));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), rng);
    for (int t = 0; t < per * per; ++t) {
        const int from = order[std::size_t(t)];
        cv::Mat piece = shifted(cv::Rect(from % per * tile, from / per * tile, tile, tile)).clone();
        const int turns = int(rng() % 4);
        if (turns) cv::rotate(piece, piece, turns == 1 ? cv::ROTATE_90_CLOCKWISE : turns == 2 ? cv::ROTATE_180 : cv::ROTATE_90_COUNTERCLOCKWISE);
        piece.copyTo(out(cv::Rect(t % per * tile, t / per * tile, tile, tile)));
    }
    image::Image8 img = picture;
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const cv::Vec3b p = out.at<cv::Vec3b>((y - dy + size) % size, (x - dx + size) % size);
            std::copy(&p[0], &p[0] + 3, &img.pixels[std::size_t(y * size + x) * 3]);
        }
    return img;
}

image::Image8 blobs(std::mt19937_64& rng, const Scene& scene, int size)
{
    // Smooth noise, thresholded so that the blobs cover about as much as a shape does. A lone
    // convex blob could pass for a circle, the one thing it must not be: those are drawn again.
    const int big = size * 4;
    cv::Mat mask;
    for (int attempt = 0; attempt < 20; ++attempt) {
        const int grid = std::vector<int>{4, 5, 6, 8}[rng() % 4];
        cv::Mat coarse(grid, grid, CV_32F), field;
        std::normal_distribution<float> normal(0, 1);
        for (int y = 0; y < grid; ++y)
            for (int x = 0; x < grid; ++x) coarse.at<float>(y, x) = normal(rng);
        cv::resize(coarse, field, {big, big}, 0, 0, cv::INTER_CUBIC);
        std::vector<float> values(field.begin<float>(), field.end<float>());
        const std::size_t at = std::size_t((1 - uniform(rng, 0.1, 0.35)) * double(values.size() - 1));
        std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(at), values.end());
        mask = field > values[at];
        std::vector<std::vector<cv::Point>> parts;
        cv::findContours(mask.clone(), parts, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
        if (parts.size() != 1) break;
        std::vector<cv::Point> hull;
        cv::convexHull(parts[0], hull);
        if (cv::contourArea(parts[0]) < 0.85 * cv::contourArea(hull)) break;
    }
    const uint8_t *bg = colourRgb(scene.background), *fg = colourRgb(scene.shapes[0].colour);
    cv::Mat canvas(big, big, CV_8UC3, cv::Scalar(bg[0], bg[1], bg[2]));
    canvas.setTo(cv::Scalar(fg[0], fg[1], fg[2]), mask);
    return finishPicture(canvas, size, rng);
}

} // namespace

image::Image8 structureNegative(ShapesWorld& world, const Sample& positive, StructureNegative kind)
{
    switch (kind) {
    case StructureNegative::Scattered: return scattered(world, positive.scene);
    case StructureNegative::Tiles: return shuffledTiles(world.rng(), positive.image);
    case StructureNegative::Blobs: break;
    }
    return blobs(world.rng(), positive.scene, positive.image.width);
}

} // namespace pictor::demo
