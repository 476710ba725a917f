/**
 * In headless Chromium: an anonymous visitor on a phone asks for help in a flood from the
 * public page (公众求助) and gets a receipt code; the coordinator, with the board open, sees the
 * need arrive without reloading. For a report already made, the coordinator dispatches it to a
 * rescue team, the receipt page shows the new status, and the visitor says the people were rescued.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { holdingClaims } from '../../src/db/repositories/claims';
import { findNeedByReceipt, listNeedRows } from '../../src/db/repositories/needs';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { reportPublicNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createUser } from '../../src/services/users/manage-users';
import { chooseOption, chromiumPath, launchBrowser, serveUi, signInOn } from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const INCIDENT = '郑州暴雨内涝';
const TEAM = '郑州蓝天救援队';
const NEED = '3 位老人被困二楼，水已漫到一楼';
const LATER_INCIDENT = '郑州暴雨第二轮';
const LATER_NEED = '2 位老人困在车库出口';

describeEachDatabase('browser: a public report reaches the board', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let incidentId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const db = t();
    await createOrganization(db.deps, SYSTEM, {
      kind: 'rescue_team',
      name: TEAM,
      jurisdictions: ['410102'],
      capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['search_rescue'] },
    });
    await createUser(db.deps, SYSTEM, {
      email: 'coord@example.cn',
      password: PASSWORD,
      role: 'coordinator',
      jurisdiction: '410000',
      displayName: '河南协调员',
    });
    const incident = await declareIncident(db.deps, SYSTEM, {
      name: INCIDENT,
      category: 'natural_disaster',
      type: '洪涝',
      level: 1,
      warningColor: 'red',
      jurisdictions: ['410100'],
    });
    incidentId = incident.id;
    ({ app, base } = await serveUi(db.deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  /** A new browser context, closed after the suite. */
  async function newContext(options: Parameters<Browser['newContext']>[0]): Promise<BrowserContext> {
    const context = await browser.newContext({ locale: 'zh-CN', ...options });
    contexts.push(context);
    return context;
  }

  /** The coordinator, signed in at a desk, on the board of `incident`. */
  async function boardOf(incident: string, name: string): Promise<Page> {
    const board = await (await newContext({ viewport: { width: 1440, height: 960 } })).newPage();
    await signInOn(board, base, 'coord@example.cn', PASSWORD);
    await board.goto(`${base}/incidents/${incident}`);
    await board.getByRole('heading', { level: 1, name }).waitFor();
    return board;
  }

  /** A phone where the visitor stands, in the flooded district. */
  const phone = () =>
    newContext({
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      geolocation: { latitude: 34.7472, longitude: 113.6253, accuracy: 20 },
      permissions: ['geolocation'],
    });

  const noSidewaysScroll = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  it('takes a report from an anonymous visitor on a phone while the coordinator watches the board', async () => {
    const board = await boardOf(incidentId, INCIDENT);
    await expect.poll(() => board.getByTestId('needs-total').textContent()).toBe('共 0 条需求');

    const visitor = await (await phone()).newPage();
    await visitor.goto(`${base}/login`);
    await visitor.getByRole('link', { name: '公众求助' }).click();
    await visitor.waitForURL(/\/report$/);
    await visitor.getByRole('heading', { level: 1, name: '公众求助' }).waitFor();
    await noSidewaysScroll(visitor);
    await visitor.getByRole('link', { name: new RegExp(INCIDENT) }).click();
    await visitor.waitForURL(new RegExp(`/report/${incidentId}$`));
    await visitor.getByRole('heading', { level: 1, name: '填写求助信息' }).waitFor();

    await visitor.getByLabel('需要什么帮助').fill(NEED);
    await visitor.getByRole('radio', { name: '搜索救援' }).check();
    await visitor.getByLabel('数量（人数或件数）').fill('3');
    await visitor.getByRole('radio', { name: '危急' }).check();
    await visitor.getByRole('checkbox', { name: '老人' }).check();
    // The only affected area comes preset; the visitor narrows it to the district.
    const chosen = (level: string) => visitor.getByTestId(`jurisdiction-${level}`).locator('option:checked').textContent();
    await expect.poll(() => chosen('city'), { timeout: 15_000 }).toBe('郑州市');
    expect(await chosen('province')).toBe('河南省');
    await visitor.getByTestId('jurisdiction-county').selectOption({ label: '中原区' });
    await expect.poll(() => chosen('county')).toBe('中原区');
    await visitor.getByTestId('use-my-location').click();
    await visitor.getByText('已获取位置').waitFor();
    expect(await visitor.getByLabel('纬度').inputValue()).toBe('34.7472');
    await visitor.getByLabel('联系电话').fill('138 0013 8000');
    await noSidewaysScroll(visitor);
    await visitor.screenshot({ path: join(SHOTS, 'public-report-phone.png'), fullPage: true });

    await visitor.getByTestId('public-submit').click();
    await visitor.waitForURL(/\/receipt\/[A-Z0-9]+$/);
    const receiptCode = ((await visitor.getByTestId('receipt-code').textContent()) ?? '').trim();
    expect(receiptCode).toMatch(/^[A-Z0-9]{8}$/);
    await visitor.getByText('求助已提交').waitFor();
    await visitor.getByText('请截图或抄下这个编号').waitFor();
    expect(await visitor.getByTestId('receipt-status').textContent()).toContain('待认领');
    await noSidewaysScroll(visitor);
    await visitor.screenshot({ path: join(SHOTS, 'public-receipt-phone.png'), fullPage: true });

    const need = await findNeedByReceipt(t().deps.db, receiptCode);
    expect(need).toMatchObject({
      title: NEED,
      source: 'public',
      quantity: 3,
      jurisdiction: '410102',
      urgency: 'critical',
      vulnerableGroups: ['elderly'],
      contactPhone: '13800138000',
      lat: 34.7472,
      lon: 113.6253,
    });

    // The board shows it without a reload: from the live stream, or the 15-second poll without one.
    const row = board.getByTestId('needs-table').getByRole('row', { name: new RegExp(NEED) });
    await row.waitFor({ timeout: 40_000 });
    expect(await row.textContent()).toContain('公众求助');
    await board.getByTestId('need-map-dot').first().waitFor();
    await board.screenshot({ path: join(SHOTS, 'board-public-need.png'), fullPage: true });
  }, 120_000);

  it('shows the visitor the new status once the coordinator dispatches the need', async () => {
    // A flood of its own, where a visitor has already asked for help and kept the receipt.
    const flood = await declareIncident(t().deps, SYSTEM, {
      name: LATER_INCIDENT,
      category: 'natural_disaster',
      type: '洪涝',
      level: 2,
      jurisdictions: ['410100'],
    });
    const reported = await reportPublicNeed(t().deps, flood.id, {
      title: LATER_NEED,
      category: 'search_rescue',
      quantity: 2,
      jurisdiction: '410102',
      urgency: 'critical',
      lat: 34.7472,
      lon: 113.6253,
      contactPhone: '13800138000',
    });
    if (reported.replayed) throw new Error('a fresh need');
    const receiptCode = reported.reported.need.receiptCode as string;
    const visitor = await (await phone()).newPage();
    await visitor.goto(`${base}/receipt/${receiptCode}`);
    await expect.poll(() => visitor.getByTestId('receipt-status').textContent()).toContain('待认领');

    const board = await boardOf(flood.id, LATER_INCIDENT);
    await board.getByTestId('needs-table').getByRole('link', { name: LATER_NEED }).click();
    const drawer = board.getByTestId('need-drawer');
    await drawer.getByText('13800138000').waitFor();
    await drawer.getByTestId('need-dispatch').click();
    const dialog = board.getByRole('dialog', { name: /派单：/ });
    // The search answers asynchronously: choose until the field shows the team (a click on a list being replaced misses).
    await chooseOption(board, dialog.getByLabel('派给其他组织'), TEAM, { search: '蓝天' });
    await dialog.getByRole('button', { name: '派单', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await drawer.getByTestId('need-holders').getByText('派单待接受').waitFor();
    await board.screenshot({ path: join(SHOTS, 'board-need-drawer.png') });

    const [need] = (await listNeedRows(t().deps.db, { incidentId: flood.id }, { limit: 10 })).items;
    expect(need?.status).toBe('claimed');
    expect(await holdingClaims(t().deps.db, need?.id ?? '')).toHaveLength(1);

    await visitor.reload();
    await expect.poll(() => visitor.getByTestId('receipt-status').textContent()).toContain('已认领');
    const history = (await visitor.getByTestId('receipt-history').textContent()) ?? '';
    expect(history).toContain('协调员已安排救援组织');
    expect(history).toContain('收到您的求助');

    await visitor.getByRole('button', { name: '已获救/已解决' }).click();
    await visitor.getByTestId('resolve-confirm').click();
    await expect.poll(() => visitor.getByTestId('receipt-status').textContent()).toContain('已关闭');
    const closed = await findNeedByReceipt(t().deps.db, receiptCode);
    expect(closed?.closeReason).toBe('resolved_by_reporter');
  }, 90_000);
});
