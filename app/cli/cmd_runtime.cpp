#include "cli_common.h"

#include <QJsonArray>
#include "commands.h"

#include <pictor/runtime.h>

namespace pictor::cli {

int runRuntime(const QStringList& args)
{
    CommandLine cl("runtime", "Print the compute set-up: threads, BLAS, bf16 support, the precision generation runs in and why, and library versions.", args);
    if (!cl.parse({})) return 0;
    cl.applyRuntimeOptions();
    const RuntimeInfo info = runtimeInfo();
    printJsonLine(QJsonObject{{"version", PICTOR_VERSION},
                              {"threads", info.threads},
                              {"cores", info.cores},
                              {"cpu", QString::fromStdString(info.cpu)},
                              {"blas", QString::fromStdString(info.blasLibrary)},
                              {"reference_blas", info.referenceBlas},
                              {"blas_threads_contend", info.blasThreadsContend},
                              {"bf16", info.bf16},
                              {"generation_path", QString::fromStdString(info.generationPath)},
                              {"generation_path_why", QString::fromStdString(info.generationPathWhy)},
                              {"libtorch", QString::fromStdString(info.torchVersion)},
                              {"opencv", QString::fromStdString(info.opencvVersion)},
                              {"qt", QString::fromStdString(info.qtVersion)}});
    return 0;
}

} // namespace pictor::cli
