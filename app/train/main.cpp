// pictor-train-demo: trains the bundled demo models (tokenizer, VQGAN, CLIP) on the shapes world.
#include "demo/demo_trainer.h"
#include "demo/shapes_world.h"

#include <pictor/error.h>

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>

#include <iostream>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.setApplicationDescription("Train Pictor's demo models on generated pictures of coloured shapes.");
    p.addHelpOption();
    const pictor::demo::DemoTrainOptions d; // the committed recipe's values are the defaults
    p.addOption({"out", "Output folder (default models/demo).", "DIR", "models/demo"});
    p.addOption({"seed", "Random seed.", "S", QString::number(d.seed)});
    p.addOption({"vqgan-steps", "VQGAN training steps.", "N", QString::number(d.vqganSteps)});
    p.addOption({"clip-steps", "CLIP training steps.", "N", QString::number(d.clipSteps)});
    p.addOption({"vqgan-batch", "VQGAN batch size.", "N", QString::number(d.vqganBatch)});
    p.addOption({"clip-batch", "CLIP batch size.", "N", QString::number(d.clipBatch)});
    p.addOption({"vqgan-lr", "VQGAN learning rate.", "X", QString::number(d.vqganLr)});
    p.addOption({"vqgan-decay", "Share of the VQGAN's steps, at the end, over which its learning rate decays to zero.", "F", QString::number(d.vqganDecay)});
    p.addOption({"clip-lr", "CLIP peak learning rate.", "X", QString::number(d.clipLr)});
    p.addOption({"clip-shape-pairs", "Share of CLIP's hard-negative pairs that differ in shape.", "F", QString::number(d.clipShapePairs)});
    p.addOption({"clip-two-shapes", "Share of CLIP's training scenes with two shapes.", "F", QString::number(d.clipTwoShapes)});
    p.addOption({"clip-augment", "The generator's augmentations on CLIP's training pictures, comma-separated (e.g. Af,Pe).", "CODES"});
    p.addOption({"clip-structure-negatives", "Share of CLIP's pairs that also get a structure negative (the caption's colours, not its shape).", "F", QString::number(d.clipStructureNegatives)});
    p.addOption({"clip-init", "Start CLIP from this safetensors file (same architecture) instead of at random.", "FILE"});
    p.addOption({"clip-mine", "Mine N generator negatives with the --clip-init CLIP first (short VQGAN+CLIP runs on training captions).", "N", QString::number(d.clipMine)});
    p.addOption({"clip-mine-noise", "The share of mined runs that start from pixel noise instead of the demo preset's one-shape start.", "F", QString::number(d.clipMineNoise)});
    p.addOption({"clip-mine-rounds", "Mine in R rounds through the training, each later one with the CLIP as trained so far.", "R", QString::number(d.clipMineRounds)});
    p.addOption({"clip-adversarial", "Train CLIP on pictures pushed by signed-gradient steps within a box drawn per picture up to +-X per channel (pictures in [0,1]) towards what it matches worst.", "X", QString::number(d.clipAdversarial)});
    p.addOption({"clip-adversarial-steps", "Signed-gradient steps of --clip-adversarial.", "K", QString::number(d.clipAdversarialSteps)});
    p.addOption({"clip-mined-per-batch", "Mined negatives in each CLIP batch, beside renderings of their scenes.", "N", QString::number(d.clipMinedPerBatch)});
    p.addOption({"threads", "Compute threads (default all cores).", "N", QString::number(d.threads)});
    p.addOption({"write-samples", "Only write N sample pictures and captions into --out, then stop.", "N"});
    p.addOption({"bf16", "bf16 forward passes where the CPU has them (faster; the VQGAN does not learn this world with it)."});
    p.addOption({"reuse-vqgan", "Keep the VQGAN already in the output folder; train the rest."});
    p.addOption({"vqgan-seconds", "With --reuse-vqgan: how long that VQGAN took to train (for the manifest).", "S", "-1"});
    p.process(app);
    pictor::demo::DemoTrainOptions o;
    o.outDir = p.value("out").toStdString();
    o.seed = p.value("seed").toULongLong();
    o.vqganSteps = p.value("vqgan-steps").toInt();
    o.clipSteps = p.value("clip-steps").toInt();
    o.vqganBatch = p.value("vqgan-batch").toInt();
    o.clipBatch = p.value("clip-batch").toInt();
    o.threads = p.value("threads").toInt();
    o.vqganLr = p.value("vqgan-lr").toDouble();
    o.vqganDecay = p.value("vqgan-decay").toDouble();
    o.clipLr = p.value("clip-lr").toDouble();
    o.clipShapePairs = p.value("clip-shape-pairs").toDouble();
    o.clipTwoShapes = p.value("clip-two-shapes").toDouble();
    for (const QString& code : p.value("clip-augment").split(',', Qt::SkipEmptyParts)) o.clipAugments.push_back(code.trimmed().toStdString());
    o.clipStructureNegatives = p.value("clip-structure-negatives").toDouble();
    o.clipInit = p.value("clip-init").toStdString();
    o.clipMine = p.value("clip-mine").toInt();
    o.clipMinedPerBatch = p.value("clip-mined-per-batch").toInt();
    o.clipMineNoise = p.value("clip-mine-noise").toDouble();
    o.clipMineRounds = p.value("clip-mine-rounds").toInt();
    o.clipAdversarial = p.value("clip-adversarial").toDouble();
    o.clipAdversarialSteps = p.value("clip-adversarial-steps").toInt();
    o.skipVqgan = p.isSet("reuse-vqgan");
    o.bf16 = p.isSet("bf16");
    o.reusedVqganSeconds = p.value("vqgan-seconds").toDouble();
    o.log = [](const std::string& line) {
        std::cerr << QDateTime::currentDateTime().toString("hh:mm:ss").toStdString() << " " << line << std::endl;
    };
    try {
        if (p.isSet("write-samples")) {
            pictor::demo::writeShapesFolder(o.outDir, p.value("write-samples").toInt(), o.seed);
            return 0;
        }
        pictor::demo::trainDemoModels(o);
    } catch (const pictor::Error& e) {
        std::cerr << "pictor-train-demo: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
