#!/usr/bin/env bash
# Builds the .deb with cpack, unpacks it into a scratch root, and runs the installed pictor-cli
# from there on the installed demo model; validates the desktop and AppStream files.
# usage: package_test.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$1"; src="$2"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
(cd "$build" && cpack -G DEB -B "$scratch/out" >/dev/null)
deb="$(ls "$scratch"/out/pictor_*.deb)"
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb --field "$deb" Depends | grep -q libqt6widgets6 || { echo "Depends lacks Qt"; exit 1; }
dpkg-deb -x "$deb" "$scratch/root"
for f in usr/bin/pictor usr/bin/pictor-cli usr/lib/pictor/libpictor_spm.so usr/share/applications/org.pictor.Pictor.desktop \
         usr/share/metainfo/org.pictor.Pictor.metainfo.xml usr/share/icons/hicolor/scalable/apps/org.pictor.Pictor.svg; do
  [ -e "$scratch/root/$f" ] || { echo "missing in the package: $f"; exit 1; }
done
appstreamcli validate --no-net "$scratch/root/usr/share/metainfo/org.pictor.Pictor.metainfo.xml" >/dev/null
out="$("$scratch/root/usr/bin/pictor-cli" classify --labels "a circle,a square,a star" "$src/tests/packaging/sample.png" 2>"$scratch/err")"
grep -q "share/pictor/models/demo" "$scratch/err" || { cat "$scratch/err"; echo "the installed CLI did not use the installed demo model"; exit 1; }
  echo "$out" | grep -q '"a circle"' || { echo "unexpected output: $out"; exit 1; }
"$scratch/root/usr/bin/pictor-cli" --version
echo "package OK"
