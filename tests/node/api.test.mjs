// The wasm package in Node: the same bytes out as the CLI on the page's demo file, and one record
// through segmentRecord equals its row in the batch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { initSync, segmentFile, segmentRecord, demoData, validatePolicy, builtinPolicy, __panicForTest } from '../../pkg/lendseg.js';

initSync({ module: readFileSync(new URL('../../pkg/lendseg_bg.wasm', import.meta.url)) });
const CLI = new URL('../../target/release/lendseg', import.meta.url).pathname;
const DEMO = new URL('../../www/demo/customers.csv', import.meta.url).pathname;

const unpack = ({ text, offsets }) => Array.from({ length: offsets.length - 1 }, (_, i) => text.slice(offsets[i], offsets[i + 1]));

test('CSV and JSONL from Node equal the CLI output byte for byte', () => {
  const bytes = readFileSync(DEMO);
  const batch = segmentFile(bytes, { moneyUnit: 'yuan', lang: 'zh' });
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
  const ids = unpack(batch.column('id').values);
  for (let i = 0; i < 40; i++) {
    const values = lines[i].split(',');
    const record = Object.fromEntries(keys.map((k, j) => [k, Number.isFinite(Number(values[j])) && values[j] !== '' ? Number(values[j]) : values[j]]));
    const one = segmentRecord(record);
    const row = batch.row(i);
    assert.equal(one.id, ids[i]);
    for (const k of ['size_class', 'score', 'pd', 'grade', 'reason_1', 'debt_ratio', 'warnings', 'el']) {
      assert.deepEqual(one[k], row[k], `row ${i + 2}, ${k}`);
    }
    assert.deepEqual(one.breakdown, row.breakdown);
  }
  batch.free();
});

test('columns are typed arrays, one per result column', () => {
  const batch = segmentFile(readFileSync(DEMO));
  const n = batch.length;
  assert.ok(batch.columnNames().includes('segment'));
  const score = batch.column('score');
  assert.equal(score.kind, 'int');
  assert.ok(score.values instanceof Int32Array && score.values.length === n);
  const pd = batch.column('pd');
  assert.ok(pd.values instanceof Float64Array);
  const seg = batch.column('segment');
  assert.ok(seg.codes instanceof Uint32Array);
  assert.equal(seg.keys[0], '');
  for (const c of seg.codes) assert.ok(c > 0, 'every row has a segment');
  batch.free();
});

test('policies as JSON: built-in, edited, validated with paths', () => {
  const policy = JSON.parse(builtinPolicy('enterprise'));
  assert.deepEqual(validatePolicy(JSON.stringify(policy)), []);
  policy.segments.at(-1).when = { field: 'score', op: 'gt', value: 0 };
  policy.grades.scale[0].max_pd = 2;
  const errors = validatePolicy(JSON.stringify(policy));
  assert.ok(errors.some((e) => e.startsWith('grades.scale[0].max_pd:')), errors.join('\n'));
  assert.ok(errors.some((e) => e.includes('must be a catch-all')), errors.join('\n'));
  assert.throws(() => segmentFile(readFileSync(DEMO), { policy }), /options.policy: invalid policy: grades.scale\[0\]/);
  const strict = JSON.parse(builtinPolicy('enterprise'));
  strict.grades.default_when = { field: 'overdue_count', op: 'gte', value: 1 };
  const batch = segmentFile(readFileSync(DEMO), { policy: strict });
  const grades = batch.column('grade');
  // default_when replaces the built-in 90-days-past-due rule: D exactly for rows with overdues.
  const cells = readFileSync(DEMO, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  let defaults = 0;
  cells.forEach((c, i) => {
    const isD = grades.keys[grades.codes[i]] === 'D';
    assert.equal(isD, Number(c[17]) >= 1, `row ${i + 2}`);
    defaults += isD;
  });
  assert.ok(defaults > 5);
  batch.free();
});

test('bad options and empty records are errors, not crashes', () => {
  assert.throws(() => segmentFile(new Uint8Array([1, 2]), { moneyUnit: 'usd' }), /options/);
  assert.throws(() => segmentRecord({}), /no usable fields/);
  const empty = segmentFile(new Uint8Array());
  assert.equal(empty.length, 0);
  assert.equal(empty.issues()[0].code, 'empty_file');
  assert.throws(() => empty.row(0), /out of range/);
});

test('segmentFile reports progress: reading in bytes, then each engine step, ending at the total', () => {
  const bytes = new TextEncoder().encode(demoData(140_000, 7n, false));
  const seen = [];
  const batch = segmentFile(bytes, {}, (stage, done, total, rows) => seen.push([stage, done, total, rows]));
  assert.equal(batch.length, 140_000);
  const reads = seen.filter(([s]) => s === 'read');
  const steps = seen.filter(([s]) => s === 'classify');
  assert.ok(reads.length >= 3, JSON.stringify(reads));
  assert.deepEqual(reads.at(-1).slice(1), [bytes.length, bytes.length, 140_000]);
  assert.ok(reads.every(([, , , rows], i) => i === 0 || rows > reads[i - 1][3]), 'rows read grow');
  assert.ok(steps.every(([, , , rows]) => rows === 140_000));
  assert.ok(reads.every(([, d], i) => i === 0 || d > reads[i - 1][1]));
  assert.equal(seen.findIndex(([s]) => s === 'classify'), reads.length);
  assert.deepEqual(steps.map(([, d]) => d), Array.from({ length: steps[0][2] + 1 }, (_, i) => i));
  // A progress callback that throws cannot break the run.
  const again = segmentFile(bytes, {}, () => { throw new Error('bad bar'); });
  assert.equal(again.length, 140_000);
  batch.free(); again.free();
});

test('a panic in the core arrives as an Error naming it, not an opaque trap', async () => {
  // A fresh instance: after a panic the instance is discarded, as the worker and page do.
  const mod = await import(`../../pkg/lendseg.js?panic=${Date.now()}`);
  mod.initSync({ module: readFileSync(new URL('../../pkg/lendseg_bg.wasm', import.meta.url)) });
  assert.throws(() => mod.__panicForTest('boom at row 7'), (e) => e instanceof Error && /^lendseg panicked: boom at row 7 at src\/wasm.rs:\d+$/.test(e.message));
  assert.ok(typeof __panicForTest === 'function');
});
