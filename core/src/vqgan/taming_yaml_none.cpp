// The engine-only build (PICTOR_ENGINE_ONLY) has no YAML parser: the weights alone describe a VQGAN, and a
// model.yaml given to cross-check them is refused by name.
#include "vqgan_config.h"

#include <pictor/error.h>

namespace pictor::vqgan {

VqganConfig readTamingYaml(const std::string& path) { return parseTamingYaml({}, path); }

VqganConfig parseTamingYaml(const std::string&, const std::string& path)
{
    throw Error("Cannot read '" + path + "': this engine-only build of Pictor (PICTOR_ENGINE_ONLY) reads no model.yaml; leave it out, the weights "
                "describe the model");
}

} // namespace pictor::vqgan
