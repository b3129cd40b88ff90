// What the browser benchmarks share: command-line options, a static file server on 127.0.0.1
// (ephemeral port) that serves only what a benchmark allows, headless Debian Chromium (never a
// downloaded browser) and a page on which any request to another host is aborted.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

/** `--name value` from the command line, or `fallback`. */
export function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

/** Exit with a hint when a file the benchmark needs is missing. */
export function requireFiles(files, hint) {
  for (const p of files) {
    if (!fs.existsSync(p)) {
      console.error(`missing ${p} (${hint})`);
      process.exit(2);
    }
  }
}

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.csv': 'text/csv', '.json': 'application/json' };

/** Serve the file `resolve(pathname)` names (or 404 for null); returns `{ server, origin }`. */
export async function serve(resolve) {
  const server = http.createServer((req, res) => {
    const target = resolve(new URL(req.url, 'http://127.0.0.1').pathname);
    if (!target || !fs.existsSync(target) || !fs.statSync(target).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(target)] || 'application/octet-stream',
      'content-length': fs.statSync(target).size,
      'cache-control': 'no-store',
    });
    fs.createReadStream(target).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** A repository file under one of `prefixes` (never outside the repository). */
export function underPrefixes(root, prefixes, pathname) {
  if (pathname.includes('..') || !prefixes.some((p) => pathname.startsWith(p))) return null;
  return path.join(root, pathname);
}

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Headless Debian Chromium with `args`. */
export function launch(args = CHROMIUM_ARGS, executablePath = '/usr/bin/chromium') {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH || executablePath, args });
}

/** A page without timeouts whose requests to any host but 127.0.0.1 are aborted. */
export async function localPage(browser, log) {
  const page = await browser.newPage();
  page.setDefaultTimeout(0);
  await page.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === '127.0.0.1' ? route.continue() : route.abort();
  });
  page.on('pageerror', (e) => log(`page error: ${e}`));
  return page;
}

export const log = (s) => process.stderr.write(`${s}\n`);
export const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
