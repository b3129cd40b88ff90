#!/usr/bin/env bash
# Fuzz the core with cargo-fuzz (libFuzzer + AddressSanitizer) on stable Rust.
#
#   bash scripts/fuzz.sh                 smoke: every target for 20 s from the committed corpus
#   bash scripts/fuzz.sh 600 segment     one target (or several) for 600 s each
#   GROW=1 bash scripts/fuzz.sh 900      keep new inputs, then minimise the corpus (cmin) to commit
#
# cargo-fuzz needs nightly-only compiler flags (-Zsanitizer); RUSTC_BOOTSTRAP=1 lets the stable
# toolchain accept them, so no nightly is needed. One process per target (the machine is shared);
# a crash stops the run and leaves the input in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export RUSTC_BOOTSTRAP=1

seconds="${1:-20}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(ingest_csv ingest_xlsx policy segment segment_rows train kmeans)
fi

command -v cargo-fuzz >/dev/null || {
  echo "installing cargo-fuzz (crates.io)"
  cargo install cargo-fuzz --locked
}
cargo fuzz build

for t in "${targets[@]}"; do
  corpus="fuzz/corpus/$t"
  mkdir -p "$corpus"
  extra=()
  [ -f "fuzz/dict/$t.dict" ] && extra+=("-dict=fuzz/dict/$t.dict")
  if [ "${GROW:-0}" = 1 ]; then
    dirs=("$corpus")
  else
    scratch="$(mktemp -d)"
    dirs=("$scratch" "$corpus")
  fi
  printf '\n== fuzz %s for %ss\n' "$t" "$seconds"
  log="$(mktemp)"
  status=0
  cargo fuzz run "$t" "${dirs[@]}" -- -max_total_time="$seconds" -timeout=20 \
    -rss_limit_mb=3072 -print_final_stats=1 "${extra[@]}" >"$log" 2>&1 || status=$?
  if [ "$status" -eq 0 ]; then
    grep -E '^(#[0-9]+.*DONE|stat::number_of_executed_units|stat::average_exec_per_sec)' "$log" || true
  else
    tail -60 "$log"
  fi
  rm -f "$log"
  [ "${GROW:-0}" = 1 ] || rm -rf "$scratch"
  if [ "$status" -ne 0 ]; then
    echo "fuzz target $t failed (exit $status); see fuzz/artifacts/$t/" >&2
    exit "$status"
  fi
  if [ "${GROW:-0}" = 1 ]; then
    cargo fuzz cmin "$t" "$corpus" -- "${extra[@]}" >/dev/null 2>&1
    echo "corpus $t: $(ls "$corpus" | wc -l) files, $(du -sh "$corpus" | cut -f1)"
  fi
done
