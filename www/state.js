// What the page holds between views: the file, its inspection and chosen mapping, the policy in
// use, and the current results. Views subscribe to be redrawn when the results or the language
// change.
export const state = {
  source: null, // { name, bytes, demo }
  inspection: null, // engine.inspect() of the source
  sheet: undefined, // the chosen sheet of a workbook
  columnMap: null, // header → field ('' = ignore), as sent to the core
  unit: 'yuan',
  policy: 'enterprise', // a built-in name or a policy JSON text (edited / trained / with clusters)
  results: null, // engine.segment() result
  lastRun: null, // { source, read } of the results shown, for reruns
  meta: null, // { file, demo, ms, rows }
};

const listeners = new Set();
export const subscribe = (fn) => listeners.add(fn);
export function publish(reason) {
  for (const fn of listeners) fn(reason);
}

/** A category column as codes + keys, or null when the results lack it. */
export function cat(name) {
  const c = state.results?.columns[name];
  return c && c.kind === 'cat' ? c : null;
}
