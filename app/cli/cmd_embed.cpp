#include "cli_common.h"

#include <QJsonArray>
#include "commands.h"

#include <pictor/clip_model.h>
#include <pictor/demo_model.h>

namespace pictor::cli {

int runEmbedText(const QStringList& args)
{
    CommandLine cl("embed-text", "CLIP embeddings of each TEXT as JSON lines {\"input\", \"embedding\"}.", args);
    addClipOptions(cl, true);
    if (!cl.parse("TEXT...")) return 0;
    if (cl.positional().isEmpty()) throw UsageError{"give at least one TEXT"};
    const auto model = openClip(cl);
    std::vector<std::string> texts;
    for (const QString& t : cl.positional()) texts.push_back(t.toStdString());
    const auto embeddings = model->embedTexts(texts, !cl.isSet("raw"));
    for (std::size_t i = 0; i < texts.size(); ++i)
        printJsonLine(QJsonObject{{"input", cl.positional()[int(i)]}, {"embedding", toJsonArray(embeddings[i])}});
    return 0;
}

int runEmbedImage(const QStringList& args)
{
    CommandLine cl("embed-image", "CLIP embeddings of each IMAGE as JSON lines {\"input\", \"embedding\"}.", args);
    addClipOptions(cl, false);
    if (!cl.parse("IMAGE...")) return 0;
    if (cl.positional().isEmpty()) throw UsageError{"give at least one IMAGE"};
    const auto model = openClip(cl);
    for (const QString& path : cl.positional()) {
        const auto e = model->embedImageFiles({path.toStdString()}, !cl.isSet("raw"));
        printJsonLine(QJsonObject{{"input", path}, {"embedding", toJsonArray(e[0])}});
    }
    return 0;
}

int runClassify(const QStringList& args)
{
    CommandLine cl("classify", "Zero-shot classification: for each IMAGE, the probability of each label "
                               "(softmax of the model's logit scale x cosine similarity, as in CLIP's README).", args);
    addClipOptions(cl, true);
    cl.parser().addOption({"labels", "Comma-separated labels, e.g. \"a cat,a dog\".", "LIST"});
    if (!cl.parse("IMAGE...")) return 0;
    if (cl.positional().isEmpty()) throw UsageError{"give at least one IMAGE"};
    std::vector<std::string> labels;
    QJsonArray labelArray;
    for (const QString& l : cl.value("labels").split(',', Qt::SkipEmptyParts)) {
        if (l.trimmed().isEmpty()) continue;
        labels.push_back(l.trimmed().toStdString());
        labelArray.append(l.trimmed());
    }
    if (labels.size() < 2) throw UsageError{"--labels needs at least two comma-separated labels"};
    const auto model = openClip(cl);
    const auto labelEmbeddings = model->embedTexts(labels);
    for (const QString& path : cl.positional()) {
        const auto image = model->embedImageFiles({path.toStdString()});
        const auto probs = zeroShotProbabilities(image, labelEmbeddings, model->logitScale())[0];
        QJsonArray p;
        std::size_t best = 0;
        for (std::size_t i = 0; i < probs.size(); ++i) {
            p.append(probs[i]);
            if (probs[i] > probs[best]) best = i;
        }
        printJsonLine(QJsonObject{{"input", path}, {"labels", labelArray}, {"probs", p}, {"best", labelArray[int(best)]}});
    }
    return 0;
}

} // namespace pictor::cli
