// Exports equal the CLI's files for the same input: CSV (UTF-8 BOM, formula cells neutralised) in
// both languages, JSON Lines, and the .xlsx written by the lazily loaded Excel build; the printable
// summary report uses the print stylesheet.
import { test, expect } from './fixtures.js';
import { readFileSync } from 'node:fs';
import { DEMO, ARTIFACTS, cli, ready, importFile, gbk } from './helpers.js';

async function exported(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(button).click()]);
  return { bytes: readFileSync(await download.path()), name: download.suggestedFilename() };
}

for (const locale of ['zh-CN', 'en-US']) {
  test(`exported CSV equals \`lendseg segment --bom --excel-safe\` (${locale})`, async ({ newContext }) => {
    const context = await newContext({ locale, acceptDownloads: true });
    const page = await context.newPage();
    await ready(page);
    const { bytes, name } = await exported(page, '#export-csv');
    expect(name).toBe('customers-lendseg.csv');
    const lang = locale.startsWith('zh') ? 'zh' : 'en';
    expect(bytes.equals(cli(['segment', DEMO, '--bom', '--excel-safe', '--lang', lang]))).toBe(true);
  });
}

test('JSON and Excel exports equal `--format jsonl` and `--format xlsx` of the CLI', async ({ newContext }) => {
  const context = await newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  await ready(page);
  const json = await exported(page, '#export-json');
  expect(json.bytes.equals(cli(['segment', DEMO, '--format', 'jsonl', '--lang', 'zh']))).toBe(true);
  const xlsx = await exported(page, '#export-xlsx');
  expect(xlsx.name).toBe('customers-lendseg.xlsx');
  expect(xlsx.bytes.subarray(0, 4).equals(Buffer.from('PK\x03\x04', 'latin1'))).toBe(true);
  expect(xlsx.bytes.equals(cli(['segment', DEMO, '--format', 'xlsx', '--lang', 'zh']))).toBe(true);
});

test('the export of an imported GBK file with formula-like ids equals the CLI on the same bytes', async ({ newContext }) => {
  const context = await newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  await ready(page);
  const bytes = gbk('客户编号,客户名称,行业,从业人员,营业收入\n=cmd|calc,甲,零售业,20,6000000\n@SUM(A1),乙,工业,300,30000000\n');
  await importFile(page, { name: 'gbk.csv', mimeType: 'text/csv', buffer: bytes });
  const csv = await exported(page, '#export-csv');
  expect(csv.bytes.equals(cli(['segment', '-', '--bom', '--excel-safe', '--lang', 'zh'], bytes))).toBe(true);
  expect(csv.bytes.toString()).toContain("\n'=cmd|calc,");
  expect(csv.bytes.toString()).toContain("\n'@SUM(A1),");
});

test('the printable summary report shows the dashboard only', async ({ page }) => {
  await ready(page);
  await page.locator('#nav-customers').click();
  await page.evaluate(() => { window.print = () => { window.printed = document.body.dataset.print; }; });
  await page.locator('#print-report').click();
  expect(await page.evaluate(() => window.printed)).toBe('report');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('#view-dashboard')).toBeVisible();
  await expect(page.locator('#view-customers')).toBeHidden();
  await expect(page.locator('nav.views')).toBeHidden();
  await expect(page.locator('#report-meta')).toContainText('customers.csv');
  await page.pdf?.({ path: `${ARTIFACTS}/report.pdf` }).catch(() => {});
});
