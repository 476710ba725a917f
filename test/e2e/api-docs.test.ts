/**
 * In headless Chromium, the API documentation (Swagger UI at /api/docs) under the platform's
 * Content-Security-Policy: it draws the operations from the OpenAPI document, and no CSP
 * violation is reported (the browser helper fails the test on any).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { chromiumPath, launchBrowser, serveUi } from '../support/browser';
import { describeEachDatabase } from '../support/databases';

describeEachDatabase('browser: the API documentation', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base = '';
  beforeAll(async () => {
    ({ app, base } = await serveUi(t().deps));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows the operations under the security headers', async () => {
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const answer = await page.goto(`${base}/api/docs`);
    expect(answer?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
    await expect.poll(() => page.locator('.swagger-ui .info .title').textContent(), { timeout: 30_000 }).toMatch(/CoRespond/);
    await expect.poll(() => page.locator('.opblock').count(), { timeout: 30_000 }).toBeGreaterThan(10);
    expect(pageErrors).toEqual([]);
  });
});
