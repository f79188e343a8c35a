#!/usr/bin/env bash
# The README's quick start. On a fresh Debian 12 machine:
#   bash packaging/quickstart.sh run    install dependencies, build, start Pictor
#   bash packaging/quickstart.sh test   install dependencies, build, run the whole test suite: in the
#                                       release build, then again built with AddressSanitizer and
#                                       UndefinedBehaviorSanitizer (the debug preset, which skips the
#                                       benchmarks, the screenshot tool and the package test)
# PRESET=release or PRESET=debug limits `test` (and chooses the build for `run`).
set -euo pipefail
mode="${1:-run}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

bash packaging/install-deps.sh

build() {
  cmake --preset "$1" >/dev/null
  cmake --build --preset "$1"
}

case "$mode" in
  test)
    presets=(release debug)
    [ -n "${PRESET:-}" ] && presets=("$PRESET")
    for p in "${presets[@]}"; do
      echo "== $p build and test suite"
      build "$p"
      ctest --preset "$p" --output-on-failure
    done
    ;;
  run)
    preset="${PRESET:-release}"
    build "$preset"
    bin="build/$preset/bin"
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      exec "$bin/pictor"
    fi
    echo "No display found: showing the engine set-up with pictor-cli instead of the window." >&2
    "$bin/pictor-cli" runtime
    ;;
  *)
    echo "usage: $0 run|test" >&2
    exit 2
    ;;
esac
