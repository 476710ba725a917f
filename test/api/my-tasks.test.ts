/** GET /api/v1/me/tasks for every role, with what each sees written out by hand. */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { fileDeployment, moveDeployment } from '../../src/services/deployments/manage-deployments';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { claimNeed, dispatchNeed } from '../../src/services/needs/claims';
import { reportNeed } from '../../src/services/needs/report-need';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, SYSTEM } from '../support/fixtures';

type Who = 'anonymous' | ActorName;
const EXPECTED: Record<Who, { status: number; code?: string }> = {
  anonymous: { status: 401, code: 'not_authenticated' },
  admin: { status: 403, code: 'forbidden' },
  coordHenan: { status: 403, code: 'forbidden' },
  coordGuangdong: { status: 403, code: 'forbidden' },
  agencyStaff: { status: 200 },
  orgAdmin: { status: 200 },
  orgMember: { status: 200 },
  observer: { status: 403, code: 'forbidden' },
};

interface Tasks {
  organizationId: string;
  mayAct: boolean;
  dispatches: { claimId: string; need: { id: string; contactPhone: string | null } }[];
  claims: {
    claimId: string;
    status: string;
    expiresAt: string;
    need: { id: string; contactPhone: string | null; personalDataVisible: boolean };
  }[];
  deployments: { nextCheckInDue: string | null; deployment: { id: string; leaderPhone: string | null; status: string } }[];
  unclaimed: {
    id: string;
    incidentName: string;
    contactPhone: string | null;
    personalDataVisible: boolean;
    locationPrecision: string;
  }[];
}

describeEachDatabase('my tasks', (t) => {
  let app: App;
  let n: Network;
  const ids = {
    dispatched: '',
    claimed: '',
    unclaimed: '',
    elsewhere: '',
    otherCategory: '',
    deployment: '',
    claim: '',
    dispatch: '',
  };

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    n = await buildNetwork(deps);
    const incident = (
      await declareIncident(deps, SYSTEM, {
        name: '我的任务演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
        policy: { invitationRequired: false, checkInIntervalMinutes: 90 },
      })
    ).id;
    // Another incident, where the team has no team: its needs are not the team's to see here.
    const guangzhou = (
      await declareIncident(deps, SYSTEM, {
        name: '广州内涝',
        category: 'natural_disaster',
        type: '洪涝',
        level: 4,
        jurisdictions: ['440100'],
      })
    ).id;
    const need = async (title: string, category: 'search_rescue' | 'food', jurisdiction: string) => {
      const outcome = await reportNeed(deps, SYSTEM, jurisdiction.startsWith('44') ? guangzhou : incident, {
        title,
        category,
        jurisdiction,
        lat: jurisdiction.startsWith('44') ? 23.1 : 34.75,
        lon: jurisdiction.startsWith('44') ? 113.3 : 113.65,
        contactName: '求助人',
        contactPhone: '13912345678',
      });
      if (outcome.replayed) throw new Error('a fresh need was expected');
      return outcome.reported.need.id;
    };
    ids.dispatched = await need('派给我们的需求', 'search_rescue', '410102');
    ids.claimed = await need('我们认领的需求', 'search_rescue', '410102');
    ids.unclaimed = await need('无人认领的需求', 'search_rescue', '410105');
    ids.elsewhere = await need('广州的需求', 'search_rescue', '440103');
    ids.otherCategory = await need('送饭需求', 'food', '410105');
    const team = n.orgs.zhengzhouTeam;
    ids.dispatch = (await dispatchNeed(deps, SYSTEM, ids.dispatched, { organizationId: team })).claim.id;
    ids.claim = (await claimNeed(deps, SYSTEM, ids.claimed, { organizationId: team })).claim.id;
    const d = await fileDeployment(deps, SYSTEM, incident, {
      organizationId: team,
      teamName: '一分队',
      leaderName: '孙队长',
      leaderPhone: '13800001111',
      headcount: 6,
      origin: '410102',
    });
    await moveDeployment(deps, SYSTEM, d.id, { to: 'approved' });
    await moveDeployment(deps, SYSTEM, d.id, { to: 'en_route' });
    ids.deployment = d.id;
  });

  it('answers each role as written: the organization’s people get its tasks, others 403', async () => {
    for (const who of Object.keys(EXPECTED) as Who[]) {
      const answer = await call(app, 'GET', '/api/v1/me/tasks', { token: who === 'anonymous' ? undefined : n.tokens[who] });
      expect({ who, status: answer.status, code: answer.json?.code }).toEqual({ who, ...EXPECTED[who] });
    }
  });

  it('gives the team its dispatch, its claim, its team with the next check-in, and the unclaimed needs it could take', async () => {
    for (const who of ['orgAdmin', 'orgMember'] as const) {
      const tasks = (await call(app, 'GET', '/api/v1/me/tasks', { token: n.tokens[who] })).json as unknown as Tasks;
      expect(tasks.organizationId).toBe(n.orgs.zhengzhouTeam);
      expect(tasks.mayAct).toBe(true);
      expect(tasks.dispatches.map((d) => [d.claimId, d.need.id])).toEqual([[ids.dispatch, ids.dispatched]]);
      expect(tasks.claims).toEqual([
        expect.objectContaining({ claimId: ids.claim, status: 'active', need: expect.objectContaining({ id: ids.claimed }) }),
      ]);
      // Holding a need makes its people the need's stewards: they reach the person asking for help.
      expect(tasks.claims[0].need).toMatchObject({ personalDataVisible: true, contactPhone: '13912345678' });
      expect(tasks.deployments).toEqual([
        expect.objectContaining({
          nextCheckInDue: expect.any(String),
          deployment: expect.objectContaining({ id: ids.deployment, status: 'en_route', leaderPhone: '13800001111' }),
        }),
      ]);
      const unclaimed = tasks.unclaimed.map((u) => u.id);
      expect(unclaimed).toContain(ids.unclaimed);
      // Not outside its areas, not outside its categories, not what is already held.
      for (const other of [ids.elsewhere, ids.otherCategory, ids.claimed, ids.dispatched]) expect(unclaimed).not.toContain(other);
      // A need nobody holds: no personal data, only its grid cell.
      const open = tasks.unclaimed.find((u) => u.id === ids.unclaimed);
      expect(open).toMatchObject({
        incidentName: '我的任务演练',
        personalDataVisible: false,
        contactPhone: null,
        locationPrecision: 'grid',
      });
    }
  });

  it('shows an agency its own (empty) tasks, not the team’s', async () => {
    const tasks = (await call(app, 'GET', '/api/v1/me/tasks', { token: n.tokens.agencyStaff })).json as unknown as Tasks;
    expect(tasks.organizationId).toBe(n.orgs.henanAgency);
    expect(tasks.dispatches).toEqual([]);
    expect(tasks.claims).toEqual([]);
    expect(tasks.deployments).toEqual([]);
    expect(JSON.stringify(tasks)).not.toContain('13800001111');
  });

  it('refuses a query string it does not know', async () => {
    const answer = await call(app, 'GET', '/api/v1/me/tasks?everything=1', { token: n.tokens.orgMember });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ code: 'unknown_field' });
  });
});
