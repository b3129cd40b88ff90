// The loan officer's page: reads a file in the browser, classifies it with the wasm core and shows
// the summary, the problems and the results. Nothing leaves the browser. All text comes from the
// locale files; customer data is only ever written with textContent.
import init, { segmentFile, sizeClassKeys, version } from '../pkg/lendseg.js';
import zh from './locales/zh.json';
import en from './locales/en.json';
import demoCsv from './demo/customers.csv?raw';

const LOCALES = { zh, en };
const PAGE_SIZE = 100;
const MAX_ISSUES_SHOWN = 200;
const $ = (id) => document.getElementById(id);

const state = {
  lang: localStorage.getItem('lendseg.lang') || (navigator.language.startsWith('zh') ? 'zh' : 'en'),
  view: null, // { file, ids, rows, sizeClass, reasons, counts, issues, encoding, ms, demo }
  page: 0,
  source: null, // { name, bytes, demo }
  batch: null, // the core's Batch for the current file (kept for export)
};

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

function classify(name, bytes, demo) {
  const started = performance.now();
  const batch = segmentFile(bytes, { moneyUnit: $('unit').value });
  state.batch?.free();
  state.batch = batch;
  state.view = {
      file: name,
      demo,
      ids: unpack(batch.ids()),
      names: unpack(batch.names()),
      rows: batch.sourceRows(),
      sizeClass: batch.sizeClass(),
      reasons: unpack(batch.sizeReason()),
      counts: batch.sizeCounts(),
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

function render() {
  applyLocale();
  const v = state.view;
  if (!v) return;
  const keys = sizeClassKeys();
  $('status').textContent = t(v.demo ? 'status.demo' : 'status.file', {
    file: v.file, rows: v.ids.length, encoding: v.encoding, ms: v.ms,
  });

  const summary = $('summary-table').tBodies[0];
  summary.replaceChildren();
  const total = v.ids.length;
  keys.forEach((key, code) => {
    const tr = document.createElement('tr');
    tr.dataset.size = key;
    tr.append(cell('th', t(`size.${key}`), { scope: 'row' }), cell('td', String(v.counts[code])),
      cell('td', total ? `${((100 * v.counts[code]) / total).toFixed(1)}%` : '–'));
    summary.append(tr);
  });
  const totalRow = document.createElement('tr');
  totalRow.dataset.size = 'total';
  totalRow.append(cell('th', t('total'), { scope: 'row' }), cell('td', String(total)), cell('td', total ? '100%' : '–'));
  summary.append(totalRow);

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
    const key = keys[v.sizeClass[i]];
    const tr = document.createElement('tr');
    tr.append(cell('td', String(v.rows[i])), cell('td', v.ids[i]), cell('td', v.names[i]), cell('td', t(`size.${key}`), { 'data-size': key }),
      cell('td', v.reasons[i]));
    body.append(tr);
  }
  $('page').textContent = t('page', { page: state.page + 1, pages });
  $('prev').disabled = state.page === 0;
  $('next').disabled = state.page >= pages - 1;
}

/** Results as CSV: UTF-8 with BOM for Excel, formula-like cells neutralised; same bytes as
 *  `lendseg segment --bom --excel-safe`. */
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
    classify(file.name, bytes, false);
  } catch (err) {
    $('status').textContent = t('status.failed', { file: file.name, error: err.message ?? String(err) });
  }
}

function wire() {
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
  $('unit').addEventListener('change', () => state.source && classify(state.source.name, state.source.bytes, state.source.demo));
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('lendseg.lang', state.lang);
    render();
  });
  $('export-csv').addEventListener('click', exportCsv);
  $('prev').addEventListener('click', () => { state.page--; render(); });
  $('next').addEventListener('click', () => { state.page++; render(); });
}

async function main() {
  applyLocale();
  wire();
  try {
    await init();
    $('version').textContent = `v${version()}`;
    const bytes = new TextEncoder().encode(demoCsv);
    state.source = { name: 'customers.csv', bytes, demo: true };
    classify('customers.csv', bytes, true);
    document.body.dataset.ready = 'true';
  } catch (err) {
    $('status').textContent = t('status.failed', { file: 'lendseg.wasm', error: err.message ?? String(err) });
    document.body.dataset.ready = 'error';
  }
}

main();
