// Small DOM helpers. Customer data is only ever written with textContent (never innerHTML), so a
// name such as `<img onerror=…>` is shown as text.
export const $ = (id) => document.getElementById(id);

export function cell(tag, text, attrs = {}) {
  const el = document.createElement(tag);
  if (text != null) el.textContent = text;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  return el;
}

export function option(value, label, selected = false) {
  const o = cell('option', label, { value });
  o.selected = selected;
  return o;
}

/** Offer bytes as a file download (a blob URL; nothing leaves the browser). */
export function download(bytes, name, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The strings of packed text ({ text, offsets }), made once per column on first need. */
export function unpack({ text, offsets }) {
  return Array.from({ length: offsets.length - 1 }, (_, i) => text.slice(offsets[i], offsets[i + 1]));
}

/** Yield to the browser so the next piece of work runs in a task of its own (keeps every task
 *  short while a million-row result is drawn). */
export const nextTask = () => (globalThis.scheduler?.yield ? globalThis.scheduler.yield() : new Promise((r) => setTimeout(r, 0)));
