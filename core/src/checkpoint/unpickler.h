#pragma once
// A restricted unpickler for the pickles inside PyTorch checkpoints. It understands the opcodes of
// protocols 2-5 that torch.save, torch.jit.save and Lightning produce, rebuilds tensors as
// TensorRefs, keeps TorchScript (__torch__.*) and Lightning classes as inert objects, and refuses
// every other global. It never calls anything named in the file.
#include "pickle_value.h"

#include <functional>
#include <string>

namespace pictor::ckpt {

/// Resolves a storage named by a persistent id: fills storageByteOffset/storageBytes/source of
/// the tensor's storage, or throws. Arguments: storage key, dtype, element count.
using StorageResolver = std::function<void(const std::string& key, DType dtype, uint64_t elements, TensorRef& out)>;

struct UnpickleLimits {
    std::size_t maxNodes = 50'000'000;
    std::size_t maxMemo = 10'000'000;
    std::size_t maxStack = 10'000'000;
};

/// Unpickles `data` (named `what` in errors) into `arena`; returns the root value.
PyValue* unpickle(const std::string& data, const std::string& what, PyArena& arena, const StorageResolver& resolver,
                  const UnpickleLimits& limits = {});

} // namespace pictor::ckpt
