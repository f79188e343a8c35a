#pragma once
// Writes minimal stored (uncompressed) zip archives, so tests can build PyTorch-style checkpoints,
// hostile or not, byte by byte.
#include <string>
#include <utility>
#include <vector>

namespace pictor::test {

std::string makeZip(const std::vector<std::pair<std::string, std::string>>& entries);

/// A tiny pickle writer: enough opcodes to express torch.save-style state dicts and attacks.
class PickleWriter {
public:
    PickleWriter& proto() { m_out += "\x80\x02"; return *this; }
    PickleWriter& global(const std::string& module, const std::string& name) { m_out += "c" + module + "\n" + name + "\n"; return *this; }
    PickleWriter& str(const std::string& s);
    PickleWriter& integer(int v);
    PickleWriter& mark() { m_out += "("; return *this; }
    PickleWriter& tuple() { m_out += "t"; return *this; }
    PickleWriter& emptyTuple() { m_out += ")"; return *this; }
    PickleWriter& emptyDict() { m_out += "}"; return *this; }
    PickleWriter& emptyList() { m_out += "]"; return *this; }
    PickleWriter& setItem() { m_out += "s"; return *this; }
    PickleWriter& setItems() { m_out += "u"; return *this; }
    PickleWriter& append() { m_out += "a"; return *this; }
    PickleWriter& reduce() { m_out += "R"; return *this; }
    PickleWriter& build() { m_out += "b"; return *this; }
    PickleWriter& binPersId() { m_out += "Q"; return *this; }
    PickleWriter& put(int i) { m_out += "q"; m_out += char(i); return *this; }
    PickleWriter& get(int i) { m_out += "h"; m_out += char(i); return *this; }
    PickleWriter& newFalse() { m_out += "\x89"; return *this; }
    PickleWriter& raw(const std::string& bytes) { m_out += bytes; return *this; }
    PickleWriter& stop() { m_out += "."; return *this; }
    /// _rebuild_tensor_v2(('storage', torch.<type>, key, 'cpu', numel), offset, shape, stride, False, OrderedDict())
    PickleWriter& tensor(const std::string& storageType, const std::string& key, int numel, int offset,
                         const std::vector<int>& shape, const std::vector<int>& stride);
    const std::string& bytes() const { return m_out; }

private:
    std::string m_out;
};

/// A torch.save-style archive "archive/data.pkl" + "archive/data/<key>" entries.
std::string makeTorchZip(const std::string& pickle, const std::vector<std::pair<std::string, std::string>>& storages,
                         const std::string& archiveName = "archive");

} // namespace pictor::test
