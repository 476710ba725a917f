/** A suspended organization's claim is refused with 403 `membership_inactive` and its status in the problem answer. */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { reportNeed } from '../../src/services/needs/report-need';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network, SYSTEM } from '../support/fixtures';

describeEachDatabase('membership gates action over HTTP', (t) => {
  let app: App;
  let n: Network;
  let need: string;
  let incident: string;
  beforeAll(async () => {
    app = await testApp(t().deps);
    n = await buildNetwork(t().deps);
    incident = (
      await declareIncident(t().deps, SYSTEM, {
        name: '停权演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
      })
    ).id;
    const outcome = await reportNeed(t().deps, SYSTEM, incident, {
      title: '停权测试',
      category: 'food',
      jurisdiction: '410105',
      lat: 34.8,
      lon: 113.7,
    });
    if (outcome.replayed) throw new Error('a fresh need was expected');
    need = outcome.reported.need.id;
  });

  it('answers 403 membership_inactive naming the status, and lets the organization act again once readmitted', async () => {
    const team = n.orgs.zhengzhouTeam;
    const suspend = await call(app, 'POST', `/api/v1/organizations/${team}/membership/transitions`, {
      token: n.tokens.coordHenan,
      body: { to: 'suspended', reason: '未按要求报备' },
    });
    expect(suspend.status).toBe(200);
    const claim = () =>
      call(app, 'POST', `/api/v1/needs/${need}/claims`, {
        token: n.tokens.orgAdmin,
        body: { organizationId: team, quantity: 1 },
      });
    // The session tells the UI not to offer what the server will refuse.
    const capabilities = async () =>
      (await call(app, 'GET', '/api/v1/auth/session', { token: n.tokens.orgAdmin })).json.capabilities as Record<string, unknown>;
    expect(await capabilities()).toMatchObject({ claimNeeds: false, fileDeployments: false });
    const refused = await claim();
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ code: 'membership_inactive', field: 'organizationId', membershipStatus: 'suspended' });
    const deploy = await call(app, 'POST', `/api/v1/incidents/${incident}/deployments`, {
      token: n.tokens.orgAdmin,
      body: {
        organizationId: team,
        teamName: '一分队',
        leaderName: '郑队长',
        leaderPhone: '13500135000',
        headcount: 3,
        origin: '410102',
      },
    });
    expect(deploy.json).toMatchObject({ code: 'membership_inactive', membershipStatus: 'suspended' });
    const readmit = await call(app, 'POST', `/api/v1/organizations/${team}/membership/transitions`, {
      token: n.tokens.coordHenan,
      body: { to: 'active', reason: '整改完成' },
    });
    expect(readmit.status).toBe(200);
    expect((await claim()).status).toBe(201);
    expect(await capabilities()).toMatchObject({ claimNeeds: true, fileDeployments: true });
  });
});
