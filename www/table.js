// Customers view: the results table, virtualised (fixed row height; only the rows in view are in
// the DOM, with spacer rows above and below) so a million rows scroll smoothly. Sorting, filtering
// and search work on a Uint32Array of row indices over the typed result columns — never an array
// of row objects. Search looks for the text in the packed id and name strings directly.
import { $, cell, option, unpack } from './dom.js';
import { t } from './i18n.js';
import { state, cat } from './state.js';

const ROW_H = 32;
const OVERSCAN = 6;
/** Browsers cap an element's height (~33.5M px in Chromium); taller lists scroll proportionally. */
const MAX_PX = 15_000_000;

const COLUMNS = [
  { key: 'row', label: 'row', sort: 'row' },
  { key: 'id', label: 'id', sort: 'text' },
  { key: 'name', label: 'name', sort: 'text' },
  { key: 'industry', label: 'industry', sort: 'cat' },
  { key: 'size_class', label: 'sizeClass', sort: 'cat' },
  { key: 'score', label: 'score', sort: 'int' },
  { key: 'grade', label: 'grade', sort: 'cat' },
  { key: 'risk_tier', label: 'riskTier', sort: 'cat' },
  { key: 'value_tier', label: 'valueTier', sort: 'cat' },
  { key: 'segment_name', label: 'segment', sort: 'cat' },
  { key: 'el', label: 'el', sort: 'num' },
  { key: 'warnings', label: 'warnings', sort: 'cat' },
];

const view = {
  order: new Uint32Array(0), // the rows shown, in display order
  sorted: null, // all rows in the current sort order
  sort: { key: 'row', dir: 1 },
  ids: null,
  names: null,
  lowerIds: null,
  lowerNames: null,
  onOpen: null,
};

const packedOf = (name) => (name === 'id' ? state.results.columns.id.values : state.results.names);

/** Row i's id or name, sliced from the packed text (no per-row strings kept for display). */
function textAt(name, i) {
  const { text, offsets } = packedOf(name);
  return text.slice(offsets[i], offsets[i + 1]);
}

/** All ids or names as strings: made only when a text column is sorted. */
const textOf = (name) => {
  if (name === 'id') return (view.ids ??= unpack(packedOf('id')));
  return (view.names ??= unpack(packedOf('name')));
};

/** Stable counting sort of `order` by small integer keys. */
function countingSort(order, keyOf, nKeys) {
  const counts = new Uint32Array(nKeys + 1);
  for (let i = 0; i < order.length; i++) counts[keyOf(order[i]) + 1]++;
  for (let k = 1; k <= nKeys; k++) counts[k] += counts[k - 1];
  const out = new Uint32Array(order.length);
  for (let i = 0; i < order.length; i++) out[counts[keyOf(order[i])]++] = order[i];
  return out;
}

/** All row indices sorted by a column; empty values last in either direction. */
function sortRows() {
  const n = state.results.length;
  const { key, dir } = view.sort;
  const spec = COLUMNS.find((c) => c.key === key);
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (spec.sort === 'row') {
    if (dir < 0) order.reverse();
    return order;
  }
  if (spec.sort === 'cat') {
    const c = cat(key);
    if (!c) return order;
    // Empty (code 0) sorts last; keys keep the policy's order (AAA…D, low…high).
    const nk = c.keys.length;
    const rank = (code) => (code === 0 ? nk - 1 : dir > 0 ? code - 1 : nk - 1 - code);
    return countingSort(order, (i) => rank(c.codes[i]), nk);
  }
  if (spec.sort === 'int') {
    const v = state.results.columns[key].values;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) if (v[i] !== -2147483648) { lo = Math.min(lo, v[i]); hi = Math.max(hi, v[i]); }
    if (!(hi - lo < 1e6)) return order;
    const span = hi - lo + 1;
    return countingSort(order, (i) => (v[i] === -2147483648 ? span : dir > 0 ? v[i] - lo : hi - v[i]), span + 1);
  }
  if (spec.sort === 'num') {
    const v = state.results.columns[key]?.values;
    if (!v) return order;
    return order.sort((a, b) => {
      const x = v[a];
      const y = v[b];
      if (Number.isNaN(x)) return Number.isNaN(y) ? a - b : 1;
      if (Number.isNaN(y)) return -1;
      return (x - y) * dir || a - b;
    });
  }
  const s = textOf(key);
  return order.sort((a, b) => {
    if (!s[a] !== !s[b]) return s[a] ? -1 : 1;
    return (s[a] < s[b] ? -dir : s[a] > s[b] ? dir : 0) || a - b;
  });
}

/** Rows whose id or name contains the query (case-insensitive), as a mask. */
function searchMask(query) {
  const n = state.results.length;
  const mask = new Uint8Array(n);
  const q = query.toLowerCase();
  const sources = [[state.results.columns.id.values, 'lowerIds'], [state.results.names, 'lowerNames']];
  for (const [packed, cache] of sources) {
    const text = (view[cache] ??= packed.text.toLowerCase());
    const { offsets } = packed;
    if (text.length !== packed.text.length) {
      // Lower-casing changed lengths (rare scripts): fall back to per-row strings.
      const strings = unpack(packed);
      for (let i = 0; i < n; i++) if (strings[i].toLowerCase().includes(q)) mask[i] = 1;
      continue;
    }
    for (let at = text.indexOf(q); at !== -1; at = text.indexOf(q, at + 1)) {
      // The row whose [offsets[r], offsets[r+1]) holds the whole match.
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (offsets[mid] <= at) lo = mid;
        else hi = mid - 1;
      }
      if (at + q.length <= offsets[lo + 1]) mask[lo] = 1;
    }
  }
  return mask;
}

function currentFilters() {
  const f = {};
  for (const [name, id] of [['segment_name', 'filter-segment'], ['grade', 'filter-grade'], ['risk_tier', 'filter-risk'], ['value_tier', 'filter-value']]) {
    const v = $(id).value;
    if (v !== '') f[name] = Number(v);
  }
  return f;
}

/** Apply sort, filters and search into `view.order`, then redraw. */
export function refilter({ resort = false } = {}) {
  if (!state.results) return;
  if (resort || !view.sorted) view.sorted = sortRows();
  const filters = Object.entries(currentFilters()).map(([name, code]) => [cat(name)?.codes, code]).filter(([codes]) => codes);
  const warnings = $('filter-warnings').checked ? cat('warnings')?.codes : null;
  const query = $('search').value.trim();
  const mask = query ? searchMask(query) : null;
  const sorted = view.sorted;
  const out = new Uint32Array(sorted.length);
  let k = 0;
  outer: for (let j = 0; j < sorted.length; j++) {
    const i = sorted[j];
    for (const [codes, code] of filters) if (codes[i] !== code) continue outer;
    if (warnings && warnings[i] === 0) continue;
    if (mask && !mask[i]) continue;
    out[k++] = i;
  }
  view.order = out.subarray(0, k);
  $('table-count').textContent = t('table.count', { shown: k.toLocaleString(), total: state.results.length.toLocaleString() });
  $('table-scroll').scrollTop = 0;
  drawRows();
}

function fillFilter(id, name, label) {
  const select = $(id);
  const c = cat(name);
  select.replaceChildren(option('', t('filter.all')));
  select.disabled = !c;
  if (!c) return;
  c.keys.forEach((k, code) => {
    if (code > 0) select.append(option(String(code), label(k)));
  });
}

function headerRow() {
  const tr = $('results-head');
  tr.replaceChildren();
  for (const col of COLUMNS) {
    const th = cell('th', null, { scope: 'col', 'data-col': col.key });
    const active = view.sort.key === col.key;
    th.setAttribute('aria-sort', active ? (view.sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    const b = cell('button', t(col.label), { type: 'button', class: 'sort' });
    if (active) b.append(cell('span', view.sort.dir > 0 ? ' ▲' : ' ▼', { 'aria-hidden': 'true' }));
    b.addEventListener('click', () => {
      view.sort = { key: col.key, dir: active ? -view.sort.dir : 1 };
      headerRow();
      refilter({ resort: true });
      document.querySelector(`#results-head th[data-col="${col.key}"] button`).focus();
    });
    th.append(b);
    tr.append(th);
  }
}

/** Text of one cell of row i. */
function cellText(key, i) {
  const r = state.results;
  switch (key) {
    case 'row': return String(r.sourceRows[i]);
    case 'id': return textAt('id', i);
    case 'name': return textAt('name', i);
    case 'score': {
      const v = r.columns.score.values[i];
      return v === -2147483648 ? '' : String(v);
    }
    case 'el': {
      const v = r.columns.el?.values[i];
      return v == null || Number.isNaN(v) ? '' : Math.round(v).toLocaleString();
    }
    default: {
      const c = cat(key);
      if (!c) return '';
      const k = c.keys[c.codes[i]];
      if (!k) return '';
      if (key === 'size_class') return t(`size.${k}`);
      if (key === 'industry') return t(`industry.${k}`);
      if (key === 'risk_tier') return t(`risk.${k}`);
      if (key === 'value_tier') return t(`value.${k}`);
      if (key === 'warnings') return k.split(';').map((w) => t(`warning.${w}`)).join('、');
      return k;
    }
  }
}

/** Draw the rows in view (plus a few either side) between two spacer rows. */
function drawRows() {
  const scroll = $('table-scroll');
  const body = $('results-table').tBodies[0];
  const total = view.order.length;
  const full = total * ROW_H;
  const virt = Math.min(full, MAX_PX);
  const viewport = scroll.clientHeight || 600;
  const maxScroll = Math.max(1, virt - viewport);
  const pos = virt === full ? scroll.scrollTop : (Math.min(scroll.scrollTop, maxScroll) / maxScroll) * Math.max(1, full - viewport);
  const first = Math.max(0, Math.floor(pos / ROW_H) - OVERSCAN);
  const count = Math.ceil(viewport / ROW_H) + 2 * OVERSCAN;
  const end = Math.min(total, first + count);
  const top = Math.max(0, virt === full ? first * ROW_H : scroll.scrollTop - (pos - first * ROW_H));
  const rows = [];
  const spacer = (h) => {
    const tr = cell('tr', null, { class: 'spacer', 'aria-hidden': 'true' });
    const td = cell('td', null, { colspan: String(COLUMNS.length) });
    td.style.height = `${h}px`;
    tr.append(td);
    return tr;
  };
  rows.push(spacer(top));
  for (let j = first; j < end; j++) {
    const i = view.order[j];
    const tr = document.createElement('tr');
    tr.dataset.index = String(i);
    for (const col of COLUMNS) {
      const text = cellText(col.key, i);
      if (col.key === 'id') {
        const td = document.createElement('td');
        const open = cell('button', text, { type: 'button', class: 'link', 'aria-label': t('openDetail', { id: text }) });
        open.addEventListener('click', () => view.onOpen?.(i, open));
        td.append(open);
        tr.append(td);
      } else {
        const attrs = {};
        if (col.key === 'size_class') attrs['data-size'] = cat('size_class')?.keys[cat('size_class').codes[i]] ?? '';
        if (col.key === 'grade') attrs['data-grade'] = text;
        if (col.key === 'risk_tier') attrs['data-risk'] = cat('risk_tier')?.keys[cat('risk_tier').codes[i]] ?? '';
        tr.append(cell('td', text, attrs));
      }
    }
    rows.push(tr);
  }
  rows.push(spacer(Math.max(0, virt - top - (end - first) * ROW_H)));
  body.replaceChildren(...rows);
}

export function renderTable() {
  if (!state.results) return;
  view.ids = view.names = view.lowerIds = view.lowerNames = null;
  fillFilter('filter-segment', 'segment_name', (k) => k);
  fillFilter('filter-grade', 'grade', (k) => k);
  fillFilter('filter-risk', 'risk_tier', (k) => t(`risk.${k}`));
  fillFilter('filter-value', 'value_tier', (k) => t(`value.${k}`));
  $('filter-warnings').disabled = !cat('warnings');
  headerRow();
  refilter({ resort: true });
}

export function clearTable() {
  view.order = new Uint32Array(0);
  view.sorted = null;
  view.ids = view.names = view.lowerIds = view.lowerNames = null;
  $('results-table').tBodies[0].replaceChildren();
  $('table-count').textContent = '';
}

export function wireTable(onOpen) {
  view.onOpen = onOpen;
  let frame = 0;
  $('table-scroll').addEventListener('scroll', () => {
    if (!frame) frame = requestAnimationFrame(() => { frame = 0; drawRows(); });
  });
  for (const id of ['filter-segment', 'filter-grade', 'filter-risk', 'filter-value', 'filter-warnings']) $(id).addEventListener('change', () => refilter());
  let timer = 0;
  $('search').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => refilter(), 150);
  });
  new ResizeObserver(() => state.results && drawRows()).observe($('table-scroll'));
}
