// Prompt syntax of the VQGAN+CLIP tools: "text:weight:stop", '|' between prompts, '^' between
// story phrases. Unlike the reference's split_prompt (which fails on "16:9 photo"), trailing fields
// count only when they are numbers, so URLs and ratios stay in the text.
#include <pictor/error.h>
#include <pictor/generation.h>

#include <cmath>
#include <cstdlib>

namespace pictor {

namespace {

bool parseNumber(const std::string& s, double& out)
{
    std::size_t a = s.find_first_not_of(" \t");
    std::size_t b = s.find_last_not_of(" \t");
    if (a == std::string::npos) return false;
    const std::string t = s.substr(a, b - a + 1);
    if (t == "inf" || t == "-inf" || t == "+inf") {
        out = t[0] == '-' ? -INFINITY : INFINITY;
        return true;
    }
    char* end = nullptr;
    const double v = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size() || !std::isfinite(v)) return false;
    // strtod also reads "0x10" and "nan": accept plain decimal numbers only.
    for (char c : t)
        if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E')) return false;
    out = v;
    return true;
}

std::vector<std::string> split(const std::string& s, char sep)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const std::size_t at = s.find(sep, start);
        parts.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos) break;
        start = at + 1;
    }
    return parts;
}

std::string trim(const std::string& s)
{
    const std::size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return {};
    return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

} // namespace

TextPrompt parsePrompt(const std::string& raw)
{
    TextPrompt p;
    p.text = raw;
    const std::size_t last = raw.rfind(':');
    double v1 = 0;
    if (last == std::string::npos || !parseNumber(raw.substr(last + 1), v1)) {
        p.text = trim(raw);
        return p;
    }
    const std::string head = raw.substr(0, last);
    const std::size_t second = head.rfind(':');
    double v0 = 0;
    if (second != std::string::npos && parseNumber(head.substr(second + 1), v0)) {
        p.text = trim(head.substr(0, second));
        p.weight = v0;
        p.stop = v1;
    } else {
        p.text = trim(head);
        p.weight = v1;
    }
    if (p.text.empty()) p.text = trim(raw); // ":2" alone is text, not a weight on nothing
    return p;
}

std::vector<std::vector<TextPrompt>> parsePromptStory(const std::string& prompt)
{
    if (prompt.size() > 100000) throw Error("The prompt is longer than 100,000 characters");
    std::vector<std::vector<TextPrompt>> story;
    for (const std::string& phrase : split(prompt, '^')) {
        std::vector<TextPrompt> prompts;
        for (const std::string& part : split(phrase, '|')) {
            if (trim(part).empty()) continue;
            prompts.push_back(parsePrompt(part));
        }
        if (!prompts.empty()) story.push_back(std::move(prompts));
    }
    return story;
}

} // namespace pictor
