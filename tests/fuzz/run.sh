#!/usr/bin/env bash
# Builds the libFuzzer targets (the "fuzz" preset, clang) and runs each for SECONDS (default 600),
# starting from the kept corpus in tests/fuzz/corpus/<target>. New inputs go to build/fuzz/work;
# a crash, leak, timeout or sanitizer report leaves its input in build/fuzz/findings/<target>/ and
# makes the script fail. Usage: tests/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$here"
seconds="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(checkpoint safetensors taming_yaml clip_bpe sentencepiece prompt png_metadata gallery_query xlmr_tokenizer spm_model clip_config)

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
failed=0
for t in "${targets[@]}"; do
  work="build/fuzz/work/$t" findings="build/fuzz/findings/$t"
  mkdir -p "$work" "$findings"
  log="build/fuzz/$t.log"
  echo "== fuzz_$t for ${seconds}s (log: $log)"
  # 8 KiB inputs reach every header path; the checkpoint seeds are larger real archives.
  maxlen=8192
  case "$t" in checkpoint|safetensors|spm_model) maxlen=131072 ;; clip_config) maxlen=300000 ;; esac
  if build/fuzz/bin/fuzz_"$t" "$work" "tests/fuzz/corpus/$t" -max_total_time="$seconds" -max_len="$maxlen" \
       -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$findings/" >"$log" 2>&1; then
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|cov:" "$log" | tail -3
  else
    echo "!! fuzz_$t found a problem: see $log and $findings/"
    failed=1
  fi
done
exit $failed
