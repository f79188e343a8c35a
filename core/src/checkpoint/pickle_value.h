#pragma once
// The values a restricted unpickler can produce. All nodes live in one arena and refer to each
// other by plain pointers, so cycles made by a hostile pickle cannot leak or recurse on destruction.
#include "tensor_ref.h"

#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace pictor::ckpt {

struct PyValue {
    enum class Kind { None, Bool, Int, Float, Str, Bytes, List, Tuple, Dict, Set, Global, Object, Storage, Tensor };
    Kind kind = Kind::None;
    bool boolean = false;
    int64_t integer = 0;
    double real = 0;
    std::string text;                          // Str, Bytes; Global: "module.name"; Storage: key
    std::vector<PyValue*> items;               // List, Tuple, Set
    std::vector<std::pair<PyValue*, PyValue*>> entries; // Dict (insertion order)
    PyValue* cls = nullptr;                    // Object: its Global
    PyValue* args = nullptr;                   // Object: constructor arguments
    PyValue* state = nullptr;                  // Object: what BUILD gave it
    DType dtype = DType::F32;                  // Storage
    uint64_t storageElements = 0;              // Storage
    TensorRef tensor;                          // Tensor

    bool is(Kind k) const { return kind == k; }
    /// Dict lookup by string key (nullptr when absent or not a dict).
    PyValue* get(const std::string& key) const;
};

class PyArena {
public:
    PyValue* make(PyValue::Kind kind)
    {
        m_nodes.emplace_back();
        m_nodes.back().kind = kind;
        return &m_nodes.back();
    }
    std::size_t size() const { return m_nodes.size(); }

private:
    std::deque<PyValue> m_nodes; // deque: pointers stay valid as it grows
};

} // namespace pictor::ckpt
