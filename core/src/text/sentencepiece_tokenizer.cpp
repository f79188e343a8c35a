#include "sentencepiece_tokenizer.h"

#include <pictor/error.h>

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <mutex>
#include <vector>

namespace pictor::text {

namespace {

constexpr const char* kShimName = "libpictor_spm.so";

std::string executableDir()
{
    char buffer[PATH_MAX];
    const ssize_t n = readlink("/proc/self/exe", buffer, sizeof buffer - 1);
    if (n <= 0) return ".";
    std::string path(buffer, std::size_t(n));
    return path.substr(0, path.find_last_of('/'));
}

std::vector<std::string> candidatePaths()
{
    std::vector<std::string> paths;
    if (const char* env = std::getenv("PICTOR_SPM_SHIM")) paths.push_back(env);
    const std::string dir = executableDir();
    paths.push_back(dir + "/" + kShimName);                   // build tree: next to the executable
    paths.push_back(dir + "/../lib/pictor/" + kShimName);     // installed: private library folder
    return paths;
}

SpmShim loadShim()
{
    std::string tried;
    for (const std::string& path : candidatePaths()) {
        if (access(path.c_str(), R_OK) != 0) {
            tried += "\n  " + path + " (not found)";
            continue;
        }
#ifdef PICTOR_SHIM_DLMOPEN
        // Sanitizer builds: ASan refuses RTLD_DEEPBIND, so the shim gets a link namespace of its
        // own, which isolates its protobuf just as well.
        void* lib = dlmopen(LM_ID_NEWLM, path.c_str(), RTLD_NOW | RTLD_LOCAL);
#else
        void* lib = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND);
#endif
        if (!lib) {
            const char* why = dlerror();
            tried += "\n  " + path + " (" + (why ? why : "cannot load") + ")";
            continue;
        }
        SpmShim shim{};
        auto resolve = [&](auto& fn, const char* name) {
            fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(dlsym(lib, name));
            if (!fn) throw Error("Sentencepiece shim '" + path + "' lacks the function " + name);
        };
        resolve(shim.open, "pictor_spm_open");
        resolve(shim.close, "pictor_spm_close");
        resolve(shim.encode, "pictor_spm_encode");
        resolve(shim.decode, "pictor_spm_decode");
        resolve(shim.vocabSize, "pictor_spm_vocab_size");
        resolve(shim.pieceToId, "pictor_spm_piece_to_id");
        resolve(shim.bosId, "pictor_spm_bos_id");
        resolve(shim.eosId, "pictor_spm_eos_id");
        resolve(shim.train, "pictor_spm_train");
        shim.path = path;
        return shim; // the library stays loaded for the life of the process
    }
    throw Error("Cannot load the sentencepiece shim " + std::string(kShimName) + "; looked in:" + tried);
}

} // namespace

const SpmShim& spmShim()
{
    static std::once_flag once;
    static SpmShim shim;
    static std::string failure;
    std::call_once(once, [] {
        try {
            shim = loadShim();
        } catch (const Error& e) {
            failure = e.what();
        }
    });
    if (!failure.empty()) throw Error(failure);
    return shim;
}

SentencePieceTokenizer::SentencePieceTokenizer(const std::string& modelPath) : m_shim(spmShim())
{
    char err[512] = {};
    m_handle = m_shim.open(modelPath.c_str(), err, sizeof err);
    if (!m_handle) throw Error("Cannot load sentencepiece model '" + modelPath + "': " + err);
    m_vocab = m_shim.vocabSize(m_handle);
    m_start = m_shim.bosId(m_handle);
    m_end = m_shim.eosId(m_handle);
    if (m_start < 0 || m_end < 0 || m_start >= m_vocab || m_end >= m_vocab) {
        m_shim.close(m_handle);
        throw Error("Sentencepiece model '" + modelPath + "' has no begin/end-of-sentence pieces; train it with --bos_id and --eos_id");
    }
}

SentencePieceTokenizer::~SentencePieceTokenizer()
{
    if (m_handle) m_shim.close(m_handle);
}

std::vector<int> SentencePieceTokenizer::encode(const std::string& text) const
{
    std::vector<int> ids(256);
    char err[512] = {};
    int n = m_shim.encode(m_handle, text.c_str(), ids.data(), int(ids.size()), err, sizeof err);
    if (n < 0) throw Error(std::string("sentencepiece: ") + err);
    if (n > int(ids.size())) {
        ids.resize(std::size_t(n));
        n = m_shim.encode(m_handle, text.c_str(), ids.data(), n, err, sizeof err);
        if (n < 0) throw Error(std::string("sentencepiece: ") + err);
    }
    ids.resize(std::size_t(n));
    return ids;
}

std::string SentencePieceTokenizer::decode(const std::vector<int>& ids) const
{
    std::vector<int> valid;
    for (int id : ids)
        if (id >= 0 && id < m_vocab && id != m_start && id != m_end) valid.push_back(id);
    std::vector<char> out(4096);
    const int n = m_shim.decode(m_handle, valid.data(), int(valid.size()), out.data(), out.size());
    if (n < 0) return {};
    if (std::size_t(n) >= out.size()) {
        out.resize(std::size_t(n) + 1);
        m_shim.decode(m_handle, valid.data(), int(valid.size()), out.data(), out.size());
    }
    return std::string(out.data());
}

} // namespace pictor::text

namespace pictor {

std::unique_ptr<Tokenizer> loadSentencePieceTokenizer(const std::string& modelPath)
{
    return std::make_unique<text::SentencePieceTokenizer>(modelPath);
}

std::string sentencePieceShimPath()
{
    return text::spmShim().path;
}

} // namespace pictor
