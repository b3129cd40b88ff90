// The customers table: filters (segment, grade, risk, value, warnings), search by id or name and
// sorting agree with the CLI's output; on a 100,000-row file only the visible rows are in the
// DOM and scrolling to the end shows the last customer.
import { test, expect } from './fixtures.js';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { CLI, DEMO, ARTIFACTS, cliRows, ready, importFile, tableRows } from './helpers.js';

test('filter, search and sort agree with the CLI output', async ({ page }) => {
  await ready(page);
  await page.locator('#nav-customers').click();
  const rows = cliRows(DEMO, ['--lang', 'en']);
  await expect(page.locator('#table-count')).toContainText('200');

  await page.locator('#filter-grade').selectOption({ label: 'BB' });
  const bb = rows.filter((r) => r.grade === 'BB');
  await expect(page.locator('#table-count')).toContainText(`${bb.length} `);
  await expect(tableRows(page).first().locator('td[data-grade]')).toHaveText('BB');

  await page.locator('#filter-risk').selectOption('3'); // high
  const bbHigh = bb.filter((r) => r.risk_tier === 'high');
  await expect(page.locator('#table-count')).toContainText(`${bbHigh.length} `);
  await page.locator('#filter-grade').selectOption('');
  await page.locator('#filter-risk').selectOption('');

  await page.locator('#filter-warnings').check();
  const warned = rows.filter((r) => r.warnings);
  await expect(page.locator('#table-count')).toContainText(`${warned.length} `);
  await page.locator('#filter-warnings').uncheck();

  const seg = rows[0].segment_name;
  await page.locator('#filter-segment').selectOption({ label: seg });
  await expect(page.locator('#table-count')).toContainText(`${rows.filter((r) => r.segment_name === seg).length} `);
  await page.locator('#filter-segment').selectOption('');

  // Search by id and by part of a name.
  await page.locator('#search').fill(rows[41].id);
  await expect(tableRows(page)).toHaveCount(1);
  await expect(tableRows(page).first().locator('button.link')).toHaveText(rows[41].id);
  const names = readFileSync(DEMO, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[1]);
  const part = names[7].slice(2, 5);
  await page.locator('#search').fill(part);
  await expect(page.locator('#table-count')).toContainText(`${names.filter((n) => n.includes(part)).length} `);
  await page.locator('#search').fill('');

  // Sort by score, descending: the first row has the CLI's highest score; then ascending.
  const scores = rows.map((r) => Number(r.score));
  await page.locator('#results-head th[data-col="score"] button').click();
  await expect(page.locator('#results-head th[data-col="score"]')).toHaveAttribute('aria-sort', 'ascending');
  await expect(tableRows(page).first().locator('td').nth(5)).toHaveText(String(Math.min(...scores)));
  await page.locator('#results-head th[data-col="score"] button').click();
  await expect(page.locator('#results-head th[data-col="score"]')).toHaveAttribute('aria-sort', 'descending');
  await expect(tableRows(page).first().locator('td').nth(5)).toHaveText(String(Math.max(...scores)));
  // Sort by grade keeps the master scale's order (AAA first), not the alphabet.
  await page.locator('#results-head th[data-col="grade"] button').click();
  const best = ['AAA', 'AA', 'A', 'BBB'].find((g) => rows.some((r) => r.grade === g));
  await expect(tableRows(page).first().locator('td[data-grade]')).toHaveText(best);
  await page.screenshot({ path: `${ARTIFACTS}/view-customers.png` });
});

test('100,000 rows: only the visible rows are in the DOM, and the end of the list scrolls into view', async ({ page }) => {
  test.setTimeout(120_000);
  const file = `${ARTIFACTS}/demo-100k.csv`;
  execFileSync(CLI, ['demo-data', '-n', '100000', '--seed', '7', '--headers', 'zh', '-o', file], { stdio: 'ignore' });
  await ready(page);
  await importFile(page, file);
  await page.locator('#nav-customers').click();
  await expect(page.locator('#table-count')).toContainText('100,000');
  const inDom = await tableRows(page).count();
  expect(inDom).toBeGreaterThan(10);
  expect(inDom).toBeLessThan(80);
  await page.locator('#table-scroll').evaluate((el) => { el.scrollTop = el.scrollHeight; });
  await expect(tableRows(page).last().locator('td').first()).toHaveText('100001');
  expect(await tableRows(page).count()).toBeLessThan(80);
  // Sorting all 100,000 rows by expected loss is an index sort: the largest EL comes first.
  await page.locator('#results-head th[data-col="el"] button').click();
  await page.locator('#results-head th[data-col="el"] button').click();
  await expect(page.locator('#results-head th[data-col="el"]')).toHaveAttribute('aria-sort', 'descending');
  const els = cliRows(file).map((r) => Number(r.el || 'NaN')).filter(Number.isFinite);
  const max = Math.round(Math.max(...els)).toLocaleString('en-US');
  await expect(tableRows(page).first().locator('td').nth(10)).toHaveText(max);
});
