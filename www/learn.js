// Models view: train a scorecard on a labelled file (binning tables, drops with reasons, AUC /
// Gini / KS on train and test, PSI) and adopt it as the policy; find k-means clusters in the
// current results (PCA scatter, profiles in words, overlap with segments) and save the model
// into the policy. The target picker reads headers through the core's inspect, so a GBK file
// shows its Chinese headers correctly.
import { Chart, ScatterController, PointElement, LinearScale, Legend, Tooltip } from 'chart.js';
import * as engine from './engine.js';
import { $, cell, option } from './dom.js';
import { t, pick } from './i18n.js';
import { state } from './state.js';

Chart.register(ScatterController, PointElement, LinearScale, Legend, Tooltip);

const CLUSTER_COLOURS = ['#0b5cad', '#d9480f', '#2b8a3e', '#862e9c', '#e67700', '#0c8599', '#c2255c', '#5c940d'];
const TARGET_NAMES = /^(default|bad|target|default_flag|违约标志|是否违约)$/i;
const local = { training: null, trained: null, clusters: null, chart: null, reclassify: null };

async function pickTrainingFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const ins = await engine.inspect(file, {});
  const header = ins.columns.map((c) => c.header);
  local.training = { bytes, header, name: file.name };
  const select = $('train-target');
  select.replaceChildren(...header.map((h) => option(h, h)));
  const guess = header.find((h) => TARGET_NAMES.test(h));
  if (guess) select.value = guess;
  $('train').disabled = header.length === 0;
}

function metricRow(label, m) {
  const tr = document.createElement('tr');
  tr.append(cell('th', label, { scope: 'row' }), cell('td', m.auc.toFixed(4)), cell('td', m.gini.toFixed(4)), cell('td', m.ks.toFixed(4)));
  return tr;
}

function binningTables(report) {
  const tables = $('train-tables');
  tables.replaceChildren();
  for (const table of report.binning_tables) {
    const details = document.createElement('details');
    details.append(cell('summary', t('binning', { name: table.variable, iv: table.iv.toFixed(4) })));
    const tbl = document.createElement('table');
    const head = document.createElement('tr');
    head.append(...['bin', 'count', 'events', 'eventRate', 'woe'].map((k) => cell('th', t(k), { scope: 'col' })), cell('th', 'IV', { scope: 'col' }));
    tbl.append(head);
    for (const r of table.rows) {
      const tr = document.createElement('tr');
      tr.append(cell('td', r.label), cell('td', String(r.count)), cell('td', String(r.events)), cell('td', r.event_rate.toFixed(4)),
        cell('td', r.woe.toFixed(4)), cell('td', r.iv.toFixed(4)));
      tbl.append(tr);
    }
    details.append(tbl);
    tables.append(details);
  }
}

async function runTraining() {
  const { bytes, header } = local.training;
  const target = $('train-target').value;
  const copies = header.filter((h) => h !== target && /^(bad|default|target|违约标志)$/i.test(h));
  const started = performance.now();
  try {
    const { policy, report } = engine.trainScorecard(bytes, { target, exclude: copies });
    const ms = Math.round(performance.now() - started);
    local.trained = { policy, report };
    const m = report.train_metrics;
    $('train-status').textContent = t('trainDone', { rows: m.n, bads: m.bads, vars: report.scorecard.features.map((f) => f.field).join(', '), ms });
    const body = $('train-metrics').tBodies[0];
    body.replaceChildren(metricRow(t('trainSet'), m));
    const testInput = $('test-file').files[0];
    if (testInput) {
      const testBytes = new Uint8Array(await testInput.arrayBuffer());
      const e = engine.evaluatePolicy(testBytes, { policy, target }, bytes);
      body.append(metricRow(t('testSet'), e.metrics));
      if (e.score_psi) $('train-status').textContent += ` · ${t('psi', { psi: e.score_psi.psi.toFixed(4), light: e.score_psi.light })}`;
    }
    $('train-metrics').hidden = false;
    $('train-dropped').replaceChildren(...report.dropped.map((d) => cell('li', t('dropped', { name: d.name, reason: d.message }))));
    binningTables(report);
    $('adopt').disabled = false;
  } catch (err) {
    $('train-status').textContent = t('trainFailed', { error: err.message ?? String(err) });
  }
}

async function adoptTrained() {
  state.policy = local.trained.policy;
  await local.reclassify();
  $('train-status').textContent = t('adopted');
}

async function runClusters() {
  if (!state.results) return;
  const choice = $('cluster-k').value;
  const started = performance.now();
  try {
    const out = await state.results.cluster(choice === 'auto' ? { kRange: [2, 8] } : { k: Number(choice) });
    local.clusters = out;
    $('cluster-status').textContent = t('clusterDone', { k: out.k, rows: out.labels.length, features: out.features.join(', '), ms: Math.round(performance.now() - started) });
    const datasets = Array.from({ length: out.k }, (_, c) => ({
      label: `${t('cluster')} ${c + 1}`,
      data: [],
      backgroundColor: CLUSTER_COLOURS[c % CLUSTER_COLOURS.length],
      pointRadius: 2,
    }));
    out.pca.rows.forEach((row, j) => datasets[out.labels[row]].data.push({ x: out.pca.coords[j][0], y: out.pca.coords[j][1] }));
    local.chart?.destroy();
    local.chart = new Chart($('cluster-chart'), {
      type: 'scatter',
      data: { datasets },
      options: { animation: false, maintainAspectRatio: false, scales: { x: { title: { display: true, text: 'PC1' } }, y: { title: { display: true, text: 'PC2' } } } },
    });
    const body = $('cluster-profiles').tBodies[0];
    body.replaceChildren();
    for (const p of out.profiles.clusters) {
      const tr = document.createElement('tr');
      tr.dataset.cluster = String(p.cluster + 1);
      tr.append(cell('th', String(p.cluster + 1), { scope: 'row' }), cell('td', `${p.size} (${(100 * p.share).toFixed(1)}%)`),
        cell('td', p.default_rate == null ? '–' : `${(100 * p.default_rate).toFixed(2)}%`), cell('td', pick(p.description_zh, p.description_en)));
      body.append(tr);
    }
    const cross = $('cluster-cross');
    cross.replaceChildren();
    const head = document.createElement('tr');
    head.append(cell('th', `${t('cluster')} \\ ${t('segment')}`, { scope: 'col' }), ...out.segments.columns.map((c) => cell('th', c, { scope: 'col' })));
    cross.append(head);
    out.segments.counts.forEach((row, i) => {
      const tr = document.createElement('tr');
      tr.append(cell('th', String(i + 1), { scope: 'row' }), ...row.map((n) => cell('td', String(n))));
      cross.append(tr);
    });
    $('cluster-save').disabled = false;
  } catch (err) {
    $('cluster-status').textContent = t('status.failed', { file: state.meta?.file ?? '', error: err.message ?? String(err) });
  }
}

async function saveClusters() {
  const policy = JSON.parse(state.policy.trim().startsWith('{') ? state.policy : engine.builtinPolicy(state.policy));
  policy.clusters = local.clusters.model;
  state.policy = JSON.stringify(policy);
  await local.reclassify();
  $('cluster-status').textContent = t('clusterSaved');
}

export function clearLearn() {
  Object.assign(local, { training: null, trained: null, clusters: null });
  local.chart?.destroy();
  local.chart = null;
  for (const id of ['cluster-profiles', 'train-metrics']) $(id).tBodies[0].replaceChildren();
  for (const id of ['cluster-cross', 'train-dropped', 'train-tables', 'train-target']) $(id).replaceChildren();
  $('train-metrics').hidden = true;
  for (const id of ['train', 'adopt', 'cluster-save']) $(id).disabled = true;
  for (const id of ['train-file', 'test-file']) $(id).value = '';
  for (const id of ['train-status', 'cluster-status']) $(id).textContent = '';
}

export function wireLearn(reclassify) {
  local.reclassify = reclassify;
  $('train-file').addEventListener('change', (e) => e.target.files[0] && pickTrainingFile(e.target.files[0]));
  $('train').addEventListener('click', runTraining);
  $('adopt').addEventListener('click', adoptTrained);
  $('cluster-run').addEventListener('click', runClusters);
  $('cluster-save').addEventListener('click', saveClusters);
}
