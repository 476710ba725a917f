/**
 * Confirming and rejecting a provisional organization's claim over HTTP, for every role, with the
 * outcomes written out by hand: only coordinators of the need's area (and platform admins) decide.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { openSession } from '../../src/services/auth/sessions';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { transitionMembership } from '../../src/services/membership/transition-membership';
import { reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createUser } from '../../src/services/users/manage-users';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, PASSWORD, SYSTEM } from '../support/fixtures';

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

describeEachDatabase('provisional claims over HTTP', (t) => {
  let app: App;
  let n: Network;
  let incident: string;
  let group: string;
  let groupToken: string;
  let serial = 0;

  const need = async () => {
    const outcome = await reportNeed(t().deps, SYSTEM, incident, {
      title: `自发队认领${++serial}`,
      category: 'search_rescue',
      quantity: 2,
      jurisdiction: '410105',
      lat: 34.8,
      lon: 113.7,
    });
    if (outcome.replayed) throw new Error('a fresh need was expected');
    return outcome.reported.need.id;
  };
  const claimByGroup = async (needId: string) => {
    const answer = await call(app, 'POST', `/api/v1/needs/${needId}/claims`, {
      token: groupToken,
      body: { organizationId: group },
    });
    expect(answer.status).toBe(201);
    const claim = answer.json.claim as { id: string; status: string };
    expect(claim.status).toBe('unconfirmed');
    return claim.id;
  };
  const tokenOf = (who: Who) => (who === 'anonymous' ? undefined : n.tokens[who]);

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    n = await buildNetwork(deps);
    incident = (
      await declareIncident(deps, SYSTEM, {
        name: '自发队演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
      })
    ).id;
    group = (
      await createOrganization(deps, SYSTEM, {
        kind: 'grassroots_group',
        name: '金水区自发救援群',
        jurisdictions: ['410105'],
        capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['search_rescue'] },
      })
    ).id;
    await transitionMembership(deps, SYSTEM, group, { to: 'active', tier: 'provisional', reason: '暂时接纳' });
    const leader = await createUser(deps, SYSTEM, {
      email: 'group-leader@example.cn',
      password: PASSWORD,
      role: 'org_admin',
      organizationId: group,
    });
    groupToken = (await openSession(deps, leader, 'token')).secret;
  });

  it('lets only the area coordinators and admins confirm, and the claim becomes active', async () => {
    for (const who of Object.keys(EXPECTED) as Who[]) {
      const needId = await need();
      const claim = await claimByGroup(needId);
      const answer = await call(app, 'POST', `/api/v1/claims/${claim}/confirm`, { token: tokenOf(who) });
      expect({ who, status: answer.status, code: answer.json?.code }).toEqual({
        who,
        ...EXPECTED[who],
        code: EXPECTED[who].code,
      });
      if (answer.status === 200) {
        expect(answer.json.holders).toEqual([
          expect.objectContaining({ claimId: claim, status: 'active', organizationId: group }),
        ]);
      }
    }
  });

  it('lets only the area coordinators and admins reject with a reason, and the need reopens', async () => {
    for (const who of Object.keys(EXPECTED) as Who[]) {
      const needId = await need();
      const claim = await claimByGroup(needId);
      const answer = await call(app, 'POST', `/api/v1/claims/${claim}/reject`, {
        token: tokenOf(who),
        body: { reason: '需核实队伍装备' },
      });
      expect({ who, status: answer.status, code: answer.json?.code }).toEqual({
        who,
        ...EXPECTED[who],
        code: EXPECTED[who].code,
      });
      if (answer.status === 200) {
        expect(answer.json).toMatchObject({ status: 'open', claimedQuantity: 0, holders: [] });
      }
    }
  });

  it('the group itself sees its claim unconfirmed and cannot report progress before confirmation', async () => {
    const needId = await need();
    const claim = await claimByGroup(needId);
    const seen = await call(app, 'GET', `/api/v1/needs/${needId}`, { token: groupToken });
    expect(seen.json.holders).toEqual([expect.objectContaining({ claimId: claim, status: 'unconfirmed' })]);
    const progress = await call(app, 'POST', `/api/v1/claims/${claim}/progress`, { token: groupToken, body: { note: '出发' } });
    expect(progress.status).toBe(409);
    expect(progress.json).toMatchObject({ code: 'invalid_transition' });
  });

  it('answers bad input with a 4xx naming the problem', async () => {
    const needId = await need();
    const claim = await claimByGroup(needId);
    const coord = n.tokens.coordHenan;
    const cases: [string, unknown, number, string][] = [
      [`/api/v1/claims/${claim}/reject`, {}, 400, 'invalid_input'],
      [`/api/v1/claims/${claim}/reject`, { reason: '' }, 400, 'invalid_input'],
      [`/api/v1/claims/${claim}/reject`, { reason: '   ' }, 400, 'invalid_input'],
      [`/api/v1/claims/${claim}/reject`, { reason: 'x'.repeat(1001) }, 400, 'invalid_input'],
      [`/api/v1/claims/${claim}/reject`, { reason: '理由', extra: 1 }, 400, 'unknown_field'],
      ['/api/v1/claims/not-a-claim/confirm', undefined, 404, 'not_found'],
      [`/api/v1/claims/${'0'.repeat(26)}/confirm`, undefined, 404, 'not_found'],
    ];
    for (const [url, body, status, code] of cases) {
      const answer = await call(app, 'POST', url, { token: coord, body });
      expect({ url, body, status: answer.status, code: answer.json?.code }).toEqual({ url, body, status, code });
      if (status === 400) expect(answer.json.detail ?? answer.json.field).toBeTruthy();
    }
    // Confirming an already confirmed claim, or a standard organization's active claim, is a conflict.
    expect((await call(app, 'POST', `/api/v1/claims/${claim}/confirm`, { token: coord })).status).toBe(200);
    const again = await call(app, 'POST', `/api/v1/claims/${claim}/confirm`, { token: coord });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: 'invalid_transition', detail: 'the claim is active, not awaiting confirmation' });
  });
});
