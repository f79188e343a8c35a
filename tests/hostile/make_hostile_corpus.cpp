// make_hostile_corpus DIR [MARKER]: writes the hostile-checkpoint corpus (see
// tests/support/hostile_corpus.h) into DIR, with expected.tsv listing each file and the phrase its
// refusal must contain. MARKER is the file the code-execution payloads would create.
#include "hostile_corpus.h"

#include <cstdio>
#include <fstream>
#include <string>
#include <sys/stat.h>

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: make_hostile_corpus DIR [MARKER]\n");
        return 2;
    }
    const std::string dir = argv[1];
    const std::string marker = argc > 2 ? argv[2] : "/tmp/pictor-hostile-marker";
    mkdir(dir.c_str(), 0755);
    std::ofstream tsv(dir + "/expected.tsv", std::ios::binary);
    for (const auto& f : pictor::test::hostileCheckpoints(marker)) {
        std::ofstream out(dir + "/" + f.name, std::ios::binary);
        out.write(f.bytes.data(), std::streamsize(f.bytes.size()));
        if (!out) {
            std::fprintf(stderr, "make_hostile_corpus: cannot write %s/%s\n", dir.c_str(), f.name.c_str());
            return 1;
        }
        tsv << f.name << '\t' << f.expect << '\n';
    }
    return tsv ? 0 : 1;
}
