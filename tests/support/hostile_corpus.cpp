#include "hostile_corpus.h"

#include "zip_writer.h"

#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <functional>

namespace pictor::test {

namespace {

std::string floats(int n) { return std::string(std::size_t(n) * 4, '\0'); }

std::string stateDict(const std::function<void(PickleWriter&)>& value)
{
    PickleWriter p;
    p.proto().global("collections", "OrderedDict").emptyTuple().reduce().str("w");
    value(p);
    p.setItem().stop();
    return p.bytes();
}

/// A pickle whose only job is to call module.name(arg) when loaded by a naive unpickler.
std::string callPickle(const std::string& module, const std::string& name, const std::string& arg)
{
    PickleWriter p;
    p.proto().global(module, name).mark().str(arg).tuple().reduce().stop();
    return p.bytes();
}

std::string rawDeflate(const std::string& data)
{
    z_stream zs{};
    deflateInit2(&zs, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&zs, uLong(data.size())), '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = uInt(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = uInt(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

void le16(std::string& s, unsigned v) { s += char(v & 0xff); s += char((v >> 8) & 0xff); }
void le32(std::string& s, unsigned long v) { for (int i = 0; i < 4; ++i) s += char((v >> (8 * i)) & 0xff); }

/// One deflated entry whose central directory claims `claimedSize` uncompressed bytes.
std::string deflatedZip(const std::string& name, const std::string& data, unsigned long claimedSize)
{
    const std::string packed = rawDeflate(data);
    const unsigned long crc = crc32(0, reinterpret_cast<const Bytef*>(data.data()), uInt(data.size()));
    std::string out, central;
    le32(out, 0x04034b50); le16(out, 20); le16(out, 0); le16(out, 8); le16(out, 0); le16(out, 0);
    le32(out, crc); le32(out, packed.size()); le32(out, claimedSize); le16(out, unsigned(name.size())); le16(out, 0);
    out += name + packed;
    le32(central, 0x02014b50); le16(central, 20); le16(central, 20); le16(central, 0); le16(central, 8);
    le16(central, 0); le16(central, 0); le32(central, crc); le32(central, packed.size()); le32(central, claimedSize);
    le16(central, unsigned(name.size())); le16(central, 0); le16(central, 0); le16(central, 0); le16(central, 0);
    le32(central, 0); le32(central, 0);
    central += name;
    const unsigned long cdOffset = out.size();
    out += central;
    le32(out, 0x06054b50); le16(out, 0); le16(out, 0); le16(out, 1); le16(out, 1);
    le32(out, central.size()); le32(out, cdOffset); le16(out, 0);
    return out;
}

std::string safetensors(const std::string& json, std::size_t dataBytes)
{
    std::string out(8, '\0');
    const uint64_t n = json.size();
    for (int i = 0; i < 8; ++i) out[std::size_t(i)] = char((n >> (8 * i)) & 0xff);
    return out + json + std::string(dataBytes, '\0');
}

/// A tiny multilingual CLIP in open_clip's XLM-R layout (zero weights), as safetensors. `shapes`
/// replaces or adds tensors; `lie` names a tensor whose header claims `lieShape` while its bytes
/// stay those of its true shape.
std::string tinyXlmrClip(const std::vector<std::pair<std::string, std::vector<int64_t>>>& shapes, const std::string& lie = {},
                         const std::vector<int64_t>& lieShape = {})
{
    const int64_t w = 8, inner = 16, vw = 64;
    std::vector<std::pair<std::string, std::vector<int64_t>>> t{
        {"text.transformer.embeddings.word_embeddings.weight", {10, w}}, {"text.transformer.embeddings.position_embeddings.weight", {12, w}},
        {"text.transformer.embeddings.token_type_embeddings.weight", {1, w}}, {"text.transformer.embeddings.LayerNorm.weight", {w}},
        {"text.transformer.embeddings.LayerNorm.bias", {w}},  {"text.proj.0.weight", {8, w}}, {"text.proj.2.weight", {8, 8}},
        {"visual.conv1.weight", {vw, 3, 8, 8}}, {"visual.class_embedding", {vw}}, {"visual.positional_embedding", {5, vw}},
        {"visual.proj", {vw, 8}}, {"visual.ln_pre.weight", {vw}}, {"visual.ln_pre.bias", {vw}}, {"visual.ln_post.weight", {vw}},
        {"visual.ln_post.bias", {vw}}, {"logit_scale", {}}};
    const std::string l = "text.transformer.encoder.layer.0.";
    for (const char* p : {"attention.self.query.", "attention.self.key.", "attention.self.value.", "attention.output.dense."})
        t.push_back({l + p + "weight", {w, w}}), t.push_back({l + p + "bias", {w}});
    t.push_back({l + "intermediate.dense.weight", {inner, w}}), t.push_back({l + "intermediate.dense.bias", {inner}});
    t.push_back({l + "output.dense.weight", {w, inner}}), t.push_back({l + "output.dense.bias", {w}});
    for (const char* p : {"attention.output.LayerNorm.", "output.LayerNorm."}) t.push_back({l + p + "weight", {w}}), t.push_back({l + p + "bias", {w}});
    const std::string v = "visual.transformer.resblocks.0.";
    for (const auto& [name, shape] : std::vector<std::pair<std::string, std::vector<int64_t>>>{
             {"attn.in_proj_weight", {3 * vw, vw}}, {"attn.in_proj_bias", {3 * vw}}, {"attn.out_proj.weight", {vw, vw}}, {"attn.out_proj.bias", {vw}},
             {"ln_1.weight", {vw}}, {"ln_1.bias", {vw}}, {"ln_2.weight", {vw}}, {"ln_2.bias", {vw}}, {"mlp.c_fc.weight", {4 * vw, vw}},
             {"mlp.c_fc.bias", {4 * vw}}, {"mlp.c_proj.weight", {vw, 4 * vw}}, {"mlp.c_proj.bias", {vw}}})
        t.push_back({v + name, shape});
    for (const auto& [name, shape] : shapes) {
        bool replaced = false;
        for (auto& entry : t)
            if (entry.first == name) entry.second = shape, replaced = true;
        if (!replaced) t.push_back({name, shape});
    }
    std::string json = "{";
    uint64_t offset = 0;
    for (const auto& [name, shape] : t) {
        uint64_t count = 1;
        std::string dims;
        for (int64_t d : shape) count *= uint64_t(d), dims += (dims.empty() ? "" : ",") + std::to_string(d);
        std::string claimed = dims;
        if (name == lie) {
            claimed.clear();
            for (int64_t d : lieShape) claimed += (claimed.empty() ? "" : ",") + std::to_string(d);
        }
        json += (json.size() > 1 ? "," : "") + ("\"" + name + "\":{\"dtype\":\"F32\",\"shape\":[" + claimed + "],\"data_offsets\":[" +
                                                std::to_string(offset) + "," + std::to_string(offset + 4 * count) + "]}");
        offset += 4 * count;
    }
    return safetensors(json + "}", offset);
}

} // namespace

std::vector<HostileFile> hostileCheckpoints(const std::string& marker)
{
    std::vector<HostileFile> files;
    auto add = [&](std::string name, std::string bytes, std::string expect) { files.push_back({std::move(name), std::move(bytes), std::move(expect)}); };
    const std::string shell = "touch " + marker;

    // Globals that would execute code, directly or through a chain of __reduce__ calls.
    add("global_os_system.pt", makeTorchZip(callPickle("os", "system", shell), {}), "os.system");
    add("global_posix_system.ckpt", makeTorchZip(callPickle("posix", "system", shell), {}), "posix.system");
    add("global_subprocess.pt", makeTorchZip(callPickle("subprocess", "check_output", shell), {}), "subprocess.check_output");
    add("global_builtins_exec.pt", makeTorchZip(callPickle("builtins", "exec", "import os; os.system('" + shell + "')"), {}), "builtins.exec");
    {
        PickleWriter p; // STACK_GLOBAL (protocol 4) instead of GLOBAL
        p.proto().str("builtins").str("eval").raw("\x93").mark().str("__import__('os').system('" + shell + "')").tuple().reduce().stop();
        add("stack_global_eval.pt", makeTorchZip(p.bytes(), {}), "builtins.eval");
    }
    {
        PickleWriter p; // getattr(__import__('os'), 'system')('...'): a __reduce__ chain
        p.proto().global("builtins", "getattr").mark().global("builtins", "__import__").mark().str("os").tuple().reduce();
        p.str("system").tuple().reduce().mark().str(shell).tuple().reduce().stop();
        add("reduce_chain_getattr.pt", makeTorchZip(p.bytes(), {}), "builtins.getattr");
    }
    {
        PickleWriter p; // inert-looking classes whose reduce results feed a dangerous call
        p.proto().global("collections", "OrderedDict").emptyTuple().reduce().str("x");
        p.global("posix", "system").mark().str(shell).tuple().reduce().setItem().stop();
        add("reduce_chain_inside_state_dict.pt", makeTorchZip(p.bytes(), {}), "posix.system");
    }
    {
        PickleWriter p; // a Lightning-looking class is kept as data, but calling through it must not reach code
        p.proto().emptyDict().str("state_dict").emptyDict().str("w").tensor("FloatStorage", "0", 1, 0, {1}, {1}).setItem().setItem();
        p.str("x").global("pytorch_lightning.callbacks", "Anything").mark().global("posix", "system").tuple().reduce().setItem().stop();
        add("reduce_chain_lightning_class.ckpt", makeTorchZip(p.bytes(), {{"0", floats(1)}}), "posix.system");
    }
    {
        PickleWriter p; // BUILD on an object: pickle's __setstate__ hook
        p.proto().global("collections", "OrderedDict").emptyTuple().reduce().global("os", "system").build().stop();
        add("build_with_global.pt", makeTorchZip(p.bytes(), {}), "os.system");
    }

    // Recursion and memo bombs.
    {
        PickleWriter p;
        p.proto();
        for (int i = 0; i < 100000; ++i) p.emptyList();
        for (int i = 1; i < 100000; ++i) p.append();
        p.stop();
        add("recursion_bomb_lists.pt", makeTorchZip(p.bytes(), {}), "");
    }
    {
        PickleWriter p;
        p.proto();
        for (int i = 0; i < 100000; ++i) p.emptyDict().str("k");
        p.emptyDict();
        for (int i = 0; i < 100000; ++i) p.setItem();
        p.stop();
        add("recursion_bomb_dicts.pt", makeTorchZip(p.bytes(), {}), "nest deeper");
    }
    {
        PickleWriter p;
        p.proto().emptyDict().put(0);
        for (int level = 1; level <= 40; ++level) {
            p.emptyDict();
            for (int k = 0; k < 10; ++k) p.str("k" + std::to_string(k)).get(level - 1).setItem();
            p.put(level);
        }
        p.stop();
        add("memo_bomb.pt", makeTorchZip(p.bytes(), {}), "too large");
    }

    // Sizes and offsets that lie.
    {
        const std::string pkl = stateDict([](PickleWriter& p) {
            p.global("torch._utils", "_rebuild_tensor_v2").mark();
            p.mark().str("storage").global("torch", "FloatStorage").str("0").str("cpu");
            p.raw("\x8a\x05").raw(std::string("\x00\x00\x00\x00\x40", 5)).tuple().binPersId();
            p.integer(0).mark().integer(1 << 20).integer(1 << 20).tuple().mark().integer(1 << 20).integer(1).tuple();
            p.newFalse().global("collections", "OrderedDict").emptyTuple().reduce().tuple().reduce();
        });
        add("huge_claimed_storage.pt", makeTorchZip(pkl, {{"0", floats(2)}}), "claims");
    }
    add("view_outside_storage.pt", makeTorchZip(stateDict([](PickleWriter& p) { p.tensor("FloatStorage", "0", 4, 2, {2, 2}, {2, 1}); }), {{"0", floats(4)}}),
        "storage holds only");
    add("negative_shape.pt", makeTorchZip(stateDict([](PickleWriter& p) { p.tensor("FloatStorage", "0", 4, 0, {-2}, {1}); }), {{"0", floats(4)}}), "negative");
    add("negative_stride.pt", makeTorchZip(stateDict([](PickleWriter& p) { p.tensor("FloatStorage", "0", 4, 0, {2}, {-1}); }), {{"0", floats(4)}}), "negative");
    add("unknown_storage_type.pt", makeTorchZip(stateDict([](PickleWriter& p) { p.tensor("QuantizedStorage", "0", 4, 0, {4}, {1}); }), {{"0", floats(4)}}), "");
    add("missing_storage.pt", makeTorchZip(stateDict([](PickleWriter& p) { p.tensor("FloatStorage", "7", 4, 0, {4}, {1}); }), {{"0", floats(4)}}), "'7' is missing");
    {
        std::string z = makeTorchZip(stateDict([](PickleWriter& p) { p.tensor("FloatStorage", "0", 1, 0, {1}, {1}); }), {{"0", floats(1)}});
        const auto cd = z.find("PK\x01\x02");
        z[cd + 42] = '\xff'; z[cd + 43] = '\xff'; z[cd + 44] = '\xff'; z[cd + 45] = '\x7f';
        add("zip_offset_outside_file.pt", z, "outside");
    }
    {
        // Two central-directory entries sharing one local header and its bytes.
        std::string z = makeTorchZip(stateDict([](PickleWriter& p) { p.tensor("FloatStorage", "0", 4, 0, {4}, {1}); }), {{"0", floats(4)}});
        const auto first = z.find("PK\x01\x02");
        const auto second = z.find("PK\x01\x02", first + 4);
        for (int i = 0; i < 4; ++i) z[second + 42 + std::size_t(i)] = z[first + 42 + std::size_t(i)];
        add("zip_overlapping_entries.pt", z, "overlap");
    }
    add("zip_path_traversal.pt", makeZip({{"../../../../tmp/pictor-evil/data.pkl", stateDict([](PickleWriter& p) { p.integer(1); })}}), "unsafe");
    add("zip_absolute_path.pt", makeZip({{"/etc/cron.d/data.pkl", stateDict([](PickleWriter& p) { p.integer(1); })}}), "unsafe");
    // Zip bombs: a megabyte of deflate that claims a gigabyte, and one whose claim is honest but too large.
    add("zip_bomb_claimed.pt", deflatedZip("archive/data.pkl", std::string(1 << 20, '\0'), 0xF0000000ul), "");
    add("zip_bomb_large.pt", deflatedZip("archive/data.pkl", std::string(100u << 20, '('), 100ul << 20), "allowed");

    // Wrong magic and not-a-checkpoint.
    add("empty.pt", "", "empty");
    add("zip_magic_then_garbage.pt", std::string("PK\x03\x04", 4) + std::string(200, '\x7f'), "not a valid zip");
    add("html_page.ckpt", "<!DOCTYPE html><html><body>Sign in to continue</body></html>", "web page");
    add("png_named_safetensors.safetensors", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, 'x'), "not a model file");
    add("text_file.pt", "This is not a checkpoint, it is a note about one.", "not a model file");
    const char legacy[] = {'\x80', '\x02', '\x8a', '\x0a', 'l', '\xfc', '\x9c', 'F', '\xf9', ' ', 'j', '\xa8', 'P', '\x19', '.', '\x80'};
    add("legacy_pickle.pt", std::string(legacy, sizeof legacy), "legacy");
    add("zip_without_pickle.pt", makeZip({{"a/b.txt", "hello"}}), "no data.pkl");

    // Multilingual (open_clip XLM-R) CLIPs that lie or carry what Pictor does not understand.
    add("xlmr_lying_vocabulary.safetensors",
        tinyXlmrClip({}, "text.transformer.embeddings.word_embeddings.weight", {250002, 8}), "storage holds only");
    add("xlmr_projection_wrong_shape.safetensors", tinyXlmrClip({{"text.proj.2.weight", {8, 7}}}), "text.proj.2.weight");
    add("xlmr_unknown_key.safetensors", tinyXlmrClip({{"text.transformer.encoder.layer.0.attention.self.rotary.weight", {4}}}),
        "text.transformer.encoder.layer.0.attention.self.rotary.weight");
    add("xlmr_no_layers.safetensors", [] {
        std::string st = tinyXlmrClip({});
        // every layer tensor renamed out of the encoder: the tower has no layers
        for (std::size_t at = st.find("encoder.layer.0."); at != std::string::npos; at = st.find("encoder.layer.0.", at)) st.replace(at, 16, "encoder.lay3r.0.");
        return st;
    }(), "no layers");

    // safetensors that lie.
    add("st_offsets_outside.safetensors", safetensors(R"({"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}})", 8), "outside");
    add("st_overlap.safetensors",
        safetensors(R"({"a":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"b":{"dtype":"F32","shape":[4],"data_offsets":[8,24]}})", 24), "overlap");
    add("st_huge_dimension.safetensors", safetensors(R"({"w":{"dtype":"F32","shape":[1e30],"data_offsets":[0,16]}})", 16), "dimension");
    add("st_shape_overflow.safetensors",
        safetensors(R"({"w":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,16]}})", 16), "");
    add("st_unknown_dtype.safetensors", safetensors(R"({"w":{"dtype":"Q4","shape":[4],"data_offsets":[0,16]}})", 16), "dtype");
    add("st_header_length_huge.safetensors", std::string(8, '\xff') + "{}", "");
    add("st_nested_json.safetensors", safetensors(std::string(100000, '[') + std::string(100000, ']'), 0), "");

    // A small valid checkpoint cut every 13 bytes: each piece must be refused, none accepted.
    const std::string whole = makeTorchZip(stateDict([](PickleWriter& p) { p.tensor("FloatStorage", "0", 6, 0, {2, 3}, {3, 1}); }), {{"0", floats(6)}});
    for (std::size_t len = 1; len < whole.size(); len += 13) {
        char name[48];
        std::snprintf(name, sizeof name, "truncated_%04zu.pt", len);
        add(name, whole.substr(0, len), "");
    }
    return files;
}

} // namespace pictor::test
