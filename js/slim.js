/**
 * The `lendseg/slim` entry: the same API, but nothing is loaded until `init(input)` is called with
 * where the wasm comes from — a URL, a Response, the bytes, or a precompiled `WebAssembly.Module`
 * (Cloudflare Workers and other hosts that forbid compiling fetched code; pages whose CSP or
 * asset layout the default entry's `new URL(…, import.meta.url)` does not fit).
 */
import wbgInit, * as engine from '../pkg/lendseg.js';

let ready = null;
let instantiated = false;

/** Instantiate the core once; later calls return the same promise. */
export function init(input) {
  if (input === undefined || input === null) {
    return Promise.reject(new TypeError('lendseg/slim: init(input) needs a URL, Response, bytes or WebAssembly.Module'));
  }
  ready ??= Promise.resolve(input)
    .then((module_or_path) => wbgInit({ module_or_path }))
    .then(() => {
      instantiated = true;
    }, (err) => {
      ready = null;
      throw err;
    });
  return ready;
}

/** Instantiate synchronously from bytes or a `WebAssembly.Module` (Node, or when the bytes are at hand). */
export function initSync(input) {
  engine.initSync({ module: input });
  instantiated = true;
  ready = Promise.resolve();
}

/** Each function fails with a clear message until the wasm is instantiated. */
const guard = (name) => (...args) => {
  if (!instantiated) throw new Error(`lendseg/slim: ${ready ? 'await' : 'call'} init() before ${name}()`);
  return engine[name](...args);
};

export const segmentFile = guard('segmentFile');
export const segmentRecord = guard('segmentRecord');
export const builtinPolicy = guard('builtinPolicy');
export const validatePolicy = guard('validatePolicy');
export const trainScorecard = guard('trainScorecard');
export const evaluatePolicy = guard('evaluatePolicy');
export const kmeans = guard('kmeans');
export const demoData = guard('demoData');
export const version = guard('version');
export const readsWorkbooks = guard('readsWorkbooks');
export { Batch, PackedStrings } from '../pkg/lendseg.js';
