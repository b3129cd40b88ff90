// A static file server for the packaging tests: serves one folder on 127.0.0.1 (or `localhost`)
// with a strict Content-Security-Policy header on every response, the right MIME types (wasm
// streaming needs application/wasm), and nothing else — like the simplest host a CRM would use.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.json': 'application/json', '.csv': 'text/csv; charset=utf-8', '.css': 'text/css',
  '.xlsx': 'application/octet-stream',
};

/**
 * Serve `root` on `host:port` (port 0 = any free port). `csp` is a string or a function of the
 * request path (the iframe test gives the host page and the frame different policies).
 * Returns `{ url, origin, close, requests }`; `requests` lists every path asked for.
 */
export async function serve(root, { host = '127.0.0.1', port = 0, csp = STRICT_CSP } = {}) {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(normalize(root + sep)) && file !== normalize(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      const policy = typeof csp === 'function' ? csp(path) : csp;
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
        ...(policy ? { 'content-security-policy': policy } : {}),
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(port, host === 'localhost' ? '127.0.0.1' : host, resolve));
  const origin = `http://${host}:${server.address().port}`;
  return { origin, url: `${origin}/`, requests, close: () => new Promise((r) => server.close(r)) };
}
