#pragma once
// The text clean-up CLIP applies before tokenizing: the ftfy fixes that matter for typed prompts,
// HTML unescaping (twice, as the reference does), whitespace folding and lower-casing.
#include <QString>

namespace pictor::text {

/// ftfy's fixes for typed text: curly quotes to straight, Latin ligatures split, full-width and
/// half-width forms to their usual width, then NFC. (Mojibake repair is not attempted.)
QString applyFtfyFixes(const QString& text);

/// Python's html.unescape for numeric references and the common named entities.
QString htmlUnescape(const QString& text);

/// Python's str.isspace for one code point (what `\s` matches in the reference patterns).
bool isPythonSpace(char32_t c);

/// basic_clean + whitespace_clean + lower(): the exact order of the reference tokenizer
/// (open_clip's HFTokenizer does the same without lower-casing).
QString cleanForClip(const QString& text, bool applyFtfy = true, bool lowerCase = true);

} // namespace pictor::text
