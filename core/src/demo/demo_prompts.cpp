// What the demo model can be asked for, read off the world it was trained on, and what a real CLIP
// can be asked for.
#include "shapes_world.h"

#include <pictor/demo_model.h>

#include <algorithm>
#include <set>
#include <sstream>

namespace pictor {

std::vector<std::string> demoExamplePrompts()
{
    using demo::Shape;
    const auto& en = demo::colourNames();
    auto index = [&](const char* name) { return int(std::find(en.begin(), en.end(), std::string(name)) - en.begin()); };
    const int red = index("red"), blue = index("blue"), yellow = index("yellow"), green = index("green");
    const auto& ko = demo::colourNamesKo();
    const auto& shapesKo = demo::shapeNamesKo();
    return {"a large red circle in the centre, on a blue background",
            demo::plainCaption(Shape::Star, yellow, green),
            demo::plainCaption(Shape::Triangle, blue, yellow),
            "a small green square on the left and a large red ring on the right, on a yellow background",
            ko[std::size_t(blue)] + " 배경 가운데에 있는 큰 " + ko[std::size_t(red)] + " " + shapesKo[std::size_t(Shape::Circle)],
            ko[std::size_t(green)] + " 배경의 " + ko[std::size_t(yellow)] + " " + shapesKo[std::size_t(Shape::Star)]};
}

const std::vector<std::string>& demoVocabulary()
{
    static const std::vector<std::string> words = [] {
        // The captions vary their wording at random: enough of them meet every word.
        std::set<std::string> seen;
        demo::ShapesWorld world(7, 64, false);
        for (int i = 0; i < 4000; ++i) {
            const demo::Scene scene = world.randomScene(0.3);
            for (std::string caption : {world.captionEnglish(scene), world.captionKorean(scene)}) {
                std::replace(caption.begin(), caption.end(), ',', ' ');
                std::istringstream in(caption);
                for (std::string w; in >> w;) seen.insert(w);
            }
        }
        return std::vector<std::string>(seen.begin(), seen.end());
    }();
    return words;
}

std::vector<std::string> realWorldExamplePrompts()
{
    return {"a watercolour lighthouse at sunset | trending on artstation:0.5 | blurry:-1",
            "a close-up oil portrait of an old man teaching mathematics",
            "a dog on a beach at dawn, photograph",
            "a city of glass towers in the clouds, digital art",
            "해 질 녘 등대의 수채화",
            "바닷가의 개, 사진"};
}

} // namespace pictor
