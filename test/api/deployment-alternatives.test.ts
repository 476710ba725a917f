/** "Who else could do this" on a deployment: every role's answer written out by hand, and what it ranks. */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { fileDeployment } from '../../src/services/deployments/manage-deployments';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { reportNeed } from '../../src/services/needs/report-need';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, SYSTEM } from '../support/fixtures';

type Who = 'anonymous' | ActorName;
const EXPECTED: Record<Who, { status: number; code?: string }> = {
  anonymous: { status: 401, code: 'not_authenticated' },
  admin: { status: 200 },
  coordHenan: { status: 200 },
  coordGuangdong: { status: 403, code: 'out_of_scope' },
  agencyStaff: { status: 403, code: 'forbidden' },
  orgAdmin: { status: 403, code: 'forbidden' },
  orgMember: { status: 403, code: 'forbidden' },
  observer: { status: 403, code: 'forbidden' },
};

describeEachDatabase('deployment alternatives', (t) => {
  let app: App;
  let n: Network;
  let deployment: string;

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    n = await buildNetwork(deps);
    const incident = (
      await declareIncident(deps, SYSTEM, {
        name: '替代队伍演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
      })
    ).id;
    await reportNeed(deps, SYSTEM, incident, {
      title: '转移群众',
      category: 'search_rescue',
      jurisdiction: '410102',
      lat: 34.75,
      lon: 113.62,
    });
    deployment = (
      await fileDeployment(deps, SYSTEM, incident, {
        organizationId: n.orgs.zhengzhouTeam,
        teamName: '二分队',
        leaderName: '周队长',
        leaderPhone: '13500001111',
        headcount: 8,
        origin: '410102',
      })
    ).id;
  });

  it('answers the incident’s coordinators with other organizations ranked by function, and refuses the others', async () => {
    for (const who of Object.keys(EXPECTED) as Who[]) {
      const answer = await call(app, 'GET', `/api/v1/deployments/${deployment}/alternatives`, {
        token: who === 'anonymous' ? undefined : n.tokens[who],
      });
      expect({ who, status: answer.status, code: answer.json?.code }).toEqual({ who, ...EXPECTED[who] });
      if (answer.status !== 200) continue;
      const ids = (answer.json.items as { organizationId: string; factors: Record<string, number | null> }[]).map(
        (i) => i.organizationId,
      );
      // Not the filing team itself; the other Henan organizations serving the area are there.
      expect(ids).not.toContain(n.orgs.zhengzhouTeam);
      expect(ids).toContain(n.orgs.zhengzhouSpare);
      expect(ids).not.toContain(n.orgs.guangzhouTeam);
    }
  });

  it('takes the recommendation filters and refuses bad ones', async () => {
    const token = n.tokens.coordHenan;
    const kinds = await call(app, 'GET', `/api/v1/deployments/${deployment}/alternatives?kind=government_agency`, { token });
    expect(kinds.status).toBe(200);
    expect((kinds.json.items as { kind: string }[]).every((i) => i.kind === 'government_agency')).toBe(true);
    for (const [query, code] of [
      ['kind=spaceship', 'invalid_input'],
      ['withinKm=-3', 'invalid_input'],
      ['limit=999', 'invalid_input'],
      ['nearby=1', 'unknown_field'],
    ]) {
      const answer = await call(app, 'GET', `/api/v1/deployments/${deployment}/alternatives?${query}`, { token });
      expect({ query, status: answer.status, code: answer.json?.code }).toEqual({ query, status: 400, code });
    }
    const missing = await call(app, 'GET', '/api/v1/deployments/nothing-here/alternatives', { token });
    expect(missing.status).toBe(404);
  });
});
