#!/bin/bash
# The GPU check (README, NVIDIA GPU): on a machine with an NVIDIA GPU and a CUDA LibTorch (pytorch.org's
# libtorch, or a Python torch's wheel), builds the engine-only configuration against it and runs
# tests/gpu/gpu_check: parity with the CPU, s/step and peak memory, embedding throughput, out of memory.
#
#   bash packaging/gpu-check.sh fetch       # on Debian 12: Qt Core, zlib as .deb files into .gpu-debs/ (16 MB)
#   bash packaging/gpu-check.sh [ARGS...]   # on the GPU machine: build (about 3 min on 16 cores), then gpu_check ARGS
#
# The GPU machine needs g++, CMake, Ninja and the CUDA toolkit. Qt Core and zlib come from .gpu-debs/
# where the machine has none (unpacked into a scratch prefix, never into /). Set PICTOR_TORCH_CMAKE to
# libtorch's share/cmake folder, else a Python torch is asked where its own is.
set -euo pipefail
cd "$(dirname "$0")/.."
debs=.gpu-debs

if [ "${1:-}" = fetch ]; then
    mkdir -p "$debs"
    (cd "$debs" && apt-get download libqt6core6 libicu72 libdouble-conversion3 libb2-1 libpcre2-16-0 libqt6dbus6 libglib2.0-0 \
        qt6-base-dev qt6-base-dev-tools qmake6 qmake6-bin zlib1g zlib1g-dev)
    ls -l "$debs"
    exit 0
fi

torch_cmake=${PICTOR_TORCH_CMAKE:-$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')}
prefix_path="$torch_cmake"
if [ -d "$debs" ] && ls "$debs"/*.deb > /dev/null 2>&1; then
    prefix=${TMPDIR:-/tmp}/pictor-gpu-prefix
    rm -rf "$prefix" && mkdir -p "$prefix"
    for deb in "$debs"/*.deb; do dpkg -x "$deb" "$prefix"; done
    lib="$prefix/usr/lib/x86_64-linux-gnu"
    export LD_LIBRARY_PATH="$lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
    prefix_path="$prefix_path;$lib/cmake;$prefix/usr"
    zlib=(-DZLIB_INCLUDE_DIR="$prefix/usr/include" -DZLIB_LIBRARY="$lib/libz.so")
else
    zlib=()
fi
nvcc=${CUDACXX:-/usr/local/cuda/bin/nvcc}
cmake -S . -B build/gpu -G Ninja -DCMAKE_BUILD_TYPE=Release -DPICTOR_ENGINE_ONLY=ON -DCMAKE_PREFIX_PATH="$prefix_path" \
    -DCMAKE_CUDA_COMPILER="$nvcc" "${zlib[@]}" > build-gpu-configure.log 2>&1 || { tail -40 build-gpu-configure.log; exit 1; }
cmake --build build/gpu -j"$(nproc)" --target gpu_check pictor-cli 2>&1 | tail -5
build/gpu/bin/pictor-cli runtime
build/gpu/bin/gpu_check "$@"
