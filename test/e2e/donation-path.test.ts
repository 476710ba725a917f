/**
 * In headless Chromium, the whole path of a donation (issue 13): a member of the public, without
 * an account, pledges drinking water on the give page and keeps the reference code; the Red
 * Cross's collection point receives it against that code on its warehouse page; the coordinator
 * proposes an allocation on the board's resources tab (a table, and a map of where the goods
 * would go), is told when a changed quantity is more than is held, and commits the plan; the Red Cross, carrying the goods, marks the shipment on
 * its way and delivered with the quantity the receiver counted — the coordinator's board follows
 * live — and the donor's page shows the water delivered to 金水区.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findPlan, listPlans } from '../../src/db/repositories/allocation-plans';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { createWarehouse } from '../../src/services/inventory/create-warehouse';
import { reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { editAllocation } from '../../src/services/resources/allocation-plans';
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
const RED_CROSS = '郑州市红十字会';
const RED_CROSS_ADMIN = 'redcross.admin@example.cn';
const POINT = '金水区红十字收集点';
const NEED = '金水区安置点缺饮用水';
const WATER = 'L1-0001';
const WATER_NAME = '瓶装饮用水（24瓶装）';

describeEachDatabase('browser: a donation from the give page to the shelter', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let incidentId = '';
  let pointId = '';
  const contexts: BrowserContext[] = [];
  const apps: App[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { deps } = t();
    await createHenanCoordinator(deps);
    const redCross = await createOrganization(deps, SYSTEM, {
      kind: 'social_organization',
      name: RED_CROSS,
      jurisdictions: ['410100'],
      capabilities: { cells: [{ strategy: 'resources', phase: 'crisis' }], serviceCategories: ['logistics_transport'] },
    });
    await createUser(deps, SYSTEM, {
      email: RED_CROSS_ADMIN,
      password: PASSWORD,
      role: 'org_admin',
      organizationId: redCross.id,
      displayName: '红会物资组',
    });
    pointId = (
      await createWarehouse(deps, SYSTEM, {
        name: POINT,
        kind: 'collection_point',
        organizationId: redCross.id,
        jurisdiction: '410105',
        lat: 34.77,
        lon: 113.67,
      })
    ).id;
    incidentId = (
      await declareIncident(deps, SYSTEM, {
        name: INCIDENT,
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        warningColor: 'orange',
        jurisdictions: ['410100'],
      })
    ).id;
    await reportNeed(deps, SYSTEM, incidentId, {
      title: NEED,
      category: 'water_sanitation',
      item: WATER,
      quantity: 300,
      urgency: 'critical',
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
    for (const other of apps) await other.close();
  });

  /** A donor's phone, without an account. */
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

  /** The board's resources tab. */
  async function resourcesTab(page: Page) {
    await page.goto(`${base}/incidents/${incidentId}`);
    await page.getByRole('heading', { level: 1, name: INCIDENT }).waitFor();
    await clickUntil(
      page.getByTestId('tab-resources'),
      () => Promise.resolve(),
      () => page.getByTestId('resources-panel').isVisible(),
    );
  }

  it('follows public water from the pledge through the collection point and an allocation to its delivery', async () => {
    // 1. A donor pledges 20 cases of water on the give page and keeps the code.
    const donor = await phone();
    await donor.goto(`${base}/give/${incidentId}`);
    await donor.getByTestId('needed-now').getByText(WATER_NAME).waitFor();
    await chooseOption(donor, donor.locator('#public-offer_item'), WATER_NAME);
    await donor.getByLabel('数量（箱）').fill('20');
    await expect.poll(() => donor.locator('.public-form .ant-cascader').textContent(), { timeout: 15_000 }).toContain('郑州市');
    await donor.getByLabel('称呼', { exact: true }).fill('王女士');
    await submitOnce(donor.getByTestId('offer-submit'), {
      request: /\/public\/incidents\/[^/]+\/offers$/,
      outcome: () => donor.getByTestId('offer-code').waitFor(),
    });
    const code = ((await donor.getByTestId('offer-code').textContent()) ?? '').trim();
    expect(code).toMatch(/^[A-Z2-9]{8}$/);

    // 2. The coordinator's board: nothing is held yet, so the plan allocates nothing and says why.
    const board = await openSignedIn(browser, base, HENAN_COORDINATOR, { contexts, pageErrors });
    await resourcesTab(board);
    const card = board.getByTestId('allocation-card');
    await card.getByText('还没有调配方案').waitFor();
    await submitOnce(card.getByTestId('propose-plan'), {
      request: /\/allocation-plans$/,
      outcome: () => card.getByTestId('plan-status').waitFor(),
    });
    await card.getByText('无法分配：参与组织的仓库里没有所需物资').waitFor();
    expect(await card.getByTestId('plan-commit').isDisabled()).toBe(true);
    await board.getByTestId('shipments-card').getByText('还没有发运').waitFor();
    // The stock card lists the collection point, empty, and the water needed against none held.
    const stock = board.getByTestId('stock-card');
    await stock
      .getByTestId('board-stock-table')
      .getByRole('row', { name: new RegExp(POINT) })
      .getByText('暂无库存')
      .waitFor();
    expect(await stock.getByTestId('stock-coverage').textContent()).toContain('本地区库存 0 箱');

    // 3. The Red Cross receives the water at its collection point against the donor's code.
    const desk = await openSignedIn(browser, base, RED_CROSS_ADMIN, { contexts, pageErrors });
    await desk.goto(`${base}/warehouses/${pointId}`);
    const form = desk.getByTestId('movement-form');
    await form.waitFor();
    await chooseOption(desk, form.locator('#record-movement_item'), `${WATER_NAME}（箱） ${WATER}`, { search: WATER });
    await form.getByLabel('数量').fill('20');
    await form.getByLabel('捐赠登记号').fill(code.toLowerCase());
    await submitOnce(form.getByTestId('movement-submit'), {
      request: /\/warehouses\/[^/]+\/movements$/,
      outcome: () =>
        desk
          .getByTestId('stock-table')
          .getByRole('row', { name: new RegExp(WATER_NAME) })
          .waitFor(),
    });
    expect(
      await desk
        .getByTestId('stock-table')
        .getByRole('row', { name: new RegExp(WATER_NAME) })
        .textContent(),
    ).toContain('20');

    // 4. The coordinator proposes again: the 20 cases go to the shelter from the collection point.
    await submitOnce(card.getByTestId('propose-plan'), {
      request: /\/allocation-plans$/,
      outcome: () =>
        card
          .getByTestId('allocation-table')
          .getByRole('row', { name: new RegExp(NEED) })
          .waitFor(),
    });
    await expect
      .poll(() =>
        stock
          .getByTestId('board-stock-table')
          .getByRole('row', { name: new RegExp(POINT) })
          .textContent(),
      )
      .toContain('20 箱');
    expect(await stock.getByTestId('stock-coverage').textContent()).toContain('本地区库存 20 箱');
    const line = card.getByTestId('allocation-table').getByRole('row', { name: new RegExp(NEED) });
    const lineText = (await line.textContent()) ?? '';
    expect(lineText).toContain(POINT);
    expect(lineText).toContain(RED_CROSS);
    expect(lineText).toContain(WATER_NAME);
    expect(lineText).toContain('公里');
    expect(await line.getByRole('spinbutton').inputValue()).toBe('20');
    expect(await card.getByTestId('plan-status').textContent()).toBe('待提交');
    // Beside the table, where the goods would go: no map style here, so the drawn map, one line.
    const flowMap = card.getByTestId('allocation-flow-map');
    await flowMap.getByTestId('flow-map').waitFor();
    expect(await flowMap.getByTestId('flow-line').count()).toBe(1);
    expect(await flowMap.getByTestId('flow-map-count').textContent()).toBe('共 1 条流向');

    // More than the point holds: the server refuses the change and the card says what broke.
    await line.getByRole('spinbutton').fill('25');
    await card.getByText('有未保存的修改').waitFor();
    expect(await card.getByTestId('plan-commit').isDisabled()).toBe(true);
    await submitOnce(card.getByTestId('plan-save'), {
      request: /\/allocation-plans\/[^/]+$/,
      outcome: () => card.getByTestId('error-alert').waitFor(),
    });
    const refusal = (await card.getByTestId('error-alert').textContent()) ?? '';
    expect(refusal).toContain('输入有误（字段：调配数量）');
    expect(refusal).toContain('more than its quantity');
    // Another coordinator changes the plan meanwhile: the edits stay, and the card says so.
    const [latest] = await listPlans(t().deps.db, incidentId, 1);
    const planned = await findPlan(t().deps.db, latest?.id ?? '');
    const lineOf = (quantity: number) =>
      (planned?.lines ?? []).map((l) => ({ needId: l.needId, supplyId: l.supplyKey, quantity }));
    await editAllocation(t().deps, SYSTEM, latest?.id ?? '', lineOf(18));
    await card.getByTestId('plan-overtaken').waitFor();
    expect(await line.getByRole('spinbutton').inputValue()).toBe('25');
    await card.getByTestId('plan-reload').click();
    await expect.poll(() => line.getByRole('spinbutton').inputValue()).toBe('18');
    expect(await card.getByTestId('plan-overtaken').count()).toBe(0);
    await editAllocation(t().deps, SYSTEM, latest?.id ?? '', lineOf(20));
    await expect.poll(() => line.getByRole('spinbutton').inputValue()).toBe('20');
    await line.getByRole('spinbutton').fill('25');
    await card.getByRole('button', { name: '撤销修改' }).click();
    await expect.poll(() => line.getByRole('spinbutton').inputValue()).toBe('20');
    await card.getByTestId('error-alert').getByRole('button').click();
    await board.screenshot({ path: join(SHOTS, 'donation-path-plan.png'), fullPage: true });

    // Committed in its dialog: a shipment is dispatched from the collection point.
    await card.getByTestId('plan-commit').click();
    const confirm = board.getByRole('dialog', { name: '提交调配方案' });
    await confirm.getByText('提交后将生成 1 批发运').waitFor();
    await submitOnce(confirm.getByRole('button', { name: '提交方案' }), {
      request: /\/commit$/,
      outcome: () => confirm.waitFor({ state: 'hidden' }),
    });
    await expect.poll(() => card.getByTestId('plan-status').textContent()).toBe('已提交');
    const boardShipment = board.getByTestId('shipments-table').getByRole('row', { name: new RegExp(NEED) });
    await boardShipment.waitFor();
    expect(await boardShipment.getByTestId('shipment-status').textContent()).toBe('待发出');
    const shipmentText = (await boardShipment.textContent()) ?? '';
    expect(shipmentText).toContain(POINT);
    expect(shipmentText).toContain('20 箱');

    // 5. The Red Cross carries it: on its way, then delivered with the 19 cases the shelter counted.
    await resourcesTab(desk);
    expect(await desk.getByTestId('allocation-card').count()).toBe(0);
    const shipment = desk.getByTestId('shipments-table').getByRole('row', { name: new RegExp(NEED) });
    await shipment.waitFor();
    await submitOnce(shipment.getByTestId('shipment-in-transit'), {
      request: /\/shipments\/[^/]+\/transitions$/,
      outcome: () => expect.poll(() => shipment.getByTestId('shipment-status').textContent()).toBe('运送中'),
    });
    expect(await shipment.getByTestId('shipment-in-transit').count()).toBe(0);
    await shipment.getByTestId('shipment-delivered').click();
    const deliver = desk.getByRole('dialog', { name: '确认送达' });
    const received = deliver.getByLabel('实收数量（箱）');
    await expect.poll(() => received.inputValue()).toBe('20');
    await received.fill('19');
    await submitOnce(deliver.getByRole('button', { name: '确认送达' }), {
      request: /\/shipments\/[^/]+\/transitions$/,
      outcome: () => deliver.waitFor({ state: 'hidden' }),
    });
    await expect.poll(() => shipment.getByTestId('shipment-status').textContent()).toBe('已送达');
    expect(await shipment.textContent()).toContain('实收 19 箱');
    // Delivered is final: no step is left to take.
    expect(await shipment.getByRole('button').count()).toBe(0);
    await desk.screenshot({ path: join(SHOTS, 'donation-path-shipments.png'), fullPage: true });

    // The coordinator's board follows without a reload (the live stream, or the poll without one).
    await expect.poll(() => boardShipment.getByTestId('shipment-status').textContent(), { timeout: 40_000 }).toBe('已送达');

    // 6. The donor's page shows the water received at the point and delivered to 金水区.
    await donor.goto(`${base}/donation/${code}`);
    const steps = donor.getByTestId('donation-steps').locator('li');
    await donor.getByTestId('donation-steps').waitFor();
    expect(await donor.getByTestId('donation-what').textContent()).toBe(`${WATER_NAME} · 20 箱`);
    await expect
      .poll(() => steps.evaluateAll((items) => items.map((li) => li.getAttribute('data-stage'))))
      .toEqual(['pledged', 'received', 'delivered']);
    expect(await steps.nth(1).textContent()).toContain(`接收点：${POINT}`);
    const delivered = (await steps.nth(2).textContent()) ?? '';
    expect(delivered).toContain('已送达');
    expect(delivered).toContain('19 箱');
    expect(delivered).toContain('送达地区：金水区');
    await donor.screenshot({ path: join(SHOTS, 'donation-path-donor.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 180_000);

  it('draws the plan’s flows with MapLibre where a map style is configured', async () => {
    const styled = await serveUi(t().deps, { mapStyleUrl: '/map-styles/plain.json' });
    // Closed after the browser's pages: the board's live stream holds a connection open till then.
    apps.push(styled.app);
    const board = await openSignedIn(browser, styled.base, HENAN_COORDINATOR, { contexts, pageErrors });
    await board.goto(`${styled.base}/incidents/${incidentId}?tab=resources`);
    const card = board.getByTestId('allocation-card');
    await expect.poll(() => card.getByTestId('plan-status').textContent(), { timeout: 20_000 }).toBe('已提交');
    const map = card.getByTestId('flow-map-gl');
    await map.locator('.maplibregl-canvas').waitFor({ state: 'visible' });
    expect(await card.getByTestId('flow-map-kind').getAttribute('data-kind')).toBe('tiles');
    // The line is on the canvas, not just counted in the legend.
    await expect.poll(() => map.getAttribute('data-drawn'), { timeout: 20_000 }).toBe('1');
    expect(await card.getByTestId('flow-map').count()).toBe(0);
    await board.screenshot({ path: join(SHOTS, 'donation-path-flow-maplibre.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
