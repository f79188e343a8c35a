#pragma once
// The hostile-checkpoint corpus: files built byte by byte to attack a checkpoint reader (code
// execution through pickle globals, __reduce__ chains, recursion and memo bombs, impossible sizes,
// storages out of range, zip path traversal, overlapping entries, zip bombs, wrong magic,
// truncation at every few bytes). Written to disk by tests/hostile/make_hostile_corpus, checked by
// tst_hostile_corpus, and used as seeds by the checkpoint fuzzers.
#include <string>
#include <vector>

namespace pictor::test {

struct HostileFile {
    std::string name;   ///< file name, with the extension a user would see
    std::string bytes;
    std::string expect; ///< a phrase the refusal must contain ("" : any clear refusal naming the file)
};

/// `marker` is a file the code-execution payloads would create if they ever ran.
std::vector<HostileFile> hostileCheckpoints(const std::string& marker);

} // namespace pictor::test
