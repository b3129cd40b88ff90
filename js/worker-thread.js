/**
 * The Worker script for the core build (CSV/TSV): instantiates `pkg/lendseg_bg.wasm` on the first
 * message and answers calls from `worker.js`. A separate script from the Excel one so neither
 * needs a dynamic import (which Vite's default worker format cannot bundle).
 */
import init, * as engine from '../pkg/lendseg.js';
import { createHandler, engineBackend } from './serve.js';

let wasmUrl;
const handle = createHandler(
  engineBackend(engine, () => init({ module_or_path: wasmUrl ?? new URL('../pkg/lendseg_bg.wasm', import.meta.url) })),
  (msg, transfer) => self.postMessage(msg, transfer),
);
self.onmessage = ({ data }) => {
  if (data?.lendsegInit) wasmUrl = data.lendsegInit.wasm;
  else handle(data);
};
