#include "cli_common.h"

#include <QJsonArray>
#include "commands.h"

#include <cmath>

#include <pictor/device.h>
#include <pictor/runtime.h>

namespace pictor::cli {

int runRuntime(const QStringList& args)
{
    CommandLine cl("runtime", "Print the compute set-up: the devices and which one a run takes, threads, BLAS, bf16 support, the precision generation runs in and why, the kernels measured fastest here, and library versions.", args);
    if (!cl.parse({})) return 0;
    cl.applyRuntimeOptions();
    const RuntimeInfo info = runtimeInfo();
    QJsonArray devices;
    for (const ComputeDevice& d : computeDevices()) {
        QJsonObject o{{"id", QString::fromStdString(d.id)}, {"name", QString::fromStdString(d.name)}};
        if (d.id != "cpu") {
            o.insert("memory_gib", std::round(double(d.memoryBytes) / double(1LL << 30) * 10) / 10);
            o.insert("compute_capability", QString::fromStdString(d.capability));
        }
        devices.append(o);
    }
    const DeviceDecision device = chooseDevice("auto");
    QJsonArray choices;
    for (const KernelChoice& c : kernelChoices()) {
        QJsonObject millis;
        for (const auto& [name, ms] : c.millis) millis.insert(QString::fromStdString(name), std::round(ms * 100) / 100);
        choices.append(QJsonObject{{"op", QString::fromStdString(c.op)},
                                   {"shape", QString::fromStdString(c.shape)},
                                   {"chosen", QString::fromStdString(c.chosen)},
                                   {"median_ms", millis}});
    }
    printJsonLine(QJsonObject{{"version", PICTOR_VERSION},
                              {"threads", info.threads},
                              {"cores", info.cores},
                              {"devices", devices},
                              {"libtorch_cuda", libtorchHasCuda()},
                              {"device", QString::fromStdString(device.id)},
                              {"device_why", QString::fromStdString(device.why)},
                              {"cpu", QString::fromStdString(info.cpu)},
                              {"blas", QString::fromStdString(info.blasLibrary)},
                              {"reference_blas", info.referenceBlas},
                              {"blas_threads_contend", info.blasThreadsContend},
                              {"bf16", info.bf16},
                              {"generation_path", QString::fromStdString(info.generationPath)},
                              {"generation_path_why", QString::fromStdString(info.generationPathWhy)},
                              {"kernel_choices", choices},
                              {"kernel_choices_file", QString::fromStdString(kernelChoiceCachePath())},
                              {"kernel_choices_note", choices.isEmpty() ? QStringLiteral("none measured on this machine yet: the first fp32 generation run times the candidates at its sizes (a few seconds) and keeps the fastest")
                                                                          : QStringLiteral("measured on this machine at the sizes listed; fp32 runs use the chosen kernels")},
                              {"libtorch", QString::fromStdString(info.torchVersion)},
                              {"opencv", QString::fromStdString(info.opencvVersion)},
                              {"qt", QString::fromStdString(info.qtVersion)}});
    return 0;
}

} // namespace pictor::cli
