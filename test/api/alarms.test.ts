/** Alarm routes for every role, outcomes written out by hand, and bad input answered with a 4xx. */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { sweepAlarms } from '../../src/services/alarms/sweep-alarms';
import { fileDeployment, moveDeployment } from '../../src/services/deployments/manage-deployments';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, SYSTEM } from '../support/fixtures';

type Who = 'anonymous' | ActorName;
const WHO: Who[] = ['anonymous', 'admin', 'coordHenan', 'coordGuangdong', 'agencyStaff', 'orgAdmin', 'orgMember', 'observer'];

/** What each role gets from the alarm log: all alarms, its own organization's, or a refusal. */
const LIST: Record<Who, { status: number; code?: string; sees?: 'all' | 'own' }> = {
  anonymous: { status: 401, code: 'not_authenticated' },
  admin: { status: 200, sees: 'all' },
  coordHenan: { status: 200, sees: 'all' },
  coordGuangdong: { status: 403, code: 'out_of_scope' },
  agencyStaff: { status: 200, sees: 'own' },
  orgAdmin: { status: 200, sees: 'own' },
  orgMember: { status: 200, sees: 'own' },
  observer: { status: 403, code: 'forbidden' },
};
const ACKNOWLEDGE: Record<Who, { status: number; code?: string }> = {
  anonymous: { status: 401, code: 'not_authenticated' },
  admin: { status: 200 },
  coordHenan: { status: 200 },
  coordGuangdong: { status: 403, code: 'out_of_scope' },
  agencyStaff: { status: 403, code: 'forbidden' },
  orgAdmin: { status: 403, code: 'forbidden' },
  orgMember: { status: 403, code: 'forbidden' },
  observer: { status: 403, code: 'forbidden' },
};

describeEachDatabase('alarm routes', (t) => {
  let app: App;
  let n: Network;
  let incident: string;
  let serial = 0;
  const tokenOf = (who: Who) => (who === 'anonymous' ? undefined : n.tokens[who]);
  const lapse = async (organizationId: string) => {
    const { deps } = t();
    const d = await fileDeployment(deps, SYSTEM, incident, {
      organizationId,
      teamName: `失联分队${++serial}`,
      leaderName: '钱队长',
      leaderPhone: '13600000000',
      headcount: 3,
      origin: '410102',
    });
    await moveDeployment(deps, SYSTEM, d.id, { to: 'approved' });
    await moveDeployment(deps, SYSTEM, d.id, { to: 'en_route' });
    return d.id;
  };

  beforeAll(async () => {
    const { deps, clock } = t();
    app = await testApp(deps);
    n = await buildNetwork(deps);
    incident = (
      await declareIncident(deps, SYSTEM, {
        name: '告警权限演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
        policy: { invitationRequired: false, checkInIntervalMinutes: 30 },
      })
    ).id;
    for (let i = 0; i < WHO.length; i++) await lapse(n.orgs.zhengzhouTeam);
    await lapse(n.orgs.zhengzhouSpare);
    clock.advance(31 * 60_000);
    await sweepAlarms(deps, { staleNeedHours: 12 });
  });

  it('lists alarms by role: coordinators of the area all, field organizations their own teams, others refused', async () => {
    for (const who of WHO) {
      const answer = await call(app, 'GET', `/api/v1/incidents/${incident}/alarm-log`, { token: tokenOf(who) });
      const expected = LIST[who];
      expect({ who, status: answer.status, code: answer.json?.code }).toEqual({
        who,
        status: expected.status,
        code: expected.code,
      });
      if (answer.status !== 200) continue;
      const items = answer.json.items as { organizationId: string | null; kind: string; subjectLabel: string }[];
      const own = who === 'agencyStaff' ? n.orgs.henanAgency : n.orgs.zhengzhouTeam;
      if (expected.sees === 'all') {
        expect(items.length).toBe(WHO.length + 1);
        expect(new Set(items.map((i) => i.organizationId))).toEqual(new Set([n.orgs.zhengzhouTeam, n.orgs.zhengzhouSpare]));
      } else {
        expect(items.every((i) => i.organizationId === own)).toBe(true);
        expect(items.length).toBe(who === 'agencyStaff' ? 0 : WHO.length);
      }
      for (const item of items) {
        expect(item.kind).toBe('missed_check_in');
        expect(item.subjectLabel).toMatch(/^失联分队/);
        // No personal data rides along: not the leader's name or phone.
        expect(JSON.stringify(item)).not.toMatch(/钱队长|13600000000/);
      }
    }
  });

  it('lets only coordinators of the area and admins acknowledge, once', async () => {
    const all = (await call(app, 'GET', `/api/v1/incidents/${incident}/alarm-log`, { token: n.tokens.admin })).json.items as {
      id: string;
    }[];
    expect(all.length).toBeGreaterThanOrEqual(WHO.length);
    for (const [i, who] of WHO.entries()) {
      const answer = await call(app, 'POST', `/api/v1/alarms/${all[i].id}/acknowledge`, { token: tokenOf(who) });
      expect({ who, status: answer.status, code: answer.json?.code }).toEqual({
        who,
        status: ACKNOWLEDGE[who].status,
        code: ACKNOWLEDGE[who].code,
      });
      if (answer.status === 200) {
        expect(answer.json).toMatchObject({
          id: all[i].id,
          acknowledgedBy: expect.any(String),
          acknowledgedAt: expect.any(String),
        });
        const again = await call(app, 'POST', `/api/v1/alarms/${all[i].id}/acknowledge`, { token: tokenOf(who) });
        expect(again.status).toBe(409);
        expect(again.json.code).toBe('invalid_transition');
      }
    }
  });

  it('answers bad input with a 4xx naming the problem', async () => {
    const token = n.tokens.coordHenan;
    const cases: [string, string, number, string][] = [
      ['GET', `/api/v1/incidents/${incident}/alarm-log?limit=0`, 400, 'invalid_input'],
      ['GET', `/api/v1/incidents/${incident}/alarm-log?limit=abc`, 400, 'invalid_input'],
      ['GET', `/api/v1/incidents/${incident}/alarm-log?all=perhaps`, 400, 'invalid_input'],
      ['GET', `/api/v1/incidents/${incident}/alarm-log?colour=red`, 400, 'unknown_field'],
      ['GET', '/api/v1/incidents/no-such-incident/alarm-log', 404, 'not_found'],
      ['POST', '/api/v1/alarms/no-such-alarm/acknowledge', 404, 'not_found'],
    ];
    for (const [method, url, status, code] of cases) {
      const answer = await call(app, method, url, { token });
      expect({ url, status: answer.status, code: answer.json?.code }).toEqual({ url, status, code });
    }
    const resolved = await call(app, 'GET', `/api/v1/incidents/${incident}/alarm-log?all=true&limit=2`, { token });
    expect(resolved.status).toBe(200);
    expect(resolved.json.items).toHaveLength(2);
  });
});
