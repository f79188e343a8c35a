#include "safetensors.h"

#include "byte_source.h"
#include "../io/atomic_file.h"

#include <pictor/error.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace pictor::ckpt {

namespace {

constexpr uint64_t kMaxHeader = 100u << 20;

bool parseDType(const QString& s, DType& out)
{
    static const std::pair<const char*, DType> table[] = {
        {"F32", DType::F32}, {"F16", DType::F16}, {"BF16", DType::BF16}, {"F64", DType::F64}, {"I64", DType::I64},
        {"I32", DType::I32}, {"I16", DType::I16}, {"I8", DType::I8}, {"U8", DType::U8}, {"BOOL", DType::Bool}};
    for (const auto& [n, t] : table)
        if (s == QLatin1String(n)) {
            out = t;
            return true;
        }
    return false;
}

uint64_t headerLength(const ByteSource& source)
{
    unsigned char b[8];
    source.read(0, b, 8);
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | b[i];
    return n;
}

} // namespace

bool looksLikeSafetensors(const ByteSource& source)
{
    if (source.size() < 10) return false;
    const uint64_t n = headerLength(source);
    if (n < 2 || n > kMaxHeader || n > source.size() - 8) return false;
    char first;
    source.read(8, &first, 1);
    return first == '{';
}

SafetensorsFile readSafetensors(std::shared_ptr<const ByteSource> source)
{
    const std::string& name = source->name();
    auto fail = [&](const std::string& why) { throw Error("'" + name + "' is not a valid safetensors file: " + why); };
    if (source->size() < 8) fail("too small");
    const uint64_t n = headerLength(*source);
    if (n > kMaxHeader) fail("header length " + std::to_string(n) + " is implausible");
    if (n > source->size() - 8) fail("header runs past the end of the file");
    const std::string header = source->readString(8, n);
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(header), &err);
    if (doc.isNull() || !doc.isObject()) fail("header is not a JSON object (" + err.errorString().toStdString() + ")");
    const uint64_t dataStart = 8 + n;
    const uint64_t dataSize = source->size() - dataStart;

    SafetensorsFile out;
    std::vector<std::pair<uint64_t, uint64_t>> ranges;
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        const std::string key = it.key().toStdString();
        if (key == "__metadata__") {
            const QJsonObject meta = it.value().toObject();
            for (auto m = meta.begin(); m != meta.end(); ++m) out.metadata[m.key().toStdString()] = m.value().toString().toStdString();
            continue;
        }
        const QJsonObject t = it.value().toObject();
        TensorRef ref;
        if (!parseDType(t.value("dtype").toString(), ref.dtype)) fail("tensor '" + key + "' has an unsupported dtype");
        const QJsonArray shape = t.value("shape").toArray();
        const QJsonArray offsets = t.value("data_offsets").toArray();
        if (!t.value("shape").isArray() || offsets.size() != 2) fail("tensor '" + key + "' lacks shape or data_offsets");
        for (const QJsonValue& d : shape) {
            const double v = d.toDouble(-1);
            if (!d.isDouble() || v < 0 || v > 9.0e15 || v != double(int64_t(v))) fail("tensor '" + key + "' has a bad dimension");
            ref.shape.push_back(int64_t(v));
        }
        const double b = offsets[0].toDouble(-1), e = offsets[1].toDouble(-1);
        if (b < 0 || e < b || e > double(dataSize)) fail("tensor '" + key + "' has data offsets outside the file");
        ref.stride.assign(ref.shape.size(), 1);
        for (int i = int(ref.shape.size()) - 2; i >= 0; --i)
            if (__builtin_mul_overflow(ref.stride[i + 1], std::max<int64_t>(ref.shape[i + 1], 1), &ref.stride[i]))
                fail("tensor '" + key + "' claims more elements than any file can hold"); // found by fuzz_safetensors
        ref.storageByteOffset = dataStart + uint64_t(b);
        ref.storageBytes = uint64_t(e) - uint64_t(b);
        ref.source = source;
        validateView(ref, "'" + name + "': tensor '" + key + "'");
        if (ref.numel() * int64_t(dtypeSize(ref.dtype)) != int64_t(ref.storageBytes))
            fail("tensor '" + key + "' has " + std::to_string(ref.storageBytes) + " bytes but its shape needs " +
                 std::to_string(ref.numel() * dtypeSize(ref.dtype)));
        ranges.emplace_back(uint64_t(b), uint64_t(e));
        out.tensors.emplace_back(key, std::move(ref));
    }
    std::sort(ranges.begin(), ranges.end());
    for (std::size_t i = 1; i < ranges.size(); ++i)
        if (ranges[i].first < ranges[i - 1].second) fail("two tensors overlap");
    std::sort(out.tensors.begin(), out.tensors.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

void writeSafetensors(const std::string& path, const std::vector<SafetensorsTensorOut>& tensors,
                      const std::map<std::string, std::string>& metadata)
{
    QJsonObject header;
    if (!metadata.empty()) {
        QJsonObject meta;
        for (const auto& [k, v] : metadata) meta.insert(QString::fromStdString(k), QString::fromStdString(v));
        header.insert("__metadata__", meta);
    }
    uint64_t offset = 0;
    for (const auto& t : tensors) {
        QJsonArray shape;
        for (int64_t d : t.shape) shape.append(qint64(d));
        QJsonObject o;
        o.insert("dtype", dtypeName(t.dtype));
        o.insert("shape", shape);
        o.insert("data_offsets", QJsonArray{qint64(offset), qint64(offset + t.bytes.size())});
        header.insert(QString::fromStdString(t.name), o);
        offset += t.bytes.size();
    }
    QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (json.size() % 8) json.append(' ');
    io::AtomicFile file(path);
    unsigned char len[8];
    uint64_t n = uint64_t(json.size());
    for (int i = 0; i < 8; ++i) len[i] = static_cast<unsigned char>(n >> (8 * i));
    file.write(len, 8);
    file.write(json.constData(), std::size_t(json.size()));
    for (const auto& t : tensors) file.write(t.bytes.data(), t.bytes.size());
    file.commit();
}

} // namespace pictor::ckpt
