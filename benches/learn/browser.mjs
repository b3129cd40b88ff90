// Browser side of the learning benchmark: serves pkg/, benches/learn/ and the data files from a
// static server on 127.0.0.1 (ephemeral port), opens benches/learn/page.html in headless Debian
// Chromium (never a downloaded browser) and times lendseg's wasm k-means and scorecard training.
// Any request to a host other than 127.0.0.1 is aborted. Measures only; asserts nothing.
//
//   node benches/learn/browser.mjs [--only kmeans|scorecard] [--out FILE.json]
//        [--blobs /tmp/lendseg-learn/blobs_1m] [--kmeans-runs 3] [--k 8]
//        [--taiwan-train F] [--taiwan-test F] [--train-runs 5]
//        [--synth-train F] [--synth-test F] [--synth-runs 3]
//        [--kmeans-warmup 1] [--train-warmup 3] [--synth-warmup 1]
//
// Each measurement starts with untimed warm-up calls (the first is reported as `cold_s`: V8
// compiles wasm with its baseline tier first and moves hot functions to the optimising tier while
// they run, so the first calls are slower), then the timed runs, whose median is reported.
//
// Prints progress on stderr and the results as one JSON object on stdout (and to --out).
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { arg, requireFiles, serve, underPrefixes, launch, localPage, log, median } from '../harness.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const only = arg('only', null);
const outPath = arg('out', null);
const blobs = arg('blobs', '/tmp/lendseg-learn/blobs_1m');
const kmeansRuns = Number(arg('kmeans-runs', '3'));
const k = Number(arg('k', '8'));
const taiwanTrain = arg('taiwan-train', '/work/shared/data/taiwan_credit_train.csv');
const taiwanTest = arg('taiwan-test', '/work/shared/data/taiwan_credit_test.csv');
const trainRuns = Number(arg('train-runs', '5'));
const synthTrain = arg('synth-train', '/tmp/lendseg-learn/synth_100k.csv');
const synthTest = arg('synth-test', '/tmp/lendseg-learn/synth_test_50k.csv');
const synthRuns = Number(arg('synth-runs', '3'));
const kmeansWarmup = Number(arg('kmeans-warmup', '1'));
const trainWarmup = Number(arg('train-warmup', '3'));
const synthWarmup = Number(arg('synth-warmup', '1'));
const doKmeans = only === null || only === 'kmeans';
const doScorecard = only === null || only === 'scorecard';

// /data/NAME → a file given on the command line; nothing else outside pkg/ and benches/learn/.
const data = new Map();
if (doKmeans) for (const ext of ['json', 'f64', 'labels']) data.set(`blobs.${ext}`, `${blobs}.${ext}`);
if (doScorecard) {
  data.set('taiwan_train.csv', taiwanTrain);
  data.set('taiwan_test.csv', taiwanTest);
  data.set('synth_train.csv', synthTrain);
  data.set('synth_test.csv', synthTest);
}
requireFiles([path.join(root, 'pkg/lendseg.js'), ...data.values()], 'run `npm run build` or scripts/bench-learn.sh, which makes the data');

const { server, origin } = await serve((p) => (p.startsWith('/data/')
  ? data.get(p.slice(6)) ?? null
  : p.includes('/node_modules/') ? null : underPrefixes(root, ['/pkg/', '/benches/learn/'], p)));

const browser = await launch();
const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

const result = { chromium: browser.version(), load_start: load() };
try {
  const page = await localPage(browser, log);
  await page.goto(`${origin}/benches/learn/page.html`);
  await page.waitForFunction(() => window.learnReady === true);
  result.lendseg = await page.evaluate(() => window.learn.version());
  log(`chromium ${result.chromium}, lendseg ${result.lendseg}, load ${result.load_start}`);

  if (doKmeans) {
    const shape = await page.evaluate((p) => window.learn.loadBlobs(p), '/data/blobs');
    log(`k-means: ${shape.n} x ${shape.d} (${(shape.bytes / 1e6).toFixed(0)} MB) loaded`);
    const runs = [];
    const warm = [];
    for (let r = 0; r < kmeansWarmup + kmeansRuns; r++) {
      const seed = r - kmeansWarmup; // warm-up calls use seeds 100, 101, …; timed runs 0, 1, 2
      const x = await page.evaluate(([kk, s]) => window.learn.kmeans(kk, s), [k, seed < 0 ? 100 + r : seed]);
      (seed < 0 ? warm : runs).push(x);
      log(`lendseg wasm kmeans ${seed < 0 ? `warm-up ${r + 1}` : `run ${seed + 1}/${kmeansRuns}`}: `
        + `${(x.ms / 1000).toFixed(3)} s, inertia ${x.inertia.toFixed(6)}, ${x.nIter} iterations, ARI ${x.ari}`);
    }
    result.kmeans = {
      tool: 'lendseg wasm (headless Chromium) n_init=1',
      seconds: median(runs.map((x) => x.ms)) / 1000,
      min_seconds: Math.min(...runs.map((x) => x.ms)) / 1000,
      times: runs.map((x) => x.ms / 1000),
      inertia: Math.max(...runs.map((x) => x.inertia)),
      inertias: runs.map((x) => x.inertia),
      ari: Math.min(...runs.map((x) => x.ari)),
      n_iter: runs.at(-1).nIter,
      converged: runs.every((x) => x.converged),
      cold_s: warm.length ? warm[0].ms / 1000 : null,
      warmup_times: warm.map((x) => x.ms / 1000),
    };
  }

  if (doScorecard) {
    for (const name of ['taiwan_train.csv', 'taiwan_test.csv', 'synth_train.csv', 'synth_test.csv']) {
      await page.evaluate(([n, u]) => window.learn.loadFile(n, u), [name, `/data/${name}`]);
    }
    const sets = [
      { key: 'taiwan', train: 'taiwan_train.csv', test: 'taiwan_test.csv', runs: trainRuns, warmup: trainWarmup,
        options: { target: 'default', exclude: ['bad'] } },
      { key: 'synth', train: 'synth_train.csv', test: 'synth_test.csv', runs: synthRuns, warmup: synthWarmup,
        options: { target: 'default', exclude: ['id'] } },
    ];
    result.scorecard = {};
    for (const s of sets) {
      const runs = [];
      const warm = [];
      for (let r = 0; r < s.warmup + s.runs; r++) {
        const x = await page.evaluate(([n, o]) => window.learn.train(n, o), [s.train, s.options]);
        (r < s.warmup ? warm : runs).push(x);
        log(`lendseg wasm trainScorecard ${s.key} ${r < s.warmup ? `warm-up ${r + 1}` : `run ${r - s.warmup + 1}/${s.runs}`}: `
          + `${x.ms.toFixed(1)} ms`);
      }
      const ev = await page.evaluate(([p, t]) => window.learn.evaluate(p, t, 'default'), [s.train, s.test]);
      log(`  selected ${runs.at(-1).selected.join(', ')}; test AUC ${ev.auc.toFixed(4)}, KS ${ev.ks.toFixed(4)} `
        + `(evaluatePolicy ${ev.ms.toFixed(1)} ms)`);
      result.scorecard[s.key] = {
        tool: 'lendseg wasm trainScorecard (headless Chromium)',
        fit_s: median(runs.map((x) => x.ms)) / 1000,
        min_s: Math.min(...runs.map((x) => x.ms)) / 1000,
        times: runs.map((x) => x.ms / 1000),
        train: runs.at(-1).train,
        selected: runs.at(-1).selected,
        test: { auc: ev.auc, gini: ev.gini, ks: ev.ks, n: ev.n },
        evaluate_s: ev.ms / 1000,
        cold_s: warm.length ? warm[0].ms / 1000 : null,
        warmup_times: warm.map((x) => x.ms / 1000),
      };
    }
  }
} finally {
  await browser.close();
  server.close();
}
result.load_end = load();
const text = JSON.stringify(result, null, 1);
if (outPath) {
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  fs.writeFileSync(outPath, text);
}
console.log(text);
