#!/usr/bin/env bash
# Retrains the bundled demo model with the committed recipe, every stage in turn, and times the whole:
#   bash models/train-demo.sh [OUT]        (default OUT: build/demo-train; takes over an hour)
# Stages: tokenizer + VQGAN (fp32), then three CLIP stages (bf16 where the CPU has it): from scratch,
# with structure negatives, with negatives mined from the generator. Each stage logs to OUT/<stage>.log;
# OUT/clip-mined holds the finished model, whose manifest.json records every stage's time and the machine.
# Copy its clip.safetensors, vqgan.safetensors, tokenizer.model and manifest.json to models/demo/, then
# run build/release/bin/demo_quality --record to measure the model and write its figures into the manifest.
# Run nothing else heavy meanwhile: two LibTorch processes on two cores slow each other down many times.
# VQGAN_STEPS=N overrides the VQGAN's steps; PICTOR_BIN the folder of pictor-train-demo.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${PICTOR_BIN:-$here/build/release/bin}"
out="${1:-$here/build/demo-train}"
train="$bin/pictor-train-demo"
steps=()
[ -n "${VQGAN_STEPS:-}" ] && steps=(--vqgan-steps "$VQGAN_STEPS")
mkdir -p "$out"
say() { echo "$(date +%H:%M:%S) $*" | tee -a "$out/train.log"; }

start=$(date +%s)
say "tokenizer and VQGAN -> $out/vqgan"
"$train" --out "$out/vqgan" --clip-steps 0 "${steps[@]}" > "$out/vqgan.log" 2>&1
vqgan_seconds=$(( $(date +%s) - start ))
say "VQGAN done in $vqgan_seconds s"

# Each CLIP stage trains in its own folder beside a copy of the VQGAN (the tokenizer is retrained the
# same way from the seed); the stage after reads the one before's manifest for the recipe and times.
stage() {
  local name="$1"; shift
  mkdir -p "$out/$name"
  cp "$out/vqgan/vqgan.safetensors" "$out/$name/"
  say "CLIP stage $name"
  "$train" --out "$out/$name" --reuse-vqgan --vqgan-seconds "$vqgan_seconds" "${steps[@]}" --bf16 "$@" > "$out/$name.log" 2>&1
  say "CLIP stage $name done"
}
stage clip-base
stage clip-structure --clip-init "$out/clip-base/clip.safetensors" --clip-steps 1000 --clip-lr 0.0003 --clip-structure-negatives 1
stage clip-mined --clip-init "$out/clip-structure/clip.safetensors" --clip-steps 1000 --clip-lr 0.0003 --clip-structure-negatives 1 \
  --clip-mine 200
say "all done in $(( ($(date +%s) - start) / 60 )) min: $out/clip-mined"
