/**
 * In headless Chromium: a team member's header shows no unread notification; a coordinator
 * dispatches a need to the team and the dispatcher runs; the header's count rises without a
 * reload, the notification centre lists the dispatch, and opening it follows its link to the
 * board and marks it read. The member then subscribes to new shelter needs in an area.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { dispatchNeed } from '../../src/services/needs/claims';
import { reportNeed } from '../../src/services/needs/report-need';
import { dispatchNotifications } from '../../src/services/notifications/dispatch-notifications';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createUser } from '../../src/services/users/manage-users';
import { chromiumPath, launchBrowser, openSignedIn, serveUi, submitOnce } from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

const SHOTS = join(import.meta.dirname, '..', '..', '.tmp');
const INCIDENT = '焦作修武山洪';
const TEAM = '修武应急救援队';

describeEachDatabase('browser: the notification centre', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let incidentId = '';
  let teamId = '';
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { deps } = t();
    teamId = (
      await createOrganization(deps, SYSTEM, {
        kind: 'rescue_team',
        name: TEAM,
        jurisdictions: ['410821'],
        capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['search_rescue'] },
      })
    ).id;
    await createUser(deps, SYSTEM, {
      email: 'xiuwu.member@example.cn',
      password: PASSWORD,
      role: 'org_member',
      organizationId: teamId,
      displayName: '修武队员',
    });
    incidentId = (
      await declareIncident(deps, SYSTEM, {
        name: INCIDENT,
        category: 'natural_disaster',
        type: '山洪',
        level: 3,
        jurisdictions: ['410800'],
      })
    ).id;
    await dispatchNotifications(deps);
    ({ app, base } = await serveUi(deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  it('raises the header count live on a dispatch, lists it, and opening it marks it read', async () => {
    const { deps } = t();
    const pageErrors: string[] = [];
    const page = await openSignedIn(browser, base, 'xiuwu.member@example.cn', { contexts, pageErrors });
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor();
    expect(await bell.getAttribute('aria-label')).toBe('0 条未读通知');

    const reported = await reportNeed(deps, SYSTEM, incidentId, {
      title: '西村 5 名群众被困',
      category: 'search_rescue',
      quantity: 5,
      unit: '人',
      jurisdiction: '410821',
      lat: 35.23,
      lon: 113.4,
      contactPhone: '13700137111',
    });
    if (reported.replayed) throw new Error('a fresh need');
    await dispatchNeed(deps, SYSTEM, reported.reported.need.id, { organizationId: teamId });
    await dispatchNotifications(deps);
    // No reload: the header polls the count.
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 }).toBe('1 条未读通知');
    expect(await bell.getByTestId('unread-count').textContent()).toContain('1');

    await bell.click();
    await page.waitForURL(/\/notifications$/);
    const item = page.getByTestId('notification-item').first();
    await item.waitFor();
    const text = await item.textContent();
    expect(text).toContain(`新派单：搜索救援 · ${TEAM} · 修武县 · ${INCIDENT}`);
    expect(text).toContain('派单');
    expect(text).not.toContain('13700137111');
    await page.screenshot({ path: join(SHOTS, 'notifications.png') });
    await item.getByRole('button', { name: '查看' }).click();
    await page.waitForURL(new RegExp(`/incidents/${incidentId}`));
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 }).toBe('0 条未读通知');

    // Subscribing: new needs of one category, in the app.
    await page.goto(`${base}/notifications/settings`);
    await page.getByTestId('subscribe').waitFor();
    await page.getByRole('checkbox', { name: '电子邮件' }).check();
    await submitOnce(page.getByTestId('subscribe'), {
      request: /\/api\/v1\/subscriptions$/,
      outcome: () => page.getByTestId('subscriptions').getByText('电子邮件').waitFor(),
    });
    const saved = await deps.db.selectFrom('subscriptions').selectAll().execute();
    expect(saved).toHaveLength(1);
    expect(saved[0].channels.split(',').sort()).toEqual(['email', 'in_app']);
    expect(pageErrors).toEqual([]);
  });
});
