// The wasm package in Node: the same bytes out as the CLI on the page's demo file, and one record
// through segmentRecord equals its row in the batch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { initSync, segmentFile, segmentRecord, sizeClassKeys, demoData } from '../../pkg/lendseg.js';

initSync({ module: readFileSync(new URL('../../pkg/lendseg_bg.wasm', import.meta.url)) });
const CLI = new URL('../../target/release/lendseg', import.meta.url).pathname;
const DEMO = new URL('../../www/demo/customers.csv', import.meta.url).pathname;

const unpack = ({ text, offsets }) => Array.from({ length: offsets.length - 1 }, (_, i) => text.slice(offsets[i], offsets[i + 1]));

test('CSV and JSONL from Node equal the CLI output byte for byte', () => {
  const bytes = readFileSync(DEMO);
  const batch = segmentFile(bytes, { moneyUnit: 'yuan' });
  for (const [args, ours] of [
    [[], batch.toCsv(false, false)],
    [['--bom', '--excel-safe'], batch.toCsv(true, true)],
    [['--format', 'jsonl'], batch.toJsonl()],
  ]) {
    const cli = execFileSync(CLI, ['segment', DEMO, ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
    assert.ok(cli.length > 1000);
    assert.deepEqual(Buffer.from(ours), cli, `segment ${args.join(' ')}`);
  }
  batch.free();
});

test('demo data generated in wasm equals the CLI generator', () => {
  const cli = execFileSync(CLI, ['demo-data', '-n', '300', '--seed', '77', '--headers', 'zh']).toString();
  assert.equal(demoData(300, 77n, true), cli);
});

test('a record and its row in a batch agree', () => {
  const text = readFileSync(DEMO, 'utf8');
  const [header, ...lines] = text.trim().split('\n');
  const keys = header.split(',');
  const batch = segmentFile(new TextEncoder().encode(text));
  const codes = batch.sizeClass();
  const ids = unpack(batch.ids());
  for (let i = 0; i < 40; i++) {
    const values = lines[i].split(',');
    const record = Object.fromEntries(keys.map((k, j) => [k, Number.isFinite(Number(values[j])) && values[j] !== '' ? Number(values[j]) : values[j]]));
    const one = segmentRecord(record);
    assert.equal(one.id, ids[i]);
    assert.equal(one.size_class, sizeClassKeys()[codes[i]], `row ${i + 2}`);
  }
  batch.free();
});

test('bad options and empty records are errors, not crashes', () => {
  assert.throws(() => segmentFile(new Uint8Array([1, 2]), { moneyUnit: 'usd' }), /options/);
  assert.throws(() => segmentRecord({}), /no usable fields/);
  const empty = segmentFile(new Uint8Array());
  assert.equal(empty.length, 0);
  assert.equal(empty.issues()[0].code, 'empty_file');
});
