#pragma once
// Turns validated TensorRefs into LibTorch tensors (fp16/bf16 weights become fp32 for CPU math).
#include "../checkpoint/checkpoint.h"

#include <ATen/core/Tensor.h>

#include <string>
#include <map>
#include <unordered_map>

namespace pictor::torchutil {

using TensorMap = std::unordered_map<std::string, at::Tensor>;

/// Reads one tensor; floating types are converted to `floatType`, integer types kept.
at::Tensor loadTensor(const ckpt::TensorRef& ref, c10::ScalarType floatType);

/// Reads every tensor of the checkpoint whose name starts with one of `prefixes` (all if empty).
TensorMap loadTensors(const ckpt::Checkpoint& checkpoint, c10::ScalarType floatType);

/// The tensor or a pictor::Error naming the model file.
const at::Tensor& require(const TensorMap& map, const std::string& name, const std::string& what);

/// Runs fn, turning LibTorch exceptions into pictor::Error with context.
template <typename Fn>
auto guarded(const std::string& context, Fn&& fn) -> decltype(fn());

} // namespace pictor::torchutil

#include "tensor_loader_inl.h"

namespace pictor::torchutil {
/// Writes tensors to a safetensors file atomically (fp32 unless the tensor is already fp16/bf16/int).
void saveSafetensors(const std::string& path, const TensorMap& tensors, const std::map<std::string, std::string>& metadata = {});
} // namespace pictor::torchutil
