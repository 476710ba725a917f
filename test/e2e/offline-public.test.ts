/**
 * In headless Chromium with the service worker on: a visitor opens the public report page once
 * online, the network goes away for real (the test's proxy in front of the server refuses
 * connections), the visitor submits three reports, which the page keeps on the phone, reloads
 * (the page still opens, from the service worker), the network returns, and each report arrives
 * exactly once, with its receipt code shown in the page's outbox.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { chromiumPath, launchBrowser } from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';
import { type ServerBehindNetwork, serveBehindNetwork } from '../support/network';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const INCIDENT = '新乡卫辉洪涝';
const REPORTS = ['卫辉市 4 人困在屋顶', '卫辉市 1 名孕妇需送医', '卫辉市 20 人缺饮用水'];

describeEachDatabase('browser: the public report page offline through the outbox', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let served: ServerBehindNetwork;
  let base = '';
  let incidentId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const incident = await declareIncident(t().deps, SYSTEM, {
      name: INCIDENT,
      category: 'natural_disaster',
      type: '洪涝',
      level: 2,
      jurisdictions: ['410781'],
    });
    incidentId = incident.id;
    served = await serveBehindNetwork(t().env);
    base = served.base;
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await served?.stop();
  });

  const needs = () =>
    t()
      .deps.db.selectFrom('needs')
      .select(['title', 'receipt_code', 'source'])
      .where('incident_id', '=', incidentId)
      .orderBy('title')
      .execute();
  const states = (page: Page) =>
    page.getByTestId('outbox-item').evaluateAll((items) => items.map((item) => item.getAttribute('data-state')));

  async function report(page: Page, title: string): Promise<void> {
    await page.getByLabel('需要什么帮助').fill(title);
    await page.getByRole('radio', { name: '搜索救援' }).check();
    await page.getByLabel('纬度').fill('35.398');
    await page.getByLabel('经度').fill('114.064');
    await page.getByLabel('联系电话').fill('13800138000');
    await page.getByTestId('public-submit').click();
    // Kept: the form is empty again for the next report.
    await page.getByTestId('report-kept').waitFor();
    await expect.poll(() => page.getByLabel('需要什么帮助').inputValue()).toBe('');
  }

  it('keeps three reports made offline and sends each once when the network returns, with their receipt codes', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      serviceWorkers: 'allow',
    });
    contexts.push(context);
    const page = await context.newPage();
    const form = `${base}/report/${incidentId}`;
    await page.goto(form);
    await page.getByRole('heading', { level: 1, name: '填写求助信息' }).waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 });
    // Opened again with the service worker in control: the page and the data it needs are kept.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '填写求助信息' }).waitFor();
    const chosen = (level: string) => page.getByTestId(`jurisdiction-${level}`).locator('option:checked').textContent();
    await expect.poll(() => chosen('county'), { timeout: 15_000 }).toBe('卫辉市');
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const shared = await caches.open('corespond-shared');
          return (await shared.keys()).map((request) => new URL(request.url).pathname);
        }),
      )
      .toContain('/api/v1/public/incidents');

    await served.offline(context);
    for (const title of REPORTS) await report(page, title);
    await expect.poll(() => states(page)).toEqual(['queued', 'queued', 'queued']);
    expect(await page.getByTestId('report-kept').textContent()).toContain('已保存在这部手机上');
    expect(await page.getByTestId('outbox').textContent()).toContain('3 条等待网络');

    // Still offline: the page opens again from the service worker, with the reports kept on the phone.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '填写求助信息' }).waitFor();
    await expect.poll(() => states(page)).toEqual(['queued', 'queued', 'queued']);
    await page.screenshot({ path: join(SHOTS, 'offline-public-outbox.png'), fullPage: true });
    expect(await needs()).toEqual([]);

    await served.online(context);
    await expect.poll(() => states(page), { timeout: 30_000 }).toEqual(['sent', 'sent', 'sent']);
    const arrived = await needs();
    expect(arrived.map((need) => need.title)).toEqual([...REPORTS].sort());
    expect(arrived.every((need) => need.source === 'public' && /^[A-Z0-9]{8}$/.test(need.receipt_code ?? ''))).toBe(true);

    // Each receipt code is shown with a link to its receipt page.
    const links = page.getByTestId('outbox-receipt');
    await expect.poll(() => links.count()).toBe(3);
    const shown = (await links.allTextContents()).map((text) => text.trim()).sort();
    expect(shown).toEqual(arrived.map((need) => need.receipt_code).sort());
    expect(await links.first().getAttribute('href')).toMatch(/^\/receipt\/[A-Z0-9]{8}$/);

    // Opened once more online: nothing is sent again.
    await page.reload();
    await expect.poll(() => states(page)).toEqual(['sent', 'sent', 'sent']);
    expect(await needs()).toHaveLength(3);
  });
});
