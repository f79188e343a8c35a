#include "prompt_editor.h"

#include <pictor/generation.h>

#include <QKeyEvent>
#include <QToolTip>
#include <QTextCursor>
#include <QHelpEvent>
#include <QRegularExpression>

namespace pictor::ui {

namespace {

/// About how many tokens a prompt takes: Latin-script text about one per 4 characters; a Hangul
/// syllable or a CJK character at least one in both CLIP BPE (2-3, from its UTF-8 bytes) and
/// XLM-R's sentencepiece (about 1).
int estimatedTokens(const QString& text)
{
    double tokens = 0;
    for (char32_t c : text.toUcs4()) {
        const QChar::Script script = QChar::script(c);
        const bool dense = script == QChar::Script_Hangul || script == QChar::Script_Han || script == QChar::Script_Hiragana ||
                           script == QChar::Script_Katakana;
        tokens += dense ? 1.0 : 0.25;
    }
    return int(tokens);
}

} // namespace

QStringList promptProblems(const QString& prompt)
{
    QStringList problems;
    if (prompt.trimmed().isEmpty()) return {QObject::tr("The prompt is empty.")};
    for (const QString& phrase : prompt.split('^')) {
        for (const QString& part : phrase.split('|')) {
            if (part.trimmed().isEmpty()) {
                problems << QObject::tr("An empty prompt between separators ('||' or a trailing '|').");
                continue;
            }
            const TextPrompt p = parsePrompt(part.toStdString());
            if (p.weight == 0) problems << QObject::tr("'%1' has weight 0 and does nothing.").arg(QString::fromStdString(p.text));
            if (std::fabs(p.weight) > 100) problems << QObject::tr("'%1' has an extreme weight (%2).").arg(QString::fromStdString(p.text)).arg(p.weight);
            if (estimatedTokens(part) > 75)
                problems << QObject::tr("A prompt longer than about 75 words (or about 75 Hangul syllables) is cut to CLIP's 77 tokens.");
        }
    }
    problems.removeDuplicates();
    return problems;
}

namespace {
/// A word starts with a letter (so weights and numbers are never words); hyphens and apostrophes stay inside.
const QRegularExpression& wordPattern()
{
    static const QRegularExpression word(QStringLiteral("[\\p{L}][\\p{L}\\p{N}'-]*"));
    return word;
}
} // namespace

QStringList promptWords(const QString& prompt)
{
    QStringList words;
    for (auto it = wordPattern().globalMatch(prompt); it.hasNext();) words << it.next().captured();
    return words;
}

void PromptHighlighter::setKnownWords(const QSet<QString>& words)
{
    m_known = words;
    rehighlight();
}

void PromptHighlighter::highlightBlock(const QString& text)
{
    QTextCharFormat separator;
    separator.setFontWeight(QFont::Bold);
    separator.setForeground(QColor(0x3d, 0x7e, 0xdb));
    QTextCharFormat weight;
    weight.setForeground(QColor(0x2e, 0x9d, 0x4f));
    QTextCharFormat negative;
    negative.setForeground(QColor(0xd0, 0x3b, 0x3b));
    QTextCharFormat bad;
    bad.setUnderlineStyle(QTextCharFormat::WaveUnderline);
    bad.setUnderlineColor(Qt::red);

    static const QRegularExpression sep(QStringLiteral("[|^]"));
    for (auto it = sep.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), 1, separator);
    }
    // Trailing ":number" or ":number:number" of each prompt.
    static const QRegularExpression tail(QStringLiteral(":\\s*(-?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)(\\s*:\\s*-?[0-9]*\\.?[0-9]+)?\\s*(?=[|^]|$)"));
    for (auto it = tail.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const bool neg = m.captured(1).startsWith('-');
        setFormat(int(m.capturedStart()), int(m.capturedLength()), neg ? negative : weight);
    }
    if (!m_known.isEmpty()) {
        QTextCharFormat unknown;
        unknown.setUnderlineStyle(QTextCharFormat::DotLine);
        unknown.setUnderlineColor(QColor(0xc0, 0x80, 0x10));
        for (auto it = wordPattern().globalMatch(text); it.hasNext();) {
            const auto m = it.next();
            if (!m_known.contains(m.captured().toLower())) setFormat(int(m.capturedStart()), int(m.capturedLength()), unknown);
        }
    }
    static const QRegularExpression empty(QStringLiteral("\\|\\s*(?=\\||\\^|$)"));
    for (auto it = empty.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        setFormat(int(m.capturedStart()), int(m.capturedLength()), bad);
    }
}

PromptEditor::PromptEditor(QWidget* parent) : QPlainTextEdit(parent), m_highlighter(new PromptHighlighter(document()))
{
    setPlaceholderText(tr("a watercolour lighthouse at sunset | trending on artstation:0.5 | blurry:-1"));
    setAccessibleName(tr("Prompt"));
    setToolTip(tr("Describe the picture. Several prompts: separate with |. Weight: text:2 (negative pushes away). "
                  "Story: phrases separated by ^ change every N steps. Ctrl+Enter starts."));
    setTabChangesFocus(true);
    setMaximumHeight(110);
}

QString PromptEditor::prompt() const { return toPlainText().simplified(); }

void PromptEditor::keyPressEvent(QKeyEvent* event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && (event->modifiers() & Qt::ControlModifier)) {
        Q_EMIT submitted();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void PromptEditor::setKnownWords(const QStringList& words)
{
    QSet<QString> known;
    for (const QString& w : words) known.insert(w.toLower());
    m_highlighter->setKnownWords(known);
}

QStringList PromptEditor::unknownWords() const
{
    QStringList out;
    if (m_highlighter->knownWords().isEmpty()) return out;
    for (const QString& w : promptWords(toPlainText()))
        if (!m_highlighter->knownWords().contains(w.toLower()) && !out.contains(w)) out << w;
    return out;
}

bool PromptEditor::event(QEvent* e)
{
    if (e->type() == QEvent::ToolTip && !m_highlighter->knownWords().isEmpty()) {
        auto* help = static_cast<QHelpEvent*>(e);
        QTextCursor cursor = cursorForPosition(viewport()->mapFromGlobal(help->globalPos()));
        cursor.select(QTextCursor::WordUnderCursor);
        const QString w = cursor.selectedText();
        if (!w.isEmpty() && !m_highlighter->knownWords().contains(w.toLower()) && !promptWords(w).isEmpty()) {
            QToolTip::showText(help->globalPos(), tr("The demo model has not learned '%1': it knows plain shapes, colours and backgrounds. "
                                                     "For everything else use a published model (Models ▸ Manage Models).").arg(w), this);
            return true;
        }
    }
    return QPlainTextEdit::event(e);
}

} // namespace pictor::ui
