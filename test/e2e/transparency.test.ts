/**
 * In headless Chromium, on a phone and without an account: an incident's transparency page
 * (公开透明) draws its charts and lists the same figures in tables — money pledged by the public,
 * water pledged, received at a collection point, allocated and delivered (two cases short) to
 * 金水区 — and follows a new pledge when the reader comes back to the tab; an incident nothing was
 * pledged to says so. A donor follows the water donation by its code (捐赠去向) from pledge to
 * delivery, traced first-in first-out through the collection point's stock; an unknown code is
 * not found. ECharts is downloaded by the transparency page only, never by the other public pages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { createWarehouse } from '../../src/services/inventory/create-warehouse';
import { recordMovement } from '../../src/services/inventory/record-movement';
import { reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { proposeAllocation } from '../../src/services/resources/allocation-plans';
import { commitAllocation } from '../../src/services/resources/commit-allocation';
import { moveShipmentTo } from '../../src/services/resources/move-shipment';
import { offerPublicly } from '../../src/services/resources/offers';
import { chromiumPath, createHenanCoordinator, launchBrowser, serveUi, WEB_DIST } from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const WATER = 'L1-0001';
const WATER_LABEL = '瓶装饮用水（24瓶装）（箱）';
const POINT = '金水区红十字收集点';

/** The built chunks that hold ECharts: the attribute ECharts marks its charts' hosts with is in its code. */
const echartsChunks = readdirSync(join(WEB_DIST, 'assets')).filter(
  (name) => name.endsWith('.js') && readFileSync(join(WEB_DIST, 'assets', name), 'utf8').includes('_echarts_instance_'),
);

describeEachDatabase('browser: the public transparency and donation pages', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let incidentId = '';
  let quietIncidentId = '';
  let waterCode = '';
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const { deps } = t();
    // Someone has set the platform up: until then every page leads to /setup.
    await createHenanCoordinator(deps);
    const team = await createOrganization(deps, SYSTEM, {
      kind: 'social_organization',
      name: '郑州市红十字会',
      jurisdictions: ['410100'],
      capabilities: { cells: [{ strategy: 'resources', phase: 'crisis' }], serviceCategories: ['logistics_transport'] },
    });
    const incident = await declareIncident(deps, SYSTEM, {
      name: '郑州暴雨内涝',
      category: 'natural_disaster',
      type: '洪涝',
      level: 2,
      jurisdictions: ['410100'],
    });
    incidentId = incident.id;
    quietIncidentId = (
      await declareIncident(deps, SYSTEM, {
        name: '新乡山洪',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410700'],
      })
    ).id;
    await reportNeed(deps, SYSTEM, incidentId, {
      title: '金水区安置点缺饮用水',
      category: 'water_sanitation',
      item: WATER,
      quantity: 300,
      jurisdiction: '410105',
      lat: 34.7805,
      lon: 113.6869,
    });
    await offerPublicly(deps, incidentId, { kind: 'money', amountFen: 50_000, jurisdiction: '410105', donorName: '李先生' });
    const water = await offerPublicly(deps, incidentId, {
      kind: 'goods',
      item: WATER,
      quantity: 30,
      jurisdiction: '410105',
      donorName: '王女士',
      donorPhone: '13800138000',
    });
    waterCode = water.referenceCode;
    const point = await createWarehouse(deps, SYSTEM, {
      name: POINT,
      kind: 'collection_point',
      organizationId: team.id,
      jurisdiction: '410105',
      lat: 34.77,
      lon: 113.67,
    });
    await recordMovement(deps, SYSTEM, point.id, { kind: 'receive', item: WATER, quantity: 30, offerReference: waterCode });
    const plan = await proposeAllocation(deps, SYSTEM, incidentId, {});
    const { shipments } = await commitAllocation(deps, SYSTEM, plan.id);
    expect(shipments.map((s) => s.quantity)).toEqual([30]);
    // The receiver counts 28 cases: two are written off.
    await moveShipmentTo(deps, SYSTEM, shipments[0]?.id ?? '', { to: 'delivered', quantity: 28 });
    ({ app, base } = await serveUi(deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  /** A phone without an account, in a context of its own; `scripts` collects the JS files it fetches. */
  async function phone(
    scripts: string[] = [],
    { reducedMotion = 'no-preference' }: { reducedMotion?: 'reduce' | 'no-preference' } = {},
  ): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      reducedMotion,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${error.message}\n${error.stack ?? ''}`));
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.endsWith('.js')) scripts.push(path.split('/').pop() ?? path);
    });
    return page;
  }

  const noSidewaysScroll = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  const cells = (page: Page, table: string) =>
    page
      .getByTestId(table)
      .locator('tr')
      .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').trim())));

  it('draws the charts and lists the figures, follows a new pledge, and says when nothing was pledged', async () => {
    const page = await phone([], { reducedMotion: 'reduce' });
    await page.goto(`${base}/transparency`);
    await page.getByRole('link', { name: /郑州暴雨内涝/ }).click();
    await page.waitForURL(new RegExp(`/transparency/${incidentId}$`));
    await page.getByRole('heading', { level: 1, name: '郑州暴雨内涝' }).waitFor();
    await page
      .getByTestId('updated-at')
      .getByText(/^更新于 /)
      .waitFor();

    // Charts first: three ECharts canvases, each labelled for screen readers.
    const charts = page.getByTestId('transparency-charts');
    await expect.poll(() => charts.locator('canvas').count(), { timeout: 20_000 }).toBe(3);
    expect(await charts.getByRole('img').evaluateAll((hosts) => hosts.map((h) => h.getAttribute('aria-label')))).toEqual([
      '资金按环节：认捐、到账、分配、拨付、退回、核销的金额（元）',
      '各类物资在认捐、入库、分配、送达、退回、核销各环节的数量',
      '各地区已收到的物资数量',
    ]);
    const chartsTop = await charts.evaluate((e) => e.getBoundingClientRect().top);
    const tablesTop = await page.getByTestId('table-organizations').evaluate((e) => e.getBoundingClientRect().top);
    expect(chartsTop).toBeLessThan(tablesTop);

    // The tables say what the charts show.
    const organizations = await cells(page, 'table-organizations');
    expect(organizations[0]).toEqual(['组织', '资金认捐', '资金到账', '资金已分配', '资金已拨付', '送达物资']);
    expect(organizations).toContainEqual(['社会公众', '¥500.00', '¥0.00', '¥0.00', '¥0.00', '—']);
    expect(organizations).toContainEqual(['郑州市红十字会', '¥0.00', '¥0.00', '¥0.00', '¥0.00', '瓶装饮用水（24瓶装） 28 箱']);
    expect(organizations.at(-1)).toEqual(['合计', '¥500.00', '¥0.00', '¥0.00', '¥0.00', '见“按物资”表']);
    expect(await cells(page, 'table-items')).toEqual([
      ['物资', '认捐', '已入库', '已分配', '已送达', '已核销'],
      [WATER_LABEL, '30', '30', '30', '28', '2'],
    ]);
    await expect
      .poll(() => cells(page, 'table-areas'))
      .toEqual([
        ['地区', '物资', '已送达'],
        ['金水区', WATER_LABEL, '28'],
      ]);
    expect(await page.getByTestId('table-items').locator('caption').textContent()).toBe('按物资');
    await noSidewaysScroll(page);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/王女士|李先生|13800138000|安置点/);
    await page.screenshot({ path: join(import.meta.dirname, '..', '..', '.tmp', 'transparency-phone.png'), fullPage: true });

    // A new pledge shows when the reader comes back to the tab (and every 30 seconds without).
    await offerPublicly(t().deps, incidentId, { kind: 'money', amountFen: 12_345, jurisdiction: '410105' });
    await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
    await expect.poll(async () => (await cells(page, 'table-organizations')).at(-1)?.[1], { timeout: 10_000 }).toBe('¥623.45');

    // An incident nothing was pledged to says so, and where to give.
    await page.goto(`${base}/transparency/${quietIncidentId}`);
    await page.getByRole('heading', { level: 1, name: '新乡山洪' }).waitFor();
    await page.getByTestId('transparency-empty').getByText('本事件还没有收到认捐。').waitFor();
    expect(await page.getByTestId('transparency-empty').getByRole('link').getAttribute('href')).toBe(`/give/${quietIncidentId}`);
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('follows a donation from pledge to delivery, and says when a code is unknown', async () => {
    const page = await phone();
    await page.goto(`${base}/donation`);
    await page.getByLabel('捐赠编号').fill(waterCode.toLowerCase());
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL(new RegExp(`/donation/${waterCode}$`));
    await page.getByTestId('donation-steps').waitFor();
    expect(await page.getByTestId('donation-what').textContent()).toBe('瓶装饮用水（24瓶装） · 30 箱');
    const steps = page.getByTestId('donation-steps').locator('li');
    expect(await steps.evaluateAll((items) => items.map((li) => li.getAttribute('data-stage')))).toEqual([
      'pledged',
      'received',
      'delivered',
    ]);
    expect(await steps.nth(0).textContent()).toContain('已认捐30 箱');
    expect(await steps.nth(1).textContent()).toContain(`接收点：${POINT}`);
    await expect.poll(() => steps.nth(2).textContent()).toContain('送达地区：金水区');
    expect(await steps.nth(2).textContent()).toContain('28 箱');
    expect(await steps.nth(2).textContent()).toContain('按先进先出追溯');
    expect(await page.getByTestId('donation-transparency').getAttribute('href')).toBe(`/transparency/${incidentId}`);
    // The code stays in the address bar, never in storage.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain(waterCode);
    await noSidewaysScroll(page);

    await page.goto(`${base}/donation/NOSUCH99`);
    await page.getByTestId('donation-not-found').getByText('没有找到这个捐赠编号，请核对后重试。').waitFor();
    expect(await page.getByTestId('donation-steps').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('downloads ECharts on the transparency page only', async () => {
    expect(echartsChunks.length).toBeGreaterThan(0);
    const scripts: string[] = [];
    const page = await phone(scripts);
    for (const path of ['/report', '/give', `/give/${incidentId}`, '/receipt', `/donation/${waterCode}`, '/transparency']) {
      await page.goto(`${base}${path}`);
      // The light public pages (report, receipt) and the coordinators' app's public pages (give, donation, transparency).
      await page.locator('.public-title, .pp-title').first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((name) => echartsChunks.includes(name))).toEqual([]);
    // From the give page, one tap leads to the incident's figures, and they bring ECharts with them.
    await page.goto(`${base}/give/${incidentId}`);
    await page.getByTestId('give-transparency').click();
    await page.waitForURL(new RegExp(`/transparency/${incidentId}$`));
    await expect.poll(() => page.getByTestId('transparency-charts').locator('canvas').count(), { timeout: 20_000 }).toBe(3);
    expect(scripts.filter((name) => echartsChunks.includes(name)).length).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
