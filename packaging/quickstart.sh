#!/usr/bin/env bash
# The README's quick start. On a fresh Debian 12 machine:
#   bash packaging/quickstart.sh run    install dependencies, build, start Pictor
#   bash packaging/quickstart.sh test   install dependencies, build, run the whole test suite
# PRESET=debug selects the AddressSanitizer build.
set -euo pipefail
mode="${1:-run}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
preset="${PRESET:-release}"
cd "$here"

bash packaging/install-deps.sh
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset"

case "$mode" in
  test)
    ctest --preset "$preset" --output-on-failure
    ;;
  run)
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
