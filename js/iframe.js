/**
 * `lendseg/iframe`: the host side of the iframe adapter, for CRMs whose own pages may not run
 * WebAssembly or Workers (e.g. Salesforce Lightning Web Security). The engine runs in the package's
 * `frame.html`, served from an origin of your own; this helper talks to it with `postMessage` and
 * offers the same API as `LendsegWorker`, every call async. Messages are accepted only from that
 * iframe's window *and* the origin given here, and are sent only to that origin; the frame checks
 * the host the same way (its `?origin=` parameter).
 */

import { PROTOCOL, Rpc } from './rpc.js';
import { WorkerBatch } from './remote-batch.js';

export { WorkerBatch };

export class LendsegFrame {
  #iframe;
  #origin;
  #rpc;
  #ready;
  #onMessage;
  #closed = false;

  /** Use `connectFrame()`. */
  constructor(iframe, { origin, timeout = 15000 } = {}) {
    if (!iframe || !('contentWindow' in iframe)) throw new TypeError('connectFrame: the first argument must be an <iframe> element');
    if (!origin) throw new TypeError("connectFrame: options.origin (the frame page's origin, e.g. 'https://lendseg.example.com') is required");
    this.#iframe = iframe;
    this.#origin = new URL(origin).origin;
    this.#rpc = new Rpc((msg, transfer) => this.#post(msg, transfer));
    let resolveReady;
    let rejectReady;
    this.#ready = new Promise((resolve, reject) => {
      resolveReady = resolve;
      rejectReady = reject;
    });
    this.#ready.catch(() => {}); // a caller who never calls anything is not told twice
    const timer = setTimeout(() => rejectReady(new Error(
      `lendseg: the frame at ${this.#origin} did not answer within ${timeout} ms (check its URL and ?origin= parameter, and the host's frame-src)`)), timeout);
    this.#onMessage = (event) => {
      if (event.source !== this.#iframe.contentWindow || event.origin !== this.#origin) {
        if (event.data?.lendseg === PROTOCOL) console.warn(`lendseg: ignored a message from ${event.origin || 'an unknown origin'} (expected ${this.#origin})`);
        return;
      }
      const msg = event.data;
      if (msg?.lendseg !== PROTOCOL) return;
      if (msg.ready) {
        clearTimeout(timer);
        resolveReady();
      } else {
        this.#rpc.receive(msg);
      }
    };
    window.addEventListener('message', this.#onMessage);
    // The frame says `ready` when it starts; if it started before us (its document is already
    // cross-origin to us), this hello makes it say so again.
    if (this.#frameLoaded()) this.#post({ lendseg: PROTOCOL, hello: true }, []);
  }

  /** Resolves once the frame has answered. */
  get ready() {
    return this.#ready;
  }

  #frameLoaded() {
    try {
      void this.#iframe.contentWindow?.location.href; // readable: still the initial about:blank
      return false;
    } catch {
      return true;
    }
  }

  #post(msg, transfer) {
    // A message for another origin (the frame still loading, or navigated away) is dropped by the browser.
    this.#iframe.contentWindow?.postMessage(msg, this.#origin, transfer);
  }

  async #call(method, args, { transfer, onProgress, signal } = {}) {
    if (this.#closed) throw new Error('lendseg: this frame connection was closed');
    await this.#ready;
    return this.#rpc.call(method, args, {
      transfer, onProgress, signal,
      onAbort: (id) => this.#post({ lendseg: PROTOCOL, cancel: id }, []),
    });
  }

  /** Classify a whole file in the frame; the result columns come back as typed arrays. */
  async segmentFile(bytes, options = {}, { onProgress, signal, transfer = false } = {}) {
    const input = bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes;
    const moved = transfer && ArrayBuffer.isView(input) ? [input.buffer] : [];
    const { handle, ...data } = await this.#call('segmentFile', [input, options, Boolean(onProgress)], {
      transfer: moved, onProgress, signal,
    });
    return new WorkerBatch(data, (method, args) => this.#call('batch', [handle, method, args]));
  }
  segmentRecord(record, options = {}) {
    return this.#call('segmentRecord', [record, options]);
  }
  builtinPolicy(name) {
    return this.#call('builtinPolicy', [name]);
  }
  validatePolicy(json) {
    return this.#call('validatePolicy', [json]);
  }
  trainScorecard(bytes, options, { signal } = {}) {
    return this.#call('trainScorecard', [bytes, options], { signal });
  }
  evaluatePolicy(bytes, options, baseline, { signal } = {}) {
    return this.#call('evaluatePolicy', [bytes, options, baseline ?? null], { signal });
  }
  kmeans(data, nFeatures, options, { signal } = {}) {
    return this.#call('kmeans', [data, nFeatures, options], { signal });
  }
  demoData(rows, seed, chineseHeaders = false) {
    return this.#call('demoData', [rows, BigInt(seed), chineseHeaders]);
  }
  version() {
    return this.#call('version', []);
  }
  sheetNames(bytes) {
    return this.#call('sheetNames', [bytes]);
  }
  /** Stop listening; pending calls reject. The iframe itself is the page's to remove. */
  close() {
    this.#closed = true;
    window.removeEventListener('message', this.#onMessage);
    this.#rpc.failAll(new Error('lendseg: this frame connection was closed'));
  }
}

/**
 * Connect to a lendseg frame page: `connectFrame(iframe, { origin: 'https://lendseg.example.com' })`.
 * The iframe's `src` must be that origin's `frame.html?origin=<this page's origin>`.
 */
export function connectFrame(iframe, options) {
  return new LendsegFrame(iframe, options);
}
