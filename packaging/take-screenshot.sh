#!/usr/bin/env bash
# Regenerates the README screenshots from the real window under Xvfb:
#   resources/screenshots/create.png   (generating)
#   resources/screenshots/gallery.png  (search results over a folder of shapes-world pictures)
# usage: packaging/take-screenshot.sh [CLIP VQGAN TOKENIZER [PROMPT]]
# (with no arguments: the demo model if it is there, else the small reference models in ../shared)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="$here/build/release/bin"
if [ $# -ge 3 ]; then
  clip="$1"; vqgan="$2"; tok="$3"; shift 3
elif [ -f "$here/models/demo/clip.safetensors" ]; then
  clip="$here/models/demo/clip.safetensors"; vqgan="$here/models/demo/vqgan.safetensors"; tok="$here/models/demo/tokenizer.model"
  set -- "a red circle on a blue background"
else
  v="$here/../shared/vectors"
  clip="$v/clip/vit/model.safetensors"; vqgan="$v/vqgan/last.ckpt"; tok="$v/tokenizer/bpe_simple_vocab_16e6.txt.gz"
fi
mkdir -p "$here/resources/screenshots"
export XDG_CONFIG_HOME="$(mktemp -d)"
xvfb-run -a -s "-screen 0 1280x800x24" "$bin/pictor-screenshot" "$here/resources/screenshots/create.png" "$clip" "$vqgan" "$tok" "$@"
echo "wrote resources/screenshots/create.png"
pictures="$(mktemp -d)"
"$bin/pictor-train-demo" --write-samples 300 --seed 99 --out "$pictures" >/dev/null
xvfb-run -a -s "-screen 0 1280x800x24" "$bin/pictor-screenshot" --gallery "$here/resources/screenshots/gallery.png" "$clip" "$tok" "$pictures" "a red circle"
rm -rf "$pictures" "$XDG_CONFIG_HOME"
echo "wrote resources/screenshots/gallery.png"
