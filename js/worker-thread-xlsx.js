/**
 * The Worker script for the build with the Excel reader (`pkg/xlsx/`): started by `worker.js`
 * only when a workbook (.xlsx/.xls/.ods) is given, so CSV users never load the bigger wasm.
 */
import init, * as engine from '../pkg/xlsx/lendseg.js';
import { createHandler, engineBackend } from './serve.js';

let wasmUrl;
const handle = createHandler(
  engineBackend(engine, () => init({ module_or_path: wasmUrl ?? new URL('../pkg/xlsx/lendseg_bg.wasm', import.meta.url) })),
  (msg, transfer) => self.postMessage(msg, transfer),
);
self.onmessage = ({ data }) => {
  if (data?.lendsegInit) wasmUrl = data.lendsegInit.wasm;
  else handle(data);
};
