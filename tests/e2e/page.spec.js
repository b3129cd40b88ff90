// The page in headless Chromium: the embedded demo is classified on load with the same numbers as
// the CLI, the export equals the CLI's bytes, a GBK file with Chinese headers opens, problems name
// their row and column, customer names are shown as text, and no request leaves 127.0.0.1.
import { test, expect } from './fixtures.js';
import { execFileSync } from 'node:child_process';
import { readFileSync, mkdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CLI = `${root}target/release/lendseg`;
const DEMO = `${root}www/demo/customers.csv`;
const ARTIFACTS = `${root}tests/artifacts`;
mkdirSync(ARTIFACTS, { recursive: true });

/** The CLI's output as objects (the demo file has no quoted cells with commas in result columns). */
function cliRows(file, args = []) {
  const out = execFileSync(CLI, ['segment', file, ...args], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const [header, ...lines] = out.trim().split('\n');
  const names = header.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i], v])));
}

function cliCounts(file, column) {
  const counts = {};
  for (const r of cliRows(file)) counts[r[column]] = (counts[r[column]] ?? 0) + 1;
  return counts;
}

async function summary(page) {
  const counts = {};
  for (const row of await page.locator('#summary-table tbody tr').all()) {
    counts[await row.getAttribute('data-size')] = Number(await row.locator('td').first().textContent());
  }
  return counts;
}

test('demo data is classified on first load with the CLI numbers', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  const want = cliCounts(DEMO, 'size_class');
  const got = await summary(page);
  for (const [k, n] of Object.entries(want)) expect(got[k], k).toBe(n);
  expect(got.total).toBe(200);
  const segments = cliCounts(DEMO, 'segment');
  for (const [k, n] of Object.entries(segments)) {
    await expect(page.locator(`#segment-table tr[data-segment="${k}"] td`).first()).toHaveText(String(n));
  }
  const grades = cliCounts(DEMO, 'grade');
  for (const [k, n] of Object.entries(grades)) {
    await expect(page.locator(`#grade-table tr[data-grade="${k}"] td`).first()).toHaveText(String(n));
  }
  await expect(page.locator('#results-table tbody tr')).toHaveCount(100);
  await expect(page.locator('#status')).toContainText('customers.csv');
  await page.screenshot({ path: `${ARTIFACTS}/page-demo.png`, fullPage: true });
});

for (const locale of ['zh-CN', 'en-US']) {
  test(`exported CSV equals \`lendseg segment --bom --excel-safe\` (${locale})`, async ({ browser }) => {
    const context = await browser.newContext({ locale, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-csv').click()]);
    const exported = readFileSync(await download.path());
    const lang = locale.startsWith('zh') ? 'zh' : 'en';
    const cli = execFileSync(CLI, ['segment', DEMO, '--bom', '--excel-safe', '--lang', lang], { stdio: ['ignore', 'pipe', 'ignore'] });
    expect(exported.equals(cli)).toBe(true);
    await context.close();
  });
}

test('a customer detail shows the score breakdown that adds up, the reasons and the action', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  const cli = cliRows(DEMO, ['--lang', 'en'])[4];
  await page.locator('#results-table tbody tr').nth(4).locator('button.link').click();
  await expect(page.locator('#detail')).toBeVisible();
  await expect(page.locator('#detail-title')).toContainText(cli.id);
  const points = await page.locator('#detail-breakdown tbody td:nth-child(2)').allTextContents();
  const sum = points.reduce((a, p) => a + Number(p), 0);
  expect(sum).toBe(Number(cli.score));
  await expect(page.locator('#detail-total')).toHaveText(cli.score);
  await expect(page.locator('#detail-facts')).toContainText(cli.grade);
  const reasons = await page.locator('#detail-reasons li').count();
  expect(reasons).toBe([cli.reason_1, cli.reason_2, cli.reason_3].filter(Boolean).length);
  await expect(page.locator('#detail-close')).toBeFocused();
  await page.screenshot({ path: `${ARTIFACTS}/page-detail.png`, fullPage: false });
});

test('a GBK file with Chinese headers opens, with problems located by row and column', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  const text = '客户编号,客户名称,所属行业,从业人员,营业收入（万元）\n' +
    'G1,<img src=x onerror="window.pwned=1">公司,工业,500,5000\n' +
    'G2,=HYPERLINK("x"),零售业,很多,100\n' +
    'G3,第三家,太空旅游,10,10\n';
  // TextEncoder only writes UTF-8, so glibc's iconv makes the GBK bytes.
  const gbk = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
  await page.locator('#file').setInputFiles({ name: '客户.csv', mimeType: 'text/csv', buffer: gbk });
  await expect(page.locator('#status')).toContainText('GBK');
  await expect(page.locator('#status')).toContainText('3');
  const rows = page.locator('#results-table tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).locator('td').nth(2)).toHaveText('<img src=x onerror="window.pwned=1">公司');
  expect(await page.evaluate(() => window.pwned)).toBeUndefined();
  await expect(rows.nth(0).locator('td[data-size]')).toHaveAttribute('data-size', 'medium');
  await expect(rows.nth(1).locator('td[data-size]')).toHaveAttribute('data-size', 'unknown');
  const issues = page.locator('#issue-list li');
  await expect(issues.filter({ hasText: '从业人员' })).toContainText(/3/);
  await expect(issues.filter({ hasText: '太空旅游' })).toContainText(/4/);
});

test('language toggle switches every label and is remembered', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  const before = await page.locator('h1').textContent();
  await page.locator('#lang').click();
  const after = await page.locator('h1').textContent();
  expect(after).not.toBe(before);
  await page.reload();
  await expect(page.locator('h1')).toHaveText(after);
});

test('train a scorecard in the page, evaluate it on a test file, adopt it', async ({ page }) => {
  const data = `${root}../shared/data`;
  test.skip(!existsSync(`${data}/taiwan_credit_train.csv`), 'shared/data is not here');
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await page.locator('#train-file').setInputFiles(`${data}/taiwan_credit_train.csv`);
  await expect(page.locator('#train-target')).toHaveValue('default');
  await page.locator('#test-file').setInputFiles(`${data}/taiwan_credit_test.csv`);
  await page.locator('#train').click();
  await expect(page.locator('#train-metrics tbody tr')).toHaveCount(2);
  const testAuc = Number(await page.locator('#train-metrics tbody tr').nth(1).locator('td').first().textContent());
  const policyFile = `${ARTIFACTS}/trained-policy.json`;
  execFileSync(CLI, ['train', `${data}/taiwan_credit_train.csv`, '--target', 'default', '--exclude', 'bad', '-o', policyFile], { stdio: 'ignore' });
  const cli = JSON.parse(execFileSync(CLI, ['evaluate', `${data}/taiwan_credit_test.csv`, '--policy', policyFile, '--target', 'default', '--json'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  }).toString());
  expect(testAuc).toBeCloseTo(cli.metrics.auc, 4);
  await expect(page.locator('#train-dropped li')).not.toHaveCount(0);
  await expect(page.locator('#train-tables details')).not.toHaveCount(0);
  await page.locator('#adopt').click();
  await expect(page.locator('#train-status')).toContainText(/采用|trained scorecard/);
});

test('find clusters: a PCA scatter, profiles in words, and a model saved into the policy', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await page.locator('#cluster-k').selectOption('4');
  await page.locator('#cluster-run').click();
  await expect(page.locator('#cluster-profiles tbody tr')).toHaveCount(4);
  const box = await page.locator('#cluster-chart').boundingBox();
  expect(box.width).toBeGreaterThan(100);
  await page.locator('#cluster-save').click();
  await expect(page.locator('#cluster-status')).toContainText(/cluster|分群/);
  await page.screenshot({ path: `${ARTIFACTS}/page-clusters.png`, fullPage: false });
});

test('an Excel workbook opens through the lazily loaded Excel build, with a sheet choice', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  const wasmBefore = requests.filter((p) => p.endsWith('.wasm')).length;
  expect(wasmBefore).toBe(1);
  await page.locator('#file').setInputFiles(`${root}tests/fixtures/customers.xlsx`);
  await expect(page.locator('#sheet-label')).toBeVisible();
  await expect(page.locator('#status')).toContainText('Excel');
  // The first sheet is notes; choosing the customer sheet reads it with the same path as a CSV.
  await page.locator('#sheet').selectOption('客户');
  await expect(page.locator('#results-table tbody tr')).toHaveCount(4);
  const cli = cliRows(`${root}tests/fixtures/customers.xlsx`, ['--sheet', '客户']);
  for (let i = 0; i < 4; i++) {
    await expect(page.locator('#results-table tbody tr').nth(i).locator('td[data-size]')).toHaveAttribute('data-size', cli[i].size_class);
  }
  await expect(page.locator('#issue-list li').filter({ hasText: '#N/A' })).toContainText(/5/);
  expect(requests.filter((p) => p.endsWith('.wasm')).length).toBe(2);
});

test('works offline after the first visit, and "clear all data" wipes what the page stored', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('body')).toHaveAttribute('data-offline', 'ready', { timeout: 20_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#summary-table tr[data-size="total"] td').first()).toHaveText('200');
  await context.setOffline(false);
  await page.locator('#lang').click();
  expect(await page.evaluate(() => localStorage.length)).toBeGreaterThan(0);
  await page.locator('#clear-data').click();
  await expect(page.locator('body')).toHaveAttribute('data-cleared', 'true');
  await expect(page.locator('#results-table tbody tr')).toHaveCount(0);
  await expect(page.locator('#summary-table tbody tr')).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  expect(await page.evaluate(async () => (await caches.keys()).length)).toBe(0);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
  // Nothing comes back: switching language re-renders, but there is no file left to show.
  await page.locator('#lang').click();
  await expect(page.locator('#results-table tbody tr')).toHaveCount(0);
  await context.close();
});
