#include "zip_writer.h"

#include <zlib.h>

namespace pictor::test {

namespace {
void le16(std::string& s, unsigned v) { s += char(v & 0xff); s += char((v >> 8) & 0xff); }
void le32(std::string& s, unsigned long v) { for (int i = 0; i < 4; ++i) s += char((v >> (8 * i)) & 0xff); }
} // namespace

std::string makeZip(const std::vector<std::pair<std::string, std::string>>& entries)
{
    std::string out, central;
    for (const auto& [name, data] : entries) {
        const unsigned long crc = crc32(0, reinterpret_cast<const Bytef*>(data.data()), uInt(data.size()));
        const unsigned long offset = out.size();
        le32(out, 0x04034b50); le16(out, 20); le16(out, 0); le16(out, 0); le16(out, 0); le16(out, 0);
        le32(out, crc); le32(out, data.size()); le32(out, data.size()); le16(out, unsigned(name.size())); le16(out, 0);
        out += name;
        out += data;
        le32(central, 0x02014b50); le16(central, 20); le16(central, 20); le16(central, 0); le16(central, 0);
        le16(central, 0); le16(central, 0); le32(central, crc); le32(central, data.size()); le32(central, data.size());
        le16(central, unsigned(name.size())); le16(central, 0); le16(central, 0); le16(central, 0); le16(central, 0);
        le32(central, 0); le32(central, offset);
        central += name;
    }
    const unsigned long cdOffset = out.size();
    out += central;
    le32(out, 0x06054b50); le16(out, 0); le16(out, 0); le16(out, unsigned(entries.size())); le16(out, unsigned(entries.size()));
    le32(out, central.size()); le32(out, cdOffset); le16(out, 0);
    return out;
}

PickleWriter& PickleWriter::str(const std::string& s)
{
    m_out += "X";
    le32(m_out, s.size());
    m_out += s;
    return *this;
}

PickleWriter& PickleWriter::integer(int v)
{
    m_out += "J";
    le32(m_out, static_cast<unsigned long>(static_cast<unsigned>(v)));
    return *this;
}

PickleWriter& PickleWriter::tensor(const std::string& storageType, const std::string& key, int numel, int offset,
                                   const std::vector<int>& shape, const std::vector<int>& stride)
{
    global("torch._utils", "_rebuild_tensor_v2");
    mark();
    mark().str("storage").global("torch", storageType).str(key).str("cpu").integer(numel).tuple();
    binPersId();
    integer(offset);
    mark();
    for (int d : shape) integer(d);
    tuple();
    mark();
    for (int d : stride) integer(d);
    tuple();
    newFalse();
    global("collections", "OrderedDict").emptyTuple().reduce();
    tuple();
    reduce();
    return *this;
}

std::string makeTorchZip(const std::string& pickle, const std::vector<std::pair<std::string, std::string>>& storages,
                         const std::string& archiveName)
{
    std::vector<std::pair<std::string, std::string>> entries{{archiveName + "/data.pkl", pickle}};
    for (const auto& [key, data] : storages) entries.emplace_back(archiveName + "/data/" + key, data);
    entries.emplace_back(archiveName + "/version", "3\n");
    return makeZip(entries);
}

} // namespace pictor::test
