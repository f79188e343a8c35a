#pragma once
// One function per pictor-cli command; each returns the process exit code.
#include <QStringList>

namespace pictor::cli {

int runTokenize(const QStringList& args);
int runEmbedText(const QStringList& args);
int runEmbedImage(const QStringList& args);
int runClassify(const QStringList& args);
int runModelInfo(const QStringList& args);
int runRuntime(const QStringList& args);
int runVqgan(const QStringList& args);
int runGenerate(const QStringList& args);
int runInfo(const QStringList& args);
int runIndex(const QStringList& args);
int runSearch(const QStringList& args);
int runDuplicates(const QStringList& args);
int runTag(const QStringList& args);
int runModels(const QStringList& args);

} // namespace pictor::cli
