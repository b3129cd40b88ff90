// Import and column mapping: a GBK file shows its Chinese headers with the core's suggestions and
// confidence; HTML in a name stays text; changing a mapping changes the results and is remembered
// for the next file with the same headers (across a reload); a block pasted from Excel
// (tab-separated) and an Excel workbook with a sheet choice go through the same screen.
import { test, expect } from './fixtures.js';
import { root, ARTIFACTS, cliRows, ready, chooseFile, importFile, afterProcessing, tableRows, gbk } from './helpers.js';

const GBK_TEXT = '客户编号,客户名称,所属行业,从业人员,营业收入（万元）,备注\n' +
  'G1,<img src=x onerror="window.pwned=1">公司,工业,500,5000,好\n' +
  'G2,=HYPERLINK("x"),零售业,很多,100,\n' +
  'G3,第三家,太空旅游,10,10,\n';
const gbkFile = () => ({ name: '客户.csv', mimeType: 'text/csv', buffer: gbk(GBK_TEXT) });

test('a GBK file with Chinese headers: mapping suggestions, then results with problems by row and column', async ({ page }) => {
  await ready(page);
  await chooseFile(page, gbkFile());
  await expect(page.locator('#mapping-file')).toContainText('GBK');
  await expect(page.locator('#mapping-table tbody th')).toHaveText(['客户编号', '客户名称', '所属行业', '从业人员', '营业收入（万元）', '备注']);
  const row = (h) => page.locator(`#mapping-table tr[data-header="${h}"]`);
  await expect(row('从业人员').locator('select')).toHaveValue('employees');
  await expect(row('从业人员').locator('td[data-confidence]')).toHaveAttribute('data-confidence', 'alias');
  await expect(row('营业收入（万元）').locator('select')).toHaveValue('revenue');
  await expect(row('备注').locator('select')).toHaveValue('');
  await expect(row('备注').locator('td[data-confidence]')).toHaveAttribute('data-confidence', 'none');
  // The unit written in the header is shown and wins over the file-wide unit.
  await expect(row('营业收入（万元）').locator('td').last()).toContainText(/万元|10k/);
  await page.screenshot({ path: `${ARTIFACTS}/view-mapping.png`, fullPage: true });
  await afterProcessing(page, () => page.locator('#process').click());
  await expect(page.locator('#status')).toContainText('GBK');
  await page.locator('#nav-customers').click();
  const rows = tableRows(page);
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).locator('td').nth(2)).toHaveText('<img src=x onerror="window.pwned=1">公司');
  expect(await page.evaluate(() => window.pwned)).toBeUndefined();
  await expect(rows.nth(0).locator('td[data-size]')).toHaveAttribute('data-size', 'medium');
  await expect(rows.nth(1).locator('td[data-size]')).toHaveAttribute('data-size', 'unknown');
  await page.locator('#nav-dashboard').click();
  const issues = page.locator('#issue-list li');
  await expect(issues.filter({ hasText: '从业人员' })).toContainText(/3/);
  await expect(issues.filter({ hasText: '太空旅游' })).toContainText(/4/);
});

test('changing one mapping changes the results, and is remembered for the same headers after a reload', async ({ page }) => {
  await ready(page);
  await chooseFile(page, gbkFile());
  // Revenue ignored: G1 (500 staff, 工业) can no longer be told medium from large or small.
  await page.locator('#mapping-table tr[data-header="营业收入（万元）"] select').selectOption('');
  await expect(page.locator('#mapping-table tr[data-header="营业收入（万元）"] td[data-confidence]')).toHaveAttribute('data-confidence', 'manual');
  await afterProcessing(page, () => page.locator('#process').click());
  await page.locator('#nav-customers').click();
  await expect(tableRows(page).nth(0).locator('td[data-size]')).toHaveAttribute('data-size', 'unknown');

  await page.reload();
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await chooseFile(page, gbkFile());
  await expect(page.locator('#mapping-remembered')).toBeVisible();
  await expect(page.locator('#mapping-table tr[data-header="营业收入（万元）"] select')).toHaveValue('');
  await expect(page.locator('#mapping-table tr[data-header="从业人员"] select')).toHaveValue('employees');
  // "Back to automatic matching" restores the suggestion, and G1 is medium again.
  await page.locator('#mapping-reset').click();
  await expect(page.locator('#mapping-table tr[data-header="营业收入（万元）"] select')).toHaveValue('revenue');
  await afterProcessing(page, () => page.locator('#process').click());
  await page.locator('#nav-customers').click();
  await expect(tableRows(page).nth(0).locator('td[data-size]')).toHaveAttribute('data-size', 'medium');
});

test('a UTF-8 file with a BOM is recognised as such, its first header not spoilt by the BOM', async ({ page }) => {
  await ready(page);
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('客户编号,行业,从业人员\nB1,零售业,3\n')]);
  await chooseFile(page, { name: 'bom.csv', mimeType: 'text/csv', buffer: bytes });
  await expect(page.locator('#mapping-file')).toContainText('UTF-8 (BOM)');
  await expect(page.locator('#mapping-table tr[data-header="客户编号"] select')).toHaveValue('id');
});

test('the money unit selector applies to columns whose header names no unit', async ({ page }) => {
  await ready(page);
  const text = 'id,industry,employees,revenue\nU1,工业,500,5000\n';
  await chooseFile(page, { name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.locator('#unit').selectOption('wan');
  await afterProcessing(page, () => page.locator('#process').click());
  await page.locator('#nav-customers').click();
  const want = cliRows('-', ['--money-unit', 'wan'], Buffer.from(text))[0].size_class;
  expect(want).toBe('medium');
  await expect(tableRows(page).nth(0).locator('td[data-size]')).toHaveAttribute('data-size', want);
});

test('a block pasted from Excel (tab-separated) is mapped and processed like a file', async ({ page }) => {
  await ready(page);
  await page.locator('#nav-import').click();
  await page.locator('#paste summary').click();
  const block = '客户编号\t客户名称\t行业\t从业人员\t营业收入\nP1\t甲公司\t零售业\t20\t6000000\nP2\t乙公司\t工业\t1200\t500000000\n';
  await page.locator('#paste-text').fill(block);
  await page.locator('#paste-go').click();
  await expect(page.locator('#mapping')).toBeVisible();
  await expect(page.locator('#mapping-file')).toContainText('Tab');
  await afterProcessing(page, () => page.locator('#process').click());
  await page.locator('#nav-customers').click();
  const cli = cliRows('-', [], Buffer.from(block));
  await expect(tableRows(page)).toHaveCount(2);
  for (let i = 0; i < 2; i++) {
    await expect(tableRows(page).nth(i).locator('td[data-size]')).toHaveAttribute('data-size', cli[i].size_class);
    await expect(tableRows(page).nth(i).locator('td[data-grade]')).toHaveText(cli[i].grade);
  }
});

test('an Excel workbook opens through the lazily loaded Excel build, with a sheet choice', async ({ page }) => {
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  await ready(page);
  // The page and its worker load the same core file; the Excel build is a second file, not yet.
  const wasmFiles = () => new Set(requests.filter((p) => p.endsWith('.wasm')));
  expect(wasmFiles().size).toBe(1);
  await chooseFile(page, `${root}tests/fixtures/customers.xlsx`);
  expect(wasmFiles().size).toBe(2);
  await expect(page.locator('#sheet-label')).toBeVisible();
  await expect(page.locator('#mapping-file')).toContainText('Excel');
  // The first sheet is notes; choosing the customer sheet shows its headers, read like a CSV.
  await page.locator('#sheet').selectOption('客户');
  await expect(page.locator('#mapping-table tr[data-header="从业人员"] select')).toHaveValue('employees');
  await afterProcessing(page, () => page.locator('#process').click());
  await page.locator('#nav-customers').click();
  await expect(tableRows(page)).toHaveCount(4);
  const cli = cliRows(`${root}tests/fixtures/customers.xlsx`, ['--sheet', '客户']);
  for (let i = 0; i < 4; i++) {
    await expect(tableRows(page).nth(i).locator('td[data-size]')).toHaveAttribute('data-size', cli[i].size_class);
  }
  await page.locator('#nav-dashboard').click();
  await expect(page.locator('#issue-list li').filter({ hasText: '#N/A' })).toContainText(/5/);
  expect(wasmFiles().size, "the core and the Excel build, nothing else").toBe(2);
});

test('a CSV with a header but no rows, and an empty file, are reported, not crashed on', async ({ page }) => {
  await ready(page);
  await page.locator('#nav-import').click();
  await page.locator('#file').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
  await expect(page.locator('#status')).toContainText(/empty|空/);
  await chooseFile(page, { name: 'header.csv', mimeType: 'text/csv', buffer: Buffer.from('id,industry\n') });
  await afterProcessing(page, () => page.locator('#process').click());
  await page.locator('#nav-dashboard').click();
  await expect(page.locator('#issue-list li')).toContainText(['no data rows']);
});
