#include "cli_common.h"
#include "commands.h"

#include <pictor/vqgan_model.h>

namespace pictor::cli {

int runVqgan(const QStringList& args)
{
    CommandLine cl("vqgan", "VQGAN parity tools.\n"
                            "  decode --vqgan MODEL --codes IN.safetensors --out OUT.safetensors|OUT.png\n"
                            "      codes: int64 'indices' [1,h,w]; output: 'decoded' [1,3,H,W] in [-1,1], or a picture\n"
                            "  encode --vqgan MODEL --input IN.safetensors|IMAGE --out OUT.safetensors\n"
                            "      input: 'input' [N,3,H,W] in [-1,1]; output: 'encoded_pre_quant' and 'encoded_indices'",
                   args);
    cl.parser().addOption({"vqgan", "VQGAN model file (.ckpt or .safetensors).", "MODEL"});
    cl.parser().addOption({"yaml", "taming model.yaml (default: found beside the model).", "FILE"});
    cl.parser().addOption({"codes", "Code indices to decode (safetensors).", "FILE"});
    cl.parser().addOption({"input", "Pictures to encode (safetensors or an image).", "FILE"});
    cl.parser().addOption({"out", "Output file.", "FILE"});
    if (!cl.parse("decode|encode")) return 0;
    const QStringList pos = cl.positional();
    if (pos.size() != 1 || (pos[0] != "decode" && pos[0] != "encode")) throw UsageError{"say 'decode' or 'encode'"};
    if (!cl.isSet("vqgan")) throw UsageError{"--vqgan MODEL is required"};
    if (!cl.isSet("out")) throw UsageError{"--out FILE is required"};
    const bool decode = pos[0] == "decode";
    if (decode && !cl.isSet("codes")) throw UsageError{"decode needs --codes FILE"};
    if (!decode && !cl.isSet("input")) throw UsageError{"encode needs --input FILE"};
    cl.applyRuntimeOptions();
    const auto model = VqganModel::load(cl.value("vqgan").toStdString(), cl.value("yaml").toStdString());
    note(model->info().architecture + " from " + model->info().path);
    if (decode) vqganDecodeFile(*model, cl.value("codes").toStdString(), cl.value("out").toStdString());
    else vqganEncodeFile(*model, cl.value("input").toStdString(), cl.value("out").toStdString());
    printJsonLine(QJsonObject{{"output", cl.value("out")}, {"model", QString::fromStdString(model->info().architecture)}});
    return 0;
}

} // namespace pictor::cli
