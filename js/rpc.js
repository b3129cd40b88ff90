/**
 * The calling side of lendseg's message protocol, shared by the Worker client (`worker.js`) and the
 * iframe host helper (`iframe.js`): numbered calls, progress messages and replies, so both
 * transports behave the same and a cancelled or lost call always settles its promise.
 *
 * Messages out:  { lendseg: 1, id, method, args }
 * Messages in:   { lendseg: 1, id, progress: { stage, done, total } }
 *                { lendseg: 1, id, result }
 *                { lendseg: 1, id, error: { name, message }, fatal? }
 */

export const PROTOCOL = 1;

/** An Error rebuilt from the `{ name, message }` the other side sent (Errors do not clone with their class everywhere). */
export function remoteError({ name, message }) {
  const err = new Error(message);
  if (name && name !== 'Error') err.name = name;
  return err;
}

/** The reason an aborted call rejects with: the signal's reason, or an AbortError like fetch's. */
export function abortReason(signal) {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

export class Rpc {
  #send;
  #pending = new Map();
  #next = 1;

  /** `send(message, transfer)` delivers one message to the other side. */
  constructor(send) {
    this.#send = send;
  }

  /** Number of calls still waiting for a reply. */
  get pending() {
    return this.#pending.size;
  }

  /**
   * Call `method` on the other side. `onAbort(id)` runs when `signal` aborts before the reply
   * (the transport decides what cancelling means: terminate a worker, tell a frame).
   */
  call(method, args, { transfer = [], onProgress, signal, onAbort } = {}) {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      const abort = () => {
        this.#settle(id);
        reject(abortReason(signal));
        onAbort?.(id);
      };
      signal?.addEventListener('abort', abort, { once: true });
      this.#pending.set(id, { resolve, reject, onProgress, done: () => signal?.removeEventListener('abort', abort) });
      try {
        this.#send({ lendseg: PROTOCOL, id, method, args }, transfer);
      } catch (err) {
        this.#settle(id);
        reject(err);
      }
    });
  }

  /**
   * Handle one message from the other side. Returns `{ fatal: true }` when the reply says the
   * engine behind it can no longer be used (a Rust panic or a wasm trap), else `undefined`.
   */
  receive(msg) {
    if (!msg || msg.lendseg !== PROTOCOL || !this.#pending.has(msg.id)) return undefined;
    const call = this.#pending.get(msg.id);
    if ('progress' in msg) {
      try {
        call.onProgress?.(msg.progress);
      } catch (err) {
        // A throwing progress handler is the caller's bug: report it, keep the call going.
        setTimeout(() => {
          throw err;
        });
      }
      return undefined;
    }
    this.#settle(msg.id);
    if ('error' in msg) call.reject(remoteError(msg.error));
    else call.resolve(msg.result);
    return msg.fatal ? { fatal: true } : undefined;
  }

  /** Reject every call still waiting (the other side is gone). */
  failAll(error) {
    for (const [id, call] of [...this.#pending]) {
      this.#settle(id);
      call.reject(error);
    }
  }

  #settle(id) {
    this.#pending.get(id)?.done();
    this.#pending.delete(id);
  }
}
