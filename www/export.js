// Exports of the current results, all made by the core so they equal the CLI's files: CSV (UTF-8
// with BOM, formula-like cells neutralised = `lendseg segment --bom --excel-safe`), JSON Lines
// (= `--format jsonl`), Excel (= `--format xlsx`, written by the lazily loaded Excel build), and
// a printable summary report (the dashboard under a print stylesheet).
import { $, download } from './dom.js';
import { t } from './i18n.js';
import { state } from './state.js';

const base = () => state.meta.file.replace(/\.[^.]+$/, '');

async function run(kind) {
  const r = state.results;
  if (!r) return;
  $('export-status').textContent = t('export.working');
  try {
    if (kind === 'csv') download(await r.toCsv(true, true), `${base()}-lendseg.csv`, 'text/csv;charset=utf-8');
    if (kind === 'json') download(await r.toJsonl(), `${base()}-lendseg.jsonl`, 'application/x-ndjson');
    if (kind === 'xlsx') download(await r.toXlsx(), `${base()}-lendseg.xlsx`, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    $('export-status').textContent = t('export.done');
  } catch (err) {
    $('export-status').textContent = t('export.failed', { error: err.message ?? String(err) });
  }
}

/** The summary report: the dashboard alone, printed (see `body[data-print="report"]` in CSS). */
export function printReport(showView) {
  showView('dashboard');
  document.body.dataset.print = 'report';
  $('report-meta').textContent = t('report.meta', { file: state.meta?.file ?? '', rows: state.meta?.rows ?? 0, date: new Date().toLocaleDateString() });
  window.print();
}

export function wireExport(showView) {
  $('export-csv').addEventListener('click', () => run('csv'));
  $('export-json').addEventListener('click', () => run('json'));
  $('export-xlsx').addEventListener('click', () => run('xlsx'));
  $('print-report').addEventListener('click', () => printReport(showView));
  window.addEventListener('afterprint', () => delete document.body.dataset.print);
}
