// xlmr_text_bench: text-embedding throughput and peak memory of the multilingual CLIP's text tower
// (xlm-roberta-base sized: 250,002 tokens, width 768, 12 layers, with the ViT-B/32 image tower of
// open_clip's xlm-roberta-base-ViT-B-32) against OpenAI's ViT-B/32, both with random weights of
// the real sizes, on the same batch of 32 Korean prompts, each with its own tokenizer.
// Each model is written to a file by one child process and loaded and measured by another, so a
// peak resident size is that of a process that loads the model and embeds, nothing else.
// Usage: xlmr_text_bench [--reps N]; needs ../shared/vectors for the tokenizer files.
#include "clip/clip_init.h"

#include <pictor/clip_model.h>
#include <pictor/runtime.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace pictor;
using Clock = std::chrono::steady_clock;

namespace {

const std::vector<std::string> kPrompts = {
    "수학을 가르치는 나이 든 남성 교사의 근접 유화 초상화", "바닷가의 개", "해 질 녘 등대의 수채화", "눈 덮인 산 위의 작은 오두막",
    "비 오는 밤 서울 거리의 네온사인", "파란 배경 위의 빨간 원", "꽃밭에서 뛰노는 고양이 두 마리", "안개 낀 숲 속의 오래된 성",
    "우주를 떠다니는 고래, 디지털 아트", "한옥 마당에 핀 벚꽃", "책을 읽는 소녀의 연필 스케치", "기차 창밖으로 보이는 논밭 풍경",
    "바다 위로 떠오르는 보름달", "미래 도시의 하늘을 나는 자동차", "따뜻한 커피 한 잔과 크루아상", "겨울 호수에서 스케이트 타는 사람들",
    "고흐 스타일의 밤하늘", "사막을 건너는 낙타 행렬", "빨간 우산을 쓴 아이", "폭풍우 치는 바다의 등대",
    "가을 단풍이 물든 계곡", "도서관의 높은 책장들", "작은 로봇이 꽃에 물을 주는 모습", "전통 시장의 활기찬 아침",
    "유리병 속의 작은 우주", "설산 위의 일출, 사진", "골목길의 고양이와 자전거", "정원에 앉은 할머니의 초상화",
    "바람에 흔들리는 갈대밭", "황금빛 들판의 허수아비", "물 위에 비친 도시의 불빛", "오래된 피아노와 햇살"};

double seconds(Clock::time_point a) { return std::chrono::duration<double>(Clock::now() - a).count(); }

/// Runs fn in a child process (no LibTorch state crosses the fork: the parent never touches it).
bool inChild(const std::function<int()>& fn)
{
    std::fflush(stdout);
    const pid_t pid = fork();
    if (pid < 0) return false;
    if (pid == 0) {
        int code = 1;
        try {
            code = fn();
        } catch (const std::exception& e) {
            std::fprintf(stderr, "xlmr_text_bench: %s\n", e.what());
        }
        std::fflush(stdout);
        std::_Exit(code);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
    std::fprintf(stderr, "xlmr_text_bench: a measuring process failed (%s %d)\n", WIFSIGNALED(status) ? "signal" : "exit code",
                 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
    return false;
}

int measure(const char* label, const std::string& modelPath, const std::string& tokenizerPath, int reps, bool printSetup)
{
    setComputeThreads(0);
    if (printSetup) {
        const RuntimeInfo rt = runtimeInfo();
        std::printf("fp32, %d threads, %s, BLAS %s\n\n", rt.threads, machineDescription().c_str(), rt.blasLibrary.c_str());
        std::printf("| text tower | parameters (whole model) | tokens per prompt | ms per batch | prompts/s | peak RSS MiB | load s |\n");
        std::printf("|---|---|---|---|---|---|---|\n");
    }
    ClipLoadOptions options;
    options.tokenizerPath = tokenizerPath;
    const auto t0 = Clock::now();
    const auto model = ClipModel::load(modelPath, options);
    const double loadSeconds = seconds(t0);
    double tokens = 0;
    for (const std::string& p : kPrompts) tokens += double(model->tokenizer().tokenize(p, model->info().contextLength).size());
    model->embedTexts(kPrompts); // warm-up
    const auto t1 = Clock::now();
    for (int i = 0; i < reps; ++i) model->embedTexts(kPrompts);
    const double perBatch = seconds(t1) / reps;
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    std::printf("| %s | %lld | %.1f | %.0f | %.1f | %.0f | %.1f |\n", label, static_cast<long long>(model->info().parameters),
                tokens / double(kPrompts.size()), perBatch * 1000, double(kPrompts.size()) / perBatch, double(u.ru_maxrss) / 1024.0,
                loadSeconds);
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    int reps = 10;
    for (int i = 1; i + 1 < argc; ++i)
        if (!std::strcmp(argv[i], "--reps")) reps = std::max(1, std::atoi(argv[i + 1]));
    const char* shared = std::getenv("PICTOR_SHARED_DIR");
    const std::string vectors = std::string(shared && *shared ? shared : PICTOR_SOURCE_DIR "/../shared") + "/vectors";
    const std::string spm = vectors + "/xlmr/sentencepiece.bpe.model", bpe = vectors + "/tokenizer/bpe_simple_vocab_16e6.txt.gz";
    if (access(spm.c_str(), R_OK) || access(bpe.c_str(), R_OK)) {
        std::fprintf(stderr, "xlmr_text_bench: needs %s and %s (set PICTOR_SHARED_DIR)\n", spm.c_str(), bpe.c_str());
        return 1;
    }
    char dir[] = "/tmp/xlmr_text_bench_XXXXXX";
    if (!mkdtemp(dir)) return 1;
    const std::string xlmrPath = std::string(dir) + "/xlmr-base-vit-b-32.safetensors", openAiPath = std::string(dir) + "/vit-b-32.safetensors";
    const bool written = inChild([&] {
        const clip::ClipConfig x = clip::xlmrBaseVitB32Config();
        torchutil::saveSafetensors(xlmrPath, clip::initXlmrClipWeights(x, 1));
        torchutil::saveSafetensors(openAiPath, clip::initClipWeights(clip::vitB32Config(), 1));
        return 0;
    });
    if (!written) return 1;

    // The parent never initialises LibTorch or OpenMP: a child forked after that could hang.
    std::printf("xlmr_text_bench: 32 Korean prompts a batch, mean of %d batches after one warm-up; XLM-R ids from the shared vectors' "
                "small sentencepiece model (more pieces per Korean word than the real one's)\n", reps);
    bool ok = inChild([&] { return measure("XLM-R base (multilingual ViT-B/32)", xlmrPath, spm, reps, true); });
    ok = inChild([&] { return measure("OpenAI ViT-B/32", openAiPath, bpe, reps, false); }) && ok;
    std::remove(xlmrPath.c_str());
    std::remove(openAiPath.c_str());
    rmdir(dir);
    return ok ? 0 : 1;
}
