#pragma once
// Shared plumbing of the pictor-cli commands: argument parsing, JSON on stdout, errors on stderr.
#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <string>

namespace pictor {
class ClipModel;
}

namespace pictor::cli {

/// Thrown for wrong usage (exit code 2); pictor::Error means the input was bad (exit code 1).
struct UsageError {
    std::string message;
};

/// A parser for one command: `pictor-cli NAME ...`, with --threads and --help added.
class CommandLine {
public:
    CommandLine(const QString& name, const QString& description, const QStringList& args);
    QCommandLineParser& parser() { return m_parser; }
    /// Parses; throws UsageError; prints help and returns false for --help.
    bool parse(const QString& positionalSyntax);
    QString value(const QString& option) const { return m_parser.value(option); }
    bool isSet(const QString& option) const { return m_parser.isSet(option); }
    QStringList positional() const { return m_parser.positionalArguments(); }
    int intValue(const QString& option, int fallback) const;
    /// Applies --threads and warns about a slow BLAS (on stderr).
    void applyRuntimeOptions() const;

private:
    QString m_name;
    QStringList m_args;
    QCommandLineParser m_parser;
};

void printJsonLine(const QJsonObject& object);
void printJsonLine(const QJsonValue& value);
void note(const std::string& message); ///< a human message on stderr

QJsonArray toJsonArray(const std::vector<float>& values);

/// --clip, --vocab (with text), --gelu, --text-heads, --raw.
void addClipOptions(CommandLine& cl, bool text);
/// The model --clip names, or the bundled demo model (saying so on stderr).
std::unique_ptr<ClipModel> openClip(CommandLine& cl);

} // namespace pictor::cli
