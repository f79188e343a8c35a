#include "reference_ops.h"

#include <atomic>

namespace pictor::gen {

namespace {
std::atomic<bool> g_referenceOps{false};
}

void setReferenceOps(bool on)
{
    g_referenceOps = on;
}

bool referenceOps()
{
    return g_referenceOps;
}

} // namespace pictor::gen
