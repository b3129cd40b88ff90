/**
 * `LendsegWorker`: the lendseg API running off the main thread. One module Worker runs the core
 * build; a second, started only when a workbook is given, runs the build with the Excel reader.
 *
 * A synchronous wasm call cannot be interrupted, so cancelling (an `AbortSignal`) terminates the
 * worker running it; the next call transparently starts a fresh one. A Rust panic or wasm trap
 * leaves an instance unusable, so it rejects the call with the panic's message and the worker is
 * replaced the same way. Batches that lived in a replaced worker are gone: their remote methods
 * reject, their columns stay readable.
 */

import { Rpc } from './rpc.js';
import { WorkerBatch } from './remote-batch.js';

export { WorkerBatch };

/** Workbooks are zip (xlsx/ods) or OLE2 (xls) files. */
function isWorkbookHead(b) {
  return (b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4) ||
    (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0);
}

async function isWorkbook(input) {
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    return isWorkbookHead(new Uint8Array(await input.slice(0, 4).arrayBuffer()));
  }
  if (input instanceof ArrayBuffer) return isWorkbookHead(new Uint8Array(input, 0, Math.min(4, input.byteLength)));
  if (ArrayBuffer.isView(input)) return isWorkbookHead(new Uint8Array(input.buffer, input.byteOffset, Math.min(4, input.byteLength)));
  return false;
}

/** One worker slot: started on first use, replaced after a cancel or a panic. */
class Thread {
  #spawn;
  #wasm;
  #worker = null;
  #rpc = null;
  generation = 0;

  constructor(spawn, wasm) {
    this.#spawn = spawn;
    this.#wasm = wasm;
  }

  get running() {
    return this.#worker !== null;
  }

  #start() {
    const worker = this.#spawn();
    const rpc = new Rpc((msg, transfer) => worker.postMessage(msg, transfer));
    worker.onmessage = ({ data }) => {
      if (rpc.receive(data)?.fatal) this.restart(new Error('lendseg: the worker was restarted after a panic in another call'));
    };
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.restart(new Error(`lendseg: the worker failed${event.message ? `: ${event.message}` : ' to start (check the worker and wasm URLs and the Content-Security-Policy)'}`));
    };
    worker.onmessageerror = () => this.restart(new Error('lendseg: a message from the worker could not be read'));
    if (this.#wasm) worker.postMessage({ lendsegInit: { wasm: String(this.#wasm) } });
    this.#worker = worker;
    this.#rpc = rpc;
  }

  /** Terminate now (if running) and reject its pending calls with `reason`. */
  restart(reason) {
    if (!this.#worker) return;
    this.#worker.terminate();
    const rpc = this.#rpc;
    this.#worker = null;
    this.#rpc = null;
    this.generation++;
    rpc.failAll(reason);
  }

  call(method, args, { transfer, onProgress, signal } = {}) {
    if (!this.#worker) this.#start();
    return this.#rpc.call(method, args, {
      transfer,
      onProgress,
      signal,
      onAbort: () => this.restart(new Error('lendseg: the worker was restarted because a call was cancelled')),
    });
  }
}

export class LendsegWorker {
  #core;
  #xlsx;

  /**
   * @param {{ workerUrl?: string | URL, xlsxWorkerUrl?: string | URL, wasmUrl?: string | URL,
   *           xlsxWasmUrl?: string | URL }} [options]  where to load the worker scripts and wasm
   *   from when not next to this file (e.g. a CDN path); bundlers find the defaults themselves.
   */
  constructor({ workerUrl, xlsxWorkerUrl, wasmUrl, xlsxWasmUrl } = {}) {
    this.#core = new Thread(
      () => workerUrl
        ? new Worker(workerUrl, { type: 'module' })
        : new Worker(new URL('./worker-thread.js', import.meta.url), { type: 'module' }),
      wasmUrl,
    );
    this.#xlsx = new Thread(
      () => xlsxWorkerUrl
        ? new Worker(xlsxWorkerUrl, { type: 'module' })
        : new Worker(new URL('./worker-thread-xlsx.js', import.meta.url), { type: 'module' }),
      xlsxWasmUrl,
    );
  }

  /**
   * Classify, score and segment a whole file (CSV/TSV in UTF-8/GBK, or an Excel workbook) in the
   * worker. `bytes`: Uint8Array, ArrayBuffer or Blob/File (a Blob is read inside the worker).
   * The bytes are copied unless `transfer: true` (then the caller's buffer is detached).
   */
  async segmentFile(bytes, options = {}, { onProgress, signal, transfer = false } = {}) {
    const thread = (await isWorkbook(bytes)) ? this.#xlsx : this.#core;
    const input = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
    const moved = transfer && ArrayBuffer.isView(input) ? [input.buffer] : [];
    const generation = thread.generation;
    const { handle, ...data } = await thread.call('segmentFile', [input, options, Boolean(onProgress)], {
      transfer: moved, onProgress, signal,
    });
    return new WorkerBatch(data, (method, args) => {
      if (thread.generation !== generation) {
        if (method === 'free') return Promise.resolve();
        return Promise.reject(new Error(`lendseg: ${method}() on a batch lost when its worker was restarted (cancel or panic); process the file again`));
      }
      return thread.call('batch', [handle, method, args]);
    });
  }

  /** Testing only: make the core panic in the worker (rejects with `lendseg panicked: …`; the
   *  next call gets a fresh worker), so a host can prove its error display and recovery. */
  __panicForTest(message = 'panic requested by a test') {
    return this.#core.call('__panicForTest', [message]);
  }
  /** One customer (field names or aliases as keys) → the same object `row()` gives, plus `issues`. */
  segmentRecord(record, options = {}) {
    return this.#core.call('segmentRecord', [record, options]);
  }
  /** A built-in policy as JSON text. */
  builtinPolicy(name) {
    return this.#core.call('builtinPolicy', [name]);
  }
  /** Every problem of a policy (JSON text) as `path: reason`; empty when valid. */
  validatePolicy(json) {
    return this.#core.call('validatePolicy', [json]);
  }
  /** Fit a scorecard on a labelled file and put it into a policy. */
  trainScorecard(bytes, options, { signal } = {}) {
    return this.#core.call('trainScorecard', [bytes, options], { signal });
  }
  /** Measure a policy on a labelled file (and against a baseline file, for PSI/CSI). */
  evaluatePolicy(bytes, options, baseline, { signal } = {}) {
    return this.#core.call('evaluatePolicy', [bytes, options, baseline ?? null], { signal });
  }
  /** Plain k-means on a row-major matrix. */
  kmeans(data, nFeatures, options, { signal } = {}) {
    return this.#core.call('kmeans', [data, nFeatures, options], { signal });
  }
  /** A synthetic customer file (CSV text), deterministic for a seed. */
  demoData(rows, seed, chineseHeaders = false) {
    return this.#core.call('demoData', [rows, BigInt(seed), chineseHeaders]);
  }
  /** The core's version. */
  version() {
    return this.#core.call('version', []);
  }
  /** The sheet names of an Excel workbook (starts the Excel worker). */
  sheetNames(bytes) {
    return this.#xlsx.call('sheetNames', [bytes]);
  }
  /** Stop both workers now; pending calls reject, batches are gone. The next call starts afresh. */
  terminate() {
    const reason = new Error('lendseg: the worker was terminated');
    this.#core.restart(reason);
    this.#xlsx.restart(reason);
  }
}

/** A `LendsegWorker` (same options as the constructor). */
export function createWorker(options) {
  return new LendsegWorker(options);
}
