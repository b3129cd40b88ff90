/**
 * The default entry for browsers and bundlers: importing it instantiates the core wasm (CSV/TSV
 * build) found next to the package's glue through `new URL(…, import.meta.url)`, which Vite and
 * webpack 5 turn into an emitted asset, so `import { segmentFile } from 'lendseg'` just works.
 * Node gets `node.js` instead (the `node` export condition), which reads the file from disk.
 */
import init from '../pkg/lendseg.js';

await init({ module_or_path: new URL('../pkg/lendseg_bg.wasm', import.meta.url) });

export {
  segmentFile, segmentRecord, builtinPolicy, validatePolicy, trainScorecard, evaluatePolicy, kmeans,
  demoData, version, readsWorkbooks, Batch, PackedStrings,
} from '../pkg/lendseg.js';
