// One customer, in a modal dialog (Escape closes it, focus returns to the row): size class, grade
// and PD, the points per scorecard feature adding up to the score, the reasons, warnings,
// segment, recommended action and rate adjustment. Printable on its own.
import { $, cell } from './dom.js';
import { t, pick } from './i18n.js';
import { state } from './state.js';

let opener = null;

export async function showDetail(i, from) {
  const r = state.results;
  const row = await r.row(i);
  opener = from ?? null;
  const { text, offsets } = r.names;
  $('detail-title').textContent = t('detailTitle', { id: row.id, name: text.slice(offsets[i], offsets[i + 1]) });
  const facts = $('detail-facts');
  facts.replaceChildren();
  const fact = (key, value) => facts.append(cell('dt', t(key)), cell('dd', value == null || value === '' ? t('none') : String(value)));
  fact('fact.row', row.row);
  if (row.industry !== undefined) fact('fact.industry', row.industry ? t(`industry.${row.industry}`) : null);
  if (row.size_class) fact('fact.sizeClass', `${t(`size.${row.size_class}`)}${row.size_reason ? ` (${row.size_reason})` : ''}`);
  fact('fact.grade', `${row.grade} · ${row.score}`);
  fact('fact.pd', row.pd == null ? null : `${(100 * row.pd).toFixed(2)}%`);
  fact('fact.segment', row.segment_name);
  fact('fact.product', row.action_product);
  fact('fact.service', row.action_service);
  fact('fact.review', row.review);
  fact('fact.rate', row.rate_adjustment_bp);
  fact('fact.lifecycle', row.lifecycle);
  fact('fact.rfm', row.rfm_segment);
  if ('el' in row) fact('fact.el', row.el);
  const warnings = $('detail-warnings');
  const flags = row.warnings ? String(row.warnings).split(/[;|]/).filter(Boolean) : [];
  warnings.replaceChildren(...(flags.length ? flags.map((w) => cell('li', t(`warning.${w}`) === `warning.${w}` ? w : `${t(`warning.${w}`)} (${w})`)) : [cell('li', t('none'))]));
  const history = r.issues.filter((x) => x.row === row.row && x.code !== 'missing_column');
  $('detail-issues').replaceChildren(...history.map((x) => cell('li', x.column ? `${t('issue.column', { column: x.column })}: ${x.message}` : x.message)));
  $('detail-issues-box').hidden = history.length === 0;
  $('detail-reasons').replaceChildren(...row.reasons.map((x) => cell('li', `${pick(x.zh, x.en)} (−${x.points_lost})`)));
  const tbody = $('detail-breakdown').tBodies[0];
  tbody.replaceChildren();
  for (const f of r.features) {
    const tr = document.createElement('tr');
    tr.append(cell('th', pick(f.label.zh, f.label.en), { scope: 'row' }), cell('td', String(row.breakdown[f.field])), cell('td', String(f.max_points)));
    tbody.append(tr);
  }
  $('detail-total').textContent = String(row.score);
  const dialog = $('detail');
  if (!dialog.open) dialog.showModal();
  $('detail-close').focus();
}

export function wireDetail() {
  const dialog = $('detail');
  $('detail-close').addEventListener('click', () => dialog.close());
  $('detail-print').addEventListener('click', () => {
    document.body.dataset.print = 'detail';
    window.print();
  });
  dialog.addEventListener('close', () => {
    opener?.focus();
    opener = null;
  });
}
