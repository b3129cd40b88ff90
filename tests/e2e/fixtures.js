// Shared test fixture: every page is watched so that a request to any host other than 127.0.0.1
// fails the test (the privacy promise), and uncaught page errors fail it too.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  page: async ({ page }, use) => {
    const foreign = [];
    const errors = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') foreign.push(req.url());
    });
    page.on('pageerror', (err) => errors.push(err.message));
    await use(page);
    expect(foreign, 'requests to hosts other than 127.0.0.1').toEqual([]);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});
export { expect };
