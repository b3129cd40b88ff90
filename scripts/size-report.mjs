// Prints the size of the built package (raw and gzip) and writes pkg/size.json for the README.
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const files = ['pkg/lendseg_bg.wasm', 'pkg/lendseg.js', 'pkg/xlsx/lendseg_bg.wasm'];
const report = {};
for (const f of files) {
  const raw = readFileSync(f);
  report[f] = { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const [f, s] of Object.entries(report)) {
  console.log(`size: ${f.padEnd(27)} ${kb(s.raw).padStart(10)} raw  ${kb(s.gzip).padStart(9)} gzip`);
}
writeFileSync('pkg/size.json', JSON.stringify(report, null, 2) + '\n');
