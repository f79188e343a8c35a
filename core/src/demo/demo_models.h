#pragma once
// The demo models' architectures (fixed: the shipped weights were trained with these).
#include "../clip/clip_config.h"
#include "../vqgan/vqgan_config.h"

namespace pictor::demo {

constexpr int kDemoContext = 48; // two-shape captions run to ~45 pieces with the small vocabulary
vqgan::VqganConfig demoVqganConfig();
clip::ClipConfig demoClipConfig(int vocabSize);

} // namespace pictor::demo
