// pictor-cli models list | download NAME | import FILE | verify | remove NAME
#include "cli_common.h"
#include "commands.h"

#include <pictor/error.h>
#include <pictor/model_manager.h>

#include <QFileInfo>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace pictor::cli {

namespace {

std::atomic<bool> g_cancelDownload{false};
extern "C" void onDownloadInterrupt(int) { g_cancelDownload = true; }

QString sizeText(int64_t bytes) { return QString::fromStdString(byteSizeText(bytes, "?")); }

} // namespace

int runModels(const QStringList& args)
{
    CommandLine cl("models", "Models Pictor knows and the ones installed:\n"
                             "  list              every model, installed or not, with size and licence\n"
                             "  download NAME     fetch a model (resumes, verifies SHA-256; Ctrl-C keeps the partial file)\n"
                             "  import FILE...    copy files you already have into place (recognised by checksum)\n"
                             "  verify            check installed files against their size and checksum\n"
                             "  remove NAME       delete a downloaded model", args);
    cl.parser().addOption({"registry", "Registry file (default: the one shipped with Pictor).", "FILE"});
    cl.parser().addOption({"models-dir", "Where models are installed (default $PICTOR_MODELS_DIR or ~/.local/share/pictor/models).", "DIR"});
    cl.parser().addOption({"link", "import: link to the file instead of copying it."});
    cl.parser().addOption({"json", "list / verify: JSON lines."});
    if (!cl.parse("ACTION [NAME|FILE...]")) return 0;
    const QStringList pos = cl.positional();
    if (pos.isEmpty()) throw UsageError{"give an action: list, download, import, verify or remove"};
    ModelManager manager(cl.isSet("registry") ? cl.value("registry").toStdString() : ModelManager::defaultRegistryPath(),
                         cl.isSet("models-dir") ? cl.value("models-dir").toStdString() : ModelManager::defaultModelsDir());
    const QString action = pos[0];
    if (action == "list") {
        for (const RegistryModel& m : manager.models()) {
            const ModelState s = manager.state(m);
            if (cl.isSet("json")) {
                printJsonLine(QJsonObject{{"name", QString::fromStdString(m.name)}, {"kind", QString::fromStdString(m.kind)},
                                          {"installed", s.installed}, {"folder", QString::fromStdString(s.folder)},
                                          {"bytes", qint64(m.approximateBytes)}, {"architecture", QString::fromStdString(m.architecture)},
                                          {"licence", QString::fromStdString(m.licence)}, {"recommended", m.recommended},
                                          {"multilingual", m.multilingual}});
            } else {
                std::printf("%-26s %-10s %-10s %10s  %s%s%s\n", m.name.c_str(), m.kind.c_str(), s.installed ? "installed" : "-",
                            m.bundled ? "bundled" : sizeText(m.approximateBytes).toStdString().c_str(), m.architecture.c_str(),
                            m.recommended ? "  (recommended)" : "", m.multilingual ? "  (understands Korean)" : "");
            }
        }
        return 0;
    }
    if (action == "download") {
        if (pos.size() != 2) throw UsageError{"download takes one model NAME (see 'pictor-cli models list')"};
        const RegistryModel& m = manager.find(pos[1].toStdString());
        std::signal(SIGINT, onDownloadInterrupt);
        note("downloading " + m.name + " (about " + sizeText(m.approximateBytes).toStdString() + ") into " + manager.folderFor(m));
        const bool tty = isatty(STDERR_FILENO);
        manager.download(m, [tty](const DownloadProgress& p) {
            static int64_t lastPrinted = -1;
            if (!tty && p.received - lastPrinted < (16 << 20) && p.received != p.total) return;
            lastPrinted = p.received;
            std::fprintf(stderr, "%s%s: %s of %s  %.1f MiB/s  ETA %s%s", tty ? "\r" : "", p.file.c_str(), sizeText(p.received).toStdString().c_str(),
                         sizeText(p.total).toStdString().c_str(), p.bytesPerSecond / 1048576.0,
                         p.etaSeconds >= 0 ? (std::to_string(int(p.etaSeconds)) + " s").c_str() : "?", tty ? "   " : "\n");
        }, &g_cancelDownload);
        if (isatty(STDERR_FILENO)) std::cerr << "\n";
        std::signal(SIGINT, SIG_DFL);
        std::cout << m.name << " installed in " << manager.folderFor(m) << "\n";
        return 0;
    }
    if (action == "import") {
        if (pos.size() < 2) throw UsageError{"import takes one or more FILEs"};
        for (int i = 1; i < pos.size(); ++i) std::cout << "imported " << manager.importFile(pos[i].toStdString(), cl.isSet("link")) << "\n";
        return 0;
    }
    if (action == "verify") {
        int bad = 0;
        const auto results = manager.verify();
        for (const auto& [name, result] : results) {
            bad += result != "ok";
            if (cl.isSet("json")) printJsonLine(QJsonObject{{"name", QString::fromStdString(name)}, {"result", QString::fromStdString(result)}});
            else std::cout << name << ": " << result << "\n";
        }
        if (results.empty()) note("no downloaded models to verify");
        return bad ? 1 : 0;
    }
    if (action == "remove") {
        if (pos.size() != 2) throw UsageError{"remove takes one model NAME"};
        manager.remove(manager.find(pos[1].toStdString()));
        std::cout << "removed " << pos[1].toStdString() << "\n";
        return 0;
    }
    throw UsageError{"unknown action '" + action.toStdString() + "': list, download, import, verify or remove"};
}

} // namespace pictor::cli
