/**
 * The default entry under Node (the `node` export condition): the same API as `index.js`, with the
 * wasm read from the package folder synchronously, since Node's fetch cannot load file: URLs.
 */
import { readFileSync } from 'node:fs';
import { initSync } from '../pkg/lendseg.js';

initSync({ module: readFileSync(new URL('../pkg/lendseg_bg.wasm', import.meta.url)) });

export {
  segmentFile, segmentRecord, builtinPolicy, validatePolicy, trainScorecard, evaluatePolicy, kmeans,
  demoData, version, readsWorkbooks, Batch, PackedStrings,
} from '../pkg/lendseg.js';
