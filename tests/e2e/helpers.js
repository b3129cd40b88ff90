// Helpers shared by the page tests: paths, the CLI as the reference, and the page's import flow
// (choose → mapping screen → process).
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from './fixtures.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = `${root}target/release/lendseg`;
export const DEMO = `${root}www/demo/customers.csv`;
export const ARTIFACTS = `${root}tests/artifacts`;
mkdirSync(ARTIFACTS, { recursive: true });

export const cli = (args, input) => execFileSync(CLI, args, { input, stdio: [input ? 'pipe' : 'ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 });

/** Split one CSV line (quoted cells allowed, no newlines inside). */
function splitCsv(line) {
  const out = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(cur); cur = ''; } else cur += c;
  }
  out.push(cur);
  return out;
}

/** The CLI's segment output as objects. */
export function cliRows(file, args = [], input) {
  const out = cli(['segment', file, ...args], input).toString();
  const [header, ...lines] = out.trim().split('\n');
  const names = splitCsv(header);
  return lines.map((l) => Object.fromEntries(splitCsv(l).map((v, i) => [names[i], v])));
}

export function cliCounts(file, column) {
  const counts = {};
  for (const r of cliRows(file)) counts[r[column]] = (counts[r[column]] ?? 0) + 1;
  return counts;
}

/** Open the page and wait until the demo's results are fully drawn. */
export async function ready(page, url = '/') {
  await page.goto(url);
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('body')).toHaveAttribute('data-processed', /\d/);
}

/** Run `action` and wait until the page shows new results. */
export async function afterProcessing(page, action, timeout = 60_000) {
  const before = await page.locator('body').getAttribute('data-processed');
  await action();
  await expect(page.locator('body')).not.toHaveAttribute('data-processed', before ?? '', { timeout });
}

/** Choose a file on the import view; the mapping screen appears. */
export async function chooseFile(page, files) {
  await page.locator('#nav-import').click();
  await page.locator('#file').setInputFiles(files);
  await expect(page.locator('#mapping')).toBeVisible();
}

/** Choose a file and process it with the suggested mapping. */
export async function importFile(page, files) {
  await chooseFile(page, files);
  await afterProcessing(page, () => page.locator('#process').click());
}

/** The data rows the virtualised table has in the DOM. */
export const tableRows = (page) => page.locator('#results-table tbody tr:not(.spacer)');

export const gbk = (text) => execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GBK'], { input: text });
