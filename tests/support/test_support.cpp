#include "test_support.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonArray>

#include <cmath>
#include <cstring>

namespace pictor::test {

QString vectorsDir()
{
    const QByteArray env = qgetenv("PICTOR_SHARED_DIR");
    const QString base = env.isEmpty() ? QString(PICTOR_SHARED_DIR) : QString::fromLocal8Bit(env);
    const QString dir = QDir(base).filePath("vectors");
    return QFileInfo(dir + "/README.md").exists() ? QDir(dir).canonicalPath() : QString();
}

QString sourceDir() { return PICTOR_SOURCE_DIR; }
QString binDir() { return PICTOR_BIN_DIR; }

namespace {
QJsonObject header(const QByteArray& bytes, qsizetype& dataStart)
{
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | uint8_t(bytes[i]);
    dataStart = qsizetype(8 + n);
    return QJsonDocument::fromJson(bytes.mid(8, qsizetype(n))).object();
}

float halfToFloat(uint16_t h)
{
    const uint32_t sign = uint32_t(h & 0x8000) << 16;
    int exp = (h >> 10) & 0x1f;
    uint32_t mant = h & 0x3ff;
    uint32_t bits;
    if (exp == 0) {
        if (mant == 0) bits = sign;
        else {
            exp = 1;
            while (!(mant & 0x400)) { mant <<= 1; --exp; }
            mant &= 0x3ff;
            bits = sign | uint32_t(exp + 127 - 15) << 23 | mant << 13;
        }
    } else if (exp == 31) bits = sign | 0x7f800000 | mant << 13;
    else bits = sign | uint32_t(exp + 127 - 15) << 23 | mant << 13;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}
} // namespace

std::map<std::string, FloatTensor> readFloatTensors(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot open %s", qPrintable(path));
    const QByteArray bytes = f.readAll();
    qsizetype start = 0;
    const QJsonObject h = header(bytes, start);
    std::map<std::string, FloatTensor> out;
    for (auto it = h.begin(); it != h.end(); ++it) {
        if (it.key() == "__metadata__") continue;
        const QJsonObject t = it.value().toObject();
        FloatTensor ft;
        for (const auto& d : t["shape"].toArray()) ft.shape.push_back(d.toInteger());
        const qint64 b = t["data_offsets"].toArray()[0].toInteger(), e = t["data_offsets"].toArray()[1].toInteger();
        const char* p = bytes.constData() + start + b;
        const QString dtype = t["dtype"].toString();
        if (dtype == "F32") {
            ft.values.resize(std::size_t((e - b) / 4));
            std::memcpy(ft.values.data(), p, std::size_t(e - b));
        } else if (dtype == "I64") {
            for (qint64 i = 0; i < (e - b) / 8; ++i) {
                int64_t v;
                std::memcpy(&v, p + i * 8, 8);
                ft.values.push_back(float(v));
            }
        } else if (dtype == "F16") {
            for (qint64 i = 0; i < (e - b) / 2; ++i) {
                uint16_t v;
                std::memcpy(&v, p + i * 2, 2);
                ft.values.push_back(halfToFloat(v));
            }
        } else {
            continue;
        }
        out[it.key().toStdString()] = std::move(ft);
    }
    return out;
}

std::map<std::string, std::string> readSafetensorsMetadata(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot open %s", qPrintable(path));
    qsizetype start = 0;
    const QJsonObject meta = header(f.readAll(), start)["__metadata__"].toObject();
    std::map<std::string, std::string> out;
    for (auto it = meta.begin(); it != meta.end(); ++it) out[it.key().toStdString()] = it.value().toString().toStdString();
    return out;
}

double cosine(const std::vector<float>& a, const std::vector<float>& b)
{
    double dot = 0, na = 0, nb = 0;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        dot += double(a[i]) * b[i];
        na += double(a[i]) * a[i];
        nb += double(b[i]) * b[i];
    }
    return dot / std::sqrt(na * nb);
}

} // namespace pictor::test
