// The page's one door to the wasm core. Every view gets its data through here: inspecting a file
// for the mapping screen, classifying it (with progress and cancel), and the results as columns
// (typed arrays, packed strings) plus async calls for a row, exports, stress and clusters.
// Classification runs in the npm package's Web Worker; inspection, policies and training use the
// core on this thread. The Excel build (pkg/xlsx) is loaded only for a workbook or an .xlsx export.
import init, * as core from '../pkg/lendseg.js';
import { LendsegWorker } from '../js/worker.js';

let xlsxBuild = null;
/** The package's worker client: classification runs off this thread (and can be cancelled). */
const worker = new LendsegWorker();

/** `?selftest` in the address lets a test make the next classification panic in Rust for real,
 *  to prove the page shows the error and recovers (a fresh worker serves the next file). */
const selfTest = { panicNext: false };

/** The biggest file the page takes. wasm32 memory ends at 4 GB and a run peaks at about 3.9× the
 *  file (822 MB for 211 MB / 1,000,000 rows, measured by `npm run bench`; other file shapes use
 *  more per byte), so past ~600 MB (~2.8M rows) the page says so up front — the CLI streams any
 *  size — instead of failing late. */
export const limits = { bytes: 600e6 };

/** Errors the page explains in its own words (`code`), not the engine's. */
export class EngineLimitError extends Error {
  constructor(code, detail) {
    super(`${code}: ${detail}`);
    this.code = code;
  }
}

if (new URLSearchParams(location.search).has('selftest')) {
  globalThis.lendsegSelfTest = {
    panicNext: () => { selfTest.panicNext = true; },
    setLimit: (bytes) => { limits.bytes = bytes; },
  };
}

/** Workbooks are zip (xlsx/ods) or OLE2 (xls) files. */
export const isWorkbook = (b) => (b[0] === 0x50 && b[1] === 0x4b && b[2] === 3 && b[3] === 4) || (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0);

export async function start() {
  await init();
  return { version: core.version() };
}

/** The build with the Excel reader and writer, fetched once, on first need. */
export async function excelBuild() {
  if (!xlsxBuild) {
    const mod = await import('../pkg/xlsx/lendseg.js');
    await mod.default();
    xlsxBuild = mod;
  }
  return xlsxBuild;
}

/** How much of a delimited file inspection reads (the core looks at its first 1 MB). */
const INSPECT_READ = (1 << 20) + 1;

const bytesOf = async (blob) => new Uint8Array(await blob.arrayBuffer());

/** Headers, encoding, preview rows and a suggested field per column (see ingest::inspect). Only
 *  the start of a delimited file is read; a workbook is read whole, by the Excel build. */
export async function inspect(blob, options, onExcel) {
  const head = await bytesOf(blob.slice(0, INSPECT_READ));
  if (isWorkbook(head)) {
    onExcel?.();
    return (await excelBuild()).inspectFile(await bytesOf(blob), options);
  }
  return core.inspectFile(head, options);
}

export const builtinPolicy = (name) => core.builtinPolicy(name);
export const validatePolicy = (json) => core.validatePolicy(json);
export const trainScorecard = (bytes, options) => core.trainScorecard(bytes, options);
export const evaluatePolicy = (bytes, options, baseline) => core.evaluatePolicy(bytes, options, baseline);

/**
 * Classify a file in the worker: `onProgress(stage, done, total, rows)` as the core reports it, and an
 * AbortSignal that terminates the worker (the next call starts a fresh one). Every result column
 * arrives as typed arrays; what needs the engine (a row, exports, stress, clusters) is async.
 */
export async function segment(blob, options, { onProgress, signal } = {}) {
  if (blob.size > limits.bytes) throw new EngineLimitError('too_big', `${blob.size} bytes > ${limits.bytes}`);
  if (selfTest.panicNext) {
    selfTest.panicNext = false;
    await worker.__panicForTest('self-test: the page must show this and keep working');
  }
  let batch;
  try {
    batch = await worker.segmentFile(blob, options, {
      signal,
      onProgress: onProgress && ((p) => onProgress(p.stage, p.done, p.total, p.rows)),
    });
  } catch (err) {
    // Running out of wasm memory aborts the instance (a trap, or an allocation failure the
    // browser reports); the worker restarts, and the page explains instead of quoting the trap.
    if (!signal?.aborted && /unreachable|out of memory|memory access out of bounds|Cannot allocate|WebAssembly\.Memory/i.test(err?.message ?? '')) {
      throw new EngineLimitError('out_of_memory', err.message);
    }
    throw err;
  }
  const columns = {};
  for (const name of batch.columnNames()) columns[name] = batch.column(name);
  return {
    length: batch.length,
    encoding: batch.encoding,
    columns,
    names: batch.names(),
    sourceRows: batch.sourceRows(),
    mapping: batch.mapping(),
    issues: batch.issues(),
    profile: batch.profile(),
    features: batch.features(),
    row: (i) => batch.row(i),
    toCsv: (bom, excelSafe) => batch.toCsv(bom, excelSafe),
    toJsonl: () => batch.toJsonl(),
    stress: (name) => batch.stress(name),
    cluster: (settings) => batch.cluster(settings),
    toXlsx: () => toXlsx(blob, options),
    free: () => { batch.free().catch(() => {}); },
  };
}

/** The Excel build classifies the same file again and writes the workbook (the core build the
 *  results came from has no xlsx writer, to keep it small). */
async function toXlsx(blob, options) {
  const excel = await excelBuild();
  const again = excel.segmentFile(await bytesOf(blob), options);
  try {
    return again.toXlsx();
  } finally {
    again.free();
  }
}
