#!/usr/bin/env bash
# Installs every build and test dependency of Pictor from Debian 12 packages.
# Idempotent: packages already present are left as they are.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libtorch-dev libopenblas0-openmp libblas-dev
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-svg-dev libqt6svg6
  libopencv-dev
  libsentencepiece-dev sentencepiece
  libsqlite3-dev libhnswlib-dev libexif-dev appstream dpkg-dev
  zlib1g-dev libyaml-cpp-dev
  libfiu0
  clang-14 libclang-rt-14-dev
  xvfb xauth
  fonts-nanum  # Hangul glyphs for the Korean interface and examples (screenshots, GUI tests)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
