/**
 * In headless Chromium: an organization's admin, on the board's resources tab, receives part of
 * a public donor's money pledge from its row, then records a disbursement: more than the team
 * holds is refused with the server's message, and what it holds goes through.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { balanceOf } from '../../src/db/repositories/ledger';
import { findOffer } from '../../src/db/repositories/offers';
import type { App } from '../../src/http/app-types';
import { MONEY } from '../../src/model/ledger';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { offerPublicly } from '../../src/services/resources/offers';
import { createUser } from '../../src/services/users/manage-users';
import { chromiumPath, launchBrowser, openSignedIn, serveUi, submitOnce } from '../support/browser';
import { describeEachDatabase } from '../support/databases';
import { PASSWORD, SYSTEM } from '../support/fixtures';

const TEAM = '郑州蓝天救援队';
const TEAM_ADMIN = 'money.admin@example.cn';

describeEachDatabase('browser: an organization records money on the board', { skip: !chromiumPath }, (t) => {
  let browser: Browser;
  let app: App;
  let base: string;
  let incidentId = '';
  let teamId = '';
  let offerId = '';
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const { deps } = t();
    const team = await createOrganization(deps, SYSTEM, {
      kind: 'rescue_team',
      name: TEAM,
      jurisdictions: ['410102'],
      capabilities: { cells: [{ strategy: 'resources', phase: 'crisis' }], serviceCategories: ['logistics_transport'] },
    });
    teamId = team.id;
    await createUser(deps, SYSTEM, { email: TEAM_ADMIN, password: PASSWORD, role: 'org_admin', organizationId: team.id });
    incidentId = (
      await declareIncident(deps, SYSTEM, {
        name: '郑州暴雨内涝',
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        jurisdictions: ['410100'],
      })
    ).id;
    offerId = (
      await offerPublicly(deps, incidentId, { kind: 'money', amountFen: 20_000, jurisdiction: '410105', donorName: '王女士' })
    ).id;
    ({ app, base } = await serveUi(deps));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await app?.close();
  });

  it('receives part of a money pledge from its row and disburses only what the team holds', async () => {
    const desk = await openSignedIn(browser, base, TEAM_ADMIN, { contexts, pageErrors });
    await desk.goto(`${base}/incidents/${incidentId}?tab=resources`);
    await desk.getByTestId('resources-panel').waitFor();
    await desk.getByTestId('offer-receive-money').click();
    const receive = desk.getByRole('dialog', { name: /收到认捐款/ });
    await receive.getByText('¥200.00').waitFor();
    await receive.getByLabel('金额').fill('150');
    await submitOnce(receive.getByRole('button', { name: '记录' }), {
      request: /\/money-receipts$/,
      outcome: () => receive.waitFor({ state: 'hidden' }),
    });
    await expect.poll(async () => (await findOffer(t().deps.db, offerId))?.receivedQuantity).toBe(15_000);

    await desk.getByTestId('record-money').click();
    const money = desk.getByRole('dialog', { name: '资金收支' });
    await money.getByText('支出资金').click();
    await money.getByLabel('金额').fill('500');
    await money.getByLabel('用途').fill('采购帐篷');
    await money.getByRole('button', { name: '记录' }).click();
    await money.getByText(/资金不足/).waitFor();
    await money.getByLabel('金额').fill('100');
    await submitOnce(money.getByRole('button', { name: '记录' }), {
      request: /\/disbursements$/,
      outcome: () => money.waitFor({ state: 'hidden' }),
    });
    expect(await balanceOf(t().deps.db, incidentId, { accountKind: 'organization', accountId: teamId }, MONEY)).toBe(5_000);
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
