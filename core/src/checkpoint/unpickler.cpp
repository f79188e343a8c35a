#include "unpickler.h"

#include <pictor/error.h>

#include <QList>
#include <QString>

#include <cstring>
#include <unordered_map>

namespace pictor::ckpt {

PyValue* PyValue::get(const std::string& key) const
{
    if (kind != Kind::Dict) return nullptr;
    for (const auto& [k, v] : entries)
        if (k->kind == Kind::Str && k->text == key) return v;
    return nullptr;
}

namespace {

enum class GlobalRole {
    Refused, OrderedDict, RebuildTensorV2, RebuildTensor, RebuildParameter, RebuildFromType, CodecsEncode,
    SetType, TupleType, Storage, Inert
};

bool startsWith(const std::string& s, const char* prefix)
{
    return s.compare(0, std::strlen(prefix), prefix) == 0;
}

bool storageDType(const std::string& name, DType& out)
{
    static const std::pair<const char*, DType> table[] = {
        {"torch.FloatStorage", DType::F32}, {"torch.HalfStorage", DType::F16}, {"torch.BFloat16Storage", DType::BF16},
        {"torch.DoubleStorage", DType::F64}, {"torch.LongStorage", DType::I64}, {"torch.IntStorage", DType::I32},
        {"torch.ShortStorage", DType::I16}, {"torch.CharStorage", DType::I8}, {"torch.ByteStorage", DType::U8},
        {"torch.BoolStorage", DType::Bool}};
    for (const auto& [n, t] : table)
        if (name == n) {
            out = t;
            return true;
        }
    return false;
}

GlobalRole roleOf(const std::string& name)
{
    DType unused;
    if (storageDType(name, unused)) return GlobalRole::Storage;
    if (name == "collections.OrderedDict") return GlobalRole::OrderedDict;
    if (name == "torch._utils._rebuild_tensor_v2") return GlobalRole::RebuildTensorV2;
    if (name == "torch._utils._rebuild_tensor") return GlobalRole::RebuildTensor;
    if (name == "torch._utils._rebuild_parameter" || name == "torch._utils._rebuild_parameter_with_state")
        return GlobalRole::RebuildParameter;
    if (name == "torch._tensor._rebuild_from_type_v2") return GlobalRole::RebuildFromType;
    if (name == "_codecs.encode") return GlobalRole::CodecsEncode;
    if (name == "builtins.set" || name == "builtins.frozenset" || name == "__builtin__.set") return GlobalRole::SetType;
    if (name == "torch.Size") return GlobalRole::TupleType;
    // Classes that are data, never code we run: TorchScript module classes, Lightning callbacks,
    // hyper-parameter containers, numpy scalars. They become inert objects.
    static const char* const inertPrefixes[] = {"__torch__.", "pytorch_lightning.", "lightning.", "lightning_fabric.",
                                                "omegaconf.", "numpy.", "torch.torch_version."};
    for (const char* p : inertPrefixes)
        if (startsWith(name, p)) return GlobalRole::Inert;
    if (name == "argparse.Namespace" || name == "torch.device" || name == "typing.Any") return GlobalRole::Inert;
    return GlobalRole::Refused;
}

class Machine {
public:
    Machine(const std::string& data, const std::string& what, PyArena& arena, const StorageResolver& resolver,
            const UnpickleLimits& limits)
        : m_data(data), m_what(what), m_arena(arena), m_resolver(resolver), m_limits(limits)
    {
    }

    PyValue* run()
    {
        for (;;) {
            if (m_arena.size() > m_limits.maxNodes) fail("has too many objects");
            if (m_stack.size() > m_limits.maxStack) fail("stack too deep");
            const unsigned char op = byte();
            if (op == '.') {
                if (m_stack.empty()) fail("ends with an empty stack");
                return m_stack.back();
            }
            step(op);
        }
    }

private:
    [[noreturn]] void fail(const std::string& why) const
    {
        throw Error("'" + m_what + "' is not a loadable checkpoint: its pickle " + why);
    }

    unsigned char byte()
    {
        if (m_pos >= m_data.size()) fail("is truncated");
        return static_cast<unsigned char>(m_data[m_pos++]);
    }
    const char* take(uint64_t n)
    {
        if (n > m_data.size() - m_pos) fail("is truncated (a field claims " + std::to_string(n) + " bytes)");
        const char* p = m_data.data() + m_pos;
        m_pos += std::size_t(n);
        return p;
    }
    uint64_t uintLE(int n)
    {
        const auto* p = reinterpret_cast<const unsigned char*>(take(uint64_t(n)));
        uint64_t v = 0;
        for (int i = n - 1; i >= 0; --i) v = (v << 8) | p[i];
        return v;
    }
    std::string line()
    {
        const std::size_t end = m_data.find('\n', m_pos);
        if (end == std::string::npos) fail("is truncated");
        std::string s = m_data.substr(m_pos, end - m_pos);
        m_pos = end + 1;
        return s;
    }

    PyValue* pop()
    {
        if (m_stack.empty() || (!m_marks.empty() && m_stack.size() <= m_marks.back())) fail("pops from an empty stack");
        PyValue* v = m_stack.back();
        m_stack.pop_back();
        return v;
    }
    PyValue* top()
    {
        if (m_stack.empty()) fail("uses an empty stack");
        return m_stack.back();
    }
    std::vector<PyValue*> popToMark()
    {
        if (m_marks.empty()) fail("has no MARK where one is needed");
        const std::size_t mark = m_marks.back();
        m_marks.pop_back();
        std::vector<PyValue*> items(m_stack.begin() + std::ptrdiff_t(mark), m_stack.end());
        m_stack.resize(mark);
        return items;
    }
    void push(PyValue* v) { m_stack.push_back(v); }

    PyValue* makeInt(int64_t v)
    {
        PyValue* p = m_arena.make(PyValue::Kind::Int);
        p->integer = v;
        return p;
    }
    PyValue* makeStr(std::string s, PyValue::Kind kind = PyValue::Kind::Str)
    {
        PyValue* p = m_arena.make(kind);
        p->text = std::move(s);
        return p;
    }
    PyValue* makeSeq(PyValue::Kind kind, std::vector<PyValue*> items)
    {
        PyValue* p = m_arena.make(kind);
        p->items = std::move(items);
        return p;
    }

    void memoPut(uint64_t key)
    {
        if (m_memo.size() >= m_limits.maxMemo && !m_memo.count(key)) fail("has too many memo entries");
        m_memo[key] = top();
    }
    void memoGet(uint64_t key)
    {
        auto it = m_memo.find(key);
        if (it == m_memo.end()) fail("refers to memo entry " + std::to_string(key) + " that does not exist");
        push(it->second);
    }

    PyValue* global(const std::string& module, const std::string& name)
    {
        const std::string full = module + "." + name;
        if (roleOf(full) == GlobalRole::Refused)
            fail("asks for the global '" + full + "', which Pictor refuses to load (only tensors and plain data are allowed)");
        return makeStr(full, PyValue::Kind::Global);
    }

    void setItems(PyValue* dict, const std::vector<PyValue*>& kv)
    {
        if (kv.size() % 2) fail("has an odd number of dict items");
        if (dict->kind != PyValue::Kind::Dict) {
            if (dict->kind == PyValue::Kind::Object) return; // inert objects ignore their items
            fail("sets items on something that is not a dict");
        }
        for (std::size_t i = 0; i < kv.size(); i += 2) dict->entries.emplace_back(kv[i], kv[i + 1]);
    }

    void appendItems(PyValue* list, const std::vector<PyValue*>& items)
    {
        if (list->kind == PyValue::Kind::List || list->kind == PyValue::Kind::Set) {
            list->items.insert(list->items.end(), items.begin(), items.end());
            return;
        }
        if (list->kind == PyValue::Kind::Object) return;
        fail("appends to something that is not a list");
    }

    int64_t intArg(PyValue* v, const char* what)
    {
        if (!v || v->kind != PyValue::Kind::Int) fail(std::string("gives a tensor a non-integer ") + what);
        return v->integer;
    }

    std::vector<int64_t> intTuple(PyValue* v, const char* what)
    {
        if (!v || (v->kind != PyValue::Kind::Tuple && v->kind != PyValue::Kind::List))
            fail(std::string("gives a tensor a ") + what + " that is not a tuple");
        std::vector<int64_t> out;
        for (PyValue* item : v->items) out.push_back(intArg(item, what));
        return out;
    }

    PyValue* rebuildTensor(const std::vector<PyValue*>& a)
    {
        if (a.size() < 4) fail("rebuilds a tensor with too few arguments");
        PyValue* storage = a[0];
        if (storage->kind != PyValue::Kind::Storage) fail("rebuilds a tensor from something that is not a storage");
        PyValue* t = m_arena.make(PyValue::Kind::Tensor);
        t->tensor = storage->tensor;
        t->tensor.storageOffset = intArg(a[1], "offset");
        t->tensor.shape = intTuple(a[2], "size");
        t->tensor.stride = intTuple(a[3], "stride");
        validateView(t->tensor, "'" + m_what + "': tensor");
        return t;
    }

    PyValue* call(PyValue* callable, PyValue* args)
    {
        if (callable->kind != PyValue::Kind::Global) fail("calls something that is not an allowed global");
        if (args->kind != PyValue::Kind::Tuple) fail("calls '" + callable->text + "' without an argument tuple");
        const std::vector<PyValue*>& a = args->items;
        switch (roleOf(callable->text)) {
        case GlobalRole::OrderedDict: {
            PyValue* d = m_arena.make(PyValue::Kind::Dict);
            return d;
        }
        case GlobalRole::RebuildTensorV2:
        case GlobalRole::RebuildTensor: return rebuildTensor(a);
        case GlobalRole::RebuildParameter:
            if (a.empty() || a[0]->kind != PyValue::Kind::Tensor) fail("rebuilds a parameter from something that is not a tensor");
            return a[0];
        case GlobalRole::RebuildFromType: {
            // (func, type, args, state): apply func (itself an allowed rebuild global) to args.
            if (a.size() < 3 || ++m_callDepth > 8) fail("has a malformed _rebuild_from_type_v2");
            PyValue* result = call(a[0], a[2]);
            --m_callDepth;
            return result;
        }
        case GlobalRole::CodecsEncode: {
            if (a.empty() || a[0]->kind != PyValue::Kind::Str) fail("encodes something that is not a string");
            // Python 2 bytes pickled as latin-1 text: each code point below 256 is one byte.
            const QString s = QString::fromStdString(a[0]->text);
            std::string bytes;
            for (char32_t c : s.toUcs4()) {
                if (c > 0xFF) fail("encodes a string that is not latin-1");
                bytes.push_back(char(c));
            }
            return makeStr(std::move(bytes), PyValue::Kind::Bytes);
        }
        case GlobalRole::SetType: {
            PyValue* s = m_arena.make(PyValue::Kind::Set);
            if (!a.empty() && (a[0]->kind == PyValue::Kind::List || a[0]->kind == PyValue::Kind::Tuple)) s->items = a[0]->items;
            return s;
        }
        case GlobalRole::TupleType: {
            if (!a.empty() && (a[0]->kind == PyValue::Kind::List || a[0]->kind == PyValue::Kind::Tuple))
                return makeSeq(PyValue::Kind::Tuple, a[0]->items);
            return makeSeq(PyValue::Kind::Tuple, {});
        }
        case GlobalRole::Inert: {
            PyValue* o = m_arena.make(PyValue::Kind::Object);
            o->cls = callable;
            o->args = args;
            return o;
        }
        case GlobalRole::Storage:
        case GlobalRole::Refused: break;
        }
        fail("calls '" + callable->text + "', which is not allowed");
    }

    PyValue* persistentLoad(PyValue* pid)
    {
        // ('storage', torch.XStorage, key, location, numel[, view metadata])
        if (pid->kind != PyValue::Kind::Tuple || pid->items.size() < 5 || pid->items[0]->kind != PyValue::Kind::Str ||
            pid->items[0]->text != "storage")
            fail("has a persistent id that is not a tensor storage");
        PyValue* type = pid->items[1];
        DType dtype;
        if (type->kind != PyValue::Kind::Global || !storageDType(type->text, dtype)) fail("names an unknown storage type");
        PyValue* key = pid->items[2];
        if (key->kind != PyValue::Kind::Str) fail("has a storage key that is not a string");
        const int64_t numel = intArg(pid->items[4], "storage size");
        if (numel < 0) fail("has a negative storage size");
        PyValue* s = m_arena.make(PyValue::Kind::Storage);
        s->dtype = dtype;
        s->text = key->text;
        s->storageElements = uint64_t(numel);
        s->tensor.dtype = dtype;
        m_resolver(key->text, dtype, uint64_t(numel), s->tensor);
        return s;
    }

    void step(unsigned char op)
    {
        using K = PyValue::Kind;
        switch (op) {
        case 0x80: byte(); break;                 // PROTO
        case 0x95: take(8); break;                // FRAME
        case '(': m_marks.push_back(m_stack.size()); break;
        case '0': pop(); break;
        case '1': popToMark(); break;
        case '2': push(top()); break;
        case 'N': push(m_arena.make(K::None)); break;
        case 0x88: case 0x89: {
            PyValue* b = m_arena.make(K::Bool);
            b->boolean = op == 0x88;
            push(b);
            break;
        }
        case 'J': push(makeInt(int32_t(uint32_t(uintLE(4))))); break;
        case 'K': push(makeInt(int64_t(uintLE(1)))); break;
        case 'M': push(makeInt(int64_t(uintLE(2)))); break;
        case 0x8a: case 0x8b: {                   // LONG1, LONG4
            const uint64_t n = op == 0x8a ? uintLE(1) : uintLE(4);
            if (n > 8) fail("holds an integer wider than 64 bits");
            const auto* p = reinterpret_cast<const unsigned char*>(take(n));
            uint64_t v = 0;
            for (int i = int(n) - 1; i >= 0; --i) v = (v << 8) | p[i];
            if (n > 0 && n < 8 && (p[n - 1] & 0x80)) v |= ~uint64_t(0) << (8 * n);
            push(makeInt(int64_t(v)));
            break;
        }
        case 'G': {
            const auto* p = reinterpret_cast<const unsigned char*>(take(8));
            uint64_t bits = 0;
            for (int i = 0; i < 8; ++i) bits = (bits << 8) | p[i];
            PyValue* f = m_arena.make(K::Float);
            std::memcpy(&f->real, &bits, 8);
            push(f);
            break;
        }
        case 'X': { const uint64_t n = uintLE(4); push(makeStr(std::string(take(n), n))); break; }
        case 0x8c: { const uint64_t n = uintLE(1); push(makeStr(std::string(take(n), n))); break; }
        case 0x8d: { const uint64_t n = uintLE(8); push(makeStr(std::string(take(n), n))); break; }
        case 'T': { const uint64_t n = uintLE(4); push(makeStr(std::string(take(n), n))); break; }
        case 'U': { const uint64_t n = uintLE(1); push(makeStr(std::string(take(n), n))); break; }
        case 'B': { const uint64_t n = uintLE(4); push(makeStr(std::string(take(n), n), K::Bytes)); break; }
        case 'C': { const uint64_t n = uintLE(1); push(makeStr(std::string(take(n), n), K::Bytes)); break; }
        case 0x8e: case 0x96: { const uint64_t n = uintLE(8); push(makeStr(std::string(take(n), n), K::Bytes)); break; }
        case ']': push(m_arena.make(K::List)); break;
        case ')': push(m_arena.make(K::Tuple)); break;
        case '}': push(m_arena.make(K::Dict)); break;
        case 0x8f: push(m_arena.make(K::Set)); break;
        case 'l': push(makeSeq(K::List, popToMark())); break;
        case 't': push(makeSeq(K::Tuple, popToMark())); break;
        case 0x91: push(makeSeq(K::Set, popToMark())); break;
        case 0x85: { PyValue* a = pop(); push(makeSeq(K::Tuple, {a})); break; }
        case 0x86: { PyValue* b = pop(); PyValue* a = pop(); push(makeSeq(K::Tuple, {a, b})); break; }
        case 0x87: { PyValue* c = pop(); PyValue* b = pop(); PyValue* a = pop(); push(makeSeq(K::Tuple, {a, b, c})); break; }
        case 'd': {
            const std::vector<PyValue*> kv = popToMark();
            PyValue* d = m_arena.make(K::Dict);
            setItems(d, kv);
            push(d);
            break;
        }
        case 'a': { PyValue* v = pop(); appendItems(top(), {v}); break; }
        case 'e': { const std::vector<PyValue*> items = popToMark(); appendItems(top(), items); break; }
        case 0x90: { const std::vector<PyValue*> items = popToMark(); appendItems(top(), items); break; }
        case 's': { PyValue* v = pop(); PyValue* k = pop(); setItems(top(), {k, v}); break; }
        case 'u': { const std::vector<PyValue*> kv = popToMark(); setItems(top(), kv); break; }
        case 'c': {
            const std::string module = line();
            const std::string name = line();
            push(global(module, name));
            break;
        }
        case 0x93: {
            PyValue* name = pop();
            PyValue* module = pop();
            if (name->kind != K::Str || module->kind != K::Str) fail("has a malformed STACK_GLOBAL");
            push(global(module->text, name->text));
            break;
        }
        case 'R': { PyValue* args = pop(); PyValue* fn = pop(); push(call(fn, args)); break; }
        case 0x81: {                              // NEWOBJ: cls.__new__(cls, *args)
            PyValue* args = pop();
            PyValue* cls = pop();
            push(call(cls, args));
            break;
        }
        case 0x92: {                              // NEWOBJ_EX
            pop();
            PyValue* args = pop();
            PyValue* cls = pop();
            push(call(cls, args));
            break;
        }
        case 'b': {
            PyValue* state = pop();
            PyValue* obj = top();
            if (obj->kind == K::Object) obj->state = state;
            // BUILD on dicts (OrderedDict's _metadata) and tensors carries nothing we need.
            break;
        }
        case 'q': memoPut(uintLE(1)); break;
        case 'r': memoPut(uintLE(4)); break;
        case 0x94: memoPut(m_memo.size()); break;
        case 'h': memoGet(uintLE(1)); break;
        case 'j': memoGet(uintLE(4)); break;
        case 'Q': push(persistentLoad(pop())); break;
        default: {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02x", op);
            fail(std::string("uses opcode ") + hex + " at byte " + std::to_string(m_pos - 1) + ", which Pictor does not accept");
        }
        }
    }

    const std::string& m_data;
    const std::string& m_what;
    PyArena& m_arena;
    const StorageResolver& m_resolver;
    UnpickleLimits m_limits;
    std::size_t m_pos = 0;
    std::vector<PyValue*> m_stack;
    std::vector<std::size_t> m_marks;
    std::unordered_map<uint64_t, PyValue*> m_memo;
    int m_callDepth = 0;
};

} // namespace

PyValue* unpickle(const std::string& data, const std::string& what, PyArena& arena, const StorageResolver& resolver,
                  const UnpickleLimits& limits)
{
    Machine machine(data, what, arena, resolver, limits);
    return machine.run();
}

} // namespace pictor::ckpt
