/**
 * In headless Chromium: the light public pages (report, receipt, join, checkpoint) on a phone.
 * A first visit to the report page on a cold cache, counted as the browser counts transferred
 * bytes (DevTools protocol, with the compression the server chooses), stays within 150 KB until
 * the form can be used, and loads nothing of Ant Design, the charts or the map; the pages pass
 * axe-core with no serious or critical violation, have no sideways scroll at 200% zoom on a
 * 360-pixel-wide screen, and a report goes through with the keyboard alone.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findNeedByReceipt } from '../../src/db/repositories/needs';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { reportPublicNeed } from '../../src/services/needs/report-need';
import { chromiumPath, launchBrowser, serveUi } from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

/** What a first visit may transfer before the report form can be used (the budget). */
const FIRST_VISIT_BUDGET = 150 * 1024;
/** Chunks of the coordinators' app that a public page must never load. */
const HEAVY = /antd|vendor|echarts|maplibre|app-layout|use-maplibre/i;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const INCIDENT = '郑州暴雨内涝';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

describeEachDatabase('browser: the light public pages', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let incidentId = '';
  let receiptCode = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    const db = t();
    const incident = await declareIncident(db.deps, SYSTEM, {
      name: INCIDENT,
      category: 'natural_disaster',
      type: '洪涝',
      level: 1,
      warningColor: 'red',
      jurisdictions: ['410100'],
    });
    incidentId = incident.id;
    const reported = await reportPublicNeed(db.deps, incident.id, {
      title: '2 位老人困在车库出口',
      category: 'search_rescue',
      quantity: 2,
      jurisdiction: '410102',
      urgency: 'critical',
      lat: 34.7472,
      lon: 113.6253,
      contactPhone: '13800138000',
    });
    if (reported.replayed) throw new Error('a fresh need');
    receiptCode = reported.reported.need.receiptCode as string;
    ({ app, base } = await serveUi(db.deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  async function newPage(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await browser.newContext({ locale: 'zh-CN', ...options });
    contexts.push(context);
    return context.newPage();
  }

  const phone = () => newPage({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  /** The report form is usable: its fields are there, the area preset, the submit button enabled. */
  async function formUsable(page: Page): Promise<void> {
    await page.getByRole('heading', { level: 1, name: '填写求助信息' }).waitFor();
    await expect
      .poll(() => page.getByTestId('jurisdiction-city').locator('option:checked').textContent(), { timeout: 15_000 })
      .toBe('郑州市');
    expect(await page.getByTestId('public-submit').isEnabled()).toBe(true);
  }

  const pages = () => [
    { name: 'report', path: `/report/${incidentId}`, ready: (page: Page) => formUsable(page) },
    {
      name: 'receipt',
      path: `/receipt/${receiptCode}`,
      ready: (page: Page) => page.getByTestId('receipt-status').waitFor(),
    },
    {
      name: 'join',
      path: '/join',
      ready: (page: Page) => page.getByRole('heading', { level: 1, name: '申请加入协应网络' }).waitFor(),
    },
    { name: 'checkpoint', path: '/checkpoint', ready: (page: Page) => page.getByTestId('checkpoint-keys').waitFor() },
  ];

  it('transfers at most 150 KB on a cold first visit to the report page, and nothing of antd, charts or maps', async () => {
    const page = await phone();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const urls = new Map<string, string>();
    const transferred = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url));
    cdp.on('Network.loadingFinished', (event) => transferred.set(event.requestId, event.encodedDataLength));

    await page.goto(`${base}/report/${incidentId}`);
    await formUsable(page);
    await page.waitForLoadState('networkidle');

    const loaded = [...urls.values()].map((url) => new URL(url).pathname);
    const bytes = [...transferred.values()].reduce((sum, n) => sum + n, 0);
    console.log(
      `public report page, cold first visit: ${bytes} bytes transferred in ${transferred.size} responses (${loaded.join(', ')})`,
    );
    expect(loaded.filter((path) => HEAVY.test(path))).toEqual([]);
    expect(loaded.some((path) => path.endsWith('.js'))).toBe(true);
    expect(bytes).toBeLessThanOrEqual(FIRST_VISIT_BUDGET);

    // The map is there when asked for, and only then.
    await page.getByTestId('show-map').click();
    await expect.poll(() => [...urls.values()].some((url) => /map-picker/.test(url))).toBe(true);
  }, 90_000);

  it('passes axe-core with no serious or critical violation on the report, receipt, join and checkpoint pages', async () => {
    const page = await phone();
    for (const { name, path, ready } of pages()) {
      await page.goto(`${base}${path}`);
      await ready(page);
      // Through the DevTools protocol, which the page's Content-Security-Policy does not govern.
      await page.evaluate(AXE);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
        return (await axe.run(document)).violations.map(({ id, impact, help, nodes }) => ({
          id,
          impact,
          help,
          nodes: nodes.map((node) => ({ target: node.target })),
        }));
      });
      const grave = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const found = grave.map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(found, `${name}:\n${found.join('\n')}`).toEqual([]);
    }
  }, 90_000);

  it('has no sideways scroll at 200% zoom on a 360-pixel-wide phone', async () => {
    // 360 device pixels at 200%: 180 CSS pixels across.
    const page = await newPage({ viewport: { width: 180, height: 370 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    for (const { name, path, ready } of pages()) {
      await page.goto(`${base}${path}`);
      await ready(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${name} scrolls sideways by ${overflow}px`).toBeLessThanOrEqual(0);
    }
  }, 90_000);

  it('takes a report made with the keyboard alone', async () => {
    const page = await newPage({ viewport: { width: 800, height: 900 } });
    await page.goto(`${base}/report/${incidentId}`);
    await formUsable(page);

    /** Presses Tab until the control labelled `label` has the focus. */
    const tabTo = async (label: string, exact = true) => {
      const target = page.getByLabel(label, { exact });
      for (let presses = 0; presses < 80; presses += 1) {
        if (await target.evaluate((element) => element === document.activeElement)) return;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${label}`);
    };

    await tabTo('需要什么帮助');
    await page.keyboard.type('1 位孕妇需要送医');
    await tabTo('搜索救援');
    await page.keyboard.press('ArrowRight'); // the next category in the group: 医疗急救
    await tabTo('数量（人数或件数）');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1');
    await tabTo('纬度');
    await page.keyboard.type('34.7472');
    await tabTo('经度');
    await page.keyboard.type('113.6253');
    await tabTo('联系电话');
    await page.keyboard.type('13800138000');
    await page.keyboard.press('Enter');

    await page.waitForURL(/\/receipt\/[A-Z0-9]+$/);
    const code = ((await page.getByTestId('receipt-code').textContent()) ?? '').trim();
    const need = await findNeedByReceipt(t().deps.db, code);
    expect(need).toMatchObject({
      title: '1 位孕妇需要送医',
      category: 'emergency_medical',
      quantity: 1,
      jurisdiction: '410100',
      contactPhone: '13800138000',
    });
  }, 90_000);
});
