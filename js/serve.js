/**
 * The answering side of lendseg's message protocol (see `rpc.js`), shared by the worker threads
 * and the iframe page: it keeps the batches it made under numeric handles, runs the allowed
 * functions, and ships every result column of a new batch in one message with its typed arrays
 * transferred, so the caller reads columns without further round trips.
 */

import { PROTOCOL } from './rpc.js';

/** Functions a caller may run besides `segmentFile`; nothing else is reachable by name. */
export const FUNCTIONS = [
  'segmentRecord', 'builtinPolicy', 'validatePolicy', 'trainScorecard', 'evaluatePolicy', 'kmeans',
  'demoData', 'version', 'readsWorkbooks', 'sheetNames', 'inspectFile',
  // Panics in Rust on purpose: lets a host test its recovery (the engine restarts afterwards).
  '__panicForTest',
];
/** Methods of a batch a caller may run (the rest of a batch travels with it). */
export const BATCH_METHODS = ['row', 'toCsv', 'toJsonl', 'stress', 'cluster', 'free'];
/** Arguments that are file bytes, per function: they may arrive as a Blob or ArrayBuffer. */
const BYTE_ARGS = { segmentFile: [0], trainScorecard: [0], evaluatePolicy: [0, 2], sheetNames: [0], inspectFile: [0] };

/** A wasm panic (with the panic hook) or trap (without): that instance must not be used again. */
export function isFatal(err) {
  return (typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError) ||
    String(err?.message ?? '').startsWith('lendseg panicked:');
}

/** Packed strings as plain `{ text, offsets }`, freeing the wasm-side object when there is one. */
function plainPacked(p) {
  const out = { text: p.text, offsets: p.offsets };
  p.free?.();
  return out;
}

/**
 * Everything a `WorkerBatch` holds, read through the public `Batch` API (so it works for an
 * engine `Batch` and for a `WorkerBatch` alike), and the buffers to transfer with it.
 */
export function payloadOf(batch) {
  const transfer = new Set();
  const columnNames = batch.columnNames();
  const columns = {};
  for (const name of columnNames) {
    const col = batch.column(name);
    if (col.kind === 'text') {
      col.values = plainPacked(col.values);
      transfer.add(col.values.offsets.buffer);
    } else if (col.kind === 'cat') {
      transfer.add(col.codes.buffer);
    } else {
      transfer.add(col.values.buffer);
    }
    columns[name] = col;
  }
  const names = plainPacked(batch.names());
  const sourceRows = batch.sourceRows();
  transfer.add(names.offsets.buffer);
  transfer.add(sourceRows.buffer);
  const data = {
    length: batch.length,
    encoding: batch.encoding,
    policyName: batch.policyName,
    columnNames,
    columns,
    names,
    sourceRows,
    mapping: batch.mapping(),
    issues: batch.issues(),
    profile: batch.profile(),
    features: batch.features(),
  };
  return { data, transfer: [...transfer] };
}

/** Typed-array buffers inside a plain result (e.g. `labels` of a clustering), to transfer. */
function buffersIn(value, found = new Set(), depth = 0) {
  if (ArrayBuffer.isView(value)) found.add(value.buffer);
  else if (value instanceof ArrayBuffer) found.add(value);
  else if (value && typeof value === 'object' && depth < 3) {
    for (const v of Object.values(value)) buffersIn(v, found, depth + 1);
  }
  return found;
}

async function asBytes(x) {
  if (typeof Blob !== 'undefined' && x instanceof Blob) return new Uint8Array(await x.arrayBuffer());
  if (x instanceof ArrayBuffer) return new Uint8Array(x);
  return x;
}

/**
 * A message handler over a backend:
 *   `load()`                         → Promise, once, before the first call (retried if it fails)
 *   `call(name, args, signal)`       → a top-level function's result (or a Promise of it)
 *   `segmentFile(bytes, options, onProgress, signal)` → a batch (or a Promise of one)
 *   `fatal(err)`                     → whether the engine must be discarded after `err`
 * `post(message, transfer)` sends a reply. Returns `handle(message, signal?)`.
 */
export function createHandler(backend, post) {
  const batches = new Map();
  let nextHandle = 1;
  let loading = null;

  async function run(id, method, args, signal) {
    for (const i of BYTE_ARGS[method] ?? []) if (args[i] != null) args[i] = await asBytes(args[i]);
    if (method === 'segmentFile') {
      const [bytes, options, wantProgress] = args;
      const onProgress = wantProgress ? (p) => post({ lendseg: PROTOCOL, id, progress: p }, []) : undefined;
      const batch = await backend.segmentFile(bytes, options ?? {}, onProgress, signal);
      const { data, transfer } = payloadOf(batch);
      const handle = nextHandle++;
      batches.set(handle, batch);
      return [{ handle, ...data }, transfer];
    }
    if (method === 'batch') {
      const [handle, name, rest = []] = args;
      const batch = batches.get(handle);
      if (!batch) throw new Error(`lendseg: batch ${handle} is not here (freed, or lost when the engine restarted)`);
      if (!BATCH_METHODS.includes(name)) throw new Error(`lendseg: unknown batch method '${name}'`);
      if (name === 'free') batches.delete(handle);
      const result = await batch[name](...rest);
      return [result ?? null, [...buffersIn(result)]];
    }
    if (!FUNCTIONS.includes(method)) throw new Error(`lendseg: unknown function '${method}'`);
    const result = await backend.call(method, args, signal);
    return [result ?? null, [...buffersIn(result)]];
  }

  return async function handle(msg, signal) {
    if (!msg || msg.lendseg !== PROTOCOL || typeof msg.method !== 'string') return;
    const { id, method, args = [] } = msg;
    try {
      await (loading ??= Promise.resolve(backend.load()).catch((err) => {
        loading = null;
        throw err;
      }));
      const [result, transfer] = await run(id, method, Array.from(args), signal);
      post({ lendseg: PROTOCOL, id, result }, transfer);
    } catch (err) {
      const fatal = backend.fatal(err);
      post({ lendseg: PROTOCOL, id, error: { name: err?.name ?? 'Error', message: String(err?.message ?? err) }, fatal }, []);
    }
  };
}

/**
 * The backend over a wasm-bindgen module (`pkg/lendseg.js` or `pkg/xlsx/lendseg.js`).
 * `init()` instantiates it; progress from the core's callback `(stage, done, total, rows)`.
 */
export function engineBackend(engine, init) {
  return {
    load: init,
    call: (name, args) => {
      if (typeof engine[name] !== 'function') throw new Error(`lendseg: '${name}' is not in this build`);
      return engine[name](...args);
    },
    segmentFile: (bytes, options, onProgress) =>
      engine.segmentFile(bytes, options, onProgress && ((stage, done, total, rows) => onProgress({ stage, done, total, rows }))),
    fatal: isFatal,
  };
}
