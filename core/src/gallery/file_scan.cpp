#include "file_scan.h"

#include <pictor/error.h>

#include <QCryptographicHash>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include <sys/stat.h>

namespace fs = std::filesystem;

namespace pictor::gallery {

bool isPictureExtension(const std::string& e)
{
    static const std::set<std::string> kExts = {"jpg", "jpeg", "jpe", "png", "webp", "bmp", "dib", "tif", "tiff", "gif"};
    return kExts.count(e) != 0;
}

std::string normalFolder(const std::string& folder)
{
    std::error_code ec;
    fs::path p = fs::absolute(fs::path(folder), ec).lexically_normal();
    std::string s = p.string();
    while (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

namespace {

std::string lowerExtension(const fs::path& p)
{
    std::string e = p.extension().string();
    if (!e.empty() && e[0] == '.') e.erase(0, 1);
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return e;
}

struct Walker {
    ScanResult& out;
    std::set<std::pair<dev_t, ino_t>> visited;

    void walk(const fs::path& dir, int depth)
    {
        struct stat st {};
        if (::stat(dir.c_str(), &st) != 0) {
            out.problems.emplace_back(dir.string(), "cannot open the folder");
            return;
        }
        if (!visited.insert({st.st_dev, st.st_ino}).second) {
            out.problems.emplace_back(dir.string(), "folder already visited (a symbolic link loop or a second link to it); skipped");
            return;
        }
        if (depth > 64) {
            out.problems.emplace_back(dir.string(), "folders nested more than 64 deep; skipped");
            return;
        }
        std::error_code ec;
        fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
        if (ec) {
            out.problems.emplace_back(dir.string(), "cannot read the folder: " + ec.message());
            return;
        }
        std::vector<fs::directory_entry> entries;
        for (; it != fs::directory_iterator(); it.increment(ec)) {
            if (ec) break;
            entries.push_back(*it);
        }
        std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.path() < b.path(); });
        for (const auto& entry : entries) {
            std::error_code e2;
            if (entry.is_directory(e2)) { // follows links; loops stopped by `visited`
                if (!entry.path().filename().string().empty() && entry.path().filename().string()[0] == '.') continue; // hidden
                walk(entry.path(), depth + 1);
                continue;
            }
            const std::string ext = lowerExtension(entry.path());
            if (!isPictureExtension(ext)) continue;
            struct stat fst {};
            if (::stat(entry.path().c_str(), &fst) != 0) {
                out.problems.emplace_back(entry.path().string(), "cannot read the file's attributes (broken link?)");
                continue;
            }
            if (!S_ISREG(fst.st_mode)) continue;
            ScannedFile f;
            f.path = entry.path().lexically_normal().string();
            f.folder = entry.path().parent_path().lexically_normal().string();
            f.ext = ext;
            f.size = int64_t(fst.st_size);
            f.mtime = int64_t(fst.st_mtim.tv_sec) * 1'000'000'000 + fst.st_mtim.tv_nsec;
            out.files.push_back(std::move(f));
        }
    }
};

} // namespace

ScanResult scanFolders(const std::vector<std::string>& folders)
{
    ScanResult result;
    Walker walker{result, {}};
    for (const auto& folder : folders) {
        const std::string root = normalFolder(folder);
        std::error_code ec;
        if (!fs::is_directory(root, ec)) {
            result.problems.emplace_back(folder, "not a folder");
            continue;
        }
        walker.walk(root, 0);
    }
    return result;
}

std::string contentHash(const std::string& path)
{
    constexpr std::streamsize kPart = 64 * 1024;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error("cannot open the file (permissions?)");
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0) throw Error("cannot read the file");
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const std::string sizeText = std::to_string(size);
    hash.addData(QByteArrayView(sizeText.data(), qsizetype(sizeText.size())));
    std::string buffer(std::size_t(kPart), '\0');
    auto addRange = [&](std::streamoff from, std::streamsize count) {
        in.seekg(from);
        if (!in.read(buffer.data(), count)) throw Error("cannot read the file (I/O error)");
        hash.addData(QByteArrayView(buffer.data(), qsizetype(count)));
    };
    addRange(0, std::streamsize(std::min<std::streamoff>(size, kPart)));
    if (size > kPart) {
        const std::streamoff tailStart = std::max<std::streamoff>(kPart, size - kPart);
        addRange(tailStart, std::streamsize(size - tailStart));
    }
    return hash.result().toHex().toStdString();
}

} // namespace pictor::gallery
