// npm ml-kmeans 7.0.1 (benches/learn/node_modules) on the blobs written by gen_blobs.py, in Node.
//   node ml_kmeans.mjs [prefix] [runs=3] [k=8]
// kmeans++ initialisation, seeds 0..runs-1; the timed call is `kmeans(rows, k, …)` on an array of
// row arrays (ml-kmeans' input; building it is not timed). Prints one JSON line: median/min
// seconds, worst inertia and ARI over the runs (ari.mjs), iterations of the last run.
// Adapted from the clustering helper's bench/ml_kmeans.mjs.
import { readFileSync } from 'node:fs';
import { kmeans } from 'ml-kmeans';
import { adjustedRandIndex } from './ari.mjs';

const version = JSON.parse(readFileSync(new URL('./node_modules/ml-kmeans/package.json', import.meta.url), 'utf8')).version;
const prefix = process.argv[2] ?? '/tmp/lendseg-learn/blobs_1m';
const runs = Number(process.argv[3] ?? 3);
const k = Number(process.argv[4] ?? 8);
const meta = JSON.parse(readFileSync(`${prefix}.json`, 'utf8'));
const buf = readFileSync(`${prefix}.f64`);
const flat = new Float64Array(buf.buffer, buf.byteOffset, buf.byteLength / 8);
const lbuf = readFileSync(`${prefix}.labels`);
const truth = new Uint32Array(lbuf.buffer, lbuf.byteOffset, lbuf.byteLength / 4);
const rows = [];
for (let i = 0; i < meta.n; i++) rows.push(Array.from(flat.subarray(i * meta.d, (i + 1) * meta.d)));

const times = [];
const inertias = [];
const aris = [];
let result;
for (let r = 0; r < runs; r++) {
  const t = process.hrtime.bigint();
  result = kmeans(rows, k, { initialization: 'kmeans++', seed: r });
  times.push(Number(process.hrtime.bigint() - t) / 1e9);
  let inertia = 0;
  for (let i = 0; i < meta.n; i++) {
    const c = result.centroids[result.clusters[i]];
    for (let j = 0; j < meta.d; j++) {
      const e = rows[i][j] - c[j];
      inertia += e * e;
    }
  }
  inertias.push(inertia);
  aris.push(adjustedRandIndex(truth, result.clusters));
  process.stderr.write(`ml-kmeans run ${r + 1}/${runs}: ${times[r].toFixed(3)} s, inertia ${inertia.toFixed(6)}, ${result.iterations} iterations\n`);
}
const sorted = [...times].sort((a, b) => a - b);
console.log(JSON.stringify({
  tool: `ml-kmeans ${version} (Node ${process.version}, kmeans++)`,
  seconds: sorted[Math.floor(sorted.length / 2)], min_seconds: sorted[0], times,
  inertia: Math.max(...inertias), inertias, ari: Math.min(...aris), n_iter: result.iterations,
}));
