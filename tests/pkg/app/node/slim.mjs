// lendseg/slim under Node: a clear error before init(), then init() with the wasm bytes found
// through the package's `./lendseg.wasm` export.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { init, segmentFile } from 'lendseg/slim';

let before = '';
try {
  segmentFile(new Uint8Array());
} catch (err) {
  before = err.message;
}
await init(readFileSync(createRequire(import.meta.url).resolve('lendseg/lendseg.wasm')));
const batch = segmentFile(readFileSync(process.argv[2]), { lang: 'zh' });
console.log(JSON.stringify({ before, csv: createHash('sha256').update(batch.toCsv(false, false)).digest('hex') }));
