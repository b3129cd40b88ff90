// Training, evaluation and clustering through the npm package in Node: the same scorecard and
// clusters as the CLI, a trained policy that drops straight into segmentFile, and raw k-means.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, mkdtempSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initSync, segmentFile, trainScorecard, evaluatePolicy, kmeans, demoData } from '../../pkg/lendseg.js';

initSync({ module: readFileSync(new URL('../../pkg/lendseg_bg.wasm', import.meta.url)) });
const CLI = new URL('../../target/release/lendseg', import.meta.url).pathname;
const DATA = new URL('../../../shared/data/', import.meta.url).pathname;
const hasTaiwan = existsSync(join(DATA, 'taiwan_credit_train.csv'));

test('a scorecard trained in wasm equals the CLI one and drops into the policy', { skip: !hasTaiwan && 'shared/data missing' }, () => {
  const trainBytes = readFileSync(join(DATA, 'taiwan_credit_train.csv'));
  const testBytes = readFileSync(join(DATA, 'taiwan_credit_test.csv'));
  const { policy, report } = trainScorecard(trainBytes, { target: 'default', exclude: ['bad'] });
  const cli = execFileSync(CLI, ['train', join(DATA, 'taiwan_credit_train.csv'), '--target', 'default', '--exclude', 'bad'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  assert.equal(policy, cli, 'bit-identical policy JSON from wasm and the CLI');
  assert.ok(report.dropped.some((d) => d.name === 'MARRIAGE'));
  assert.ok(report.binning_tables.length >= 4);
  const batch = segmentFile(testBytes, { policy });
  assert.equal(batch.length, 1800);
  batch.free();
  const e = evaluatePolicy(testBytes, { policy, target: 'default' }, trainBytes);
  assert.ok(e.metrics.auc > 0.6 && e.metrics.auc < 0.7, `AUC ${e.metrics.auc}`);
  assert.equal(e.metrics.gains.length, 10);
  assert.equal(e.score_psi.light, 'green');
  assert.throws(() => trainScorecard(trainBytes, { target: 'nope' }), /nope/);
  assert.throws(() => trainScorecard(trainBytes, { target: 'default', colour: 1 }), /colour/);
});

test('portfolio clusters in wasm equal the CLI and a saved model reassigns', () => {
  const csv = demoData(1500, 3n, false);
  const dir = mkdtempSync(join(tmpdir(), 'lendseg-'));
  const file = join(dir, 'demo.csv');
  execFileSync(CLI, ['demo-data', '-n', '1500', '--seed', '3', '-o', file]);
  const batch = segmentFile(new TextEncoder().encode(csv));
  const out = batch.cluster({ k: 4 });
  assert.equal(out.k, 4);
  assert.ok(out.labels instanceof Uint32Array && out.labels.length === 1500);
  assert.equal(out.profiles.clusters.length, 4);
  assert.ok(out.profiles.clusters.every((c) => c.description_zh.length > 0 && c.description_en.length > 0));
  const labelsFile = join(dir, 'labels.csv');
  execFileSync(CLI, ['cluster', file, '-k', '4', '-o', labelsFile], { stdio: 'ignore' });
  const assignments = readFileSync(labelsFile, 'utf8');
  const cliLabels = assignments.trim().split('\n').slice(1, 1501).map((l) => Number(l.split(',')[1]) - 1);
  assert.deepEqual(Array.from(out.labels), cliLabels);
  batch.free();
});

test('raw k-means on a Float64Array finds separated blobs', () => {
  const n = 3000;
  const data = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    data[2 * i] = [0, 10, 20][c] + Math.sin(i) * 0.5;
    data[2 * i + 1] = [0, 10, 0][c] + Math.cos(i * 1.3) * 0.5;
  }
  const r = kmeans(data, 2, { k: 3, seed: 1n });
  assert.equal(r.centroids.length, 6);
  const groups = new Set();
  for (let i = 0; i < n; i += 3) groups.add(`${r.labels[i]}-${r.labels[i + 1]}-${r.labels[i + 2]}`);
  assert.equal(groups.size, 1, 'each blob is one cluster');
  assert.throws(() => kmeans(data, 2, { k: 5000 }), /k/);
  assert.throws(() => kmeans(new Float64Array([NaN, 1]), 2, { k: 1 }));
});
