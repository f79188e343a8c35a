#include "cli_common.h"
#include "commands.h"

#include <pictor/tokenizer.h>

#include <QJsonArray>

namespace pictor::cli {

int runTokenize(const QStringList& args)
{
    CommandLine cl("tokenize", "Print the token ids of each TEXT, start and end tokens included, one JSON array per line "
                               "(XLM-R's padded to the context, as its reference tokenizer gives them).", args);
    cl.parser().addOption({"vocab", "bpe_simple_vocab_16e6.txt.gz, XLM-R's sentencepiece.bpe.model, or another sentencepiece .model file.",
                           "FILE"});
    cl.parser().addOption({"xlmr", "Read the .model file as XLM-RoBERTa's tokenizer (fairseq ids, padded to the context) whatever its name."});
    cl.parser().addOption({"context", "Context length; longer texts are cut keeping the end token (default 77).", "N"});
    if (!cl.parse("TEXT...")) return 0;
    if (!cl.isSet("vocab")) throw UsageError{"--vocab FILE is required"};
    if (cl.positional().isEmpty()) throw UsageError{"give at least one TEXT"};
    const std::string vocab = cl.value("vocab").toStdString();
    const auto tokenizer = openTokenizerFile(vocab, cl.isSet("xlmr"));
    const int context = cl.intValue("context", 77);
    for (const QString& text : cl.positional()) {
        QJsonArray ids;
        for (int id : tokenizer->tokenizeAsReference(text.toStdString(), context)) ids.append(id);
        printJsonLine(QJsonValue(ids));
    }
    return 0;
}

} // namespace pictor::cli
