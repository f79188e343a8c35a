// The gallery's query syntax (rclip's, so its users feel at home):
//   "a dog on a beach"                 one text
//   "a dog" + "sunset" - "people"      texts added and subtracted
//   2:beach + 0.5:~/photos/ref.jpg     weights; a term naming an existing file is an image
#include <pictor/error.h>
#include <pictor/gallery.h>

#include <QDir>
#include <QFileInfo>

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace pictor {

namespace {

std::string trim(const std::string& s)
{
    std::size_t a = 0, b = s.size();
    while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
    while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
    return s.substr(a, b - a);
}

/// A leading weight, "2:beach", "0.5:beach", ".5:x" or "2.:x": the number and what follows the
/// colon. (Hand-written: std::regex recursed once per character of the term.)
bool splitWeight(const std::string& body, double& weight, std::string& rest)
{
    std::size_t i = 0, digits = 0;
    bool dot = false;
    for (; i < body.size(); ++i) {
        const char c = body[i];
        if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
        else if (c == '.' && !dot) dot = true;
        else break;
    }
    if (digits == 0 || i + 1 >= body.size() || body[i] != ':') return false;
    weight = std::strtod(body.substr(0, i).c_str(), nullptr);
    rest = body.substr(i + 1);
    return true;
}

std::string unquote(std::string s)
{
    if (s.size() >= 2 && ((s.front() == '"' && s.back() == '"') || (s.front() == '\'' && s.back() == '\''))) s = s.substr(1, s.size() - 2);
    return trim(s);
}

std::string expandHome(const std::string& s)
{
    if (s.rfind("~/", 0) == 0) return QDir::homePath().toStdString() + s.substr(1);
    if (s.rfind("file://", 0) == 0) return s.substr(7);
    return s;
}

} // namespace

std::vector<QueryTerm> parseGalleryQuery(const std::string& query)
{
    // Split on + and - that stand alone between spaces (or open the query), outside quotes:
    // "black-and-white" and "-5 degrees" inside a term stay text.
    std::vector<std::pair<int, std::string>> parts;
    int sign = 1;
    std::string current;
    char quote = 0;
    for (std::size_t i = 0; i < query.size(); ++i) {
        const char c = query[i];
        if (quote) {
            if (c == quote) quote = 0;
            current += c;
            continue;
        }
        if ((c == '"' || c == '\'') && trim(current).empty()) {
            quote = c;
            current += c;
            continue;
        }
        const bool standalone = (c == '+' || c == '-') && (i + 1 == query.size() || std::isspace(static_cast<unsigned char>(query[i + 1]))) &&
                                (i == 0 || std::isspace(static_cast<unsigned char>(query[i - 1])));
        if (standalone) {
            if (!trim(current).empty()) parts.emplace_back(sign, current);
            current.clear();
            sign = c == '+' ? 1 : -1;
            continue;
        }
        current += c;
    }
    if (quote) throw Error("Query has an unclosed quote: " + query);
    if (!trim(current).empty()) parts.emplace_back(sign, current);
    if (parts.empty()) throw Error("The query is empty");

    std::vector<QueryTerm> terms;
    for (const auto& [s, raw] : parts) {
        QueryTerm t;
        std::string body = trim(raw);
        std::string rest;
        if (splitWeight(body, t.weight, rest)) {
            if (!std::isfinite(t.weight)) throw Error("Query weight out of range: " + body.substr(0, body.find(':')));
            body = trim(rest);
        }
        t.weight *= s;
        body = unquote(body);
        if (body.empty()) throw Error("Query has an empty term: " + query);
        const std::string path = expandHome(body);
        const QFileInfo info(QString::fromStdString(path));
        if (info.isFile()) {
            t.image = true;
            t.text = info.absoluteFilePath().toStdString();
        } else {
            t.text = body;
        }
        terms.push_back(std::move(t));
    }
    return terms;
}

} // namespace pictor
