// Shared test fixtures: every page — the default one and those of contexts a test opens itself
// through `newContext` — is watched so that a request to any host other than 127.0.0.1 (service
// worker requests included) fails the test (the privacy promise), and uncaught page errors fail
// it too.
import { test as base, expect } from '@playwright/test';

function watch(context, foreign, errors) {
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') foreign.push(req.url());
  });
  context.on('page', (p) => p.on('pageerror', (err) => errors.push(err.message)));
  for (const p of context.pages()) p.on('pageerror', (err) => errors.push(err.message));
}

export const test = base.extend({
  watched: async ({}, use) => {
    const record = { foreign: [], errors: [] };
    await use(record);
    expect(record.foreign, 'requests to hosts other than 127.0.0.1').toEqual([]);
    expect(record.errors, 'uncaught errors in the page').toEqual([]);
  },
  page: async ({ page, watched }, use) => {
    watch(page.context(), watched.foreign, watched.errors);
    await use(page);
  },
  /** browser.newContext(), watched like the default page. */
  newContext: async ({ browser, watched }, use) => {
    const contexts = [];
    await use(async (options) => {
      const context = await browser.newContext(options);
      watch(context, watched.foreign, watched.errors);
      contexts.push(context);
      return context;
    });
    for (const c of contexts) await c.close().catch(() => {});
  },
});
export { expect };
