// Packaging tests: `npm pack`, install the tarball offline into a temporary consumer project
// (tests/pkg/app), and prove each way of using it — a plain <script type=module> page, the slim
// entry, a Vite build, a webpack 5 build, Node (default + slim), the worker entry (progress,
// cancel, panic recovery), the custom elements and the iframe adapter across two origins — in
// headless Chromium behind a strict CSP, with no request leaving the machine. Results are
// compared with the CLI's output for the same input; the types are checked with tsc.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { serve, STRICT_CSP } from './server.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const BIN = join(ROOT, 'node_modules/.bin');
const CLI = join(ROOT, 'target/release/lendseg');
const sha = (b) => createHash('sha256').update(b).digest('hex');
const cli = (...args) => execFileSync(CLI, args, { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });

let tmp;
let app;
let data;
let browser;
let expected;
const servers = [];

before(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'lendseg-pkg-'));
  const packed = execFileSync('npm', ['pack', '--pack-destination', tmp, '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
  const [{ filename, files }] = JSON.parse(packed.toString());
  expected = { tarball: join(tmp, filename), packedFiles: files.map((f) => f.path).sort() };

  app = join(tmp, 'app');
  cpSync(new URL('./app', import.meta.url).pathname, app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({
    name: 'lendseg-consumer', private: true, type: 'module', dependencies: { lendseg: `file:${expected.tarball}` },
  }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: app, stdio: 'ignore' });

  data = join(app, 'data');
  mkdirSync(data);
  cpSync(join(ROOT, 'www/demo/customers.csv'), join(data, 'customers.csv'));
  cpSync(join(ROOT, 'tests/fixtures/customers.xlsx'), join(data, 'customers.xlsx'));
  // Big enough that a cancel lands mid-run (~60 MB, about a second of wasm time).
  cli('demo-data', '-n', '300000', '--seed', '7', '-o', join(data, 'big.csv'));
  for (const dir of ['vite/public', 'webpack']) {
    mkdirSync(join(app, dir), { recursive: true });
    for (const f of ['customers.csv', 'customers.xlsx']) cpSync(join(data, f), join(app, dir, f));
  }

  const csvPath = join(data, 'customers.csv');
  Object.assign(expected, {
    csv: sha(cli('segment', csvPath)),
    csvBomSafe: sha(cli('segment', csvPath, '--bom', '--excel-safe')),
    jsonl: sha(cli('segment', csvPath, '--format', 'jsonl')),
    exportEn: cli('segment', csvPath, '--bom', '--excel-safe', '--lang', 'en'),
    xlsx: sha(cli('segment', join(data, 'customers.xlsx'), '--sheet', '客户')),
    rows: cli('segment', csvPath).toString().trim().split('\n').length - 1,
  });

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  if (tmp && !process.env.LENDSEG_KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
});

async function server(root, options) {
  const s = await serve(root, options);
  servers.push(s);
  return s;
}

/**
 * Open `url` in a fresh context and wait for the page's `window.result`. Fails on a page error,
 * a CSP violation, or a request to a host not in `hosts`.
 */
async function open(url, { hosts = ['127.0.0.1'], timeout = 60_000 } = {}) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const watch = { foreign: [], errors: [], console: [] };
  context.on('request', (req) => {
    const u = new URL(req.url());
    if (!['data:', 'blob:'].includes(u.protocol) && !hosts.includes(u.hostname)) watch.foreign.push(req.url());
  });
  page.on('console', (m) => watch.console.push({ type: m.type(), text: m.text(), url: m.location().url }));
  page.on('pageerror', (e) => watch.errors.push(e.message));
  await page.goto(url);
  try {
    await page.waitForFunction(() => window.result !== undefined || window.failure !== undefined, null, { timeout });
  } catch (err) {
    await context.close();
    const seen = [...watch.errors, ...watch.console.map((m) => `${m.type}: ${m.text} (${m.url})`)];
    throw new Error(`${url}: ${err.message}\n${seen.join('\n')}`);
  }
  const failure = await page.evaluate(() => window.failure);
  assert.equal(failure, undefined, failure);
  const result = await page.evaluate(() => window.result);
  const done = async () => {
    await context.close();
    assert.deepEqual(watch.foreign, [], 'requests leaving this machine');
    assert.deepEqual(watch.errors, [], 'uncaught page errors');
    const csp = watch.console.filter((m) => /Content.Security.Policy|Refused to/i.test(m.text));
    assert.deepEqual(csp, [], 'CSP violations');
  };
  return { page, result, watch, done };
}

test('the tarball holds only what consumers need', () => {
  const files = expected.packedFiles;
  for (const f of files) {
    assert.match(f, /^(package\.json|README\.md|LICEN[CS]E.*|js\/[\w.-]+\.(js|d\.ts|html)|pkg\/(xlsx\/)?lendseg(_bg\.wasm|\.js))$/, f);
  }
  for (const f of ['js/index.js', 'js/node.js', 'js/slim.js', 'js/worker.js', 'js/worker-thread.js', 'js/worker-thread-xlsx.js',
    'js/element.js', 'js/iframe.js', 'js/frame.html', 'js/frame.js', 'js/policy.d.ts', 'pkg/lendseg_bg.wasm', 'pkg/xlsx/lendseg_bg.wasm']) {
    assert.ok(files.includes(f), `${f} is packed`);
  }
  const installed = JSON.parse(readFileSync(join(app, 'node_modules/lendseg/package.json'), 'utf8'));
  assert.equal(installed.type, 'module');
  assert.deepEqual(installed.dependencies ?? {}, {}, 'no runtime dependencies');
  for (const [entry, target] of Object.entries(installed.exports)) {
    if (typeof target === 'object') assert.ok(target.types && target.default, `${entry} has types and default conditions`);
  }
});

test('plain <script type=module> page: the default entry equals the CLI byte for byte', async () => {
  const s = await server(app);
  const { result, done } = await open(`${s.url}plain/index.html`);
  assert.equal(result.rows, expected.rows);
  assert.equal(result.csv, expected.csv);
  assert.equal(result.csvBomSafe, expected.csvBomSafe);
  assert.equal(result.jsonl, expected.jsonl);
  assert.match(result.record, /^[A-D]+$/);
  await done();
});

test('slim entry in a page: a clear error before init, then init with a precompiled module', async () => {
  const s = await server(app);
  const { result, done } = await open(`${s.url}plain/slim.html`);
  assert.match(result.before, /lendseg\/slim: call init\(\) before segmentFile\(\)/);
  assert.equal(result.csv, expected.csv);
  await done();
});

test('Node: the default entry (node condition) and slim equal the CLI', () => {
  const run = (script) => JSON.parse(execFileSync(process.execPath, [join(app, 'node', script), join(data, 'customers.csv')], { cwd: app }).toString());
  const d = run('default.mjs');
  assert.equal(d.csv, expected.csv);
  assert.equal(d.jsonl, expected.jsonl);
  const cliRow = JSON.parse(cli('segment', join(data, 'customers.csv'), '--format', 'jsonl').toString().split('\n')[0]);
  assert.deepEqual(d.row0, cliRow);
  const slim = run('slim.mjs');
  assert.match(slim.before, /call init\(\) before segmentFile\(\)/);
  assert.equal(slim.csv, expected.csv);

  // Every column both built-in policies produce is declared in api.d.ts with the kind it has.
  const dts = readFileSync(join(app, 'node_modules/lendseg/js/api.d.ts'), 'utf8');
  const block = dts.slice(dts.indexOf('export interface ResultColumns'), dts.indexOf('export type ResultColumnName'));
  const declared = Object.fromEntries([...block.matchAll(/^\s+(\w+): (\w+)Column/gm)].map((m) => [m[1], m[2].toLowerCase()]));
  assert.ok(Object.keys(d.kinds).length > 30);
  for (const [name, kind] of Object.entries(d.kinds)) assert.equal(declared[name], kind, `column ${name}`);
});

test('types: tsc --noEmit (strict) on a file using every entry through the package exports', () => {
  const dir = join(app, 'types');
  mkdirSync(dir, { recursive: true });
  for (const f of ['usage.ts', 'tsconfig.json']) cpSync(new URL(`./types/${f}`, import.meta.url).pathname, join(dir, f));
  try {
    execFileSync(join(BIN, 'tsc'), ['-p', dir], { cwd: dir, stdio: 'pipe' });
  } catch (err) {
    assert.fail(`tsc:\n${err.stdout}${err.stderr}`);
  }
});

test('Vite build: default, worker (CSV and Excel) and element entries behind a strict CSP', async () => {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: join(app, 'vite'), stdio: 'pipe' });
  const dist = join(app, 'vite/dist');
  const emitted = readdirSync(join(dist, 'assets'));
  assert.ok(emitted.some((f) => f.endsWith('.wasm')), 'the wasm is emitted as an asset');
  await checkBundle(await server(dist), '');
});

test('webpack 5 build: the same app, a plain production config', async () => {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--config', 'webpack.config.js'], { cwd: join(app, 'webpack'), stdio: 'pipe' });
  const emitted = readdirSync(join(app, 'webpack/dist'));
  assert.ok(emitted.some((f) => f.endsWith('.wasm')), 'the wasm is emitted as an asset');
  await checkBundle(await server(join(app, 'webpack')), 'index.html');
});

async function checkBundle(s, path) {
  const { result, done } = await open(`${s.url}${path}`);
  assert.equal(result.csv, expected.csv);
  assert.equal(result.workerCsv, expected.csv);
  assert.deepEqual(result.sheets, ['说明', '客户']);
  assert.equal(result.xlsxCsv, expected.xlsx);
  assert.equal(result.badgeGrade, result.recordGrade);
  await done();
}

test('worker entry: CLI-equal results, typed columns, progress, cancel, Excel', async () => {
  const s = await server(app);
  const { result: r, done } = await open(`${s.url}worker/index.html`);
  assert.equal(r.rows, expected.rows);
  assert.equal(r.csv, expected.csv);
  assert.equal(r.csvBomSafe, expected.csvBomSafe);
  assert.equal(r.jsonl, expected.jsonl);
  assert.deepEqual(r.row3, JSON.parse(cli('segment', join(data, 'customers.csv'), '--format', 'jsonl').toString().split('\n')[3]));
  assert.equal(r.kinds.score, 'int:Int32Array');
  assert.equal(r.kinds.pd, 'num:Float64Array');
  assert.equal(r.kinds.grade, 'cat:Uint32Array');
  assert.equal(r.kinds.id, 'text:Uint32Array');
  assert.deepEqual(r.sourceRows, [2, 3, 4]);
  assert.ok(r.stressDowngraded > 0);
  assert.equal(r.bigRows, 300000);

  // Progress: reading (bytes of the file) then classifying (engine steps), each ending at its
  // total — when the core build has the progress callback (segmentFile's third argument).
  const glue = readFileSync(join(app, 'node_modules/lendseg/pkg/lendseg.js'), 'utf8');
  if (/export function segmentFile\(\s*\w+\s*,\s*\w+\s*,\s*\w+/.test(glue)) {
    const stages = r.progress.map((p) => p.stage);
    assert.deepEqual([...new Set(stages)], ['read', 'classify']);
    assert.equal(stages.lastIndexOf('read') + 1, stages.indexOf('classify'), 'all reading before classifying');
    const of = (stage) => r.progress.filter((p) => p.stage === stage);
    assert.ok(of('read').length >= 4, 'reading reported as it goes (every 65,536 rows)');
    assert.deepEqual([of('read').at(-1).done, of('read').at(-1).total], [r.bigBytes, r.bigBytes]);
    assert.ok(of('classify').length >= 2);
    assert.equal(of('classify').at(-1).done, of('classify').at(-1).total);
  } else {
    assert.deepEqual(r.progress, [], 'no progress events from a core without the callback');
    console.log('# note: this core build has no progress callback; progress assertions skipped');
  }

  assert.equal(r.cancel, 'AbortError');
  assert.ok(r.cancelMs < r.bigMs * 0.6, `cancel took ${r.cancelMs} ms, a whole run ${r.bigMs} ms`);
  assert.match(r.lostAfterCancel, /lost when its worker was restarted/);
  assert.equal(r.columnsAfterCancel, expected.rows, 'columns already transferred stay readable');
  assert.equal(r.csvAfterCancel, expected.csv);
  assert.equal(r.preAborted, 'AbortError');
  assert.deepEqual(r.sheets, ['说明', '客户']);
  assert.equal(r.xlsxCsv, expected.xlsx);
  assert.match(r.record, /^[A-D]+$/);
  assert.match(r.badPolicy, /options.policy: unknown policy 'nope'/);
  await done();
});

test('worker entry: a panic rejects the call, the worker restarts, later calls work', async () => {
  const s = await server(app);
  const { result: r, done } = await open(`${s.url}worker/panic.html`);
  assert.match(r.before, /^[A-D]+$/);
  assert.match(r.panic.error, /^lendseg panicked: injected by the test at src\/wasm\.rs:\d+$/);
  assert.match(r.queued.error, /restarted after a panic/);
  assert.match(r.lost.error, /lost when its worker was restarted/);
  assert.equal(r.after, r.before);
  assert.equal(r.trap.error, 'unreachable');
  assert.equal(r.afterTrap, r.before);
  await done();
});

test('custom elements: badges agree with segmentRecord; the panel processes a file and exports the CLI bytes', async () => {
  const s = await server(app);
  const { page, result: r, done } = await open(`${s.url}elements/index.html`);
  assert.equal(r.attributes.event, r.attributes.direct);
  assert.ok(r.shown.includes(r.attributes.event));
  assert.equal(r.property.length, 2);
  for (const p of r.property) {
    assert.equal(p.event, p.direct);
    assert.equal(p.segment, p.directSegment);
  }

  const panel = page.locator('#panel');
  await panel.locator('input[type=file]').setInputFiles(join(data, 'customers.csv'));
  await page.waitForFunction(() => document.querySelector('#panel').shadowRoot.querySelectorAll('tbody tr').length > 0);
  assert.equal(await panel.locator('tbody tr').count(), 100);
  const summary = await panel.locator('.summary p').first().textContent();
  assert.match(summary, new RegExp(`^${expected.rows} customers`));
  const firstReasons = await panel.locator('tbody tr').first().locator('td').last().textContent();
  assert.ok(firstReasons.length > 3, 'reasons shown');
  const [download] = await Promise.all([page.waitForEvent('download'), panel.locator('button[part=export]').click()]);
  const exported = readFileSync(await download.path());
  assert.deepEqual(exported, expected.exportEn);
  await done();
});

test('iframe adapter: host without wasm or workers, frame on another origin, origin checked both ways', async () => {
  // The frame's origin: the strict CSP, and only the host may embed it.
  let hostOrigin = '';
  const frame = await server(app, { host: 'localhost', csp: () => `${STRICT_CSP}; frame-ancestors ${hostOrigin}` });
  const other = await server(app);
  // The host (a CRM page): no 'wasm-unsafe-eval', no workers.
  const host = await server(app, {
    csp: `default-src 'self'; script-src 'self'; worker-src 'none'; frame-src ${frame.origin} ${other.origin}`,
  });
  hostOrigin = host.origin;
  const url = `${host.url}iframe/host.html?frame=${encodeURIComponent(frame.origin)}&other=${encodeURIComponent(other.origin)}`;
  const { page, result: r, watch, done } = await open(url, { hosts: ['127.0.0.1', 'localhost'] });
  assert.equal(r.rows, expected.rows);
  assert.equal(r.scoreType, 'Int32Array');
  assert.equal(r.csv, expected.csv);
  assert.match(r.row0, /^C\d+/);
  assert.match(r.record, /^[A-D]+$/);
  assert.equal(r.cancel, 'AbortError');
  assert.equal(r.afterCancel, r.record);
  assert.match(r.wrongOrigin, /did not answer/);

  const otherFrame = page.frames().find((f) => f.url().startsWith(other.origin));
  await otherFrame.waitForFunction(() => window.done === true);
  assert.deepEqual(await otherFrame.evaluate(() => window.replies), [], 'the lendseg frame never answered the other origin');
  const warned = (who) => watch.console.filter((m) => m.type === 'warning' && m.text.startsWith(who) && m.text.includes(`ignored a message from ${other.origin}`));
  assert.ok(warned('lendseg frame:').length > 0, 'the frame rejected calls from the other origin');
  assert.ok(warned('lendseg:').length > 0, 'the host rejected replies from the other origin');
  assert.ok(watch.console.some((m) => m.text.includes(`ignored a message from ${frame.origin} (expected http://127.0.0.1:9)`)), 'a connection expecting another origin ignores the real frame');
  assert.ok(!host.requests.some((p) => p.endsWith('.wasm')), 'the host origin served no wasm');
  assert.ok(frame.requests.some((p) => p.endsWith('lendseg_bg.wasm')), 'the frame origin loaded the engine');
  await done();
});

test('no eval or new Function anywhere in the package', () => {
  // The bundles' own runtimes are proven by running under the strict CSP above (webpack's runtime
  // carries a `new Function` fallback for hosts without globalThis, never reached in a browser).
  const roots = [join(app, 'node_modules/lendseg')];
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(m?js|html)$/.test(name)) files.push(p);
    }
  };
  roots.forEach(walk);
  assert.ok(files.length >= 15);
  assert.ok(files.some((f) => f.endsWith('pkg/lendseg.js')) && files.some((f) => f.endsWith('pkg/xlsx/lendseg.js')), 'the wasm-bindgen glue is checked too');
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    assert.doesNotMatch(text, /\beval\s*\(|new\s+Function\s*\(|\bFunction\s*\(\s*['"]|set(Timeout|Interval)\s*\(\s*['"`]/, f);
  }
});
