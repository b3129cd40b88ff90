// Accessibility: axe-core (from node_modules, injected into the page) finds no serious or critical
// violation on any main view, in both languages; and the whole flow works with the keyboard only
// (Tab, Enter, Space, Escape): load a file → check the mapping → process → results → a customer's
// detail → back → export.
import { test, expect } from './fixtures.js';
import { readFileSync } from 'node:fs';
import { root, ready, chooseFile, gbk } from './helpers.js';

const AXE = readFileSync(`${root}node_modules/axe-core/axe.min.js`, 'utf8');

async function axe(page, name) {
  // Evaluated over the DevTools protocol, so the page's CSP (no inline scripts) is untouched.
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => ['serious', 'critical'].includes(v.impact));
  expect(bad.map((v) => `${name}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
}

for (const locale of ['zh-CN', 'en-US']) {
  test(`axe: no serious or critical violations on each view (${locale})`, async ({ newContext }) => {
    const context = await newContext({ locale });
    const page = await context.newPage();
    await ready(page);
    await axe(page, 'dashboard');
    await page.locator('#nav-customers').click();
    await axe(page, 'customers');
    await page.locator('#results-table tbody button.link').first().click();
    await expect(page.locator('#detail')).toBeVisible();
    await axe(page, 'detail');
    await page.keyboard.press('Escape');
    await page.locator('#nav-policy').click();
    await page.locator('#policy-sections details').first().locator('summary').click();
    await axe(page, 'policy');
    await page.locator('#nav-models').click();
    await page.locator('#cluster-run').click();
    await expect(page.locator('#cluster-profiles tbody tr')).not.toHaveCount(0);
    await axe(page, 'models');
    await chooseFile(page, { name: 'a.csv', mimeType: 'text/csv', buffer: gbk('客户编号,行业,从业人员,营收合计\nA,工业,5,1\n') });
    await page.locator('#paste summary').click();
    await axe(page, 'import + mapping');
  });
}

/** Press Tab until the focused element matches `selector` (at most `max` presses). */
async function tabTo(page, selector, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('keyboard only: load → map → results → detail → back → export', async ({ newContext }) => {
  const context = await newContext({ locale: 'zh-CN', acceptDownloads: true });
  const page = await context.newPage();
  await ready(page);
  await tabTo(page, '#nav-import');
  await page.keyboard.press('Enter');
  await expect(page.locator('#import-title')).toBeFocused();
  await tabTo(page, '#file');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10_000 }), page.keyboard.press('Space')]);
  await chooser.setFiles({ name: 'k.csv', mimeType: 'text/csv', buffer: gbk('客户编号,客户名称,行业,从业人员,营业收入\nK1,键盘公司,零售业,20,6000000\nK2,第二家,工业,300,30000000\n') });
  await expect(page.locator('#mapping')).toBeVisible();
  await tabTo(page, '#process');
  await page.keyboard.press('Space');
  await expect(page.locator('#dashboard-title')).toBeFocused();
  await tabTo(page, '#nav-customers');
  await page.keyboard.press('Enter');
  await expect(page.locator('#results-title')).toBeFocused();
  await tabTo(page, '#results-table tbody button.link');
  const opener = await page.evaluate(() => document.activeElement.textContent);
  expect(opener).toBe('K1');
  await page.keyboard.press('Enter');
  await expect(page.locator('#detail')).toBeVisible();
  await expect(page.locator('#detail-title')).toContainText('键盘公司');
  await expect(page.locator('#detail-close')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator('#detail')).toBeHidden();
  expect(await page.evaluate(() => document.activeElement.textContent)).toBe('K1');
  await tabTo(page, '#export-csv');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe('k-lendseg.csv');
});
