#pragma once
// The prompt box: "text:weight:stop" prompts joined by '|' (story phrases by '^'), highlighted and
// checked as you type. Ctrl+Enter starts.
#include <QPlainTextEdit>
#include <QStringList>
#include <QSet>
#include <QSyntaxHighlighter>

namespace pictor::ui {

/// Problems a prompt has, in words for the user (empty: fine).
QStringList promptProblems(const QString& prompt);

class PromptHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    using QSyntaxHighlighter::QSyntaxHighlighter;
    /// Words the model has learned (empty: every word is fine); others get a dotted underline.
    void setKnownWords(const QSet<QString>& words);
    const QSet<QString>& knownWords() const { return m_known; }

protected:
    void highlightBlock(const QString& text) override;

private:
    QSet<QString> m_known;
};

/// The words of a prompt (weights, separators and punctuation left out), as the checks see them.
QStringList promptWords(const QString& prompt);

class PromptEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit PromptEditor(QWidget* parent = nullptr);
    QString prompt() const;
    /// The demo model's vocabulary: words outside it are underlined, with a tooltip saying the
    /// model has not learned them. Empty for models that know the world.
    void setKnownWords(const QStringList& words);
    /// Words of the prompt outside the known words (none when there is no vocabulary).
    QStringList unknownWords() const;

Q_SIGNALS:
    void submitted();

protected:
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    PromptHighlighter* m_highlighter;
};

} // namespace pictor::ui
