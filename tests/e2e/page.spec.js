// The page in headless Chromium: the embedded demo is classified on load with the same numbers as
// the CLI, a customer's detail adds up, the language toggle is remembered, training and clustering
// work, and the page works offline and forgets everything on "clear all data".
import { test, expect } from './fixtures.js';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { root, CLI, DEMO, ARTIFACTS, cliRows, cliCounts, ready, tableRows } from './helpers.js';

async function summary(page) {
  const counts = {};
  for (const row of await page.locator('#summary-table tbody tr').all()) {
    counts[await row.getAttribute('data-size')] = Number(await row.locator('td').first().textContent());
  }
  return counts;
}

test('demo data is classified on first load with the CLI numbers, shown on the dashboard', async ({ page }) => {
  await ready(page);
  await expect(page.locator('#view-dashboard')).toBeVisible();
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
  // Risk × value matrix: each cell is the CLI's count of that pair.
  const rows = cliRows(DEMO);
  for (const [risk, value] of [['high', 'general'], ['medium', 'core'], ['low', 'strategic']]) {
    const n = rows.filter((r) => r.risk_tier === risk && r.value_tier === value).length;
    await expect(page.locator(`#matrix-table td[data-risk="${risk}"][data-value="${value}"]`)).toHaveText(String(n));
  }
  for (const id of ['chart-segments', 'chart-grades', 'chart-matrix', 'chart-el', 'chart-size-industry']) {
    expect((await page.locator(`#${id}`).boundingBox()).width, id).toBeGreaterThan(100);
  }
  await expect(page.locator('#status')).toContainText('customers.csv');
  await page.screenshot({ path: `${ARTIFACTS}/view-dashboard.png`, fullPage: true });
});

test('a customer detail shows the score breakdown that adds up, the reasons and the action', async ({ page }) => {
  await ready(page);
  await page.locator('#nav-customers').click();
  const cli = cliRows(DEMO, ['--lang', 'en'])[4];
  await tableRows(page).nth(4).locator('button.link').click();
  await expect(page.locator('#detail')).toBeVisible();
  await expect(page.locator('#detail-title')).toContainText(cli.id);
  const points = await page.locator('#detail-breakdown tbody td:nth-child(2)').allTextContents();
  const sum = points.reduce((a, p) => a + Number(p), 0);
  expect(sum).toBe(Number(cli.score));
  await expect(page.locator('#detail-total')).toHaveText(cli.score);
  await expect(page.locator('#detail-facts')).toContainText(cli.grade);
  await expect(page.locator('#detail-facts')).toContainText(cli.rate_adjustment_bp);
  const reasons = await page.locator('#detail-reasons li').count();
  expect(reasons).toBe([cli.reason_1, cli.reason_2, cli.reason_3].filter(Boolean).length);
  await expect(page.locator('#detail-close')).toBeFocused();
  await page.screenshot({ path: `${ARTIFACTS}/view-detail.png`, fullPage: false });
  await page.keyboard.press('Escape');
  await expect(page.locator('#detail')).toBeHidden();
});

test('language toggle switches every label and is remembered', async ({ page }) => {
  await ready(page);
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
  await ready(page);
  await page.locator('#nav-models').click();
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

test('the training target picker shows the Chinese headers of a GBK file', async ({ page }) => {
  await ready(page);
  await page.locator('#nav-models').click();
  const text = '客户编号,营业收入,违约标志\nA1,100,0\nA2,200,1\n';
  const bytes = execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
  await page.locator('#train-file').setInputFiles({ name: 'history.csv', mimeType: 'text/csv', buffer: bytes });
  await expect(page.locator('#train-target option')).toHaveText(['客户编号', '营业收入', '违约标志']);
  await expect(page.locator('#train-target')).toHaveValue('违约标志');
});

test('find clusters: a PCA scatter, profiles in words, and a model saved into the policy', async ({ page }) => {
  await ready(page);
  await page.locator('#nav-models').click();
  await page.locator('#cluster-k').selectOption('4');
  await page.locator('#cluster-run').click();
  await expect(page.locator('#cluster-profiles tbody tr')).toHaveCount(4);
  const box = await page.locator('#cluster-chart').boundingBox();
  expect(box.width).toBeGreaterThan(100);
  await page.locator('#cluster-save').click();
  await expect(page.locator('#cluster-status')).toContainText(/cluster|分群/);
  await page.screenshot({ path: `${ARTIFACTS}/view-models.png`, fullPage: false });
});

test('works offline after the first visit, and "clear all data" wipes what the page stored', async ({ newContext }) => {
  const context = await newContext();
  const page = await context.newPage();
  await ready(page);
  await expect(page.locator('body')).toHaveAttribute('data-offline', 'ready', { timeout: 20_000 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#summary-table tr[data-size="total"] td').first()).toHaveText('200');
  // The Excel build was never loaded online, so it is not offline either; the CSV path is.
  await context.setOffline(false);
  await page.locator('#lang').click();
  expect(await page.evaluate(() => localStorage.length)).toBeGreaterThan(0);
  await page.locator('#clear-data').click();
  await expect(page.locator('body')).toHaveAttribute('data-cleared', 'true');
  await expect(page.locator('#summary-table tbody tr')).toHaveCount(0);
  await expect(page.locator('#export-bar')).toBeHidden();
  await page.locator('#nav-customers').click();
  await expect(tableRows(page)).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  expect(await page.evaluate(async () => (await caches.keys()).length)).toBe(0);
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(0);
  // Nothing comes back: switching language re-renders, but there is no file left to show.
  await page.locator('#lang').click();
  await expect(tableRows(page)).toHaveCount(0);
});
