// The page side of the learning benchmark: loads the package (pkg/, wasm-bindgen --target web)
// and exposes window.learn for browser.mjs. Every timed span is one call of the public JS API
// on data already in the page (fetching is not timed): `kmeans(Float64Array, d, opts)`, which
// includes copying the 80 MB matrix into wasm memory and returning labels/centroids, and
// `trainScorecard(bytes, opts)`, which includes reading the CSV bytes, the fit, building the
// policy and converting the report to JS.
import init, { kmeans, trainScorecard, evaluatePolicy, version } from '/pkg/lendseg.js';
import { adjustedRandIndex } from '/benches/learn/ari.mjs';

await init({ module_or_path: '/pkg/lendseg_bg.wasm' });

const files = new Map(); // name → Uint8Array (CSV bytes)
const policies = new Map(); // name → policy JSON text from the last trainScorecard
let blobs = null;

async function fetchBytes(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

window.learn = {
  version: () => version(),

  async loadBlobs(prefix) {
    const meta = await (await fetch(`${prefix}.json`)).json();
    const x = await fetchBytes(`${prefix}.f64`);
    const l = await fetchBytes(`${prefix}.labels`);
    blobs = {
      meta,
      data: new Float64Array(x.buffer, x.byteOffset, x.byteLength / 8),
      truth: new Uint32Array(l.buffer, l.byteOffset, l.byteLength / 4),
    };
    return { n: meta.n, d: meta.d, bytes: x.byteLength };
  },

  kmeans(k, seed) {
    const t0 = performance.now();
    const m = kmeans(blobs.data, blobs.meta.d, { k, nInit: 1, seed: BigInt(seed) });
    const ms = performance.now() - t0;
    return { ms, inertia: m.inertia, nIter: m.nIter, converged: m.converged,
      ari: adjustedRandIndex(blobs.truth, m.labels) };
  },

  async loadFile(name, url) {
    const b = await fetchBytes(url);
    files.set(name, b);
    return b.byteLength;
  },

  train(name, options) {
    const bytes = files.get(name);
    const t0 = performance.now();
    const r = trainScorecard(bytes, options);
    const ms = performance.now() - t0;
    policies.set(name, r.policy);
    const m = r.report.train_metrics;
    return {
      ms,
      train: { auc: m.auc, ks: m.ks, n: m.n, bads: m.bads },
      selected: r.report.scorecard.features.map((f) => f.field),
      dropped: r.report.dropped.length,
    };
  },

  evaluate(policyOf, testName, target) {
    const t0 = performance.now();
    const e = evaluatePolicy(files.get(testName), { policy: policies.get(policyOf), target });
    const ms = performance.now() - t0;
    return { ms, auc: e.metrics.auc, gini: e.metrics.gini, ks: e.metrics.ks, n: e.metrics.n };
  },
};
document.getElementById('out').textContent = `lendseg ${version()} ready`;
window.learnReady = true;
