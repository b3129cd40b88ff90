/**
 * The script of `frame.html`, the iframe side of the adapter: answers the host page's calls by
 * running them in a `LendsegWorker`. It accepts messages only from its parent window and only from
 * the origin named by its `?origin=` parameter, and sends to that origin only, so a page that
 * embeds it cannot be read or driven by any other window or origin.
 */
import { LendsegWorker } from './worker.js';
import { createHandler } from './serve.js';
import { PROTOCOL } from './rpc.js';

function allowedOrigin() {
  const given = new URLSearchParams(location.search).get('origin');
  try {
    const origin = new URL(given).origin;
    return origin !== 'null' && origin === given.replace(/\/$/, '') ? origin : null;
  } catch {
    return null;
  }
}

/** Functions of `LendsegWorker` that take call options, and how many arguments come before them. */
const CANCELLABLE = { trainScorecard: 2, evaluatePolicy: 3, kmeans: 3 };

const host = allowedOrigin();
if (window.parent === window || !host) {
  console.error('lendseg frame: embed me as an iframe with ?origin=<the host page origin>, e.g. frame.html?origin=https%3A%2F%2Fcrm.example.com');
} else {
  const engine = new LendsegWorker();
  const post = (msg, transfer) => window.parent.postMessage(msg, host, transfer);
  const handle = createHandler({
    load: () => undefined,
    call: (name, args, signal) => {
      if (typeof engine[name] !== 'function') throw new Error(`lendseg: '${name}' is not available through the frame`);
      // The long-running functions take `{ signal }` after their arguments, so a host's cancel reaches the worker.
      const arity = CANCELLABLE[name];
      return arity === undefined ? engine[name](...args) : engine[name](...args.slice(0, arity), { signal });
    },
    segmentFile: (bytes, options, onProgress, signal) =>
      engine.segmentFile(bytes, options, { onProgress, signal, transfer: true }),
    fatal: () => false, // the worker client restarts its own worker after a panic
  }, post);
  const running = new Map();

  window.addEventListener('message', (event) => {
    if (event.source !== window.parent || event.origin !== host) {
      if (event.data?.lendseg === PROTOCOL) console.warn(`lendseg frame: ignored a message from ${event.origin || 'an unknown origin'} (expected ${host})`);
      return;
    }
    const msg = event.data;
    if (msg?.lendseg !== PROTOCOL) return;
    if (msg.hello) {
      post({ lendseg: PROTOCOL, ready: true }, []);
    } else if ('cancel' in msg) {
      running.get(msg.cancel)?.abort();
    } else {
      const controller = new AbortController();
      running.set(msg.id, controller);
      handle(msg, controller.signal).finally(() => running.delete(msg.id));
    }
  });
  post({ lendseg: PROTOCOL, ready: true }, []);
}
