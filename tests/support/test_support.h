#pragma once
// Helpers shared by the test suites: where the parity vectors are, reading safetensors fixtures.
#include <QString>
#include <QtTest>

#include <map>
#include <string>
#include <vector>

namespace pictor::test {

/// ../shared/vectors (or $PICTOR_SHARED_DIR/vectors); empty when absent.
QString vectorsDir();
QString sourceDir();
QString binDir();

/// Float tensors of a safetensors file as flat vectors with their shapes (test fixtures only).
struct FloatTensor {
    std::vector<int64_t> shape;
    std::vector<float> values;
};
std::map<std::string, FloatTensor> readFloatTensors(const QString& path);
std::map<std::string, std::string> readSafetensorsMetadata(const QString& path);

double cosine(const std::vector<float>& a, const std::vector<float>& b);

} // namespace pictor::test

/// Skips the current test, loudly, when the shared parity vectors are not there.
#define PICTOR_REQUIRE_VECTORS()                                                                                  \
    do {                                                                                                         \
        if (pictor::test::vectorsDir().isEmpty())                                                                \
            QSKIP("SKIPPED: ../shared/vectors not found (set PICTOR_SHARED_DIR); parity not checked");            \
    } while (0)
