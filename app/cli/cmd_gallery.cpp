// pictor-cli index / search / duplicates / tag: the photo gallery from a terminal.
#include "cli_common.h"
#include "commands.h"

#include <pictor/error.h>
#include <pictor/gallery.h>

#include <QDateTime>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace pictor::cli {

namespace {

std::atomic<bool> g_cancel{false};

extern "C" void onIndexInterrupt(int)
{
    if (g_cancel.exchange(true)) std::_Exit(130); // a second Ctrl-C: leave now (the index stays consistent)
}

void addDbOption(CommandLine& cl)
{
    cl.parser().addOption({"db", QString::fromStdString("Gallery index file (default " + Gallery::defaultDbPath() + ")."), "FILE"});
}

std::unique_ptr<Gallery> openGallery(const CommandLine& cl)
{
    const std::string path = cl.isSet("db") ? cl.value("db").toStdString() : Gallery::defaultDbPath();
    return Gallery::open(path);
}

int64_t parseDate(const QString& text, bool endOfDay)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid()) {
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!date.isValid()) throw UsageError{"not a date (use YYYY-MM-DD): " + text.toStdString()};
        t = QDateTime(date, endOfDay ? QTime(23, 59, 59) : QTime(0, 0), Qt::UTC);
    }
    t.setTimeSpec(Qt::UTC); // EXIF dates carry no zone; they are stored as if UTC
    return t.toSecsSinceEpoch();
}

QString dateText(int64_t seconds) { return QDateTime::fromSecsSinceEpoch(seconds, Qt::UTC).toString("yyyy-MM-dd HH:mm"); }

QJsonObject hitJson(const SearchHit& h)
{
    return QJsonObject{{"path", QString::fromStdString(h.path)}, {"score", h.score}, {"taken", dateText(h.takenAt)},
                       {"width", h.width}, {"height", h.height}};
}

void printProgress(const IndexProgress& p)
{
    const bool tty = isatty(STDERR_FILENO);
    const int width = 30;
    const int filled = p.total ? int(width * p.done / p.total) : width;
    char line[256];
    std::snprintf(line, sizeof line, "[%s%s] %lld/%lld  %.1f img/s  ETA %ds", std::string(std::size_t(filled), '#').c_str(),
                  std::string(std::size_t(width - filled), '.').c_str(), static_cast<long long>(p.done), static_cast<long long>(p.total),
                  p.imagesPerSecond, int(p.etaSeconds));
    if (tty) std::cerr << "\r" << line << std::flush;
    else if (p.done == p.total || p.done % 100 < 16) std::cerr << line << "\n";
}

} // namespace

int runIndex(const QStringList& args)
{
    CommandLine cl("index", "Index picture folders (recursively) for searching: new and changed files are embedded, "
                            "moved files recognised by content, vanished ones marked. Ctrl-C stops after the current batch; "
                            "run again to resume.", args);
    addClipOptions(cl, true);
    addDbOption(cl);
    cl.parser().addOption({"batch", "Pictures embedded together (default 16).", "N"});
    cl.parser().addOption({"full-decode", "Decode JPEGs at full size (slower; the default decodes at a reduced size)."});
    cl.parser().addOption({"json", "Print the summary as JSON."});
    cl.parser().addOption({"no-bf16", "Embed pictures in fp32 even where the CPU has bf16 (slower, same ranking)."});
    if (!cl.parse("DIR...")) return 0;
    if (cl.positional().isEmpty()) throw UsageError{"give at least one folder"};
    const auto model = openClip(cl);
    model->useBf16Images(!cl.isSet("no-bf16"));
    auto gallery = openGallery(cl);
    std::vector<std::string> folders;
    for (const QString& f : cl.positional()) folders.push_back(f.toStdString());
    IndexOptions o;
    o.batchSize = cl.intValue("batch", 16);
    o.reducedDecode = !cl.isSet("full-decode");
    o.cancel = &g_cancel;
    o.progress = printProgress;
    std::signal(SIGINT, onIndexInterrupt);
    std::signal(SIGTERM, onIndexInterrupt);
    const IndexSummary s = gallery->index(folders, *model, o);
    std::signal(SIGINT, SIG_DFL);
    if (isatty(STDERR_FILENO)) std::cerr << "\n";
    const GalleryStats stats = gallery->stats(*model);
    if (cl.isSet("json")) {
        QJsonArray failures;
        for (const auto& f : s.failures) failures.append(QJsonObject{{"path", QString::fromStdString(f.path)}, {"reason", QString::fromStdString(f.reason)}});
        printJsonLine(QJsonObject{{"added", qint64(s.added)}, {"updated", qint64(s.updated)}, {"unchanged", qint64(s.unchanged)},
                                  {"moved", qint64(s.moved)}, {"removed", qint64(s.removed)}, {"failed", qint64(s.failed)},
                                  {"reused", qint64(s.reused)}, {"cancelled", s.cancelled}, {"seconds", s.seconds},
                                  {"indexed", qint64(stats.images)}, {"failures", failures}});
    } else {
        std::cout << (s.cancelled ? "Stopped (run again to resume): " : "Done: ") << s.added << " new, " << s.updated << " updated, " << s.unchanged
                  << " unchanged, " << s.moved << " moved, " << s.removed << " removed, " << s.failed << " failed";
        if (s.reused) std::cout << " (" << s.reused << " embeddings reused from identical files)";
        std::cout << " in " << QString::number(s.seconds, 'f', 1).toStdString() << " s. " << stats.images << " pictures searchable.\n";
        for (const auto& f : s.failures) std::cout << "  failed: " << f.path << ": " << f.reason << "\n";
    }
    return s.cancelled ? 130 : 0;
}

int runSearch(const QStringList& args)
{
    CommandLine cl("search", "Search the indexed pictures. QUERY is text, a picture file, or a combination:\n"
                             "  \"a dog on a beach\"            a description\n"
                             "  photo.jpg                       pictures like this one (it is left out of the results)\n"
                             "  \"a dog\" + \"sunset\" - \"people\"  add and subtract terms (spaces around + and -)\n"
                             "  2:beach + 0.5:photo.jpg         weight a term with N: before it", args);
    addClipOptions(cl, true);
    addDbOption(cl);
    cl.parser().addOption({"top", "Number of results (default 10).", "K"});
    cl.parser().addOption({"folder", "Only pictures under this folder.", "DIR"});
    cl.parser().addOption({"after", "Only pictures taken on or after this date (YYYY-MM-DD).", "DATE"});
    cl.parser().addOption({"before", "Only pictures taken on or before this date.", "DATE"});
    cl.parser().addOption({"type", "Only these file types, e.g. jpg,png.", "LIST"});
    cl.parser().addOption({"tag", "Only pictures with this auto-tag (see 'tag').", "LABEL"});
    cl.parser().addOption({"sort", "relevance (default), newest or oldest (among the matches).", "ORDER"});
    cl.parser().addOption({"min-score", "Relevance cut-off on the cosine (default: the model's; -1 shows everything).", "X"});
    cl.parser().addOption({"exact", "Always search every vector (no approximate index)."});
    cl.parser().addOption({"json", "JSON lines {path, score, taken, width, height}."});
    if (!cl.parse("QUERY...")) return 0;
    if (cl.positional().isEmpty()) throw UsageError{"give a QUERY"};
    const std::string query = cl.positional().join(' ').toStdString();
    const auto model = openClip(cl);
    auto gallery = openGallery(cl);
    SearchOptions o;
    o.top = cl.intValue("top", 10);
    o.folder = cl.value("folder").toStdString();
    if (cl.isSet("after")) o.after = parseDate(cl.value("after"), false);
    if (cl.isSet("before")) o.before = parseDate(cl.value("before"), true);
    for (const QString& t : cl.value("type").split(',', Qt::SkipEmptyParts)) o.types.push_back(t.trimmed().toLower().toStdString());
    o.tag = cl.value("tag").toStdString();
    const QString sort = cl.value("sort");
    if (sort == "newest") o.sort = SearchSort::DateNewest;
    else if (sort == "oldest") o.sort = SearchSort::DateOldest;
    else if (!sort.isEmpty() && sort != "relevance") throw UsageError{"--sort is relevance, newest or oldest"};
    bool ok = true;
    o.minScore = cl.isSet("min-score") ? cl.value("min-score").toDouble(&ok) : Gallery::defaultMinScore(*model);
    if (!ok) throw UsageError{"--min-score takes a number"};
    o.approximate = !cl.isSet("exact");
    const auto hits = gallery->search(query, *model, o);
    if (hits.empty()) {
        note(gallery->stats(*model).images ? "No picture matches \"" + query + "\" well enough (lower --min-score to see weaker matches)."
                                           : "The gallery index is empty for this model: run 'pictor-cli index DIR' first.");
        return 0;
    }
    for (const SearchHit& h : hits) {
        if (cl.isSet("json")) printJsonLine(hitJson(h));
        else std::cout << QString::number(h.score, 'f', 3).toStdString() << "\t" << h.path << "\n";
    }
    return 0;
}

int runDuplicates(const QStringList& args)
{
    CommandLine cl("duplicates", "Groups of near-identical pictures in the index (cosine similarity at or above --threshold).", args);
    addClipOptions(cl, true);
    addDbOption(cl);
    cl.parser().addOption({"threshold", "Cosine similarity for near-duplicates (default 0.95).", "X"});
    cl.parser().addOption({"json", "One JSON line per group."});
    if (!cl.parse("")) return 0;
    const auto model = openClip(cl);
    auto gallery = openGallery(cl);
    bool ok = true;
    const double threshold = cl.isSet("threshold") ? cl.value("threshold").toDouble(&ok) : 0.95;
    if (!ok) throw UsageError{"--threshold takes a number"};
    const auto groups = gallery->duplicates(*model, threshold);
    for (const auto& group : groups) {
        if (cl.isSet("json")) {
            QJsonArray members;
            for (const auto& h : group) members.append(hitJson(h));
            printJsonLine(members);
        } else {
            std::cout << group.size() << " pictures:\n";
            for (const auto& h : group) std::cout << "  " << QString::number(h.score, 'f', 3).toStdString() << "\t" << h.path << "\n";
        }
    }
    if (groups.empty()) note("No near-duplicates at threshold " + std::to_string(threshold) + ".");
    return 0;
}

int runTag(const QStringList& args)
{
    CommandLine cl("tag", "Zero-shot auto-tagging: each indexed picture gets the labels whose probability reaches --threshold. "
                          "Find them with 'search --tag LABEL'.", args);
    addClipOptions(cl, true);
    addDbOption(cl);
    cl.parser().addOption({"labels", "Comma-separated labels, e.g. \"beach,mountains,city,food,document,screenshot\".", "LIST"});
    cl.parser().addOption({"threshold", "Probability needed for a label (default 0.5).", "P"});
    if (!cl.parse("")) return 0;
    std::vector<std::string> labels;
    for (const QString& l : cl.value("labels").split(',', Qt::SkipEmptyParts))
        if (!l.trimmed().isEmpty()) labels.push_back(l.trimmed().toStdString());
    if (labels.empty()) throw UsageError{"give --labels \"a,b,c\""};
    const auto model = openClip(cl);
    auto gallery = openGallery(cl);
    bool ok = true;
    const double threshold = cl.isSet("threshold") ? cl.value("threshold").toDouble(&ok) : 0.5;
    if (!ok) throw UsageError{"--threshold takes a number"};
    const TagSummary s = gallery->tag(labels, *model, threshold);
    std::cout << "Tagged " << s.images << " pictures:\n";
    for (const auto& [label, count] : s.counts) std::cout << "  " << label << "\t" << count << "\n";
    return 0;
}

} // namespace pictor::cli
