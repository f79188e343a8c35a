// Snapshots of a run (its drawer's parameters and the optimiser's state, to continue later) and
// best-of seeds (short trial runs, the best kept).
#include "generation_run_impl.h"

#include "../checkpoint/checkpoint.h"

#include <pictor/error.h>

#include <c10/util/string_utils.h>

#include <random>

namespace pictor {

namespace {
constexpr const char* kSnapshotFormat = "pictor-snapshot-1";

torch::optim::AdamParamState* adamState(torch::optim::Optimizer& opt, const at::Tensor& z)
{
    auto& state = opt.state();
    auto it = state.find(c10::guts::to_string(z.unsafeGetTensorImpl()));
    return it == state.end() ? nullptr : dynamic_cast<torch::optim::AdamParamState*>(it->second.get());
}

/// The optimiser state's key in a snapshot; the VQGAN latent keeps the keys of snapshots made before drawers.
std::string optimizerKey(const std::string& parameter, const std::string& what)
{
    return parameter == "z" ? "optimizer." + what : "optimizer." + parameter + "." + what;
}
} // namespace

void GenerationRun::saveSnapshot(const std::string& path)
{
    Impl& s = *d;
    if (!s.drawer || !s.optimizer) throw Error("Nothing to save: the run was not started");
    torchutil::TensorMap t{{"rng_state", s.gen.get_state()}};
    for (std::size_t j = 1; j < s.judges.size(); ++j)
        if (s.judges[j].ownGen) t["rng_state." + std::to_string(j)] = s.judges[j].ownGen->get_state();
    for (const auto& [key, value] : s.drawer->extraState()) t[key] = value;
    std::map<std::string, std::string> meta{{"format", kSnapshotFormat},
                                            {"settings", s.settings.toJson()},
                                            {"step", std::to_string(s.steps)},
                                            {"phrase", std::to_string(s.phrase)},
                                            {"clip", s.primary().model->info().path},
                                            {"vqgan", s.vqganModel ? s.vqganModel->info().path : std::string()}};
    for (const gen::DrawerParameter& p : s.drawer->parameters()) {
        t[p.name] = p.tensor.detach();
        if (auto* adam = adamState(*s.optimizer, p.tensor)) {
            t[optimizerKey(p.name, "exp_avg")] = adam->exp_avg();
            t[optimizerKey(p.name, "exp_avg_sq")] = adam->exp_avg_sq();
            meta[optimizerKey(p.name, "step")] = std::to_string(adam->step());
        }
    }
    torchutil::saveSafetensors(path, t, meta);
}

void GenerationRun::loadSnapshot(const std::string& path)
{
    Impl& s = *d;
    if (!s.drawer || !s.optimizer) throw Error("Start the run before restoring a snapshot into it");
    const ckpt::Checkpoint c = ckpt::openCheckpoint(path);
    auto meta = [&](const std::string& key) {
        auto it = c.metadata.find(key);
        if (it == c.metadata.end()) throw Error("'" + path + "' is not a Pictor snapshot (no " + key + ")");
        return it->second;
    };
    if (meta("format") != kSnapshotFormat) throw Error("'" + path + "' is not a Pictor snapshot");
    const ckpt::TensorRef* rng = c.find("rng_state");
    if (!rng) throw Error("'" + path + "' is an incomplete snapshot");
    auto shapesMatch = [&] {
        for (const gen::DrawerParameter& p : s.drawer->parameters()) {
            const ckpt::TensorRef* saved = c.find(p.name);
            if (!saved) throw Error("'" + path + "' was made with another drawer (no " + p.name + ")");
            if (saved->shape != p.tensor.sizes().vec()) return false;
        }
        return true;
    };
    bool adopted = false;
    while (!shapesMatch() && s.drawer->adoptShapes()) adopted = true; // saved after (a level of) the coarse stage
    if (adopted) s.restartOptimizer();
    if (!shapesMatch()) throw Error("'" + path + "' was made for another picture size or model");
    torchutil::guarded("Cannot restore '" + path + "'", [&] {
        at::NoGradGuard noGrad;
        for (const gen::DrawerParameter& p : s.drawer->parameters()) p.tensor.copy_(torchutil::loadTensor(*c.find(p.name), at::kFloat));
        std::map<std::string, at::Tensor> extra;
        for (const auto& [key, value] : s.drawer->extraState())
            if (const ckpt::TensorRef* saved = c.find(key)) extra[key] = torchutil::loadTensor(*saved, at::kFloat).to(s.device);
        s.drawer->loadExtraState(extra);
        s.gen.set_state(torchutil::loadTensor(*rng, at::kFloat));
        for (std::size_t j = 1; j < s.judges.size(); ++j)
            if (const ckpt::TensorRef* own = c.find("rng_state." + std::to_string(j)); own && s.judges[j].ownGen)
                s.judges[j].ownGen->set_state(torchutil::loadTensor(*own, at::kFloat));
        s.restartOptimizer();
        if (s.settings.optimizer == "Adam" || s.settings.optimizer == "AdamW") {
            for (const gen::DrawerParameter& p : s.drawer->parameters()) {
                const ckpt::TensorRef* m1 = c.find(optimizerKey(p.name, "exp_avg"));
                const ckpt::TensorRef* m2 = c.find(optimizerKey(p.name, "exp_avg_sq"));
                if (!m1 || !m2) continue;
                auto state = std::make_unique<torch::optim::AdamParamState>();
                state->step(std::stoll(meta(optimizerKey(p.name, "step"))));
                state->exp_avg(torchutil::loadTensor(*m1, at::kFloat).to(s.device));
                state->exp_avg_sq(torchutil::loadTensor(*m2, at::kFloat).to(s.device));
                s.optimizer->state()[c10::guts::to_string(p.tensor.unsafeGetTensorImpl())] = std::move(state);
            }
        }
        return 0;
    });
    s.steps = std::stoi(meta("step"));
    s.phrase = std::size_t(std::stoul(meta("phrase")));
    if (s.storyLength() > 0) s.phrase %= s.storyLength();
}

int64_t pickBestSeed(std::shared_ptr<ClipModel> clip, std::shared_ptr<VqganModel> vqgan, const GenerationSettings& settings, int candidates,
                     int trialSteps, const std::function<void(int, int64_t, double)>& onCandidate)
{
    return pickBestSeed(std::vector<std::shared_ptr<ClipModel>>{std::move(clip)}, std::move(vqgan), settings, candidates, trialSteps, onCandidate);
}

int64_t pickBestSeed(std::vector<std::shared_ptr<ClipModel>> clips, std::shared_ptr<VqganModel> vqgan, const GenerationSettings& settings,
                     int candidates, int trialSteps, const std::function<void(int, int64_t, double)>& onCandidate)
{
    if (candidates <= 0 || trialSteps <= 0) throw Error("Best-of-N needs at least one candidate and one step");
    const auto story = parsePromptStory(settings.prompt);
    if (story.empty()) throw Error("Best-of-N ranks by the text prompt: give one");
    std::mt19937_64 seeds(uint64_t(settings.seed < 0 ? std::random_device{}() : uint64_t(settings.seed)));
    int64_t best = -1;
    double bestScore = -2;
    for (int i = 0; i < candidates; ++i) {
        GenerationSettings trial = settings;
        trial.seed = i == 0 && settings.seed >= 0 ? settings.seed : int64_t(seeds() & 0x7fffffff);
        trial.steps = trialSteps;
        GenerationRun run(clips, vqgan, trial);
        run.start();
        run.runLoop();
        const double score = run.clipSimilarity(story[0][0].text);
        if (onCandidate) onCandidate(i, trial.seed, score);
        if (score > bestScore) {
            bestScore = score;
            best = trial.seed;
        }
    }
    return best;
}

} // namespace pictor
