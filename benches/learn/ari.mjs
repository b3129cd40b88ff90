// Adjusted Rand index of two labelings (Hubert & Arabie 1985, the formula of scikit-learn's
// adjusted_rand_score), for integer labels 0..k-1 in typed or plain arrays. Used by the page (our
// wasm k-means) and by ml_kmeans.mjs, so every JS-side ARI comes from the same code.
// Pair counts stay below 2^53 for n up to ~1.3e8, so plain doubles are exact.

const pairs = (x) => (x * (x - 1)) / 2;

export function adjustedRandIndex(truth, pred) {
  const n = truth.length;
  if (pred.length !== n) throw new Error(`length mismatch: ${n} vs ${pred.length}`);
  let ka = 0;
  let kb = 0;
  for (let i = 0; i < n; i++) {
    if (truth[i] >= ka) ka = truth[i] + 1;
    if (pred[i] >= kb) kb = pred[i] + 1;
  }
  const table = new Float64Array(ka * kb);
  for (let i = 0; i < n; i++) table[truth[i] * kb + pred[i]] += 1;
  let sumCells = 0;
  const rows = new Float64Array(ka);
  const cols = new Float64Array(kb);
  for (let a = 0; a < ka; a++) {
    for (let b = 0; b < kb; b++) {
      const c = table[a * kb + b];
      sumCells += pairs(c);
      rows[a] += c;
      cols[b] += c;
    }
  }
  let sumRows = 0;
  let sumCols = 0;
  for (const r of rows) sumRows += pairs(r);
  for (const c of cols) sumCols += pairs(c);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  if (max === expected) return 1; // both labelings trivial (one cluster, or all singletons)
  return (sumCells - expected) / (max - expected);
}
