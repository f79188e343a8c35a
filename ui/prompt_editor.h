#pragma once
// The prompt box: "text:weight:stop" prompts joined by '|' (story phrases by '^'), highlighted and
// checked as you type. Ctrl+Enter starts.
#include <QPlainTextEdit>
#include <QStringList>
#include <QSyntaxHighlighter>

namespace pictor::ui {

/// Problems a prompt has, in words for the user (empty: fine).
QStringList promptProblems(const QString& prompt);

class PromptHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    using QSyntaxHighlighter::QSyntaxHighlighter;

protected:
    void highlightBlock(const QString& text) override;
};

class PromptEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    explicit PromptEditor(QWidget* parent = nullptr);
    QString prompt() const;

Q_SIGNALS:
    void submitted();

protected:
    void keyPressEvent(QKeyEvent* event) override;
};

} // namespace pictor::ui
