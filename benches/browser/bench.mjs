// The page side of the browser benchmark: every contender gets the SAME bytes of one CSV file and
// is timed from those bytes (the JS parsers include TextDecoder, since lendseg takes bytes too).
//
//   lendseg  segmentFile(bytes, {})   bytes → every result column (enterprise policy), in wasm
//   uDSV     decode + inferSchema + initParser + typedCols / typedArrs   (parsing only)
//   Papa     decode + Papa.parse(text, { dynamicTyping: true })           (parsing only)
//
// `benches/browser/run.mjs` loads this page in headless Chromium and calls `window.bench.*` one
// step at a time (so it can report progress and collect garbage between runs). Opening
// bench.html?auto&file=/data.csv by hand runs the same steps and prints them on the page.

import init, { segmentFile } from '/pkg/lendseg.js';
import { inferSchema, initParser } from '/node_modules/udsv/dist/uDSV.mjs';

let bytes = null;
let wasm = null;

const now = () => performance.now();
const gc = () => { if (typeof globalThis.gc === 'function') globalThis.gc(); };

async function load(url) {
  wasm = await init();
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  bytes = new Uint8Array(await res.arrayBuffer());
  return { bytes: bytes.length };
}

/** lendseg: bytes → full results. `ms` is segmentFile alone (`readMs` of it reading); `freeMs`
 * the Batch's free(). */
function lendseg(runs = 3) {
  const ms = [], freeMs = [], readMs = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    gc();
    // The core reports progress a few dozen times per file; the first `classify` report marks
    // the end of reading (decode + parse into columns), the rest is the engine and the results.
    let readEnd = null;
    const onProgress = (stage) => { if (stage === 'classify' && readEnd === null) readEnd = now(); };
    const t0 = now();
    const batch = segmentFile(bytes, {}, onProgress);
    const t1 = now();
    readMs.push(readEnd - t0);
    rows = batch.length;
    batch.free();
    ms.push(t1 - t0);
    freeMs.push(now() - t1);
  }
  // Wasm memory never shrinks, so its size after the runs is the peak the runs needed.
  return { ms, freeMs, readMs, rows, wasmMemoryBytes: wasm.memory.buffer.byteLength };
}

/** uDSV typed parsing, as its README shows: inferSchema + initParser + typedCols (or typedArrs). */
function udsv(mode = 'typedCols', runs = 3) {
  const ms = [];
  let rows = 0;
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = now();
    const text = new TextDecoder().decode(bytes);
    const parser = initParser(inferSchema(text));
    const out = parser[mode](text);
    ms.push(now() - t0);
    rows = mode === 'typedCols' ? out[0].length : out.length;
  }
  return { ms, rows };
}

/** PapaParse with dynamic typing (no header option: one array per line, header line included). */
function papa(runs = 1) {
  const ms = [];
  let rows = 0, errors = 0;
  for (let i = 0; i < runs; i++) {
    gc();
    const t0 = now();
    const text = new TextDecoder().decode(bytes);
    const res = globalThis.Papa.parse(text, { dynamicTyping: true });
    ms.push(now() - t0);
    rows = res.data.length;
    errors = res.errors.length;
  }
  return { ms, rows, errors };
}

window.bench = { load, lendseg, udsv, papa };

const params = new URLSearchParams(location.search);
if (params.has('auto')) {
  const out = document.getElementById('out');
  const say = (s) => { out.textContent += `\n${s}`; };
  out.textContent = '';
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  try {
    const { bytes: n } = await load(params.get('file') || '/data.csv');
    const mbps = (ms) => (n / 1e6 / (ms / 1000)).toFixed(1);
    say(`${(n / 1e6).toFixed(1)} MB`);
    const l = lendseg(3); say(`lendseg segmentFile  ${mbps(median(l.ms))} MB/s  (${l.rows} rows)`);
    const u = udsv('typedCols', 3); say(`uDSV typedCols       ${mbps(median(u.ms))} MB/s  (${u.rows} rows)`);
    const p = papa(1); say(`PapaParse            ${mbps(median(p.ms))} MB/s  (${p.rows} lines)`);
  } catch (e) {
    say(`error: ${e}`);
  }
}
document.getElementById('out').dataset.ready = '1';
