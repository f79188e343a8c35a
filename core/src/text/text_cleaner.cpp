#include "text_cleaner.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace pictor::text {

namespace {

// Named references people actually type; Python knows all of HTML5's 2,231, these cover prompts.
const QHash<QString, QString>& namedEntities()
{
    static const QHash<QString, QString> table = {
        {"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", QString(QChar(0xA0))},
        {"copy", QString(QChar(0xA9))}, {"reg", QString(QChar(0xAE))}, {"trade", QString(QChar(0x2122))},
        {"hellip", QString(QChar(0x2026))}, {"mdash", QString(QChar(0x2014))}, {"ndash", QString(QChar(0x2013))},
        {"lsquo", QString(QChar(0x2018))}, {"rsquo", QString(QChar(0x2019))}, {"ldquo", QString(QChar(0x201C))},
        {"rdquo", QString(QChar(0x201D))}, {"laquo", QString(QChar(0xAB))}, {"raquo", QString(QChar(0xBB))},
        {"deg", QString(QChar(0xB0))}, {"times", QString(QChar(0xD7))}, {"divide", QString(QChar(0xF7))},
        {"euro", QString(QChar(0x20AC))}, {"pound", QString(QChar(0xA3))}, {"yen", QString(QChar(0xA5))},
        {"cent", QString(QChar(0xA2))}, {"sect", QString(QChar(0xA7))}, {"para", QString(QChar(0xB6))},
        {"middot", QString(QChar(0xB7))}, {"bull", QString(QChar(0x2022))}, {"eacute", QString(QChar(0xE9))},
        {"egrave", QString(QChar(0xE8))}, {"agrave", QString(QChar(0xE0))}, {"aacute", QString(QChar(0xE1))},
        {"ouml", QString(QChar(0xF6))}, {"uuml", QString(QChar(0xFC))}, {"auml", QString(QChar(0xE4))},
        {"szlig", QString(QChar(0xDF))}, {"ccedil", QString(QChar(0xE7))}, {"ntilde", QString(QChar(0xF1))},
        {"iuml", QString(QChar(0xEF))}, {"frac12", QString(QChar(0xBD))}, {"micro", QString(QChar(0xB5))},
        {"plusmn", QString(QChar(0xB1))}, {"larr", QString(QChar(0x2190))}, {"rarr", QString(QChar(0x2192))},
        {"hearts", QString(QChar(0x2665))}, {"star", QString(QChar(0x2606))}, {"shy", QString(QChar(0xAD))},
    };
    return table;
}

// HTML5 accepts these few without the closing semicolon (legacy references).
bool isLegacyEntity(const QString& name)
{
    static const QStringList legacy = {"amp", "lt", "gt", "quot", "nbsp", "copy", "reg"};
    return legacy.contains(name);
}

// What Python does with numeric references: C1 controls are read as Windows-1252, invalid ones
// become U+FFFD.
char32_t numericReference(uint64_t value)
{
    static const char16_t cp1252[32] = {0x20AC, 0x81, 0x201A, 0x192, 0x201E, 0x2026, 0x2020, 0x2021, 0x2C6,
                                        0x2030, 0x160, 0x2039, 0x152, 0x8D, 0x17D, 0x8F, 0x90, 0x2018,
                                        0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x2DC, 0x2122,
                                        0x161, 0x203A, 0x153, 0x9D, 0x17E, 0x178};
    if (value >= 0x80 && value <= 0x9F) return cp1252[value - 0x80];
    if (value == 0 || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) return 0xFFFD;
    return static_cast<char32_t>(value);
}

void appendCodePoint(QString& out, char32_t c)
{
    out.append(QString::fromUcs4(&c, 1));
}

} // namespace

bool isPythonSpace(char32_t c)
{
    if ((c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0) return true;
    if (c < 0x80) return false;
    const auto cat = QChar::category(c);
    return cat == QChar::Separator_Space || cat == QChar::Separator_Line || cat == QChar::Separator_Paragraph;
}

QString applyFtfyFixes(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (char32_t c : text.toUcs4()) {
        switch (c) {
        case 0x2018: case 0x2019: case 0x201A: case 0x201B: out.append(QLatin1Char('\'')); continue;
        case 0x201C: case 0x201D: case 0x201E: case 0x201F: out.append(QLatin1Char('"')); continue;
        case 0xFB00: out.append(QLatin1String("ff")); continue;
        case 0xFB01: out.append(QLatin1String("fi")); continue;
        case 0xFB02: out.append(QLatin1String("fl")); continue;
        case 0xFB03: out.append(QLatin1String("ffi")); continue;
        case 0xFB04: out.append(QLatin1String("ffl")); continue;
        case 0xFB05: case 0xFB06: out.append(QLatin1String("st")); continue;
        case 0x0132: out.append(QLatin1String("IJ")); continue;
        case 0x0133: out.append(QLatin1String("ij")); continue;
        case 0x3000: out.append(QLatin1Char(' ')); continue;
        default: break;
        }
        if (c >= 0xFF01 && c <= 0xFF5E) { // full-width ASCII
            appendCodePoint(out, c - 0xFEE0);
        } else if ((c >= 0xFF61 && c <= 0xFFDC) || (c >= 0xFFE8 && c <= 0xFFEE)) { // half-width forms
            QString one;
            appendCodePoint(one, c);
            out.append(one.normalized(QString::NormalizationForm_KC));
        } else {
            appendCodePoint(out, c);
        }
    }
    return out.normalized(QString::NormalizationForm_C);
}

QString htmlUnescape(const QString& text)
{
    if (!text.contains(QLatin1Char('&'))) return text;
    const QList<uint> cps = text.toUcs4();
    QString out;
    out.reserve(text.size());
    qsizetype i = 0;
    const qsizetype n = cps.size();
    while (i < n) {
        if (cps[i] != '&') {
            appendCodePoint(out, cps[i++]);
            continue;
        }
        qsizetype j = i + 1;
        if (j < n && cps[j] == '#') {
            ++j;
            const bool hex = j < n && (cps[j] == 'x' || cps[j] == 'X');
            if (hex) ++j;
            const qsizetype digitsStart = j;
            uint64_t value = 0;
            while (j < n) {
                const uint d = cps[j];
                int v = -1;
                if (d >= '0' && d <= '9') v = int(d - '0');
                else if (hex && d >= 'a' && d <= 'f') v = int(d - 'a' + 10);
                else if (hex && d >= 'A' && d <= 'F') v = int(d - 'A' + 10);
                if (v < 0) break;
                if (value <= 0x10FFFFFFull) value = value * (hex ? 16 : 10) + uint64_t(v);
                ++j;
            }
            if (j == digitsStart) { // "&#" with no digits stays as it is
                appendCodePoint(out, cps[i++]);
                continue;
            }
            if (j < n && cps[j] == ';') ++j;
            appendCodePoint(out, numericReference(value));
            i = j;
            continue;
        }
        // Named reference: letters and digits, up to 32, optionally closed by ';'.
        qsizetype k = j;
        while (k < n && k - j < 32 && ((cps[k] >= 'a' && cps[k] <= 'z') || (cps[k] >= 'A' && cps[k] <= 'Z') ||
                                       (cps[k] >= '0' && cps[k] <= '9')))
            ++k;
        const QString name = QString::fromUcs4(reinterpret_cast<const char32_t*>(cps.constData() + j), k - j);
        const bool closed = k < n && cps[k] == ';';
        const auto it = namedEntities().find(name);
        if (it != namedEntities().end() && (closed || isLegacyEntity(name))) {
            out.append(it.value());
            i = closed ? k + 1 : k;
            continue;
        }
        // Longest legacy prefix without semicolon, as Python does ("&ampx" -> "&x").
        bool matched = false;
        for (qsizetype len = name.size() - 1; len >= 2 && !matched; --len) {
            const QString prefix = name.left(len);
            if (isLegacyEntity(prefix)) {
                out.append(namedEntities().value(prefix));
                i = j + len;
                matched = true;
            }
        }
        if (!matched) appendCodePoint(out, cps[i++]);
    }
    return out;
}

QString cleanForClip(const QString& text, bool applyFtfy, bool lowerCase)
{
    QString t = htmlUnescape(htmlUnescape(applyFtfy ? applyFtfyFixes(text) : text));
    // whitespace_clean: every run of \s becomes one space, then strip.
    QString folded;
    folded.reserve(t.size());
    bool inSpace = false;
    for (char32_t c : t.toUcs4()) {
        if (isPythonSpace(c)) {
            inSpace = true;
            continue;
        }
        if (inSpace && !folded.isEmpty()) folded.append(QLatin1Char(' '));
        inSpace = false;
        appendCodePoint(folded, c);
    }
    return lowerCase ? folded.toLower() : folded;
}

} // namespace pictor::text
