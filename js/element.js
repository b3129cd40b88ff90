/**
 * `lendseg/element`: two custom elements for pages that want lendseg without writing UI code.
 *   <lendseg-panel>  drop or pick a customer file → processed in a Worker → summary, problems,
 *                    results table with the reasons, CSV export.
 *   <lendseg-badge>  one customer from its attributes (field names or aliases) or its `record`
 *                    property → grade, segment, action; fires `lendseg-result`.
 * Shadow DOM, styles through constructable stylesheets (no inline styles, so a strict CSP without
 * 'unsafe-inline' is fine), every text set with textContent (customer data is never HTML), zh/en
 * by the `lang` attribute. Both share one engine: a `LendsegWorker` made on first use, or what
 * `useEngine()` was given (e.g. a `connectFrame()` connection — the same API).
 */

import { LendsegWorker } from './worker.js';

let engine = null;

/** Use this engine (a `LendsegWorker` or a `connectFrame()` connection) for every element. */
export function useEngine(api) {
  engine = api;
}

function currentEngine() {
  return (engine ??= new LendsegWorker());
}

const TEXT = {
  zh: {
    drop: '拖放客户文件到这里，或点击选择（CSV、TSV、Excel）',
    reading: '正在读取…', classify: '正在分类评分…', done: '完成', cancel: '取消', cancelled: '已取消',
    rows: '{n} 位客户', problems: '{n} 个问题', encoding: '编码 {e}', export: '导出 CSV',
    sheet: '工作表', more: '仅显示前 {n} 行',
    cols: { id: '客户编号', name: '名称', size: '规模', grade: '评级', score: '评分', segment: '客户分群', action: '建议产品', reasons: '主要原因' },
    grade: '评级', segment: '分群', action: '建议', error: '出错：',
    size: { large: '大型', medium: '中型', small: '小型', micro: '微型', unknown: '无法判定' },
  },
  en: {
    drop: 'Drop a customer file here, or click to choose one (CSV, TSV, Excel)',
    reading: 'Reading…', classify: 'Classifying and scoring…', done: 'Done', cancel: 'Cancel', cancelled: 'Cancelled',
    rows: '{n} customers', problems: '{n} problems', encoding: 'encoding {e}', export: 'Export CSV',
    sheet: 'Sheet', more: 'Showing the first {n} rows',
    cols: { id: 'ID', name: 'Name', size: 'Size', grade: 'Grade', score: 'Score', segment: 'Segment', action: 'Product', reasons: 'Main reasons' },
    grade: 'Grade', segment: 'Segment', action: 'Action', error: 'Error: ',
    size: { large: 'large', medium: 'medium', small: 'small', micro: 'micro', unknown: 'unknown' },
  },
};

const fill = (s, params) => s.replace(/\{(\w+)\}/g, (_, k) => String(params[k] ?? ''));

function langOf(el) {
  return el.getAttribute('lang') === 'en' ? 'en' : 'zh';
}

function sheetFor(css) {
  if (typeof CSSStyleSheet === 'undefined' || !('replaceSync' in CSSStyleSheet.prototype)) return [];
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  return [sheet];
}

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'text') node.textContent = v;
    else if (k === 'class') node.className = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function unpack({ text, offsets }, i) {
  return text.slice(offsets[i], offsets[i + 1]);
}

/** One cell of a result column as text ('' when empty). */
function cell(col, i) {
  if (!col) return '';
  switch (col.kind) {
    case 'text': return unpack(col.values, i);
    case 'cat': return col.codes[i] ? col.keys[col.codes[i]] : '';
    case 'int': return col.values[i] === -2147483648 ? '' : String(col.values[i]);
    default: return Number.isNaN(col.values[i]) ? '' : String(col.values[i]);
  }
}

const PANEL_CSS = `
:host { display: block; font: 14px/1.45 system-ui, sans-serif; color: #1f2933; }
.drop { display: block; border: 2px dashed #9aa5b1; border-radius: 8px; padding: 1.2em; text-align: center; cursor: pointer; }
.drop.over, .drop:focus-within { border-color: #2563eb; background: #eff6ff; }
.drop input { position: absolute; opacity: 0; width: 1px; height: 1px; }
.status { display: flex; gap: .6em; align-items: center; min-height: 2em; }
.status progress { flex: 1; }
.summary ul { display: flex; flex-wrap: wrap; gap: .4em 1.2em; padding: 0; list-style: none; }
.issues { color: #9a3412; }
table { border-collapse: collapse; width: 100%; margin-top: .6em; }
th, td { border-bottom: 1px solid #e4e7eb; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #f5f7fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
[hidden] { display: none !important; }
`;

/** `<lendseg-panel policy="enterprise" lang="zh" money-unit="yuan" rows="100">` */
export class LendsegPanel extends HTMLElement {
  static observedAttributes = ['lang'];
  #root;
  #parts = {};
  #batch = null;
  #bytes = null;
  #abort = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = sheetFor(PANEL_CSS);
    const p = this.#parts;
    p.input = el('input', { type: 'file', accept: '.csv,.tsv,.txt,.xlsx,.xls,.ods', part: 'input' });
    p.dropText = el('span');
    p.drop = el('label', { class: 'drop', part: 'drop' }, [p.input, p.dropText]);
    p.progress = el('progress', { max: '1', hidden: '' });
    p.state = el('span');
    p.cancel = el('button', { type: 'button', hidden: '' });
    p.status = el('div', { class: 'status', role: 'status', 'aria-live': 'polite' }, [p.progress, p.state, p.cancel]);
    p.sheetLabel = el('span');
    p.sheet = el('select');
    p.sheetRow = el('label', { hidden: '' }, [p.sheetLabel, ' ', p.sheet]);
    p.counts = el('p');
    p.segments = el('ul');
    p.issues = el('ul', { class: 'issues' });
    p.export = el('button', { type: 'button', part: 'export' });
    p.summary = el('section', { class: 'summary', hidden: '' }, [p.counts, p.segments, p.issues, p.export]);
    p.note = el('p');
    p.table = el('table', { part: 'table', hidden: '' });
    this.#root.append(p.drop, p.status, p.sheetRow, p.summary, p.table, p.note);

    p.input.addEventListener('change', () => p.input.files[0] && this.process(p.input.files[0]));
    p.drop.addEventListener('dragover', (e) => {
      e.preventDefault();
      p.drop.classList.add('over');
    });
    p.drop.addEventListener('dragleave', () => p.drop.classList.remove('over'));
    p.drop.addEventListener('drop', (e) => {
      e.preventDefault();
      p.drop.classList.remove('over');
      const file = e.dataTransfer?.files?.[0];
      if (file) this.process(file);
    });
    p.cancel.addEventListener('click', () => this.#abort?.abort());
    p.sheet.addEventListener('change', () => this.#bytes && this.process(this.#bytes, p.sheet.value));
    p.export.addEventListener('click', () => this.#exportCsv());
    this.#labels();
  }

  attributeChangedCallback() {
    this.#labels();
    if (this.#batch) this.#render(this.#batch);
  }

  /** The last result (a `WorkerBatch`), or null. */
  get batch() {
    return this.#batch;
  }

  /**
   * Process a file (File, Blob, ArrayBuffer or bytes); resolves with the `WorkerBatch` and also
   * fires `lendseg-result` (`detail.batch`). Failures fire `lendseg-error` and show in the panel.
   */
  async process(file, sheet) {
    const t = TEXT[langOf(this)];
    const p = this.#parts;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    const api = currentEngine();
    p.progress.hidden = false;
    p.progress.removeAttribute('value');
    p.cancel.hidden = false;
    p.state.textContent = t.reading;
    try {
      const bytes = file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : file;
      this.#bytes = bytes;
      const options = { policy: this.getAttribute('policy') || 'enterprise', lang: langOf(this) };
      if (this.getAttribute('money-unit')) options.moneyUnit = this.getAttribute('money-unit');
      const sheets = await this.#sheets(api, bytes, sheet);
      if (sheets) options.sheet = sheet ?? sheets[0];
      const batch = await api.segmentFile(bytes, options, {
        signal: abort.signal,
        onProgress: ({ stage, done, total }) => {
          p.state.textContent = stage === 'read' ? t.reading : t.classify;
          if (total > 0) p.progress.value = done / total;
        },
      });
      const old = this.#batch;
      this.#batch = batch;
      old?.free().catch(() => {});
      p.state.textContent = t.done;
      this.#render(batch);
      this.dispatchEvent(new CustomEvent('lendseg-result', { detail: { batch }, bubbles: true, composed: true }));
      return batch;
    } catch (error) {
      p.state.textContent = error?.name === 'AbortError' ? t.cancelled : t.error + (error?.message ?? error);
      this.dispatchEvent(new CustomEvent('lendseg-error', { detail: { error }, bubbles: true, composed: true }));
      throw error;
    } finally {
      if (this.#abort === abort) {
        p.progress.hidden = true;
        p.cancel.hidden = true;
        this.#abort = null;
      }
    }
  }

  /** A workbook's sheet names, shown as a picker when there are several; null for text files. */
  async #sheets(api, bytes, chosen) {
    const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    const workbook = (b[0] === 0x50 && b[1] === 0x4b) || (b[0] === 0xd0 && b[1] === 0xcf);
    const p = this.#parts;
    if (!workbook) {
      p.sheetRow.hidden = true;
      return null;
    }
    const names = await api.sheetNames(b);
    p.sheet.replaceChildren(...names.map((n) => el('option', { value: n, text: n })));
    p.sheet.value = chosen ?? names[0];
    p.sheetRow.hidden = names.length < 2;
    return names;
  }

  #labels() {
    const t = TEXT[langOf(this)];
    const p = this.#parts;
    p.dropText.textContent = t.drop;
    p.cancel.textContent = t.cancel;
    p.export.textContent = t.export;
    p.sheetLabel.textContent = t.sheet;
  }

  #render(batch) {
    const lang = langOf(this);
    const t = TEXT[lang];
    const p = this.#parts;
    const issues = batch.issues();
    p.counts.textContent = [fill(t.rows, { n: batch.length }), fill(t.problems, { n: issues.length }), fill(t.encoding, { e: batch.encoding })].join(' · ');
    p.segments.replaceChildren(...batch.profile().filter((s) => s.count > 0).map((s) =>
      el('li', { text: `${s[lang]}: ${s.count} (${(s.share * 100).toFixed(1)}%)` })));
    p.issues.replaceChildren(...issues.slice(0, 5).map((i) =>
      el('li', { text: (i.row ? `${lang === 'zh' ? '第' : 'row '}${i.row}${lang === 'zh' ? '行' : ''} ` : '') + (i.column ? `[${i.column}] ` : '') + i.message })));
    p.summary.hidden = false;

    const reasons = new Map(batch.features().map((f) => [f.field, f.reason[lang]]));
    const cols = Object.fromEntries(['id', 'size_class', 'grade', 'score', 'segment_name', 'action_product', 'reason_1', 'reason_2', 'reason_3']
      .map((n) => [n, batch.columnNames().includes(n) ? batch.column(n) : null]));
    const names = batch.names();
    const hasNames = names.text.length > 0;
    const head = [t.cols.id, ...(hasNames ? [t.cols.name] : []), t.cols.size, t.cols.grade, t.cols.score, t.cols.segment, t.cols.action, t.cols.reasons];
    const limit = Math.max(1, Number(this.getAttribute('rows')) || 100);
    const n = Math.min(batch.length, limit);
    const rows = [];
    for (let i = 0; i < n; i++) {
      const why = ['reason_1', 'reason_2', 'reason_3'].map((r) => cell(cols[r], i)).filter(Boolean).map((c) => reasons.get(c) ?? c);
      rows.push(el('tr', {}, [
        el('td', { text: cell(cols.id, i) }),
        ...(hasNames ? [el('td', { text: unpack(names, i) })] : []),
        el('td', { text: t.size[cell(cols.size_class, i)] ?? cell(cols.size_class, i) }),
        el('td', { text: cell(cols.grade, i) }),
        el('td', { class: 'num', text: cell(cols.score, i) }),
        el('td', { text: cell(cols.segment_name, i) }),
        el('td', { text: cell(cols.action_product, i) }),
        el('td', { text: why.join(lang === 'zh' ? '；' : '; ') }),
      ]));
    }
    p.table.replaceChildren(el('thead', {}, [el('tr', {}, head.map((h) => el('th', { scope: 'col', text: h })))]), el('tbody', {}, rows));
    p.table.hidden = false;
    p.note.textContent = batch.length > n ? fill(t.more, { n }) : '';
  }

  async #exportCsv() {
    if (!this.#batch) return;
    const bytes = await this.#batch.toCsv(true, true);
    const url = URL.createObjectURL(new Blob([bytes], { type: 'text/csv;charset=utf-8' }));
    const a = el('a', { href: url, download: 'lendseg-results.csv' });
    this.#root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

const BADGE_CSS = `
:host { display: inline-flex; gap: .5em; align-items: baseline; font: 14px/1.4 system-ui, sans-serif;
  border: 1px solid #cbd2d9; border-radius: 6px; padding: .2em .6em; }
.grade { font-weight: 700; font-size: 1.2em; }
.error { color: #b91c1c; }
`;

/** Attributes of `<lendseg-badge>` that are settings, not customer fields. */
const BADGE_SETTINGS = new Set(['policy', 'lang', 'money-unit', 'id', 'class', 'style', 'title', 'hidden', 'slot', 'part', 'tabindex', 'dir']);

/**
 * `<lendseg-badge industry="F52" employees="60" revenue="6000000" lang="en">`: every attribute
 * that is not a setting (`policy`, `lang`, `money-unit`, and the global HTML ones) is a field of
 * the customer; or set `badge.record = { … }`. The result (the object `segmentRecord` gives) is
 * `badge.result` and the `detail` of the `lendseg-result` event.
 */
export class LendsegBadge extends HTMLElement {
  #root;
  #record = null;
  #result = null;
  #seq = 0;
  #scheduled = false;
  #observer;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = sheetFor(BADGE_CSS);
    this.#observer = new MutationObserver(() => this.#schedule());
  }

  connectedCallback() {
    // A `record` set before this element was upgraded (created before the module was imported)
    // is an own property hiding the setter: move it through the setter.
    if (Object.hasOwn(this, 'record')) {
      const value = this.record;
      delete this.record;
      this.record = value;
    }
    this.#observer.observe(this, { attributes: true });
    this.#schedule();
  }

  disconnectedCallback() {
    this.#observer.disconnect();
  }

  /** The customer as an object; overrides the attributes while set. */
  get record() {
    return this.#record;
  }
  set record(value) {
    this.#record = value ?? null;
    this.#schedule();
  }

  /** The last result, or null. */
  get result() {
    return this.#result;
  }

  #fields() {
    if (this.#record) return this.#record;
    const out = {};
    for (const { name, value } of this.attributes) {
      if (!BADGE_SETTINGS.has(name) && !name.startsWith('data-') && !name.startsWith('aria-')) out[name] = value;
    }
    return out;
  }

  #schedule() {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      if (this.isConnected) this.#update();
    });
  }

  async #update() {
    const seq = ++this.#seq;
    const lang = langOf(this);
    const t = TEXT[lang];
    const options = { policy: this.getAttribute('policy') || 'enterprise', lang };
    if (this.getAttribute('money-unit')) options.moneyUnit = this.getAttribute('money-unit');
    try {
      const result = await currentEngine().segmentRecord(this.#fields(), options);
      if (seq !== this.#seq) return; // a newer update is on its way
      this.#result = result;
      this.#root.replaceChildren(
        el('span', { class: 'grade', part: 'grade', title: t.grade, text: result.grade ?? '—' }),
        el('span', { part: 'segment', title: t.segment, text: result.segment_name ?? result.segment ?? '' }),
        el('span', { part: 'action', title: t.action, text: result.action_product ?? '' }),
      );
      this.dispatchEvent(new CustomEvent('lendseg-result', { detail: result, bubbles: true, composed: true }));
    } catch (error) {
      if (seq !== this.#seq) return;
      this.#result = null;
      this.#root.replaceChildren(el('span', { class: 'error', part: 'error', text: t.error + (error?.message ?? error) }));
      this.dispatchEvent(new CustomEvent('lendseg-error', { detail: { error }, bubbles: true, composed: true }));
    }
  }
}

if (typeof customElements !== 'undefined') {
  if (!customElements.get('lendseg-panel')) customElements.define('lendseg-panel', LendsegPanel);
  if (!customElements.get('lendseg-badge')) customElements.define('lendseg-badge', LendsegBadge);
}
