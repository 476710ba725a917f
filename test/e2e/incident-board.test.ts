/**
 * In headless Chromium, on the board of a flood in Zhengzhou: a rescue team's admin files a
 * deployment (报备) and the Henan coordinator approves it; then a second organization's admin
 * tries to claim a need the first has just claimed and is told who holds it (409).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { deploymentsOf } from '../../src/db/repositories/deployments';
import { findNeed } from '../../src/db/repositories/needs';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { getNeed } from '../../src/services/needs/read-needs';
import { reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createUser } from '../../src/services/users/manage-users';
import { chromiumPath, launchBrowser, openSignedIn, serveUi, submitOnce } from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const INCIDENT = '郑州暴雨内涝';
const TEAM_A = '郑州蓝天救援队';
const TEAM_B = '郑州社区志愿服务中心';
const SQUAD = '蓝天第一突击队';
const NEED = '建设路小区 20 位老人需转移';

describeEachDatabase('browser: the incident board', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let incidentId = '';
  let needId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const db = t();
    const capabilities = { cells: [{ strategy: 'action' as const, phase: 'crisis' as const }], serviceCategories: [] };
    const teamA = await createOrganization(db.deps, SYSTEM, {
      kind: 'rescue_team',
      name: TEAM_A,
      jurisdictions: ['410102'],
      capabilities: { ...capabilities, serviceCategories: ['search_rescue'] },
    });
    const teamB = await createOrganization(db.deps, SYSTEM, {
      kind: 'social_organization',
      name: TEAM_B,
      jurisdictions: ['410100'],
      capabilities: { ...capabilities, serviceCategories: ['shelter'] },
    });
    await createUser(db.deps, SYSTEM, {
      email: 'coord@example.cn',
      password: PASSWORD,
      role: 'coordinator',
      jurisdiction: '410000',
      displayName: '河南协调员',
    });
    await createUser(db.deps, SYSTEM, {
      email: 'a.admin@example.cn',
      password: PASSWORD,
      role: 'org_admin',
      organizationId: teamA.id,
      displayName: '蓝天队长',
    });
    await createUser(db.deps, SYSTEM, {
      email: 'b.admin@example.cn',
      password: PASSWORD,
      role: 'org_admin',
      organizationId: teamB.id,
      displayName: '社区中心主任',
    });
    const incident = await declareIncident(db.deps, SYSTEM, {
      name: INCIDENT,
      category: 'natural_disaster',
      type: '洪涝',
      level: 2,
      warningColor: 'red',
      jurisdictions: ['410100'],
    });
    incidentId = incident.id;
    const reported = await reportNeed(db.deps, SYSTEM, incidentId, {
      title: NEED,
      category: 'search_rescue',
      quantity: 20,
      unit: '人',
      jurisdiction: '410102',
      lat: 34.7472,
      lon: 113.6253,
      urgency: 'critical',
      vulnerableGroups: ['elderly'],
      contactPhone: '13800138000',
    });
    if (reported.replayed) throw new Error('a fresh need');
    needId = reported.reported.need.id;
    ({ app, base } = await serveUi(db.deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  const signIn = (email: string) => openSignedIn(browser, base, email, { contexts });

  /** From the navigation to the incident's board. */
  async function openBoard(page: Page) {
    await page.getByRole('menuitem', { name: '应急事件' }).click();
    await page.waitForURL(/\/incidents$/);
    await page.getByRole('link', { name: INCIDENT }).click();
    await page.waitForURL(new RegExp(`/incidents/${incidentId}`));
    await page.getByRole('heading', { level: 1, name: INCIDENT }).waitFor();
  }

  const deploymentRow = (page: Page) => page.getByTestId('deployments-table').getByRole('row', { name: new RegExp(SQUAD) });

  it('lets an organization admin file a deployment and the coordinator approve it', async () => {
    const page = await signIn('a.admin@example.cn');
    await openBoard(page);
    expect(await page.getByTestId('incident-level').first().textContent()).toBe('Ⅱ级');
    expect(await page.getByTestId('incident-warning').first().textContent()).toContain('红色预警');
    expect(await page.getByTestId('incident-stage').first().textContent()).toBe('响应');

    await page.getByRole('tab', { name: /队伍报备/ }).click();
    await page.getByTestId('file-deployment').click();
    const dialog = page.getByRole('dialog', { name: /报备队伍/ });
    await dialog.getByLabel('队伍名称').fill(SQUAD);
    await dialog.getByLabel('人数').fill('12');
    await dialog.getByLabel('带队人姓名').fill('李振华');
    await dialog.getByLabel('带队人电话').fill('13912345678');
    await dialog.getByLabel('车辆数').fill('3');
    // The origin comes preset with the organization's home (中原区).
    await expect.poll(() => dialog.locator('.ant-cascader').textContent()).toContain('中原区');
    await page.screenshot({ path: join(SHOTS, 'board-file-deployment.png') });
    await dialog.getByRole('button', { name: '提交报备' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = deploymentRow(page);
    await row.waitFor();
    expect(await row.getByTestId('deployment-status').textContent()).toBe('已报备');
    // The team may not approve itself.
    expect(await row.getByRole('button', { name: '批准', exact: true }).count()).toBe(0);

    const coordinator = await signIn('coord@example.cn');
    await openBoard(coordinator);
    await coordinator.getByRole('tab', { name: /队伍报备/ }).click();
    const pending = deploymentRow(coordinator);
    await pending.waitFor();
    expect(await pending.textContent()).toContain('李振华');
    await pending.getByRole('button', { name: '批准', exact: true }).click();
    await expect.poll(() => pending.getByTestId('deployment-status').textContent()).toBe('已批准');
    await coordinator.screenshot({ path: join(SHOTS, 'board-deployments.png'), fullPage: true });

    const [filed] = await deploymentsOf(t().deps.db, incidentId);
    expect(filed).toMatchObject({ teamName: SQUAD, headcount: 12, vehicles: 3, origin: '410102', status: 'approved' });

    // The team sees the decision too, without reloading (live stream or polling).
    await expect
      .poll(() => deploymentRow(page).getByTestId('deployment-status').textContent(), { timeout: 30_000 })
      .toBe('已批准');
  }, 90_000);

  it('tells a second organization who holds a need it tries to claim', async () => {
    const page = await signIn('b.admin@example.cn');
    await openBoard(page);
    const link = page.getByTestId('needs-table').getByRole('link', { name: NEED });
    await link.click();
    const drawer = page.getByTestId('need-drawer');
    // Not its need: no contact, and the place only as its cell on the public grid.
    await drawer.getByText('仅需求所在辖区的协调员和认领组织可见').first().waitFor();
    await drawer.getByTestId('need-grid-place').waitFor();
    await drawer.getByTestId('need-claim').click();
    const dialog = page.getByRole('dialog', { name: /认领：/ });
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toContain(TEAM_B);

    // Meanwhile the rescue team claims all of it from its own board.
    const a = await signIn('a.admin@example.cn');
    await openBoard(a);
    await a.getByRole('tab', { name: '需求' }).click();
    await a.getByTestId('needs-table').getByRole('link', { name: NEED }).click();
    await a.getByTestId('need-drawer').getByTestId('need-claim').click();
    const claim = a.getByRole('dialog', { name: /认领：/ });
    await expect.poll(() => claim.textContent()).toContain(TEAM_A);
    // One click, one claim: a click that submitted twice would fail here.
    await submitOnce(claim.getByRole('button', { name: '确认认领' }), {
      request: /\/api\/v1\/needs\/[^/]+\/claims$/,
      outcome: () => claim.waitFor({ state: 'hidden' }),
    });
    await a.getByTestId('need-drawer').getByTestId('need-holders').getByText(TEAM_A).waitFor();
    // The holder now sees the contact details.
    await a.getByTestId('need-drawer').getByText('13800138000').waitFor();
    await a.screenshot({ path: join(SHOTS, 'board-need-claimed.png') });

    const conflict = dialog.getByTestId('claim-conflict');
    await submitOnce(dialog.getByRole('button', { name: '确认认领' }), {
      request: /\/api\/v1\/needs\/[^/]+\/claims$/,
      outcome: () => conflict.waitFor(),
    });
    expect(await conflict.textContent()).toContain(`已被 ${TEAM_A} 认领 20 份，剩余 0`);
    await page.screenshot({ path: join(SHOTS, 'board-claim-conflict.png') });

    const need = await findNeed(t().deps.db, needId);
    expect(need).toMatchObject({ status: 'claimed', claimedQuantity: 20 });
    // Exactly one claim was ever made, and it holds the whole need.
    const seen = await getNeed(t().deps, SYSTEM, needId);
    expect(seen.history.filter((h) => h.kind === 'claimed')).toHaveLength(1);
    expect(seen.holders).toEqual([expect.objectContaining({ organizationName: TEAM_A, quantity: 20 })]);
  }, 90_000);
});
