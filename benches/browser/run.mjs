// Browser benchmark driver: serves the repo's pkg/, the two JS parsers, this folder and one CSV
// file from a static server on 127.0.0.1 (ephemeral port), opens benches/browser/bench.html in
// headless Debian Chromium (the launch args of playwright.config.js; never a downloaded browser),
// and times lendseg, uDSV and PapaParse on the same bytes. Any request to another host is aborted.
//
//   node benches/browser/run.mjs [--file /tmp/bench-1m.csv] [--runs 3 (rounds; median)] [--papa-runs 1]
//                                [--native target/bench/native.json] [--out target/bench/browser.json]
//
// Prints MB/s per contender and the ratios; with --native (the JSON `cargo bench --bench segment`
// writes when LENDSEG_BENCH_JSON is set) also wasm vs native. Measures only; asserts nothing.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import config from '../../playwright.config.js';
import { arg, requireFiles, serve, underPrefixes, launch, localPage, log, median } from '../harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const file = path.resolve(arg('file', '/tmp/bench-1m.csv'));
const runs = Number(arg('runs', '3'));
const papaRuns = Number(arg('papa-runs', '1'));
const nativePath = arg('native', null);
const outPath = arg('out', null);

requireFiles([file, path.join(root, 'pkg/lendseg.js'), path.join(root, 'node_modules/udsv/dist/uDSV.mjs'),
  path.join(root, 'node_modules/papaparse/papaparse.min.js')], 'run `npm run build`, `npm install`, or generate the CSV first');

const SERVED = ['/pkg/', '/node_modules/udsv/', '/node_modules/papaparse/', '/benches/browser/'];
const { server, origin } = await serve((p) => (p === '/data.csv' ? file : underPrefixes(root, SERVED, p)));

const launchOptions = config.use?.launchOptions ?? {};
// gc() between runs (not timed), and room for PapaParse's million row arrays.
const browser = await launch([...(launchOptions.args ?? []), '--js-flags=--expose-gc --max-old-space-size=8192'],
  launchOptions.executablePath);

let result;
try {
  const page = await localPage(browser, log);
  await page.goto(`${origin}/benches/browser/bench.html`);
  await page.waitForFunction(() => window.bench);

  const { bytes } = await page.evaluate((u) => window.bench.load(u), '/data.csv');
  const mb = bytes / 1e6;
  log(`chromium ${browser.version()}, ${path.basename(file)}: ${mb.toFixed(1)} MB`);
  const mbps = (ms) => mb / (ms / 1000);

  // Rounds interleave the contenders so that a change in machine load (other processes) falls
  // on all of them alike; PapaParse, the slowest, runs last.
  const l = { ms: [], freeMs: [], readMs: [], rows: 0 };
  const uc = { ms: [], rows: 0 };
  const ua = { ms: [], rows: 0 };
  const secs = (a) => a.map((x) => (x / 1000).toFixed(2)).join(', ');
  for (let round = 1; round <= runs; round++) {
    const r1 = await page.evaluate(() => window.bench.lendseg(1));
    l.ms.push(...r1.ms); l.freeMs.push(...r1.freeMs); l.readMs.push(...r1.readMs); l.rows = r1.rows; l.wasmMemoryBytes = r1.wasmMemoryBytes;
    const r2 = await page.evaluate(() => window.bench.udsv('typedCols', 1));
    uc.ms.push(...r2.ms); uc.rows = r2.rows;
    const r3 = await page.evaluate(() => window.bench.udsv('typedArrs', 1));
    ua.ms.push(...r3.ms); ua.rows = r3.rows;
    log(`round ${round}/${runs}: lendseg ${secs(r1.ms)} s (read ${secs(r1.readMs)} s), uDSV typedCols ${secs(r2.ms)} s, typedArrs ${secs(r3.ms)} s`);
  }
  log(`lendseg peak wasm memory ${(l.wasmMemoryBytes / 1e6).toFixed(0)} MB`);
  log(`rows: lendseg ${l.rows}, uDSV typedCols ${uc.rows}, typedArrs ${ua.rows}`);
  const p = await page.evaluate((n) => window.bench.papa(n), papaRuns);
  log(`PapaParse × ${papaRuns}: ${secs(p.ms)} s; ${p.rows} lines, ${p.errors} errors`);

  result = {
    chromium: browser.version(), file, bytes, rows: l.rows,
    lendseg: { ms: l.ms, read_ms: l.readMs, free_ms: l.freeMs, mb_per_s: mbps(median(l.ms)), rows_per_s: l.rows / (median(l.ms) / 1000), peak_wasm_memory_mb: l.wasmMemoryBytes / 1e6 },
    udsv_typed_cols: { ms: uc.ms, mb_per_s: mbps(median(uc.ms)), rows: uc.rows },
    udsv_typed_arrs: { ms: ua.ms, mb_per_s: mbps(median(ua.ms)), rows: ua.rows },
    papaparse: { ms: p.ms, mb_per_s: mbps(median(p.ms)), lines: p.rows },
  };
} finally {
  await browser.close();
  server.close();
}

const fastestJs = Math.max(result.udsv_typed_cols.mb_per_s, result.udsv_typed_arrs.mb_per_s, result.papaparse.mb_per_s);
result.ratio_lendseg_over_udsv_typed_cols = result.lendseg.mb_per_s / result.udsv_typed_cols.mb_per_s;
result.ratio_lendseg_over_udsv_typed_arrs = result.lendseg.mb_per_s / result.udsv_typed_arrs.mb_per_s;
result.ratio_lendseg_over_papaparse = result.lendseg.mb_per_s / result.papaparse.mb_per_s;
result.ratio_lendseg_over_fastest_js = result.lendseg.mb_per_s / fastestJs;
if (nativePath && fs.existsSync(nativePath)) {
  const native = JSON.parse(fs.readFileSync(nativePath, 'utf8'));
  result.native_segment_bytes_mb_per_s = native.segment_bytes_mb_per_s;
  result.ratio_native_over_wasm = native.segment_bytes_mb_per_s / result.lendseg.mb_per_s;
}

const line = (label, mbs, extra = '') => console.log(`  ${label.padEnd(44)}${mbs.toFixed(1).padStart(8)} MB/s${extra}`);
console.log(`\nbrowser (headless Chromium ${result.chromium}), ${(result.bytes / 1e6).toFixed(1)} MB, ${result.rows} rows`);
line(`lendseg segmentFile, bytes → results (×${runs})`, result.lendseg.mb_per_s, `  ${Math.round(result.lendseg.rows_per_s)} rows/s`);
line(`uDSV typedCols, decode + parse (×${runs})`, result.udsv_typed_cols.mb_per_s);
line(`uDSV typedArrs, decode + parse (×${runs})`, result.udsv_typed_arrs.mb_per_s);
line(`PapaParse dynamicTyping, decode + parse (×${papaRuns})`, result.papaparse.mb_per_s);
console.log(`  lendseg / uDSV typedCols ${result.ratio_lendseg_over_udsv_typed_cols.toFixed(2)}×, / uDSV typedArrs ${result.ratio_lendseg_over_udsv_typed_arrs.toFixed(2)}×, / PapaParse ${result.ratio_lendseg_over_papaparse.toFixed(2)}× (goal: ≥ 2× the fastest JS parser)`);
if (result.ratio_native_over_wasm) {
  console.log(`  native segment_bytes ${result.native_segment_bytes_mb_per_s.toFixed(1)} MB/s → native / wasm ${result.ratio_native_over_wasm.toFixed(2)}× (goal: ≤ 2×)`);
}
if (outPath) {
  fs.mkdirSync(path.dirname(path.resolve(outPath)), { recursive: true });
  fs.writeFileSync(outPath, JSON.stringify(result, null, 2));
  log(`wrote ${outPath}`);
}
