// Prints the size of the built package (raw and gzip) and writes pkg/size.json for the README:
// the wasm builds and glue, and what each package entry makes a browser load — the JS on the
// page, the JS in a worker or frame, the wasm, and what loads only for an Excel workbook.
// Entries are followed through their static imports and `new URL('…', import.meta.url)`
// references (worker scripts, wasm), so the numbers follow the code.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const rel = (f) => relative(root, f);
const size = (f) => {
  const raw = readFileSync(f);
  return { raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
};

const report = { files: {}, entries: {} };
for (const f of ['pkg/lendseg_bg.wasm', 'pkg/lendseg.js', 'pkg/xlsx/lendseg_bg.wasm', 'pkg/xlsx/lendseg.js']) {
  report.files[f] = size(join(root, f));
}

/** Static imports of a module, and the files it points at with `new URL(…, import.meta.url)`. */
function references(file) {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
  const at = (spec) => join(dirname(file), spec);
  const imports = [...text.matchAll(/(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|[\s;])import\s*['"](\.{1,2}\/[^'"]+)['"]/gm)]
    .map((m) => at(m[1] ?? m[2]));
  const urls = [...text.matchAll(/new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g)].map((m) => at(m[1]));
  return { imports, urls };
}

/** Everything one module graph loads: JS files, and the worker scripts and wasm it points at. */
function walk(entry, js = new Set(), pointed = new Set()) {
  if (js.has(entry)) return { js, pointed };
  js.add(entry);
  const { imports, urls } = references(entry);
  for (const f of imports) walk(f, js, pointed);
  for (const f of urls) if (existsSync(f)) pointed.add(f);
  return { js, pointed };
}

const sum = (files) => [...files].reduce((t, f) => {
  const s = size(f);
  return { raw: t.raw + s.raw, gzip: t.gzip + s.gzip, files: t.files + 1 };
}, { raw: 0, gzip: 0, files: 0 });
const isExcel = (f) => /xlsx/.test(rel(f));

/** An entry's sizes: page JS, worker/frame JS, wasm at start, and Excel-only extras. */
function entrySizes(entryFile) {
  const page = walk(join(root, entryFile));
  const worker = new Set();
  const excelJs = new Set();
  const wasm = new Set();
  const excelWasm = new Set();
  const visit = (pointed) => {
    for (const f of pointed) {
      if (f.endsWith('.wasm')) (isExcel(f) ? excelWasm : wasm).add(f);
      else if (f.endsWith('.js')) {
        const sub = walk(f);
        for (const g of sub.js) (isExcel(f) || isExcel(g) ? excelJs : worker).add(g);
        visit(sub.pointed);
      }
    }
  };
  visit(page.pointed);
  for (const f of worker) page.js.delete(f);
  return {
    pageJs: sum(page.js), workerJs: sum(worker), wasm: sum(wasm), excelJs: sum(excelJs), excelWasm: sum(excelWasm),
  };
}

const ENTRIES = {
  'lendseg': 'js/index.js',
  'lendseg/slim': 'js/slim.js',
  'lendseg/worker': 'js/worker.js',
  'lendseg/element': 'js/element.js',
  'lendseg/iframe (host page)': 'js/iframe.js',
  'lendseg frame.html (your lendseg origin)': 'js/frame.js',
};
for (const [name, file] of Object.entries(ENTRIES)) report.entries[name] = entrySizes(file);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const pair = (s) => (s.files ? `${kb(s.raw)} (${kb(s.gzip)} gz)` : '—');
for (const [f, s] of Object.entries(report.files)) {
  console.log(`size: ${f.padEnd(27)} ${kb(s.raw).padStart(10)} raw  ${kb(s.gzip).padStart(9)} gzip`);
}
for (const [name, e] of Object.entries(report.entries)) {
  console.log(`size: ${name.padEnd(41)} page JS ${pair(e.pageJs)}; worker JS ${pair(e.workerJs)}; wasm ${pair(e.wasm)}; ` +
    `Excel on demand ${e.excelWasm.files ? `${pair(e.excelJs)} JS + ${pair(e.excelWasm)} wasm` : '—'}`);
}
writeFileSync(join(root, 'pkg/size.json'), JSON.stringify(report, null, 2) + '\n');
