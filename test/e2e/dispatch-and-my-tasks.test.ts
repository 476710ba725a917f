/**
 * In headless Chromium: a county coordinator opens a need, sees the organizations recommended
 * for it with a bar per factor, dispatches it to the best one with one click; the team's
 * leader, on a phone-sized screen, finds the dispatch on "my tasks" and accepts it, and the
 * need then shows as held with its time left.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findClaim, holdingClaims } from '../../src/db/repositories/claims';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createUser } from '../../src/services/users/manage-users';
import { chooseOption, chromiumPath, launchBrowser, openSignedIn, serveUi, submitOnce } from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const INCIDENT = '新乡卫辉洪涝';
const BEST = '卫辉水上救援队';
const FAR = '洛阳山地救援队';
const NEED = '后河镇 12 名村民被困屋顶';

describeEachDatabase('browser: dispatch from recommendations, accept on my tasks', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let incidentId = '';
  let needId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { deps } = t();
    const rescue = {
      cells: [{ strategy: 'action' as const, phase: 'crisis' as const }],
      serviceCategories: ['search_rescue' as const],
    };
    const best = await createOrganization(deps, SYSTEM, {
      kind: 'rescue_team',
      name: BEST,
      jurisdictions: ['410781'],
      base: { lat: 35.4, lon: 114.06 },
      capabilities: rescue,
    });
    await createOrganization(deps, SYSTEM, {
      kind: 'rescue_team',
      name: FAR,
      jurisdictions: ['410300'],
      base: { lat: 34.62, lon: 112.45 },
      capabilities: rescue,
    });
    await createUser(deps, SYSTEM, {
      email: 'xinxiang.coord@example.cn',
      password: PASSWORD,
      role: 'coordinator',
      jurisdiction: '410700',
      displayName: '新乡协调员',
    });
    await createUser(deps, SYSTEM, {
      email: 'weihui.leader@example.cn',
      password: PASSWORD,
      role: 'org_member',
      organizationId: best.id,
      displayName: '卫辉队长',
    });
    incidentId = (
      await declareIncident(deps, SYSTEM, {
        name: INCIDENT,
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        warningColor: 'orange',
        jurisdictions: ['410700'],
      })
    ).id;
    const reported = await reportNeed(deps, SYSTEM, incidentId, {
      title: NEED,
      category: 'search_rescue',
      quantity: 12,
      unit: '人',
      jurisdiction: '410781',
      lat: 35.41,
      lon: 114.07,
      urgency: 'critical',
      contactPhone: '13700137000',
    });
    if (reported.replayed) throw new Error('a fresh need');
    needId = reported.reported.need.id;
    ({ app, base } = await serveUi(deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  it('dispatches from the recommendations and the team accepts on its phone', async () => {
    const coordinator = await openSignedIn(browser, base, 'xinxiang.coord@example.cn', { contexts });
    await coordinator.goto(`${base}/incidents/${incidentId}?need=${needId}`);
    const drawer = coordinator.getByTestId('need-drawer');
    const recommendations = drawer.getByTestId('need-recommendations');
    const first = recommendations.getByTestId('recommendation').first();
    await first.waitFor();
    // The nearest team with the right function comes first, each factor drawn as a bar.
    expect(await first.getByRole('link').first().textContent()).toBe(BEST);
    for (const factor of ['能力', '距离', '服务区域', '履约记录']) {
      expect(await first.getByRole('progressbar', { name: factor }).count()).toBe(1);
    }
    // No people on its roster: its free capacity is unknown, not zero.
    expect(await first.getByText('未知').count()).toBe(1);
    expect(await recommendations.getByText(FAR).count()).toBe(1);
    // Narrowing to 30 km leaves the far team out.
    await chooseOption(coordinator, recommendations.getByRole('combobox', { name: '距离' }), '30 公里内');
    await expect.poll(() => recommendations.getByText(FAR).count()).toBe(0);
    await coordinator.screenshot({ path: join(SHOTS, 'need-recommendations.png') });
    await submitOnce(recommendations.getByRole('button', { name: `派单给 ${BEST}` }), {
      request: /\/api\/v1\/needs\/[^/]+\/dispatch$/,
      outcome: () => drawer.getByTestId('need-holders').getByText('派单待接受').waitFor(),
    });

    const leader = await openSignedIn(browser, base, 'weihui.leader@example.cn', {
      contexts,
      viewport: { width: 390, height: 844 },
    });
    await leader.goto(`${base}/tasks`);
    const dispatches = leader.getByTestId('tasks-dispatches');
    const dispatch = dispatches.getByTestId('task-dispatch').filter({ hasText: NEED });
    await dispatch.waitFor();
    expect(await dispatch.textContent()).toContain(INCIDENT);
    expect(await dispatch.getByTestId('countdown').textContent()).toMatch(/还剩/);
    // Phone-sized: nothing wider than the screen.
    expect(await leader.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await leader.screenshot({ path: join(SHOTS, 'my-tasks-phone.png'), fullPage: true });
    await submitOnce(dispatch.getByRole('button', { name: '接受' }), {
      request: /\/api\/v1\/claims\/[^/]+\/answer$/,
      outcome: () => leader.getByTestId('tasks-claims').getByTestId('task-claim').filter({ hasText: NEED }).waitFor(),
    });
    const held = leader.getByTestId('tasks-claims').getByTestId('task-claim').filter({ hasText: NEED });
    // Holding it, the team reaches the person asking for help.
    expect(await held.textContent()).toContain('13700137000');
    expect(await dispatches.getByTestId('task-dispatch').count()).toBe(0);

    const [claim] = await holdingClaims(t().deps.db, needId);
    expect((await findClaim(t().deps.db, claim.id))?.status).toBe('active');
    // The coordinator's board follows without a reload.
    await expect.poll(() => drawer.getByTestId('need-holders').textContent(), { timeout: 30_000 }).toContain('认领中');
  }, 120_000);
});
