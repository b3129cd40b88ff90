// Dashboard view: key figures, charts (Chart.js, with chartjs-chart-matrix for the risk × value
// heat map) and the same numbers as tables, so screen readers and printing get them as text.
// Every count is one pass over the result columns' typed arrays.
import { Chart, BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip } from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { $, cell, nextTask } from './dom.js';
import { t, pick, pct, fmt } from './i18n.js';
import { state, cat } from './state.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip, MatrixController, MatrixElement);

const SIZES = ['large', 'medium', 'small', 'micro', 'unknown'];
const SIZE_COLOURS = { large: '#0b5cad', medium: '#2b8a3e', small: '#e67700', micro: '#862e9c', unknown: '#868e96' };
const GRADE_ORDER = ['AAA', 'AA', 'A', 'BBB', 'BB', 'B', 'CCC', 'CC', 'C', 'D'];
const charts = {};
let generation = 0;

/** Counts of a category column by code. */
function countCodes(c) {
  const counts = new Float64Array(c.keys.length);
  for (let i = 0; i < c.codes.length; i++) counts[c.codes[i]]++;
  return counts;
}

/** Draw one chart in a task of its own; a newer render makes an older one stop. */
async function draw(id, config, gen) {
  await nextTask();
  if (gen !== generation) return;
  charts[id]?.destroy();
  charts[id] = new Chart($(id), { ...config, options: { animation: false, maintainAspectRatio: false, ...config.options } });
}

function countRows(tbody, entries, total, attr) {
  tbody.replaceChildren();
  for (const [key, label, n] of entries) {
    const tr = document.createElement('tr');
    tr.dataset[attr] = key;
    tr.append(cell('th', label, { scope: 'row' }), cell('td', String(n)), cell('td', pct(n, total)));
    tbody.append(tr);
  }
}

function kpis(total) {
  const profile = state.results.profile;
  const ead = profile.reduce((a, p) => a + p.total_ead, 0);
  const el = profile.reduce((a, p) => a + p.total_el, 0);
  const pd = state.results.columns.pd?.values;
  let sum = 0;
  let n = 0;
  if (pd) for (let i = 0; i < pd.length; i++) if (!Number.isNaN(pd[i])) { sum += pd[i]; n++; }
  const list = $('kpis');
  list.replaceChildren();
  for (const [key, value] of [['kpi.customers', fmt(total)], ['kpi.meanPd', n ? `${((100 * sum) / n).toFixed(2)}%` : '–'], ['kpi.ead', fmt(ead / 1e4)], ['kpi.el', fmt(el / 1e4, 1)]]) {
    const div = cell('div', null, { class: 'kpi' });
    div.append(cell('dt', t(key)), cell('dd', value));
    list.append(div);
  }
}

async function sizeSection(total, gen) {
  const size = cat('size_class');
  $('summary').hidden = !size;
  if (!size) return;
  const byKey = countCodes(size);
  const count = (k) => byKey[size.keys.indexOf(k)] ?? 0;
  countRows($('summary-table').tBodies[0], [...SIZES.map((k) => [k, t(`size.${k}`), count(k)]), ['total', t('total'), total]], total, 'size');
  const industry = cat('industry');
  if (!industry) return;
  // Size class by industry: a stacked bar per industry that has customers.
  const cross = Array.from({ length: industry.keys.length }, () => new Float64Array(size.keys.length));
  for (let i = 0; i < total; i++) cross[industry.codes[i]][size.codes[i]]++;
  const rows = industry.keys.map((k, code) => ({ k, code, n: cross[code].reduce((a, b) => a + b, 0) })).filter((r) => r.n > 0);
  await draw('chart-size-industry', {
    type: 'bar',
    data: {
      labels: rows.map((r) => (r.k ? t(`industry.${r.k}`) : t('industry.none'))),
      datasets: SIZES.map((s) => ({ label: t(`size.${s}`), backgroundColor: SIZE_COLOURS[s], data: rows.map((r) => cross[r.code][size.keys.indexOf(s)] ?? 0) })),
    },
    options: { indexAxis: 'y', scales: { x: { stacked: true }, y: { stacked: true } } },
  }, gen);
}

async function segmentSection(total, gen) {
  const profile = state.results.profile;
  const segBody = $('segment-table').tBodies[0];
  segBody.replaceChildren();
  for (const p of profile) {
    const tr = document.createElement('tr');
    tr.dataset.segment = p.segment;
    tr.append(cell('th', pick(p.zh, p.en), { scope: 'row' }), cell('td', String(p.count)), cell('td', pct(p.count, total)),
      cell('td', p.count ? `${(100 * p.mean_pd).toFixed(2)}%` : '–'), cell('td', fmt(p.total_el / 1e4 || 0, 1)), cell('td', t(`quality.${p.quality || 'ok'}`)));
    if (p.quality) tr.className = 'flagged';
    segBody.append(tr);
  }
  const labels = profile.map((p) => pick(p.zh, p.en));
  await draw('chart-segments', {
    type: 'bar',
    data: { labels, datasets: [{ label: t('count'), backgroundColor: '#0b5cad', data: profile.map((p) => p.count) }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } } },
  }, gen);
  await draw('chart-el', {
    type: 'bar',
    data: { labels, datasets: [{ label: t('elWan'), backgroundColor: '#a4161a', data: profile.map((p) => p.total_el / 1e4) }] },
    options: { indexAxis: 'y', plugins: { legend: { display: false } } },
  }, gen);
}

async function gradeSection(total, gen) {
  const grade = cat('grade');
  if (!grade) return;
  const counts = countCodes(grade);
  const present = GRADE_ORDER.filter((g) => counts[grade.keys.indexOf(g)] > 0);
  const extra = grade.keys.filter((k, code) => k && !GRADE_ORDER.includes(k) && counts[code] > 0);
  const order = [...present, ...extra];
  countRows($('grade-table').tBodies[0], order.map((g) => [g, g, counts[grade.keys.indexOf(g)]]), total, 'grade');
  await draw('chart-grades', {
    type: 'bar',
    data: { labels: order, datasets: [{ label: t('count'), backgroundColor: '#2b8a3e', data: order.map((g) => counts[grade.keys.indexOf(g)]) }] },
    options: { plugins: { legend: { display: false } } },
  }, gen);
}

/** Risk tier × value tier: counts as a heat map and as a table. */
async function matrixSection(gen) {
  const risk = cat('risk_tier');
  const value = cat('value_tier');
  $('matrix-box').hidden = !(risk && value);
  if (!risk || !value) return;
  const risks = ['high', 'medium', 'low'].filter((k) => risk.keys.includes(k));
  const values = ['strategic', 'core', 'general'].filter((k) => value.keys.includes(k));
  const m = Array.from({ length: risk.keys.length }, () => new Float64Array(value.keys.length));
  for (let i = 0; i < risk.codes.length; i++) m[risk.codes[i]][value.codes[i]]++;
  const data = [];
  let max = 1;
  for (const r of risks) for (const v of values) {
    const n = m[risk.keys.indexOf(r)][value.keys.indexOf(v)];
    max = Math.max(max, n);
    data.push({ x: t(`value.${v}`), y: t(`risk.${r}`), v: n });
  }
  await draw('chart-matrix', {
    type: 'matrix',
    data: {
      datasets: [{
        label: t('matrixTitle'),
        data,
        backgroundColor: (ctx) => `rgba(11, 92, 173, ${0.1 + (0.9 * (ctx.raw?.v ?? 0)) / max})`,
        borderColor: '#fff',
        borderWidth: 1,
        width: ({ chart }) => (chart.chartArea || {}).width / values.length - 2,
        height: ({ chart }) => (chart.chartArea || {}).height / risks.length - 2,
      }],
    },
    options: {
      plugins: { legend: { display: false }, tooltip: { callbacks: { title: () => '', label: (ctx) => `${ctx.raw.y} × ${ctx.raw.x}: ${ctx.raw.v}` } } },
      scales: {
        x: { type: 'category', labels: values.map((v) => t(`value.${v}`)), offset: true, grid: { display: false }, title: { display: true, text: t('valueTier') } },
        y: { type: 'category', labels: [...risks].reverse().map((r) => t(`risk.${r}`)), offset: true, grid: { display: false }, title: { display: true, text: t('riskTier') } },
      },
    },
  }, gen);
  const table = $('matrix-table');
  table.replaceChildren();
  const head = document.createElement('tr');
  head.append(cell('th', `${t('riskTier')} \\ ${t('valueTier')}`, { scope: 'col' }), ...values.map((v) => cell('th', t(`value.${v}`), { scope: 'col' })));
  const thead = document.createElement('thead');
  thead.append(head);
  const tbody = document.createElement('tbody');
  for (const r of risks) {
    const tr = document.createElement('tr');
    tr.append(cell('th', t(`risk.${r}`), { scope: 'row' }), ...values.map((v) => cell('td', String(m[risk.keys.indexOf(r)][value.keys.indexOf(v)]), { 'data-risk': r, 'data-value': v })));
    tbody.append(tr);
  }
  table.append(thead, tbody);
}

/** Tables first, then each chart in a task of its own. */
export async function renderDashboard() {
  if (!state.results) return;
  const gen = ++generation;
  const total = state.results.length;
  kpis(total);
  await segmentSection(total, gen);
  await gradeSection(total, gen);
  await matrixSection(gen);
  await sizeSection(total, gen);
}

export function clearDashboard() {
  generation++;
  for (const id of Object.keys(charts)) {
    charts[id].destroy();
    delete charts[id];
  }
  for (const id of ['summary-table', 'segment-table', 'grade-table']) $(id).tBodies[0].replaceChildren();
  $('matrix-table').replaceChildren();
  $('kpis').replaceChildren();
}
