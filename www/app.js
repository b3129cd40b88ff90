// The loan officer's page: reads a file in the browser, classifies, scores and segments it with
// the wasm core and shows the summaries, the problems, the results and one customer's details.
// Nothing leaves the browser. All text comes from the locale files; customer data is only ever
// written with textContent.
import init, * as core from '../pkg/lendseg.js';
import { trainScorecard, evaluatePolicy, builtinPolicy, version } from '../pkg/lendseg.js';
import { Chart, ScatterController, PointElement, LinearScale, Legend, Tooltip } from 'chart.js';
import zh from './locales/zh.json';
import en from './locales/en.json';
import demoCsv from './demo/customers.csv?raw';

Chart.register(ScatterController, PointElement, LinearScale, Legend, Tooltip);

const LOCALES = { zh, en };
const CLUSTER_COLOURS = ['#0b5cad', '#d9480f', '#2b8a3e', '#862e9c', '#e67700', '#0c8599', '#c2255c', '#5c940d'];
const PAGE_SIZE = 100;
const MAX_ISSUES_SHOWN = 200;
const $ = (id) => document.getElementById(id);

const state = {
  lang: ['zh', 'en'].includes(localStorage.getItem('lendseg.lang')) ? localStorage.getItem('lendseg.lang') : (navigator.language.startsWith('zh') ? 'zh' : 'en'),
  view: null,
  page: 0,
  source: null, // { name, bytes, demo }
  batch: null, // the core's Batch for the current file (kept for export and details)
  policy: 'enterprise', // a built-in name or a policy JSON text (trained / with clusters)
  training: null, // { bytes, header } of the labelled file
  trained: null, // { policy, report }
  clusters: null, // the last Batch.cluster() result
  chart: null,
  engine: core, // the wasm build in use: the core, or the build with the Excel reader
  xlsx: null, // that build, loaded on the first workbook
};

/** Workbooks are zip (xlsx/ods) or OLE2 (xls) files. */
const isWorkbook = (b) => (b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4) || (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0);

/** The build with the Excel reader, loaded once and only when a workbook is opened. */
async function excelEngine() {
  if (!state.xlsx) {
    $('status').textContent = t('status.loadingExcel');
    const mod = await import('../pkg/xlsx/lendseg.js');
    await mod.default();
    state.xlsx = mod;
  }
  return state.xlsx;
}

function t(key, params = {}) {
  const text = LOCALES[state.lang][key] ?? LOCALES.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));
}

/** Packed strings from the core: one JS string and UTF-16 offsets. */
function unpack(packed) {
  const { text, offsets } = packed;
  packed.free();
  return Array.from({ length: offsets.length - 1 }, (_, i) => text.slice(offsets[i], offsets[i + 1]));
}

/** A category column as a function row → key (empty string when absent). */
function categories(batch, name) {
  if (!batch.columnNames().includes(name)) return () => '';
  const { codes, keys } = batch.column(name);
  return (i) => keys[codes[i]];
}

function classify(name, bytes, demo) {
  const started = performance.now();
  const sheet = $('sheet-label').hidden ? undefined : $('sheet').value;
  const batch = state.engine.segmentFile(bytes, { moneyUnit: $('unit').value, lang: state.lang, policy: state.policy, sheet });
  state.batch?.free();
  state.batch = batch;
  state.view = {
    file: name,
    demo,
    ids: unpack(batch.column('id').values),
    names: unpack(batch.names()),
    rows: batch.sourceRows(),
    score: batch.column('score').values,
    size: categories(batch, 'size_class'),
    grade: categories(batch, 'grade'),
    risk: categories(batch, 'risk_tier'),
    value: categories(batch, 'value_tier'),
    segment: categories(batch, 'segment_name'),
    action: categories(batch, 'action_product'),
    profile: batch.profile(),
    issues: batch.issues(),
    encoding: batch.encoding,
    ms: Math.round(performance.now() - started),
  };
  state.page = 0;
  render();
}

function applyLocale() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  document.title = `lendseg · ${t('title')}`;
}

function cell(tag, text, attrs = {}) {
  const el = document.createElement(tag);
  el.textContent = text;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

const pct = (n, total) => (total ? `${((100 * n) / total).toFixed(1)}%` : '–');

function countRows(tbody, entries, total, attr) {
  tbody.replaceChildren();
  for (const [key, label, n] of entries) {
    const tr = document.createElement('tr');
    tr.dataset[attr] = key;
    tr.append(cell('th', label, { scope: 'row' }), cell('td', String(n)), cell('td', pct(n, total)));
    tbody.append(tr);
  }
}

function render() {
  applyLocale();
  const v = state.view;
  if (!v) return;
  const total = v.ids.length;
  $('status').textContent = t(v.demo ? 'status.demo' : 'status.file', { file: v.file, rows: total, encoding: v.encoding, ms: v.ms });

  const sizeKeys = ['large', 'medium', 'small', 'micro', 'unknown'];
  const sizeCounts = Object.fromEntries(sizeKeys.map((k) => [k, 0]));
  const gradeCounts = new Map();
  for (let i = 0; i < total; i++) {
    const s = v.size(i);
    if (s) sizeCounts[s]++;
    const g = v.grade(i);
    gradeCounts.set(g, (gradeCounts.get(g) ?? 0) + 1);
  }
  $('summary').hidden = !v.size(0) && total > 0;
  countRows($('summary-table').tBodies[0], [...sizeKeys.map((k) => [k, t(`size.${k}`), sizeCounts[k]]), ['total', t('total'), total]], total, 'size');
  const gradeOrder = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C', 'D'];
  countRows($('grade-table').tBodies[0], gradeOrder.filter((g) => gradeCounts.has(g)).map((g) => [g, g, gradeCounts.get(g)]), total, 'grade');

  const segBody = $('segment-table').tBodies[0];
  segBody.replaceChildren();
  for (const p of v.profile) {
    const tr = document.createElement('tr');
    tr.dataset.segment = p.segment;
    tr.append(cell('th', state.lang === 'zh' ? p.zh : p.en, { scope: 'row' }), cell('td', String(p.count)), cell('td', pct(p.count, total)),
      cell('td', p.count ? `${(100 * p.mean_pd).toFixed(2)}%` : '–'), cell('td', t(`quality.${p.quality || 'ok'}`)));
    if (p.quality) tr.className = 'flagged';
    segBody.append(tr);
  }

  $('issues').hidden = v.issues.length === 0;
  const list = $('issue-list');
  list.replaceChildren();
  for (const issue of v.issues.slice(0, MAX_ISSUES_SHOWN)) {
    const where = [issue.row != null ? t('issue.row', { row: issue.row }) : null,
      issue.column != null ? t('issue.column', { column: issue.column }) : null].filter(Boolean).join('，');
    const li = cell('li', where ? `${where}: ${issue.message}` : issue.message);
    li.className = issue.severity;
    li.dataset.code = issue.code;
    list.append(li);
  }
  if (v.issues.length > MAX_ISSUES_SHOWN) list.append(cell('li', t('issue.more', { n: v.issues.length - MAX_ISSUES_SHOWN })));

  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  state.page = Math.min(state.page, pages - 1);
  const body = $('results-table').tBodies[0];
  body.replaceChildren();
  const start = state.page * PAGE_SIZE;
  for (let i = start; i < Math.min(total, start + PAGE_SIZE); i++) {
    const tr = document.createElement('tr');
    const open = cell('button', v.ids[i], { type: 'button', class: 'link', 'aria-label': t('openDetail', { id: v.ids[i] }) });
    open.addEventListener('click', () => showDetail(i));
    const idCell = document.createElement('td');
    idCell.append(open);
    const size = v.size(i);
    tr.append(cell('td', String(v.rows[i])), idCell, cell('td', v.names[i]), cell('td', size ? t(`size.${size}`) : '–', { 'data-size': size }),
      cell('td', String(v.score[i])), cell('td', v.grade(i), { 'data-grade': v.grade(i) }), cell('td', t(`risk.${v.risk(i)}`), { 'data-risk': v.risk(i) }),
      cell('td', t(`value.${v.value(i)}`)), cell('td', v.segment(i)), cell('td', v.action(i)));
    body.append(tr);
  }
  $('page').textContent = t('page', { page: state.page + 1, pages });
  $('prev').disabled = state.page === 0;
  $('next').disabled = state.page >= pages - 1;
}

function showDetail(i) {
  const row = state.batch.row(i);
  const v = state.view;
  $('detail').hidden = false;
  $('detail-title').textContent = t('detailTitle', { id: v.ids[i], name: v.names[i] });
  const facts = $('detail-facts');
  facts.replaceChildren();
  const fact = (key, value) => facts.append(cell('dt', t(key)), cell('dd', value == null || value === '' ? t('none') : String(value)));
  if (row.size_class) fact('fact.sizeClass', `${t(`size.${row.size_class}`)}${row.size_reason ? ` (${row.size_reason})` : ''}`);
  fact('fact.grade', `${row.grade} · ${row.score}`);
  fact('fact.pd', `${(100 * row.pd).toFixed(2)}%`);
  fact('fact.segment', row.segment_name);
  fact('fact.product', row.action_product);
  fact('fact.service', row.action_service);
  fact('fact.review', row.review);
  fact('fact.rate', row.rate_adjustment_bp);
  fact('fact.warnings', row.warnings);
  fact('fact.lifecycle', row.lifecycle);
  fact('fact.rfm', row.rfm_segment);
  if ('el' in row) fact('fact.el', row.el);
  const reasons = $('detail-reasons');
  reasons.replaceChildren(...row.reasons.map((r) => cell('li', `${state.lang === 'zh' ? r.zh : r.en} (−${r.points_lost})`)));
  const features = state.batch.features();
  const tbody = $('detail-breakdown').tBodies[0];
  tbody.replaceChildren();
  for (const f of features) {
    const tr = document.createElement('tr');
    tr.append(cell('th', state.lang === 'zh' ? f.label.zh : f.label.en, { scope: 'row' }), cell('td', String(row.breakdown[f.field])), cell('td', String(f.max_points)));
    tbody.append(tr);
  }
  $('detail-total').textContent = String(row.score);
  $('detail').scrollIntoView({ block: 'start' });
  $('detail-close').focus();
}

/** Results as CSV: UTF-8 with BOM for Excel, formula-like cells neutralised; same bytes as
 *  `lendseg segment --bom --excel-safe --lang <page language>`. */
function exportCsv() {
  if (!state.batch) return;
  const bytes = state.batch.toCsv(true, true);
  const url = URL.createObjectURL(new Blob([bytes], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `${state.view.file.replace(/\.[^.]+$/, '')}-lendseg.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function openFile(file) {
  $('status').textContent = t('status.reading', { file: file.name });
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    state.source = { name: file.name, bytes, demo: false };
    $('sheet-label').hidden = true;
    if (isWorkbook(bytes)) {
      state.engine = await excelEngine();
      const sheets = state.engine.sheetNames(bytes);
      $('sheet').replaceChildren(...sheets.map((name) => cell('option', name, { value: name })));
      $('sheet-label').hidden = sheets.length < 2;
    } else {
      state.engine = core;
    }
    classify(file.name, bytes, false);
  } catch (err) {
    $('status').textContent = t('status.failed', { file: file.name, error: err.message ?? String(err) });
  }
}

function reclassify() {
  try {
    if (state.source) classify(state.source.name, state.source.bytes, state.source.demo);
    else applyLocale();
  } catch (err) {
    $('status').textContent = t('status.failed', { file: state.source?.name ?? '', error: err.message ?? String(err) });
  }
}

/** The header of a CSV file's first line (for the target picker). */
function headerOf(bytes) {
  const text = new TextDecoder().decode(bytes.subarray(0, 65536));
  const line = text.split(/\r?\n/)[0] ?? '';
  const sep = [',', '\t', ';'].reduce((a, b) => (line.split(b).length > line.split(a).length ? b : a));
  return line.split(sep).map((h) => h.replace(/^\uFEFF/, '').replace(/^"|"$/g, '').trim());
}

async function pickTrainingFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const header = headerOf(bytes);
  state.training = { bytes, header, name: file.name };
  const select = $('train-target');
  select.replaceChildren(...header.map((h) => cell('option', h, { value: h })));
  const guess = header.find((h) => /^(default|bad|target|default_flag|违约标志|是否违约)$/i.test(h));
  if (guess) select.value = guess;
  $('train').disabled = false;
}

function metricRow(label, m) {
  const tr = document.createElement('tr');
  tr.append(cell('th', label, { scope: 'row' }), cell('td', m.auc.toFixed(4)), cell('td', m.gini.toFixed(4)), cell('td', m.ks.toFixed(4)));
  return tr;
}

async function runTraining() {
  const { bytes, header } = state.training;
  const target = $('train-target').value;
  const copies = header.filter((h) => h !== target && /^(bad|default|target|违约标志)$/i.test(h));
  const started = performance.now();
  try {
    const { policy, report } = trainScorecard(bytes, { target, exclude: copies });
    const ms = Math.round(performance.now() - started);
    state.trained = { policy, report };
    const m = report.train_metrics;
    $('train-status').textContent = t('trainDone', { rows: m.n, bads: m.bads, vars: report.scorecard.features.map((f) => f.field).join(', '), ms });
    const body = $('train-metrics').tBodies[0];
    body.replaceChildren(metricRow(t('trainSet'), m));
    const testInput = $('test-file').files[0];
    if (testInput) {
      const testBytes = new Uint8Array(await testInput.arrayBuffer());
      const e = evaluatePolicy(testBytes, { policy, target }, bytes);
      body.append(metricRow(t('testSet'), e.metrics));
      if (e.score_psi) $('train-status').textContent += ` · ${t('psi', { psi: e.score_psi.psi.toFixed(4), light: e.score_psi.light })}`;
    }
    $('train-metrics').hidden = false;
    $('train-dropped').replaceChildren(...report.dropped.map((d) => cell('li', t('dropped', { name: d.name, reason: d.message }))));
    const tables = $('train-tables');
    tables.replaceChildren();
    for (const table of report.binning_tables) {
      const details = document.createElement('details');
      details.append(cell('summary', t('binning', { name: table.variable, iv: table.iv.toFixed(4) })));
      const tbl = document.createElement('table');
      const head = document.createElement('tr');
      head.append(...['bin', 'count', 'events', 'eventRate', 'woe'].map((k) => cell('th', t(k))), cell('th', 'IV'));
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
    $('adopt').disabled = false;
  } catch (err) {
    $('train-status').textContent = t('trainFailed', { error: err.message ?? String(err) });
  }
}

function adoptTrained() {
  state.policy = state.trained.policy;
  $('train-status').textContent = t('adopted');
  reclassify();
}

function runClusters() {
  if (!state.batch) return;
  const choice = $('cluster-k').value;
  const started = performance.now();
  try {
    const out = state.batch.cluster(choice === 'auto' ? { kRange: [2, 8] } : { k: Number(choice) });
    state.clusters = out;
    $('cluster-status').textContent = t('clusterDone', { k: out.k, rows: out.labels.length, features: out.features.join(', '), ms: Math.round(performance.now() - started) });
    const datasets = Array.from({ length: out.k }, (_, c) => ({
      label: `${t('cluster')} ${c + 1}`,
      data: [],
      backgroundColor: CLUSTER_COLOURS[c % CLUSTER_COLOURS.length],
      pointRadius: 2,
    }));
    out.pca.rows.forEach((row, j) => datasets[out.labels[row]].data.push({ x: out.pca.coords[j][0], y: out.pca.coords[j][1] }));
    state.chart?.destroy();
    state.chart = new Chart($('cluster-chart'), {
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
        cell('td', p.default_rate == null ? '–' : `${(100 * p.default_rate).toFixed(2)}%`), cell('td', state.lang === 'zh' ? p.description_zh : p.description_en));
      body.append(tr);
    }
    const cross = $('cluster-cross');
    cross.replaceChildren();
    const head = document.createElement('tr');
    head.append(cell('th', `${t('cluster')} \\ ${t('segment')}`), ...out.segments.columns.map((c) => cell('th', c)));
    cross.append(head);
    out.segments.counts.forEach((row, i) => {
      const tr = document.createElement('tr');
      tr.append(cell('th', String(i + 1), { scope: 'row' }), ...row.map((n) => cell('td', String(n))));
      cross.append(tr);
    });
    $('cluster-save').disabled = false;
  } catch (err) {
    $('cluster-status').textContent = t('status.failed', { file: state.view.file, error: err.message ?? String(err) });
  }
}

function saveClusters() {
  const policy = JSON.parse(state.policy.trim().startsWith('{') ? state.policy : builtinPolicy(state.policy));
  policy.clusters = state.clusters.model;
  state.policy = JSON.stringify(policy);
  $('cluster-status').textContent = t('clusterSaved');
  reclassify();
}

function wire() {
  $('train-file').addEventListener('change', (e) => e.target.files[0] && pickTrainingFile(e.target.files[0]));
  $('train').addEventListener('click', runTraining);
  $('adopt').addEventListener('click', adoptTrained);
  $('cluster-run').addEventListener('click', runClusters);
  $('cluster-save').addEventListener('click', saveClusters);
  $('file').addEventListener('change', (e) => e.target.files[0] && openFile(e.target.files[0]));
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files[0]) openFile(e.dataTransfer.files[0]);
  });
  drop.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); $('file').click(); } });
  $('unit').addEventListener('change', reclassify);
  $('sheet').addEventListener('change', reclassify);
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('lendseg.lang', state.lang);
    reclassify();
  });
  $('export-csv').addEventListener('click', exportCsv);
  $('clear-data').addEventListener('click', clearAllData);
  $('detail-close').addEventListener('click', () => { $('detail').hidden = true; });
  $('detail-print').addEventListener('click', () => window.print());
  $('prev').addEventListener('click', () => { state.page--; render(); });
  $('next').addEventListener('click', () => { state.page++; render(); });
}

/** Offline: register the service worker and have it cache everything this page has loaded. */
async function enableOffline() {
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.register('./sw.js');
  await navigator.serviceWorker.ready;
  const urls = [location.href, ...performance.getEntriesByType('resource').map((e) => e.name)];
  const worker = registration.active ?? navigator.serviceWorker.controller;
  navigator.serviceWorker.addEventListener('message', (e) => {
    if (e.data?.cached != null) {
      document.body.dataset.offline = 'ready';
      $('version').textContent += ` · ${t('offlineReady')}`;
    }
  });
  worker.postMessage({ cache: urls });
}

/** Privacy: remove everything the page stored — settings, caches, the offline copy. */
async function clearAllData() {
  localStorage.clear();
  sessionStorage.clear();
  if ('caches' in window) for (const key of await caches.keys()) await caches.delete(key);
  if ('serviceWorker' in navigator) for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
  // Drop the file, the results and everything derived from them, in memory and on screen.
  state.batch?.free();
  Object.assign(state, { batch: null, view: null, source: null, training: null, trained: null, clusters: null, policy: 'enterprise', engine: core });
  state.chart?.destroy();
  state.chart = null;
  for (const id of ['summary-table', 'segment-table', 'grade-table', 'results-table', 'cluster-profiles', 'train-metrics']) $(id).tBodies[0].replaceChildren();
  for (const id of ['issue-list', 'cluster-cross', 'train-dropped', 'train-tables', 'train-target', 'sheet']) $(id).replaceChildren();
  for (const id of ['detail', 'issues', 'train-metrics', 'sheet-label']) $(id).hidden = true;
  for (const id of ['train', 'adopt', 'cluster-save']) $(id).disabled = true;
  for (const id of ['file', 'train-file', 'test-file']) $(id).value = '';
  for (const id of ['train-status', 'cluster-status', 'page']) $(id).textContent = '';
  $('status').textContent = t('cleared');
  document.body.dataset.cleared = 'true';
}

async function main() {
  applyLocale();
  wire();
  try {
    await init();
    $('version').textContent = `v${version()}`;
    const bytes = new TextEncoder().encode(demoCsv);
    state.source = { name: 'customers.csv', bytes, demo: true };
    state.engine = core;
    classify('customers.csv', bytes, true);
    document.body.dataset.ready = 'true';
    enableOffline().catch(() => {});
  } catch (err) {
    $('status').textContent = t('status.failed', { file: 'lendseg.wasm', error: err.message ?? String(err) });
    document.body.dataset.ready = 'error';
  }
}

main();
