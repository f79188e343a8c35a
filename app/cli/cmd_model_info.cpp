#include "cli_common.h"
#include "commands.h"

#include <pictor/model_file.h>

#include <QJsonArray>

namespace pictor::cli {

int runModelInfo(const QStringList& args)
{
    CommandLine cl("model-info", "Describe model files without loading their weights: format, architecture, "
                                 "parameter count and dtype mix (one JSON object per line).", args);
    if (!cl.parse("FILE...")) return 0;
    if (cl.positional().isEmpty()) throw UsageError{"give at least one FILE"};
    for (const QString& path : cl.positional()) {
        const ModelFileInfo info = inspectModelFile(path.toStdString());
        QJsonObject dtypes;
        for (const auto& [name, count] : info.dtypeElements) dtypes.insert(QString::fromStdString(name), qint64(count));
        QJsonArray ignored;
        for (const auto& i : info.ignored) ignored.append(QString::fromStdString(i));
        QJsonObject meta;
        for (const auto& [k, v] : info.metadata) meta.insert(QString::fromStdString(k), QString::fromStdString(v));
        printJsonLine(QJsonObject{{"path", path},
                                  {"format", QString::fromStdString(info.format)},
                                  {"kind", QString::fromStdString(info.kind)},
                                  {"architecture", QString::fromStdString(info.architecture)},
                                  {"parameters", qint64(info.parameters)},
                                  {"tensors", qint64(info.tensorCount)},
                                  {"dtypes", dtypes},
                                  {"ignored", ignored},
                                  {"metadata", meta}});
    }
    return 0;
}

} // namespace pictor::cli
