// Model downloads: HTTP(S) through Qt Network (system proxy, redirects), resumed with a Range
// request from the partial file, checked (status, content kind, size, SHA-256) and renamed into
// place only when complete. Runs its own event loop, so any thread may call it.
#include <pictor/error.h>
#include <pictor/model_file.h>
#include <pictor/model_manager.h>

#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkProxyFactory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <fstream>

namespace pictor {

void ModelManager::download(const RegistryModel& model, const std::function<void(const DownloadProgress&)>& progress,
                            const std::atomic<bool>* cancel)
{
    if (model.bundled) return; // ships with Pictor
    const ModelState s = state(model);
    for (const RegistryFile& f : model.files)
        if (std::find(s.missing.begin(), s.missing.end(), f.file) != s.missing.end()) downloadFile(model, f, progress, cancel);
}

void ModelManager::downloadFile(const RegistryModel& model, const RegistryFile& file, const std::function<void(const DownloadProgress&)>& progress,
                                const std::atomic<bool>* cancel)
{
    const QString folder = QString::fromStdString(folderFor(model));
    if (!QDir().mkpath(folder)) throw Error("Cannot create the model folder " + folder.toStdString());
    const QString dest = folder + "/" + QString::fromStdString(file.file);
    const QString part = dest + ".part";
    const std::string where = file.url;

    QFile out(part);
    int64_t have = QFileInfo(part).isFile() ? QFileInfo(part).size() : 0;
    if (file.size > 0 && have > file.size) have = 0; // not ours: start again
    if (!out.open(have > 0 ? QIODevice::Append : QIODevice::WriteOnly | QIODevice::Truncate))
        throw Error("Cannot write " + part.toStdString() + ": " + out.errorString().toStdString());

    QNetworkProxyFactory::setUseSystemConfiguration(true);
    QNetworkAccessManager net;
    QNetworkRequest request(QUrl(QString::fromStdString(file.url)));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setHeader(QNetworkRequest::UserAgentHeader, "Pictor/" PICTOR_VERSION);
    request.setTransferTimeout(60000); // a stalled connection fails instead of hanging
    if (have > 0) request.setRawHeader("Range", "bytes=" + QByteArray::number(qint64(have)) + "-");

    std::unique_ptr<QNetworkReply> reply(net.get(request));
    QEventLoop loop;
    QElapsedTimer clock;
    clock.start();
    const int64_t startedWith = have;
    int64_t total = file.size;
    std::string problem;
    bool checkedStart = false;
    bool restarted = false;
    QTimer cancelPoll;
    cancelPoll.setInterval(100);
    QObject::connect(&cancelPoll, &QTimer::timeout, [&] {
        if (cancel && cancel->load()) {
            problem = "cancelled";
            reply->abort();
        }
    });
    cancelPoll.start();
    QObject::connect(reply.get(), &QNetworkReply::readyRead, [&] {
        if (!problem.empty()) return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (!checkedStart) {
            checkedStart = true;
            if (status >= 400) return; // reported when finished
            if (have > 0 && status == 200) { // the server ignored the range: start from zero
                out.resize(0);
                out.seek(0);
                have = 0;
                restarted = true;
            }
            const QString type = reply->header(QNetworkRequest::ContentTypeHeader).toString().toLower();
            const QByteArray peek = reply->peek(512);
            if (have == 0) {
                std::string why = contentProblem(file.file, peek.toStdString());
                if (why.empty() && type.startsWith("text/html") && !QString::fromStdString(file.file).endsWith(".html"))
                    why = "the server sent a web page instead of the file (the link may be dead)";
                if (!why.empty()) {
                    problem = why;
                    reply->abort();
                    return;
                }
            }
            const qint64 length = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
            if (total <= 0 && length > 0) total = have + length;
        }
        const QByteArray chunk = reply->readAll();
        if (out.write(chunk) != chunk.size()) {
            problem = "cannot write " + part.toStdString() + " (disk full?): " + out.errorString().toStdString();
            reply->abort();
            return;
        }
        have += chunk.size();
        if (file.size > 0 && have > file.size) {
            problem = "the server sent more bytes than the file has (" + std::to_string(file.size) + ")";
            reply->abort();
            return;
        }
        if (progress) {
            DownloadProgress p;
            p.file = file.file;
            p.received = have;
            p.total = total;
            const double secs = clock.elapsed() / 1000.0;
            p.bytesPerSecond = secs > 0 ? double(have - startedWith) / secs : 0;
            p.etaSeconds = (total > 0 && p.bytesPerSecond > 0) ? double(total - have) / p.bytesPerSecond : -1;
            progress(p);
        }
        if (cancel && cancel->load()) {
            problem = "cancelled";
            reply->abort();
        }
    });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished()) loop.exec();
    out.flush();
    out.close();
    (void)restarted;

    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QNetworkReply::NetworkError netError = reply->error();
    // Nothing arrived: an empty partial file is no download to resume.
    const auto dropEmptyPart = [&] {
        if (QFileInfo(part).isFile() && QFileInfo(part).size() == 0) QFile::remove(part);
    };
    const bool unreachable = problem.empty() && status == 0 &&
                             (netError == QNetworkReply::HostNotFoundError || netError == QNetworkReply::TemporaryNetworkFailureError ||
                              netError == QNetworkReply::NetworkSessionFailedError || netError == QNetworkReply::UnknownNetworkError ||
                              netError == QNetworkReply::ProxyNotFoundError);
    if (unreachable) {
        dropEmptyPart();
        const std::string host = reply->url().host().toStdString();
        throw OfflineError("Cannot download " + file.file + ": this computer seems to be offline (" + host +
                               " cannot be reached). Connect to the internet and try again, or fetch the file on another computer and bring it "
                               "in with Import file… (" + file.file + (file.sha256.empty() ? "" : ", SHA-256 " + file.sha256) + ")",
                           host, file);
    }
    if (problem.empty() && status == 416 && file.size > 0 && have == file.size) {
        // Range not satisfiable: the partial file is already complete.
    } else if (problem.empty() && status >= 400) {
        problem = "HTTP " + std::to_string(status) + " " + reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString().toStdString();
        if (status != 416) QFile::remove(part); // nothing worth resuming
    } else if (problem.empty() && reply->error() != QNetworkReply::NoError) {
        problem = reply->errorString().toStdString() + (have > 0 ? " (the partial download is kept; try again to resume)" : "");
    }
    if (!problem.empty() || (file.size > 0 && have != file.size)) dropEmptyPart();
    if (problem == "cancelled") throw Error("Download of " + file.file + " cancelled (the partial file is kept; try again to resume)");
    if (!problem.empty()) {
        if (problem.find("web page") != std::string::npos || problem.find("not a") == 0) QFile::remove(part);
        throw Error("Download of " + file.file + " from " + where + " failed: " + problem);
    }
    if (file.size > 0 && have != file.size) {
        throw Error("Download of " + file.file + " from " + where + " is incomplete: " + std::to_string(have) + " of " + std::to_string(file.size) +
                    " bytes (the partial file is kept; try again to resume)");
    }
    if (!file.sha256.empty()) {
        const std::string sha = sha256File(part.toStdString());
        if (sha != file.sha256) {
            QFile::remove(part);
            throw Error("Download of " + file.file + " from " + where + " does not match its SHA-256 (got " + sha + ", expected " + file.sha256 +
                        "); the file was deleted");
        }
    }
    QFile::remove(dest);
    if (!QFile::rename(part, dest)) throw Error("Cannot move " + part.toStdString() + " into place");
}

} // namespace pictor
