// Policy view: choose a built-in policy, import or export a policy file, and edit it — one JSON
// editor per part of the document (fields, scorecard, grade scale, tier rules, segments, pricing…).
// The core's validatePolicy names every problem by its JSON path; each message is shown beside
// the part it belongs to. "Apply" reclassifies the current file with the edited policy.
import * as engine from './engine.js';
import { $, cell, download } from './dom.js';
import { t } from './i18n.js';
import { state } from './state.js';

/** Parts edited as one block each, in the document's order; the rest share "other". */
const SMALL = ['version', 'name', 'title', 'kind', 'notes'];
let sections = [];
let onApply = null;

function policyText() {
  return state.policy.trim().startsWith('{') ? state.policy : engine.builtinPolicy(state.policy);
}

/** Lay out one editor per top-level part of the policy. */
function load(text) {
  const doc = JSON.parse(text);
  const box = $('policy-sections');
  box.replaceChildren();
  const head = Object.fromEntries(SMALL.filter((k) => k in doc).map((k) => [k, doc[k]]));
  sections = [['general', head], ...Object.entries(doc).filter(([k]) => !SMALL.includes(k))];
  for (const [key, value] of sections) {
    const details = cell('details', null, { 'data-section': key });
    const summary = cell('summary', null);
    summary.append(cell('span', t(`policy.section.${key}`) === `policy.section.${key}` ? key : t(`policy.section.${key}`)), cell('code', ` ${key === 'general' ? SMALL.join(', ') : key}`));
    const id = `policy-edit-${key}`;
    const label = cell('label', t('policy.editLabel', { part: key }), { for: id, class: 'sr-only' });
    const area = cell('textarea', null, { id, spellcheck: 'false', rows: String(Math.min(24, JSON.stringify(value, null, 2).split('\n').length + 1)), 'aria-describedby': `${id}-errors` });
    area.value = JSON.stringify(value, null, 2);
    const errors = cell('ul', null, { id: `${id}-errors`, class: 'errors', role: 'alert' });
    details.append(summary, errors, label, area);
    box.append(details);
  }
  $('policy-name').textContent = t('policy.current', { name: doc.name ?? '?', title: doc.title ? (doc.title.zh ?? doc.title.en ?? '') : '' });
  clearErrors();
}

function clearErrors() {
  for (const ul of document.querySelectorAll('#policy-sections .errors')) ul.replaceChildren();
  for (const area of document.querySelectorAll('#policy-sections textarea')) area.removeAttribute('aria-invalid');
  $('policy-errors').replaceChildren();
  $('policy-status').textContent = '';
}

/** The edited document, or the JSON syntax problems per part. */
function assemble() {
  const doc = {};
  const problems = [];
  for (const [key] of sections) {
    const area = $(`policy-edit-${key}`);
    try {
      const value = JSON.parse(area.value);
      if (key === 'general') Object.assign(doc, value);
      else doc[key] = value;
    } catch (err) {
      problems.push([key, `${key}: ${t('policy.badJson', { error: err.message })}`]);
    }
  }
  return { doc, problems };
}

/** Show each message beside its part (the first segment of its path). */
function showErrors(pairs) {
  clearErrors();
  for (const [key, message] of pairs) {
    const part = sections.some(([k]) => k === key) ? key : 'general';
    $(`policy-edit-${part}-errors`).append(cell('li', message));
    $(`policy-edit-${part}`).setAttribute('aria-invalid', 'true');
    document.querySelector(`#policy-sections details[data-section="${part}"]`).open = true;
  }
  $('policy-errors').replaceChildren(...pairs.map(([, m]) => cell('li', m)));
  $('policy-status').textContent = pairs.length ? t('policy.invalid', { n: pairs.length }) : t('policy.valid');
}

function validate() {
  const { doc, problems } = assemble();
  if (problems.length) {
    showErrors(problems);
    return null;
  }
  const text = JSON.stringify(doc);
  const errors = engine.validatePolicy(text).map((e) => [e.split(/[.[:\s]/)[0], e]);
  showErrors(errors);
  return errors.length ? null : text;
}

async function apply() {
  const text = validate();
  if (!text) return;
  state.policy = text;
  $('policy-builtin').value = 'custom';
  await onApply?.();
  $('policy-status').textContent = t('policy.applied');
}

async function importFile(file) {
  const text = await file.text();
  try {
    load(text);
  } catch (err) {
    $('policy-status').textContent = t('policy.badJson', { error: err.message });
    return;
  }
  const errors = engine.validatePolicy(text).map((e) => [e.split(/[.[:\s]/)[0], e]);
  showErrors(errors);
}

function exportPolicy() {
  const { doc, problems } = assemble();
  const text = problems.length ? policyText() : JSON.stringify(doc, null, 2);
  const name = (problems.length ? JSON.parse(text).name : doc.name) ?? 'policy';
  download(new TextEncoder().encode(text), `${name}.json`, 'application/json');
}

export function renderPolicy() {
  const choice = state.policy.trim().startsWith('{') ? 'custom' : state.policy;
  $('policy-builtin').value = choice;
  load(policyText());
}

export function wirePolicy(reclassify) {
  onApply = reclassify;
  $('policy-builtin').addEventListener('change', async () => {
    const v = $('policy-builtin').value;
    if (v === 'custom') return;
    state.policy = v;
    load(policyText());
    await onApply?.();
  });
  $('policy-validate').addEventListener('click', validate);
  $('policy-apply').addEventListener('click', apply);
  $('policy-export').addEventListener('click', exportPolicy);
  $('policy-file').addEventListener('change', (e) => e.target.files[0] && importFile(e.target.files[0]));
}
