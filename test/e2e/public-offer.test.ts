/**
 * In headless Chromium: a member of the public, on a phone and without an account, sees what a
 * flood needs now and pledges water (捐赠/提供资源), keeping a reference code; quilts nobody asks
 * for are refused with the needed list. The coordinator, with the board's resources tab open,
 * sees the pledge and its donor arrive, and marks quilts not needed with a reason the public
 * page then shows. An organization's admin records quilts anyway, with the reason the form
 * asks for, and withdraws them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findOfferByReference, listOffers } from '../../src/db/repositories/offers';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createUser } from '../../src/services/users/manage-users';
import {
  chooseOption,
  chromiumPath,
  clickUntil,
  createHenanCoordinator,
  HENAN_COORDINATOR,
  launchBrowser,
  openSignedIn,
  serveUi,
  submitOnce,
} from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const INCIDENT = '郑州暴雨内涝';
const TEAM = '郑州蓝天救援队';
const TEAM_ADMIN = 'team.admin@example.cn';
const WATER = 'L1-0001';
const QUILT = 'L1-0011';
const WATER_NAME = '瓶装饮用水（24瓶装）';
const QUILT_NAME = '棉被';
const NOT_NEEDED_REASON = '棉被已由政府储备足额保障，请改捐饮用水';

describeEachDatabase('browser: a public offer reaches the board', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let incidentId = '';
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { deps } = t();
    await createHenanCoordinator(deps);
    const team = await createOrganization(deps, SYSTEM, {
      kind: 'rescue_team',
      name: TEAM,
      jurisdictions: ['410102'],
      capabilities: { cells: [{ strategy: 'resources', phase: 'crisis' }], serviceCategories: ['logistics_transport'] },
    });
    await createUser(deps, SYSTEM, {
      email: TEAM_ADMIN,
      password: PASSWORD,
      role: 'org_admin',
      organizationId: team.id,
      displayName: '蓝天队长',
    });
    const incident = await declareIncident(deps, SYSTEM, {
      name: INCIDENT,
      category: 'natural_disaster',
      type: '洪涝',
      level: 2,
      warningColor: 'orange',
      jurisdictions: ['410100'],
    });
    incidentId = incident.id;
    // A shelter asks for 300 cases of drinking water: the one item needed now.
    await reportNeed(deps, SYSTEM, incidentId, {
      title: '金水区安置点缺饮用水',
      category: 'water_sanitation',
      item: WATER,
      quantity: 300,
      jurisdiction: '410105',
      lat: 34.7805,
      lon: 113.6869,
    });
    ({ app, base } = await serveUi(deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  /** A phone of a donor, without an account. */
  async function phone(): Promise<Page> {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${error.message}\n${error.stack ?? ''}`));
    return page;
  }

  const noSidewaysScroll = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

  /** Chooses a goods item in the public form, from the needed list or (`any`) the whole catalogue. */
  async function chooseItem(page: Page, name: string, { any = false } = {}) {
    const anyItem = page.getByRole('checkbox', { name: '选择目录中的其他物资' });
    if (any) await anyItem.check();
    await chooseOption(page, page.locator('#public-offer_item'), name, { search: any ? name : undefined });
  }

  it('takes a pledge from the public, refuses goods nobody needs, and shows the coordinators’ reason', async () => {
    const board = await openSignedIn(browser, base, HENAN_COORDINATOR, { contexts, pageErrors });
    await board.goto(`${base}/incidents/${incidentId}`);
    await board.getByRole('heading', { level: 1, name: INCIDENT }).waitFor();
    await clickUntil(
      board.getByTestId('tab-resources'),
      () => Promise.resolve(),
      () => board.getByTestId('resources-panel').isVisible(),
    );
    const neededTable = board.getByTestId('needed-table');
    await neededTable.getByRole('row', { name: new RegExp(WATER_NAME) }).waitFor();
    expect(await neededTable.textContent()).toContain('300 箱');
    await board.getByTestId('offers-table').getByText('还没有捐赠或提供').waitFor();

    // The donor finds the page from the public help door.
    const visitor = await phone();
    await visitor.goto(`${base}/report`);
    await visitor.getByRole('main').getByRole('link', { name: '捐赠/提供资源' }).click();
    await visitor.waitForURL(/\/give$/);
    await visitor.getByRole('heading', { level: 1, name: '捐赠/提供资源' }).waitFor();
    await visitor.getByRole('link', { name: new RegExp(INCIDENT) }).click();
    await visitor.waitForURL(new RegExp(`/give/${incidentId}$`));

    // What is needed comes first.
    const needed = visitor.getByTestId('needed-now');
    await needed.getByText(WATER_NAME).waitFor();
    expect(await needed.textContent()).toContain('还需 300 箱');
    await noSidewaysScroll(visitor);

    await chooseItem(visitor, WATER_NAME);
    await visitor.getByLabel('数量（箱）').fill('10');
    // The incident's only area comes preset.
    await expect.poll(() => visitor.locator('.public-form .ant-cascader').textContent(), { timeout: 15_000 }).toContain('郑州市');
    await visitor.getByLabel('称呼', { exact: true }).fill('王女士');
    await visitor.getByLabel('电话', { exact: true }).fill('138 0013 8000');
    await noSidewaysScroll(visitor);
    await visitor.screenshot({ path: join(SHOTS, 'public-offer-phone.png'), fullPage: true });

    await submitOnce(visitor.getByTestId('offer-submit'), {
      request: /\/public\/incidents\/[^/]+\/offers$/,
      outcome: () => visitor.getByTestId('offer-code').waitFor(),
    });
    const code = ((await visitor.getByTestId('offer-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    expect(await visitor.getByTestId('follow-donation').getAttribute('href')).toBe(`/donation/${code}`);
    await visitor.getByText('感谢您的支持').waitFor();
    await noSidewaysScroll(visitor);
    await visitor.screenshot({ path: join(SHOTS, 'public-offer-done.png'), fullPage: true });
    expect(await findOfferByReference(t().deps.db, code)).toMatchObject({
      kind: 'goods',
      item: WATER,
      quantity: 10,
      source: 'public',
      donorName: '王女士',
      donorPhone: '13800138000',
      status: 'pledged',
    });

    // The board shows the pledge and its donor without a reload (live stream, or the poll without one).
    const offerRow = board.getByTestId('offers-table').getByRole('row', { name: new RegExp(WATER_NAME) });
    await offerRow.waitFor({ timeout: 40_000 });
    const rowText = (await offerRow.textContent()) ?? '';
    expect(rowText).toContain('公众');
    expect(rowText).toContain('王女士');
    expect(rowText).toContain('13800138000');
    expect(rowText).toContain('已认捐');
    await expect.poll(() => neededTable.textContent(), { timeout: 40_000 }).toContain('10 箱');

    // Quilts: nobody asks for them. The refusal says so, with what is needed instead.
    await visitor.getByRole('button', { name: '再提供一项' }).click();
    await visitor.getByTestId('offer-form').waitFor();
    expect(await visitor.getByTestId('needed-now').textContent()).toContain('已有人认捐 10 箱');
    await chooseItem(visitor, QUILT_NAME, { any: true });
    await visitor.getByLabel('数量（床）').fill('5');
    await submitOnce(visitor.getByTestId('offer-submit'), {
      request: /\/public\/incidents\/[^/]+\/offers$/,
      outcome: () => visitor.getByTestId('not-needed-alert').waitFor(),
    });
    const refusal = visitor.getByTestId('not-needed-alert');
    const refusalText = (await refusal.textContent()) ?? '';
    expect(refusalText).toContain(`目前不需要：${QUILT_NAME}`);
    expect(refusalText).toContain(`目前没有需求登记${QUILT_NAME}`);
    expect(await refusal.getByTestId('not-needed-instead').textContent()).toContain(`${WATER_NAME} · 还需 300 箱`);
    await expect(visitor.getByTestId('error-alert').count()).resolves.toBe(0);
    await noSidewaysScroll(visitor);
    await visitor.screenshot({ path: join(SHOTS, 'public-offer-not-needed.png'), fullPage: true });
    // One tap offers water instead.
    await refusal.getByRole('button', { name: '改捐这项' }).click();
    await expect.poll(() => visitor.locator('.public-form .ant-select').first().textContent()).toContain(WATER_NAME);

    // The coordinator marks quilts not needed, with the reason donors will read.
    await board.getByTestId('mark-not-needed').click();
    const dialog = board.getByRole('dialog', { name: '标记不需要的物资' });
    await chooseOption(board, dialog.getByLabel('物资'), QUILT_NAME, { search: QUILT_NAME });
    await dialog.getByLabel('说明').fill(NOT_NEEDED_REASON);
    await submitOnce(dialog.getByRole('button', { name: '保存' }), {
      request: /\/not-needed\//,
      outcome: () => dialog.waitFor({ state: 'hidden' }),
    });
    await board.getByTestId('not-needed-list').getByText(NOT_NEEDED_REASON).waitFor();
    await board.screenshot({ path: join(SHOTS, 'board-resources.png'), fullPage: true });

    // The public page shows the reason, and a second try at quilts is answered with it.
    await visitor.reload();
    const notNeeded = visitor.getByTestId('not-needed');
    await notNeeded.getByText(NOT_NEEDED_REASON).waitFor();
    expect(await notNeeded.textContent()).toContain(QUILT_NAME);
    await chooseItem(visitor, QUILT_NAME, { any: true });
    await visitor.getByLabel('数量（床）').fill('5');
    await submitOnce(visitor.getByTestId('offer-submit'), {
      request: /\/public\/incidents\/[^/]+\/offers$/,
      outcome: () => visitor.getByTestId('not-needed-alert').waitFor(),
    });
    expect(await visitor.getByTestId('not-needed-alert').textContent()).toContain(`协调方说明：${NOT_NEEDED_REASON}`);
    await noSidewaysScroll(visitor);

    const offers = await listOffers(t().deps.db, incidentId, { limit: 10 });
    expect(offers.map((o) => o.item)).toEqual([WATER]);

    // In English the items and their units come in English too, and the page still fits the phone.
    await visitor.getByTestId('language-switcher').getByText('English').click();
    await visitor.getByRole('heading', { level: 1, name: 'Give or offer help' }).waitFor();
    expect(await visitor.getByTestId('needed-now').textContent()).toContain(
      'Bottled drinking water (case of 24)300 × case still needed10 × case already pledged',
    );
    await noSidewaysScroll(visitor);
    expect(pageErrors).toEqual([]);
  }, 150_000);

  it('lets an organization record goods not needed only with a reason, and withdraw them', async () => {
    const desk = await openSignedIn(browser, base, TEAM_ADMIN, { contexts, pageErrors });
    await desk.goto(`${base}/incidents/${incidentId}?tab=resources`);
    await desk.getByTestId('resources-panel').waitFor();
    await desk.getByTestId('record-offer').click();
    const dialog = desk.getByRole('dialog', { name: '登记捐赠/提供' });
    // Its own organization comes preset.
    await expect.poll(() => dialog.locator('.ant-select').first().textContent()).toContain(TEAM);
    await chooseOption(desk, dialog.locator('#record-offer_item'), QUILT_NAME, { search: QUILT_NAME });
    // The lists say quilts are not needed: the form asks why before it is sent.
    await dialog.getByText(`协调方已标明不需要（${NOT_NEEDED_REASON}）`).waitFor();
    await dialog.getByLabel('数量').fill('30');
    await dialog.getByRole('button', { name: '登记' }).click();
    await dialog.getByText('请说明为什么仍要登记').waitFor();
    await dialog.getByLabel('登记理由').fill('入冬前储备，先存放在本队仓库');
    await submitOnce(dialog.getByRole('button', { name: '登记' }), {
      request: /\/incidents\/[^/]+\/offers$/,
      outcome: () => dialog.waitFor({ state: 'hidden' }),
    });
    const row = desk.getByTestId('offers-table').getByRole('row', { name: new RegExp(QUILT_NAME) });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(TEAM);
    expect(text).toContain('入冬前储备');
    // The public donor's name and phone are not the team's to see.
    expect(await desk.getByTestId('offers-table').textContent()).not.toContain('王女士');

    await row.getByTestId('offer-withdraw').click();
    const withdraw = desk.getByRole('dialog', { name: '撤回捐赠/提供' });
    await withdraw.getByLabel('撤回理由').fill('已改为直接送往安置点');
    await submitOnce(withdraw.getByRole('button', { name: '撤回' }), {
      request: /\/offers\/[^/]+\/withdraw$/,
      outcome: () => withdraw.waitFor({ state: 'hidden' }),
    });
    await expect.poll(() => row.getByTestId('offer-status').textContent()).toBe('已撤回');
    const quilts = (await listOffers(t().deps.db, incidentId, { limit: 10 })).filter((o) => o.item === QUILT);
    expect(quilts).toMatchObject([{ status: 'withdrawn', unwantedReason: '入冬前储备，先存放在本队仓库', quantity: 30 }]);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
