// The loan officer's page: wiring only. Views live in their own modules (import + mapping,
// dashboard, customers table, detail, policy, models, export); data goes through engine.js.
// Nothing leaves the browser: no request goes to another host, and "clear all data" wipes what
// the page stored.
import * as engine from './engine.js';
import { $, nextTask } from './dom.js';
import { t, i18n, setLang, applyLocale } from './i18n.js';
import { state, subscribe } from './state.js';
import { openSource, process, showMapping, wireImport } from './import.js';
import { renderDashboard, clearDashboard } from './dashboard.js';
import { renderTable, clearTable, wireTable } from './table.js';
import { showDetail, wireDetail } from './detail.js';
import { renderPolicy, wirePolicy } from './policy.js';
import { wireExport } from './export.js';
import { wireLearn, clearLearn } from './learn.js';
import demoCsv from './demo/customers.csv?raw';

const VIEWS = ['import', 'dashboard', 'customers', 'policy', 'models'];
const MAX_ISSUES_SHOWN = 200;
let current = 'dashboard';

/** Show one view; its heading takes the focus so keyboard and screen-reader users land there. */
export function showView(name, { focus = false } = {}) {
  current = name;
  for (const v of VIEWS) {
    $(`view-${v}`).hidden = v !== name;
    const b = $(`nav-${v}`);
    if (v === name) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  }
  if (name === 'policy') renderPolicy();
  if (focus) $(`view-${name}`).querySelector('h2')?.focus();
}

function renderIssues() {
  const issues = state.results?.issues ?? [];
  $('issues').hidden = issues.length === 0;
  const list = $('issue-list');
  list.replaceChildren();
  for (const issue of issues.slice(0, MAX_ISSUES_SHOWN)) {
    const where = [issue.row != null ? t('issue.row', { row: issue.row }) : null,
      issue.column != null ? t('issue.column', { column: issue.column }) : null].filter(Boolean).join(t('issue.sep'));
    const li = document.createElement('li');
    li.textContent = where ? `${where}: ${issue.message}` : issue.message;
    li.className = issue.severity;
    li.dataset.code = issue.code;
    list.append(li);
  }
  if (issues.length > MAX_ISSUES_SHOWN) {
    const li = document.createElement('li');
    li.textContent = t('issue.more', { n: issues.length - MAX_ISSUES_SHOWN });
    list.append(li);
  }
}

/** Redraw every view from the current results, piece by piece (each in a short task). */
async function renderAll() {
  applyLocale();
  const has = Boolean(state.results);
  $('export-bar').hidden = !has;
  if (!has) return;
  renderIssues();
  await nextTask();
  renderTable();
  await renderDashboard();
}

/** Run the current file again (language, policy, clusters changed); stays on the current view. */
async function reclassify() {
  if (state.lastRun) await process({ rerun: true });
  else renderAll();
}

let processed = 0;
subscribe(async (reason) => {
  if (reason === 'results' && current === 'import') showView('dashboard', { focus: true });
  await renderAll();
  // A counter tests (and scripts) can wait on: it changes once new results are fully drawn.
  document.body.dataset.processed = String(++processed);
});

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
      $('offline').textContent = t('offlineReady');
    }
  });
  worker.postMessage({ cache: urls });
}

/** Privacy: remove everything the page stored — settings, remembered mappings, caches, the
 *  offline copy — and drop the file and results from memory and screen. */
async function clearAllData() {
  localStorage.clear();
  sessionStorage.clear();
  if ('caches' in window) for (const key of await caches.keys()) await caches.delete(key);
  if ('serviceWorker' in navigator) for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
  state.results?.free();
  Object.assign(state, { results: null, meta: null, source: null, lastRun: null, inspection: null, columnMap: null, policy: 'enterprise', sheet: undefined });
  clearDashboard();
  clearTable();
  clearLearn();
  if ($('detail').open) $('detail').close();
  $('issue-list').replaceChildren();
  $('issues').hidden = true;
  $('mapping').hidden = true;
  $('export-bar').hidden = true;
  for (const id of ['file', 'paste-text']) $(id).value = '';
  $('status').textContent = t('cleared');
  document.body.dataset.cleared = 'true';
}

function wire() {
  for (const v of VIEWS) $(`nav-${v}`).addEventListener('click', () => showView(v, { focus: true }));
  wireImport();
  wireTable((i, from) => showDetail(i, from));
  wireDetail();
  wirePolicy(reclassify);
  wireExport(showView);
  wireLearn(reclassify);
  $('lang').addEventListener('click', async () => {
    setLang(i18n.lang === 'zh' ? 'en' : 'zh');
    applyLocale();
    showMapping();
    if (current === 'policy') renderPolicy();
    await reclassify();
  });
  $('clear-data').addEventListener('click', clearAllData);
}

async function main() {
  applyLocale();
  wire();
  showView('dashboard');
  try {
    const { version } = await engine.start();
    $('version').textContent = `v${version}`;
    await openSource('customers.csv', new Blob([demoCsv]), { demo: true });
    document.body.dataset.ready = 'true';
    enableOffline().catch(() => {});
  } catch (err) {
    $('status').textContent = t('status.failed', { file: 'lendseg.wasm', error: err.message ?? String(err) });
    document.body.dataset.ready = 'error';
  }
}

main();
