#include "cli_common.h"

#include <pictor/clip_model.h>
#include <pictor/demo_model.h>

#include <pictor/runtime.h>

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>
#include <iostream>

namespace pictor::cli {

CommandLine::CommandLine(const QString& name, const QString& description, const QStringList& args) : m_name(name), m_args(args)
{
    m_parser.setApplicationDescription(description);
    m_parser.addOption({"threads", "Compute threads (default: all cores).", "N"});
    m_parser.addOption({{"h", "help"}, "Show this help."});
}

bool CommandLine::parse(const QString& positionalSyntax)
{
    if (!positionalSyntax.isEmpty()) m_parser.addPositionalArgument("args", "", positionalSyntax);
    QStringList argv = m_args;
    argv.prepend("pictor-cli " + m_name);
    if (!m_parser.parse(argv)) throw UsageError{m_parser.errorText().toStdString()};
    if (m_parser.isSet("help")) {
        std::cout << m_parser.helpText().toStdString();
        return false;
    }
    return true;
}

int CommandLine::intValue(const QString& option, int fallback) const
{
    if (!m_parser.isSet(option)) return fallback;
    bool ok = false;
    const int v = m_parser.value(option).toInt(&ok);
    if (!ok) throw UsageError{"--" + option.toStdString() + " expects a whole number, got '" + m_parser.value(option).toStdString() + "'"};
    return v;
}

void CommandLine::applyRuntimeOptions() const
{
    const int threads = intValue("threads", 0);
    if (threads < 0) throw UsageError{"--threads must be 0 (all cores) or more"};
    setComputeThreads(threads);
    setKernelTuningNotice([](const std::string& message) { note(message); });
    const std::string warning = blasWarning();
    if (!warning.empty()) note(warning);
}

void printJsonLine(const QJsonObject& object)
{
    printJsonLine(QJsonValue(object));
}

void printJsonLine(const QJsonValue& value)
{
    const QByteArray text = value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                            : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    std::fwrite(text.constData(), 1, std::size_t(text.size()), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

void note(const std::string& message)
{
    std::cerr << message << std::endl;
}

QJsonArray toJsonArray(const std::vector<float>& values)
{
    QJsonArray a;
    for (float v : values) a.append(double(v));
    return a;
}

std::unique_ptr<ClipModel> openClip(CommandLine& cl)
{
    ClipLoadOptions options;
    std::string path = cl.value("clip").toStdString();
    if (path.empty()) {
        const ModelSet demo = requireDemoModel();
        path = demo.clip;
        options.tokenizerPath = demo.tokenizer;
        note("using the bundled demo model (" + demo.folder + "); choose another with --clip");
    }
    // optionNames() lists what was given; isSet() on an option the command never declared (embed-image has
    // no --vocab) would print a QCommandLineParser warning.
    if (cl.parser().optionNames().contains("vocab")) options.tokenizerPath = cl.value("vocab").toStdString();
    options.quickGelu = !cl.isSet("gelu");
    options.textHeads = cl.intValue("text-heads", 0);
    if (cl.isSet("device")) options.device = cl.value("device").toStdString();
    cl.applyRuntimeOptions();
    auto model = ClipModel::load(path, options);
    note("CLIP " + model->info().architecture + " from " + model->info().path + " on " + model->device() + " (" + model->deviceWhy() + ")");
    return model;
}

void addClipOptions(CommandLine& cl, bool text)
{
    cl.parser().addOption({"clip", "CLIP model file (.pt, .ckpt, .safetensors; default: the bundled demo model).", "MODEL"});
    if (text) cl.parser().addOption({"vocab", "Tokenizer file (default: found next to the model).", "FILE"});
    cl.parser().addOption({"gelu", "Use plain GELU (open_clip models) instead of QuickGELU (OpenAI models)."});
    cl.parser().addOption({"text-heads", "Text attention heads, for small custom models (default: width / 64).", "N"});
    cl.parser().addOption({"raw", "Print embeddings as the model outputs them, not L2-normalised."});
    cl.parser().addOption({"device", "Where to compute: auto (default: the first CUDA GPU if there is one, else the CPU), cpu, cuda or cuda:N.", "D"});
}


} // namespace pictor::cli
