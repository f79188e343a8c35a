#include "kernel_timer.h"

#include "choice_cache.h"

#include <pictor/error.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <mutex>

namespace pictor::tuning {

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kMinRounds = 3;
constexpr int kMaxRounds = 7;
constexpr double kRoundsBudgetSeconds = 1.0; ///< more rounds (up to kMaxRounds) while they fit in this
constexpr double kMargin = 0.97;             ///< a challenger must take under 97 % of the default's time

struct State {
    std::mutex mutex;
    std::function<void(const std::string&)> notice;
    bool noticed = false; ///< the current sink has been told
    std::map<std::string, std::string> chosen; ///< this process's choices, also when the cache cannot be written
};

State& state()
{
    static State s;
    return s;
}

double seconds(const std::function<void()>& fn)
{
    const auto t = Clock::now();
    fn();
    return std::chrono::duration<double>(Clock::now() - t).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

bool measuringOff()
{
    const char* v = std::getenv("PICTOR_KERNELS");
    return v && std::string(v) == "defaults";
}

} // namespace

std::string chooseKernel(const std::string& op, const std::string& shape, const std::vector<Candidate>& candidates)
{
    if (candidates.empty()) throw Error("no kernel candidates for " + op);
    if (candidates.size() == 1 || measuringOff()) return candidates.front().name;
    const std::string key = op + " · " + shape;
    State& s = state();
    {
        std::lock_guard lock(s.mutex);
        if (auto it = s.chosen.find(key); it != s.chosen.end()) return it->second;
    }
    auto known = [&](const std::string& name) {
        return std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& c) { return c.name == name; });
    };
    if (const auto cached = lookupChoice(key); cached && known(cached->chosen)) {
        std::lock_guard lock(s.mutex);
        s.chosen[key] = cached->chosen;
        return cached->chosen;
    }
    {
        std::lock_guard lock(s.mutex);
        if (!s.noticed && s.notice)
            s.notice("Measuring the fastest kernels for this CPU at these sizes (once per machine; kept in " + choiceCachePath() + ")");
        s.noticed = true;
    }

    std::vector<std::vector<double>> times(candidates.size());
    for (const Candidate& c : candidates) c.run(); // warm-up: first-touch memory, oneDNN primitive creation
    double spent = 0;
    for (int round = 0; round < kMaxRounds && (round < kMinRounds || spent < kRoundsBudgetSeconds); ++round)
        for (std::size_t i = 0; i < candidates.size(); ++i) {
            const double t = seconds(candidates[i].run);
            times[i].push_back(t);
            spent += t;
        }

    Measured m;
    std::size_t best = 0;
    std::vector<double> medians;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        medians.push_back(median(times[i]));
        m.millis.emplace_back(candidates[i].name, medians.back() * 1e3);
        if (i > 0 && medians[i] < medians[best] && medians[i] < kMargin * medians[0]) best = i;
    }
    m.chosen = candidates[best].name;
    storeChoice(key, m);
    std::lock_guard lock(s.mutex);
    s.chosen[key] = m.chosen;
    return m.chosen;
}

void forgetChoicesInMemory()
{
    std::lock_guard lock(state().mutex);
    state().chosen.clear();
    state().noticed = false;
}

void setTuningNotice(std::function<void(const std::string&)> notice)
{
    std::lock_guard lock(state().mutex);
    state().notice = std::move(notice);
    state().noticed = false; // each sink hears of measuring once: the window sets one per run, the CLI one per process
}

} // namespace pictor::tuning
