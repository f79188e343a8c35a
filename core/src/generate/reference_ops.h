#pragma once
// A process-wide switch for the tests and the benchmark: runs the generator's fp32 steps with the
// operators of the reference implementation (taming's swish, upsampling and convolutions;
// LibTorch's own linear layers and attention; CLIP's scales where the model has them) instead of
// the faster forms of the same functions, so the two can be compared on the same run.
namespace pictor::gen {

void setReferenceOps(bool on);
bool referenceOps();

} // namespace pictor::gen
