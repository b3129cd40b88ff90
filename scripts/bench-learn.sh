#!/usr/bin/env bash
# Speed and quality of the two learning capabilities, side by side with their usual peers.
# Measures and prints; asserts nothing (a missed goal is printed as "missed", exit code 0).
#   1. k-means (issue 5): 1,000,000 × 10 seeded Gaussian blobs, k = 8, n_init = 1
#        lendseg `kmeans` (wasm) in headless Debian Chromium, median of 3
#        scikit-learn KMeans(lloyd, n_init=1), 2 threads, median of 3
#        ml-kmeans 7.0.1 in Node, median of 3 (about 15 s a run)
#   2. scorecard training (issue 4): Taiwan credit train/test, and a seeded 100,000 × 20 synthetic set
#        lendseg CLI `train` (release, end to end, median of 5 / 3) + `evaluate` on the test file
#        lendseg `trainScorecard` + `evaluatePolicy` (wasm) in headless Chromium, median of 5 / 3
#        OptBinning (BinningProcess + Scorecard), with and without the IV ≥ 0.02 screen; scorecardpy
#   3. the two tables with the ratios (benches/learn/report.mjs)
# Makes what is missing and says so: the build (`npm run build`), a Python venv with the peers
# ($LEARN_VENV, default /tmp/bench-venv), ml-kmeans in benches/learn/node_modules, and the data
# ($LEARN_DATA, default /tmp/lendseg-learn; written once, seeded). Results: target/bench-learn/.
# Options: --build, --kmeans-only, --scorecard-only, --skip-ml-kmeans, --quick (fewer peer runs).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

build=0 kmeans=1 scorecard=1 ml=1 quick=0
for a in "$@"; do
  case "$a" in
    --build) build=1 ;;
    --kmeans-only) scorecard=0 ;;
    --scorecard-only) kmeans=0 ;;
    --skip-ml-kmeans) ml=0 ;;
    --quick) quick=1 ;;
    *) echo "usage: scripts/bench-learn.sh [--build] [--kmeans-only|--scorecard-only] [--skip-ml-kmeans] [--quick]" >&2; exit 2 ;;
  esac
done

venv="${LEARN_VENV:-/tmp/bench-venv}"
data="${LEARN_DATA:-/tmp/lendseg-learn}"
out=target/bench-learn
here=benches/learn
py="$venv/bin/python"
# The peers, at the versions RESULTS.md was measured with (scorecardpy 0.1.9.7 fails under pandas 3).
pydeps=(numpy==2.4.6 scikit-learn==1.9.1 pandas==2.2.3 optbinning==1.0.0 scorecardpy==0.1.9.7)

step() { printf '\n\033[1m== %s\033[0m  (load average %s)\n' "$*" "$(cut -d' ' -f1-3 /proc/loadavg)"; }
started=$SECONDS

# --- what the run needs ------------------------------------------------------------------------
if [[ $build == 1 || ! -f pkg/lendseg.js || ! -x target/release/lendseg ]]; then
  step "build: npm run build (pkg/ and target/release/lendseg missing or --build)"
  npm run build
fi
if [[ ! -d node_modules/@playwright/test ]]; then
  echo "bench-learn: node_modules/@playwright/test missing: npm install (the project's own packages)"
  npm install --no-audit --no-fund
fi
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  echo "bench-learn: no Chromium at $chromium: run 'npm run setup' (installs Debian's chromium) or set CHROMIUM_PATH" >&2
  exit 2
fi
if [[ ! -x "$py" ]] || ! "$py" -c 'import numpy, sklearn, pandas, optbinning, scorecardpy' 2>/dev/null; then
  echo "bench-learn: making the Python venv $venv with ${pydeps[*]} (once; a few minutes)"
  [[ -x "$py" ]] || python3 -m venv "$venv"
  "$py" -m pip install -q "${pydeps[@]}"
fi
if [[ $kmeans == 1 && $ml == 1 && ! -f $here/node_modules/ml-kmeans/package.json ]]; then
  echo "bench-learn: installing ml-kmeans 7.0.1 into $here/node_modules (its own package.json)"
  (cd $here && npm ci --no-audit --no-fund)
fi
mkdir -p "$out" "$data"
printf 'machine: %s cores, %s; load average %s\n' "$(nproc)" \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')" "$(cut -d' ' -f1-3 /proc/loadavg)"

# --- data (seeded, written once) ---------------------------------------------------------------
if [[ $kmeans == 1 ]]; then
  "$py" $here/gen_blobs.py "$data/blobs_1m" 1000000 10 8 42
fi
if [[ $scorecard == 1 ]]; then
  [[ -f "$data/synth_100k.csv" ]] || "$py" $here/gen_synth.py "$data/synth_100k.csv" 100000 1
  [[ -f "$data/synth_test_50k.csv" ]] || "$py" $here/gen_synth.py "$data/synth_test_50k.csv" 50000 2
fi
tw_train=/work/shared/data/taiwan_credit_train.csv
tw_test=/work/shared/data/taiwan_credit_test.csv
[[ -f $tw_train ]] || { tw_train=../shared/data/taiwan_credit_train.csv; tw_test=../shared/data/taiwan_credit_test.csv; }

rm -f "$out"/*.json "$out"/*.jsonl "$out"/summary.md
only=()
[[ $kmeans == 0 ]] && only=(--only scorecard)
[[ $scorecard == 0 ]] && only=(--only kmeans)

# --- lendseg in the browser (both parts in one Chromium) --------------------------------------
step "lendseg wasm in headless Chromium"
node $here/browser.mjs "${only[@]}" --out "$out/browser.json" --blobs "$data/blobs_1m" \
  --taiwan-train "$tw_train" --taiwan-test "$tw_test" \
  --synth-train "$data/synth_100k.csv" --synth-test "$data/synth_test_50k.csv" >/dev/null

if [[ $kmeans == 1 ]]; then
  step "k-means: scikit-learn (2 threads)"
  "$py" $here/sklearn_kmeans.py "$data/blobs_1m" 3 8 > "$out/kmeans-sklearn.json"
  if [[ $ml == 1 ]]; then
    step "k-means: ml-kmeans in Node (about 15 s a run)"
    node --max-old-space-size=8192 $here/ml_kmeans.mjs "$data/blobs_1m" 3 8 > "$out/kmeans-ml.json"
  fi
fi

if [[ $scorecard == 1 ]]; then
  step "scorecard: lendseg CLI (release)"
  node $here/scorecard_cli.mjs --out "$out/scorecard-cli.json" --runs 5 --synth-runs 3 \
    --taiwan-train "$tw_train" --taiwan-test "$tw_test" \
    --synth-train "$data/synth_100k.csv" --synth-test "$data/synth_test_50k.csv" >/dev/null
  step "scorecard: OptBinning and scorecardpy on Taiwan"
  runs=5; [[ $quick == 1 ]] && runs=2
  "$py" $here/scorecard_peers.py "$tw_train" "$tw_test" --target default --exclude bad \
    --runs $runs --dataset taiwan > "$out/scorecard-peers.jsonl"
  step "scorecard: OptBinning and scorecardpy on synth 100k (scorecardpy: one run, about 20 s)"
  runs=3; [[ $quick == 1 ]] && runs=1
  "$py" $here/scorecard_peers.py "$data/synth_100k.csv" "$data/synth_test_50k.csv" --target default \
    --exclude id --runs $runs --tools optb,optb_iv --dataset synth >> "$out/scorecard-peers.jsonl"
  if [[ $quick == 0 ]]; then
    "$py" $here/scorecard_peers.py "$data/synth_100k.csv" "$data/synth_test_50k.csv" --target default \
      --exclude id --runs 1 --tools scp --dataset synth >> "$out/scorecard-peers.jsonl"
  fi
fi

step "summary (whole run $((SECONDS - started)) s)"
node $here/report.mjs "$out" --out "$out/summary.md"
echo
echo "JSON and summary.md in $out/"
