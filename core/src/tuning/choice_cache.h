#pragma once
// Kernel choices measured on this machine, kept in a small JSON file across runs so that only the
// first run on a machine pays for the measuring.
//
// The file names the machine it was measured on (CPU model and flags, LibTorch version, threads,
// the ISA limits set in the environment). A file from another machine, a corrupt one or one of
// another format is ignored and replaced at the next store: it can only cost a re-measure.
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pictor::tuning {

struct Measured {
    std::string chosen;
    std::vector<std::pair<std::string, double>> millis; ///< each candidate's median time, in the order tried
};

/// $PICTOR_CACHE_DIR, else $XDG_CACHE_HOME/pictor, else ~/.cache/pictor; the file in it.
std::string choiceCachePath();

/// What makes timings from one machine invalid on another, as one line.
std::string machineKey();

std::optional<Measured> lookupChoice(const std::string& key);

/// Adds or replaces one entry and rewrites the file atomically (entries other processes stored in
/// the meantime are kept). A file that cannot be written only costs a re-measure next time.
void storeChoice(const std::string& key, const Measured& measured);

/// Every entry for this machine, by key ("op · shape").
std::map<std::string, Measured> allChoices();

} // namespace pictor::tuning
