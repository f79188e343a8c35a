#include "../checkpoint/byte_source.h"

#include <pictor/demo_model.h>
#include <pictor/error.h>

#include <climits>
#include <cstdlib>
#include <unistd.h>
#include <vector>

namespace pictor {

namespace {

std::vector<std::string> candidates()
{
    std::vector<std::string> dirs;
    if (const char* env = std::getenv("PICTOR_MODELS_DIR")) dirs.push_back(std::string(env) + "/demo");
    char buffer[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    if (n > 0) {
        std::string exe(buffer, std::size_t(n));
        const std::string dir = exe.substr(0, exe.find_last_of('/'));
        dirs.push_back(dir + "/../share/pictor/models/demo");
    }
#ifdef PICTOR_SOURCE_MODELS_DIR
    dirs.push_back(std::string(PICTOR_SOURCE_MODELS_DIR) + "/demo");
#endif
    return dirs;
}

} // namespace

std::optional<ModelSet> findDemoModel()
{
    for (const std::string& dir : candidates()) {
        ModelSet m{"Pictor demo (shapes world)", dir, dir + "/clip.safetensors", dir + "/vqgan.safetensors", dir + "/tokenizer.model"};
        if (ckpt::isRegularFile(m.clip) && ckpt::isRegularFile(m.vqgan) && ckpt::isRegularFile(m.tokenizer)) {
            char real[PATH_MAX];
            if (realpath(dir.c_str(), real)) {
                m.folder = real;
                m.clip = m.folder + "/clip.safetensors";
                m.vqgan = m.folder + "/vqgan.safetensors";
                m.tokenizer = m.folder + "/tokenizer.model";
            }
            return m;
        }
    }
    return std::nullopt;
}

ModelSet requireDemoModel()
{
    if (auto m = findDemoModel()) return *m;
    std::string where;
    for (const auto& d : candidates()) where += "\n  " + d;
    throw Error("No model given and the bundled demo model was not found; looked in:" + where);
}

} // namespace pictor
