// pictor-cli: the headless face of Pictor. JSON on stdout, messages on stderr.
#include "cli_common.h"
#include "commands.h"

#include <pictor/error.h>

#include <QCoreApplication>

#include <cstring>
#include <iostream>
#include <map>

namespace {

const char* const kUsage =
    "usage: pictor-cli COMMAND [options]\n"
    "\n"
    "commands:\n"
    "  generate      --prompt TEXT --clip MODEL --vqgan MODEL [options]  make a picture (see generate --help)\n"
    "  info          IMAGE.png...                      settings embedded in a picture Pictor made\n"
    "  tokenize      --vocab FILE TEXT...              token ids of each text (JSON array per line)\n"
    "  embed-text    --clip MODEL [--vocab FILE] TEXT...  CLIP text embeddings (JSON lines)\n"
    "  embed-image   --clip MODEL IMAGE...             CLIP image embeddings (JSON lines)\n"
    "  classify      --clip MODEL --labels \"a,b\" IMAGE...  zero-shot label probabilities\n"
    "  index         DIR... [--db FILE] [--clip MODEL]   index picture folders for searching\n"
    "  search        QUERY [--top K] [--folder DIR] [--after DATE] [--json]  find pictures by text, example or both\n"
    "  duplicates    [--threshold X]                   groups of near-identical pictures\n"
    "  tag           --labels \"a,b\" [--threshold P]    zero-shot auto-tags, searchable with search --tag\n"
    "  models        list|download NAME|import FILE|verify|remove NAME   get and check the real models\n"
    "  model-info    FILE...                           format, architecture, parameters of model files\n"
    "  runtime                                         threads, BLAS, library versions\n"
    "  vqgan decode|encode --vqgan MODEL ...          VQGAN codes <-> pictures (parity checks)\n"
    "\n"
    "Run 'pictor-cli COMMAND --help' for the options of a command.\n";

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("pictor-cli");
    QCoreApplication::setApplicationVersion(PICTOR_VERSION);
    if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
        std::cout << kUsage;
        return argc < 2 ? 2 : 0;
    }
    if (!std::strcmp(argv[1], "--version")) {
        std::cout << "pictor-cli " << PICTOR_VERSION << "\n";
        return 0;
    }
    const std::map<std::string, int (*)(const QStringList&)> commands = {
        {"tokenize", pictor::cli::runTokenize},   {"embed-text", pictor::cli::runEmbedText},
        {"embed-image", pictor::cli::runEmbedImage}, {"classify", pictor::cli::runClassify},
        {"model-info", pictor::cli::runModelInfo}, {"runtime", pictor::cli::runRuntime},
#ifndef PICTOR_ENGINE_ONLY // the engine-only build has no picture codecs, gallery or downloads
        {"vqgan", pictor::cli::runVqgan},         {"generate", pictor::cli::runGenerate},
        {"info", pictor::cli::runInfo},           {"index", pictor::cli::runIndex},
        {"search", pictor::cli::runSearch},       {"duplicates", pictor::cli::runDuplicates},
        {"tag", pictor::cli::runTag},             {"models", pictor::cli::runModels},
#endif
    };
    const auto it = commands.find(argv[1]);
    if (it == commands.end()) {
        std::cerr << "pictor-cli: unknown command '" << argv[1] << "'\n\n" << kUsage;
        return 2;
    }
    QStringList args = QCoreApplication::arguments().mid(2);
    try {
        return it->second(args);
    } catch (const pictor::cli::UsageError& e) {
        std::cerr << "pictor-cli " << argv[1] << ": " << e.message << "\n(see 'pictor-cli " << argv[1] << " --help')\n";
        return 2;
    } catch (const pictor::Error& e) {
        std::cerr << "pictor-cli: error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "pictor-cli: unexpected error: " << e.what() << "\n";
        return 1;
    }
}
