// The policy view: a built-in policy is shown part by part; an invalid edit gets the core's
// path-named message beside the part it belongs to and is not applied; a valid edit applied
// reclassifies the file; a policy file exports and imports.
import { test, expect } from './fixtures.js';
import { readFileSync } from 'node:fs';
import { ARTIFACTS, DEMO, cli, ready, tableRows } from './helpers.js';

test('edit the grade scale: errors beside the part, then a valid edit changes the results', async ({ page }) => {
  await ready(page);
  await page.locator('#nav-policy').click();
  const grades = page.locator('#policy-edit-grades');
  const original = JSON.parse(await grades.inputValue());
  // Cut points out of order: validation names the path, beside the grades part.
  const broken = structuredClone(original);
  broken.scale[0].max_pd = 0.9;
  await page.locator('details[data-section="grades"] summary').click();
  await grades.fill(JSON.stringify(broken, null, 2));
  await page.locator('#policy-apply').click();
  await expect(page.locator('#policy-edit-grades-errors li').first()).toContainText('grades.scale');
  await expect(grades).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#policy-edit-scorecard-errors li')).toHaveCount(0);
  await page.screenshot({ path: `${ARTIFACTS}/view-policy.png`, fullPage: false });
  // Broken JSON is reported as such, beside its part.
  await grades.fill('{ nope');
  await page.locator('#policy-validate').click();
  await expect(page.locator('#policy-edit-grades-errors li')).toContainText(/JSON/);

  // A valid edit: default from 0 days past due on (every demo row has the figure) → all grade D.
  const edited = structuredClone(original);
  edited.default_when = { field: 'max_days_past_due', op: 'gte', value: 0 };
  await grades.fill(JSON.stringify(edited, null, 2));
  const before = await page.locator('body').getAttribute('data-processed');
  await page.locator('#policy-apply').click();
  await expect(page.locator('body')).not.toHaveAttribute('data-processed', before);
  await expect(page.locator('#policy-status')).toContainText(/应用|applied/);
  await expect(page.locator('#policy-builtin')).toHaveValue('custom');
  await page.locator('#nav-customers').click();
  await expect(tableRows(page).first().locator('td[data-grade]')).toHaveText('D');

  // Export the edited policy, and the CLI classifies with it just the same.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#nav-policy').click().then(() => page.locator('#policy-export').click())]);
  const file = `${ARTIFACTS}/edited-policy.json`;
  await download.saveAs(file);
  const policy = JSON.parse(readFileSync(file, 'utf8'));
  expect(policy.grades.default_when).toEqual(edited.default_when);
  const out = cli(['segment', DEMO, '--policy', file]).toString().trim().split('\n');
  const grade = out[0].split(',').indexOf('grade');
  expect(out.slice(1).every((l) => l.split(',')[grade] === 'D')).toBe(true);

  // Back to the built-in: grades are mixed again.
  await page.locator('#policy-builtin').selectOption('enterprise');
  await page.locator('#nav-customers').click();
  await expect(page.locator('#filter-grade option')).not.toHaveCount(2);
});

test('import a policy file: the individual policy is loaded into the editor and checked', async ({ page }) => {
  await ready(page);
  await page.locator('#nav-policy').click();
  const json = cli(['policy', 'show', 'individual']);
  await page.locator('#policy-file').setInputFiles({ name: 'individual.json', mimeType: 'application/json', buffer: json });
  await expect(page.locator('#policy-name')).toContainText('individual');
  await expect(page.locator('#policy-status')).toContainText(/有效|valid/);
  const bad = JSON.parse(json);
  bad.grades.scale = [];
  await page.locator('#policy-file').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.locator('#policy-edit-grades-errors li')).not.toHaveCount(0);
});
