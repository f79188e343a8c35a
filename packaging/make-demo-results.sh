#!/usr/bin/env bash
# Generates the README's demo results with the real program: pictor-cli generate on the bundled
# demo model (its defaults), a few prompts in English and Korean, fixed seeds.
# usage: packaging/make-demo-results.sh   (writes resources/screenshots/demo/*.png)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="$here/build/release/bin/pictor-cli"
out="$here/resources/screenshots/demo"
mkdir -p "$out"
i=0
while IFS='|' read -r seed prompt; do
  i=$((i + 1))
  "$cli" generate --prompt "$prompt" --seed "$seed" --out "$out/demo_$i.png" >/dev/null 2>"$out/.log" || { cat "$out/.log"; exit 1; }
  echo "demo_$i.png: $prompt (seed $seed)"
done <<'PROMPTS'
1|a red circle on a blue background
2|a yellow square on a purple background
3|a white star on a green background
4|an orange triangle on a black background
5|파란 배경의 빨간 원
6|a green ring on a white background
PROMPTS
rm -f "$out/.log"
