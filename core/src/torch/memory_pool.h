#pragma once
// A cache of freed tensor memory for the generation loop.
//
// Why: LibTorch's CPU allocator hands every freed tensor straight back to glibc, and glibc returns
// blocks of activation size to the kernel (fp32 activations at 256x256 are above its 32 MB mmap
// ceiling; smaller ones go when the heap top is trimmed). Every step of the loop then faults in
// fresh zeroed pages for the same activations it freed a moment before: in a trace of one bf16
// step, filling a new tensor took 14.9 ms and the next pass over the same memory 0.7 ms. Steps
// allocate the same sizes every time, so keeping freed blocks by size removes that work.
// No Debian library provides a LibTorch allocator; jemalloc/tcmalloc as a process-wide
// LD_PRELOAD would also change Qt's and OpenCV's allocations, and cannot be turned off for the
// bench's baseline.
#include <cstddef>

namespace pictor::torchutil {

/// Makes the pool LibTorch's CPU allocator for the rest of the process (once; later calls do
/// nothing). Memory allocated before keeps its own deleter.
void installMemoryPool();

/// While disabled, blocks are allocated and freed directly (LibTorch's behaviour); the bench's
/// baseline runs this way.
void setMemoryPoolEnabled(bool enabled);

/// Frees every cached block (called when a run ends).
void trimMemoryPool();

/// Bytes currently held in the cache (not in use by any tensor).
std::size_t memoryPoolCachedBytes();

} // namespace pictor::torchutil
