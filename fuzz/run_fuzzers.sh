#!/usr/bin/env bash
# Runs every fuzz target of BUILD_DIR (configured with -Dfuzzing=true) for
# SECONDS each, on the corpus in BUILD_DIR/fuzz-corpus (seeded by
# make_corpus.py the first time, grown by each run), and prints libFuzzer's
# final line per target. Exits 1 after the first target that finds a crash,
# leak, timeout or sanitizer report; its log and reproducer stay in
# BUILD_DIR/fuzz-artifacts/.
# UBSan reports stop the target (halt_on_error): UBSan alone would print them
# and go on. Leaks are reported by libFuzzer's -detect_leaks (on by default).
# Usage: fuzz/run_fuzzers.sh BUILD_DIR [SECONDS]   (default 30)
set -euo pipefail
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
build=$(cd "$1" && pwd)
seconds=${2:-30}
here=$(cd "$(dirname "$0")" && pwd)
corpus=$build/fuzz-corpus
artifacts=$build/fuzz-artifacts
# Seeded when a target's corpus is missing (a new target); seeds are named
# by their hash, so seeding again only adds what is missing.
targets=(fuzz_install fuzz_markers fuzz_metadata fuzz_plain_zip fuzz_pylock fuzz_record fuzz_wheel)
for target in "${targets[@]}"; do
  [ -d "$corpus/$target" ] || { python3 "$here/make_corpus.py" "$corpus"; break; }
done
for target in "${targets[@]}"; do
  options=(-max_total_time="$seconds" -print_final_stats=1 -rss_limit_mb=2048 -timeout=60
    -artifact_prefix="$artifacts/$target-")
  [ -f "$here/$target.dict" ] && options+=(-dict="$here/$target.dict")
  mkdir -p "$artifacts" "$corpus/$target"
  log=$artifacts/$target.log
  if ! "$build/fuzz/$target" "${options[@]}" "$corpus/$target" >"$log" 2>&1; then
    tail -n 60 "$log"
    echo "fuzz: $target failed; log and reproducer in $artifacts" >&2
    exit 1
  fi
  done_line=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || true)
  inputs=$(find "$corpus/$target" -type f | wc -l)
  echo "fuzz: $target: ${done_line:-no DONE line} ($inputs inputs in the corpus)"
done
