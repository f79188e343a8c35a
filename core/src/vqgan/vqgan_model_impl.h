#pragma once
#include "vqgan_net.h"

#include <pictor/vqgan_model.h>

#include <memory>

namespace pictor {

struct VqganModel::Impl {
    VqganInfo info;
    std::unique_ptr<vqgan::VqganNet> net;
};

} // namespace pictor
