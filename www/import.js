// Import view: pick, drop or paste a file; the core inspects it (headers, encoding, suggested field
// per column with its confidence) and the mapping screen lets the user correct any column, choose
// 元/万元 and the sheet. The mapping is remembered in localStorage under the file's header
// signature and applied to the next file with the same headers. "Process" classifies the file
// with progress, ETA and cancel.
import * as engine from './engine.js';
import { $, cell, option } from './dom.js';
import { t, pick, fmt, i18n } from './i18n.js';
import { state, publish } from './state.js';

const MAP_KEY = 'lendseg.mapping.';
const PREVIEW = 3;
let controller = null;

/** The key a mapping is remembered under: the file's headers, in order. */
const signature = (inspection) => MAP_KEY + JSON.stringify(inspection.columns.map((c) => c.header));

function status(text) {
  $('status').textContent = text;
}

/** A file chosen, dropped or pasted (a Blob: it is read only where needed, so a big file is not
 *  held on this thread): inspect it and show the mapping screen (the demo skips it). */
export async function openSource(name, blob, { demo = false } = {}) {
  state.source = { name, blob, demo };
  state.sheet = undefined;
  try {
    const fatal = await inspectSource();
    if (fatal) {
      $('mapping').hidden = true;
      return;
    }
    if (demo) return process();
    showMapping();
  } catch (err) {
    status(t('status.failed', { file: name, error: err.message ?? String(err) }));
  }
}

async function inspectSource() {
  const { name, blob } = state.source;
  status(t('status.reading', { file: name }));
  const ins = await engine.inspect(blob, { policy: state.policy, sheet: state.sheet }, () => status(t('status.loadingExcel')));
  state.inspection = ins;
  state.sheet = ins.sheet ?? undefined;
  const saved = JSON.parse(localStorage.getItem(signature(ins)) ?? 'null');
  state.remembered = Boolean(saved);
  state.columnMap = Object.fromEntries(ins.columns.map((c) => [c.header, saved?.columnMap?.[c.header] ?? c.field ?? '']));
  if (saved?.unit) state.unit = saved.unit;
  const fatal = ins.issues.find((i) => i.severity === 'error');
  status(fatal ? t('status.failed', { file: name, error: fatal.message }) : t('status.inspected', { file: name, columns: ins.columns.length, encoding: ins.encoding }));
  return fatal;
}

function fieldLabel(f) {
  return `${pick(f.zh, f.en)} (${f.name})`;
}

/** The mapping screen: one row per file column. */
export function showMapping() {
  const ins = state.inspection;
  if (!ins || state.source?.demo) {
    $('mapping').hidden = true;
    return;
  }
  $('mapping').hidden = false;
  $('mapping-file').textContent = t('mapping.file', { file: state.source.name, encoding: ins.encoding, delimiter: ins.delimiter === '\t' ? 'Tab' : ins.delimiter || '–' });
  $('mapping-remembered').hidden = !state.remembered;
  $('unit').value = state.unit;
  const sheets = ins.sheets ?? [];
  $('sheet-label').hidden = sheets.length < 2;
  $('sheet').replaceChildren(...sheets.map((s) => option(s, s, s === state.sheet)));
  const used = new Map();
  for (const [h, f] of Object.entries(state.columnMap)) if (f) used.set(f, (used.get(f) ?? 0) + 1);
  const body = $('mapping-table').tBodies[0];
  body.replaceChildren();
  for (const c of ins.columns) {
    const tr = document.createElement('tr');
    tr.dataset.header = c.header;
    const chosen = state.columnMap[c.header] ?? '';
    const manual = chosen !== (c.field ?? '');
    const confidence = manual ? 'manual' : c.confidence;
    const select = cell('select', null, { 'aria-label': t('mapping.fieldFor', { header: c.header }), 'data-header': c.header });
    select.append(option('', t('mapping.ignore'), chosen === ''));
    for (const f of ins.fields) select.append(option(f.name, fieldLabel(f), f.name === chosen));
    select.addEventListener('change', () => {
      state.columnMap[c.header] = select.value;
      showMapping();
      document.querySelector(`#mapping-table select[data-header="${CSS.escape(c.header)}"]`)?.focus();
    });
    const sample = ins.rows.slice(0, PREVIEW).map((r) => r[c.index] ?? '').filter((v) => v !== '').join(' · ');
    const field = ins.fields.find((f) => f.name === chosen);
    const unit = field?.kind === 'money' ? t(c.unit ?? state.unit) + (c.unit ? ` ${t('mapping.fromHeader')}` : '') : '';
    const conf = cell('td', t(`confidence.${confidence}`), { 'data-confidence': confidence });
    const selectCell = document.createElement('td');
    selectCell.append(select);
    if (chosen && used.get(chosen) > 1) selectCell.append(cell('span', t('mapping.duplicate'), { class: 'warn' }));
    tr.append(cell('th', c.header, { scope: 'row' }), cell('td', sample, { class: 'sample' }), conf, selectCell, cell('td', unit));
    body.append(tr);
  }
  const missing = ['id', 'industry', 'employees', 'revenue'].filter((f) => ins.fields.some((x) => x.name === f) && !Object.values(state.columnMap).includes(f));
  $('mapping-missing').textContent = missing.length ? t('mapping.missing', { fields: missing.map((f) => fieldLabel(ins.fields.find((x) => x.name === f))).join('、') }) : '';
}

function remember() {
  localStorage.setItem(signature(state.inspection), JSON.stringify({ columnMap: state.columnMap, unit: state.unit }));
}

export function readOptions() {
  return { policy: state.policy, moneyUnit: state.unit, columnMap: state.columnMap ?? {}, sheet: state.sheet };
}

function showProgress(on) {
  $('progress-box').hidden = !on;
  $('process').disabled = on;
  if (on) {
    $('progress').removeAttribute('value');
    $('progress-text').textContent = t('progress.starting');
  }
}

/** Classify the current file with the chosen mapping; the results go to every view. */
export async function process({ rerun = false } = {}) {
  // A rerun (language, policy or clusters changed) repeats the last processed file with its own
  // mapping, even while another file waits on the mapping screen.
  const run = rerun ? state.lastRun : state.source && { source: state.source, read: readOptions() };
  if (!run) return;
  const { name, blob, demo } = run.source;
  if (!demo && !rerun) remember();
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  const started = performance.now();
  showProgress(true);
  // Reading is about three quarters of the work (measured: benches/RESULTS.md), classifying the rest.
  const onProgress = (stage, done, total, rows) => {
    const share = total ? done / total : 0;
    $('progress').value = stage === 'read' ? share * 0.75 : 0.75 + share * 0.25;
    const elapsed = (performance.now() - started) / 1000;
    const overall = Number($('progress').value);
    const eta = overall > 0.02 ? Math.max(0, (elapsed * (1 - overall)) / overall) : NaN;
    $('progress-text').textContent = stage === 'read'
      ? t('progress.read', { rows: fmt(rows), done: fmt(done / 1e6, 1), total: fmt(total / 1e6, 1), eta: Number.isFinite(eta) ? fmt(eta) : '…' })
      : t('progress.classify', { rows: fmt(rows), done: fmt(done), total: fmt(total), eta: Number.isFinite(eta) ? fmt(eta) : '…' });
  };
  try {
    const options = { ...run.read, policy: state.policy, lang: i18n.lang };
    const results = await engine.segment(blob, options, { onProgress, signal });
    state.results?.free();
    state.results = results;
    state.lastRun = run;
    state.meta = { file: name, demo, ms: Math.round(performance.now() - started), rows: results.length };
    status(t(demo ? 'status.demo' : 'status.file', { file: name, rows: results.length, encoding: results.encoding, ms: state.meta.ms }));
    publish('results');
  } catch (err) {
    // A run replaced by a newer one says nothing; a cancelled or failed one says so.
    if (controller?.signal !== signal) return;
    if (signal.aborted) status(t('status.cancelled', { file: name }));
    else if (err instanceof engine.EngineLimitError) {
      const mb = fmt(blob.size / 1e6, 0);
      status(t(`status.${err.code}`, { file: name, mb, limit: fmt(engine.limits.bytes / 1e6, 0) }));
    } else status(t('status.failed', { file: name, error: err.message ?? String(err) }));
  } finally {
    if (controller?.signal === signal) {
      controller = null;
      showProgress(false);
    }
  }
}

export function cancel() {
  controller?.abort();
}

/** Text pasted from Excel (tab-separated) is read as a file of its own. */
function pasted() {
  const text = $('paste-text').value;
  if (!text.trim()) return;
  openSource(t('pasted'), new Blob([text]));
}

export function wireImport() {
  $('file').addEventListener('change', (e) => e.target.files[0] && openFile(e.target.files[0]));
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer.files[0]) openFile(e.dataTransfer.files[0]);
  });
  $('paste-go').addEventListener('click', pasted);
  $('unit').addEventListener('change', () => { state.unit = $('unit').value; showMapping(); });
  $('sheet').addEventListener('change', async () => {
    state.sheet = $('sheet').value;
    await inspectSource();
    showMapping();
  });
  $('mapping-reset').addEventListener('click', () => {
    state.columnMap = Object.fromEntries(state.inspection.columns.map((c) => [c.header, c.field ?? '']));
    state.remembered = false;
    showMapping();
  });
  $('process').addEventListener('click', () => process());
  $('cancel').addEventListener('click', cancel);
}

const openFile = (file) => openSource(file.name, file);
