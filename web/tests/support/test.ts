/**
 * Playwright's `test`, with an API client that opens a connection per request. The gateway closes
 * a connection left idle for its keep-alive (5 s, shared/gunicorn_conf.py); Node's client, unlike a
 * browser, does not retry a request it sent on a connection the server was closing at that moment
 * (ECONNRESET: failed a journey once on 2026-12-08).
 */
import { test as base } from "@playwright/test";

export const test = base.extend({
  request: async ({ playwright, baseURL }, use) => {
    const request = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Connection: "close" } });
    await use(request);
    await request.dispose();
  },
});
