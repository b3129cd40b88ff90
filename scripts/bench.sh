#!/usr/bin/env bash
# `npm run bench`: speed of the segmentation engine, natively and in the browser, on the same
# 1,000,000-row demo portfolio (seed 1). Measures and prints; asserts nothing.
#   1. cargo bench --bench segment   batch::run on parsed data (rows/s), read_delimited and
#                                    segment_bytes on the CSV bytes (MB/s)
#   2. benches/browser/run.mjs       headless Debian Chromium: lendseg segmentFile vs uDSV and
#                                    PapaParse parsing the same bytes (MB/s)
#   3. a summary table with the ratios the goals are stated in
# Builds first (`npm run build`) when pkg/ or the release CLI is missing, or with --build.
# Options: --build, --native-only, --browser-only.
# Environment: BENCH_ROWS (default 1000000), BENCH_CSV (default /tmp/bench-<rows>.csv),
# BENCH_ROUNDS (browser rounds, default 5: the median of 5 is steadier than of 3 on a shared machine).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

build=0 native=1 browser=1
for a in "$@"; do
  case "$a" in
    --build) build=1 ;;
    --native-only) browser=0 ;;
    --browser-only) native=0 ;;
    *) echo "usage: scripts/bench.sh [--build] [--native-only|--browser-only]" >&2; exit 2 ;;
  esac
done

rows="${BENCH_ROWS:-1000000}"
csv="${BENCH_CSV:-/tmp/bench-$rows.csv}"
out=target/bench
mkdir -p "$out"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

if [[ $build == 1 || ! -f pkg/lendseg.js || ! -x target/release/lendseg ]]; then
  step "build (npm run build)"
  npm run build
fi
[[ -d node_modules/udsv && -d node_modules/papaparse ]] || npm install --no-audit --no-fund

printf 'machine: %s cores, %s; load average %s\n' "$(nproc)" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')" "$(cut -d' ' -f1-3 /proc/loadavg)"

if [[ $native == 1 ]]; then
  step "native: cargo bench --bench segment ($rows rows)"
  rm -f "$out/native.json"
  LENDSEG_BENCH_ROWS="$rows" LENDSEG_BENCH_JSON="$PWD/$out/native.json" cargo bench --bench segment
fi

if [[ $browser == 1 ]]; then
  step "browser: headless Chromium ($rows rows)"
  target/release/lendseg demo-data -n "$rows" --seed 1 -o "$csv"
  rm -f "$out/browser.json"
  node benches/browser/run.mjs --file "$csv" --runs "${BENCH_ROUNDS:-5}" --papa-runs 1 --native "$out/native.json" --out "$out/browser.json"
fi

step "summary (load average now $(cut -d' ' -f1-3 /proc/loadavg))"
node --input-type=module - "$out/native.json" "$out/browser.json" <<'EOF'
import fs from 'node:fs';
const read = (p) => (fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : null);
const [n, b] = [read(process.argv[2]), read(process.argv[3])];
const rows = [];
const row = (what, value, goal = '') => rows.push([what, value, goal]);
const fmt = (x, unit, d = 1) => `${x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })} ${unit}`.trimEnd();
if (n) {
  row('native batch::run, parsed data', fmt(n.batch_run_rows_per_s, 'rows/s', 0), '≥ 2,000,000 rows/s');
  row('native read_delimited, bytes → dataset', fmt(n.read_delimited_mb_per_s, 'MB/s'));
  row('native segment_bytes, bytes → results', fmt(n.segment_bytes_mb_per_s, 'MB/s'));
  row('native segment_bytes', fmt(n.segment_bytes_rows_per_s, 'rows/s', 0));
  if (n.cpu_over_wall) row('native CPU time / wall time (1.00 = no contention)', fmt(n.cpu_over_wall, '', 2));
}
if (b) {
  row('wasm segmentFile, bytes → results', fmt(b.lendseg.mb_per_s, 'MB/s'));
  row('uDSV typedCols (decode + parse)', fmt(b.udsv_typed_cols.mb_per_s, 'MB/s'));
  row('uDSV typedArrs (decode + parse)', fmt(b.udsv_typed_arrs.mb_per_s, 'MB/s'));
  row('PapaParse dynamicTyping (decode + parse)', fmt(b.papaparse.mb_per_s, 'MB/s'));
  row('lendseg / uDSV typedCols', fmt(b.ratio_lendseg_over_udsv_typed_cols, '×', 2), '≥ 2×');
  row('lendseg / uDSV typedArrs', fmt(b.ratio_lendseg_over_udsv_typed_arrs, '×', 2), '≥ 2×');
  row('lendseg / PapaParse', fmt(b.ratio_lendseg_over_papaparse, '×', 2), '≥ 2×');
  if (b.ratio_native_over_wasm) row('native / wasm (segment_bytes)', fmt(b.ratio_native_over_wasm, '×', 2), '≤ 2×');
}
const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(`  ${r[0].padEnd(w[0])}  ${r[1].padStart(w[1])}  ${r[2]}`);
EOF
