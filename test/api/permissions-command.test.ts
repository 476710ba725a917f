/**
 * The incident-command routes against every role, with the outcomes written out by hand from
 * SPEC §2: an incident is commanded by a coordinator whose area holds every affected area, or
 * an admin; an organization answers its own standby request (its admin, or an agency's staff).
 * The Henan coordinator covers 410000, the incidents lie in Zhengzhou (410100); the
 * organization admin and member belong to the Zhengzhou team, agency staff to the Henan agency.
 * Bodies are checked per role too: liaisons' phones, the roster each one sees.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { activateCentre } from '../../src/services/command/activate-centre';
import { requestStandby } from '../../src/services/command/standby-roster';
import { declareAgreement, declareSeat } from '../../src/services/embedding/declare-embedding';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, SYSTEM } from '../support/fixtures';

type Who = 'anonymous' | ActorName;
const WHO: Who[] = ['anonymous', 'admin', 'coordHenan', 'coordGuangdong', 'agencyStaff', 'orgAdmin', 'orgMember', 'observer'];
type Expect = [number, number, number, number, number, number, number, number];

interface Doors {
  /** One response incident with a running centre and a standby roster, shared by the reads. */
  incident: string;
  /** Per actor: an incident without a centre, one with a running centre, one in preparedness with the spare organization on standby. */
  fresh: Record<Who, string>;
  running: Record<Who, string>;
  preparing: Record<Who, string>;
}

interface Row {
  name: string;
  method: string;
  path: (n: Network & Doors, who: Who) => string;
  body?: (n: Network & Doors, who: Who) => unknown;
  /** Expected status for: anonymous, admin, coordHenan, coordGuangdong, agencyStaff, orgAdmin, orgMember, observer */
  expect: Expect;
}

const ROWS: Row[] = [
  {
    name: 'an incident’s coordination centre',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}/centre`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'organizations eligible to staff the centre',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}/centre/eligible`,
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'activate a coordination centre',
    method: 'POST',
    path: (n, who) => `/api/v1/incidents/${n.fresh[who]}/centre/activate`,
    body: (n) => ({ reason: '启动现场协调', seats: [{ subsystem: 'information', organizationId: n.orgs.zhengzhouTeam }] }),
    expect: [401, 201, 201, 403, 403, 403, 403, 403],
  },
  {
    name: 'staff one more seat',
    method: 'POST',
    path: (n, who) => `/api/v1/incidents/${n.running[who]}/centre/seats`,
    body: (n) => ({ subsystem: 'command', organizationId: n.orgs.guangzhouTeam, liaisonName: '陈', liaisonPhone: '13900139001' }),
    expect: [401, 201, 201, 403, 403, 403, 403, 403],
  },
  {
    name: 'stand the centre down',
    method: 'POST',
    path: (n, who) => `/api/v1/incidents/${n.running[who]}/centre/stand-down`,
    body: () => ({ reason: '灾情缓解' }),
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'an incident’s standby roster',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}/standby`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'ask an organization to stand by',
    method: 'POST',
    path: (n, who) => `/api/v1/incidents/${n.preparing[who]}/standby`,
    body: (n) => ({ organizationId: n.orgs.zhengzhouTeam, note: '冲锋舟待命' }),
    expect: [401, 201, 201, 403, 403, 403, 403, 403],
  },
  {
    name: 'take an organization off the roster',
    method: 'DELETE',
    path: (n, who) => `/api/v1/incidents/${n.preparing[who]}/standby/${n.orgs.zhengzhouSpare}`,
    expect: [401, 204, 204, 403, 403, 403, 403, 403],
  },
  {
    name: 'answer the Zhengzhou team’s standby request',
    method: 'POST',
    path: (n) => `/api/v1/incidents/${n.incident}/standby/${n.orgs.zhengzhouTeam}/answer`,
    body: (_n, who) => ({ answer: 'ready', note: `可出发-${who}` }),
    expect: [401, 200, 403, 403, 403, 200, 403, 403],
  },
  {
    name: 'raise an incident’s level without a reason',
    method: 'PATCH',
    path: (n) => `/api/v1/incidents/${n.incident}`,
    body: () => ({ level: 1 }),
    expect: [401, 400, 400, 403, 403, 403, 403, 403],
  },
  {
    name: 'change an incident’s level, colour and policy with a reason',
    method: 'PATCH',
    path: (n) => `/api/v1/incidents/${n.incident}`,
    body: (_n, who) => ({
      level: who === 'admin' ? 1 : 2,
      warningColor: who === 'admin' ? 'red' : 'orange',
      policy: { checkInIntervalMinutes: who === 'admin' ? 60 : 120 },
      reason: `调整-${who}`,
    }),
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
];

describeEachDatabase('permissions of incident command', (t) => {
  let app: App;
  let n: Network & Doors;

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    const built = await buildNetwork(deps);
    const flood = {
      name: '郑州暴雨',
      category: 'natural_disaster' as const,
      type: '洪涝',
      level: 3 as const,
      jurisdictions: ['410100'],
    };
    // The Zhengzhou team holds an information seat; the Guangzhou team an agreement with the Henan agency.
    await declareSeat(deps, SYSTEM, {
      organizationId: built.orgs.zhengzhouTeam,
      structure: '郑州市防汛抗旱指挥部',
      subsystem: 'information',
      liaisonName: '王联络',
      from: '2025-01-01',
    });
    await declareAgreement(deps, SYSTEM, {
      organizationId: built.orgs.guangzhouTeam,
      counterpartId: built.orgs.henanAgency,
      type: 'emergency_plan',
      validFrom: '2025-01-01',
    });
    const firstSeat = (organizationId: string) => ({
      reason: '启动',
      seats: [{ subsystem: 'information' as const, organizationId, liaisonName: '李信息', liaisonPhone: '13800138000' }],
    });
    const prepared = await declareIncident(deps, SYSTEM, { ...flood, stage: 'preparedness' });
    await requestStandby(deps, SYSTEM, prepared.id, { organizationId: built.orgs.zhengzhouTeam });
    await requestStandby(deps, SYSTEM, prepared.id, { organizationId: built.orgs.guangzhouTeam });
    // The shared incident moves to response after its roster was drawn up.
    await call(app, 'POST', `/api/v1/incidents/${prepared.id}/stage`, {
      token: built.tokens.admin,
      body: { to: 'response', reason: '启动响应' },
    });
    await activateCentre(deps, SYSTEM, prepared.id, firstSeat(built.orgs.zhengzhouTeam));
    const doors: Doors = {
      incident: prepared.id,
      fresh: {} as Record<Who, string>,
      running: {} as Record<Who, string>,
      preparing: {} as Record<Who, string>,
    };
    for (const who of WHO) {
      doors.fresh[who] = (await declareIncident(deps, SYSTEM, { ...flood, name: `新-${who}` })).id;
      doors.running[who] = (await declareIncident(deps, SYSTEM, { ...flood, name: `运行-${who}` })).id;
      await activateCentre(deps, SYSTEM, doors.running[who], firstSeat(built.orgs.zhengzhouTeam));
      doors.preparing[who] = (await declareIncident(deps, SYSTEM, { ...flood, name: `准备-${who}`, stage: 'preparedness' })).id;
      await requestStandby(deps, SYSTEM, doors.preparing[who], { organizationId: built.orgs.zhengzhouSpare });
    }
    n = { ...built, ...doors };
  });

  const as = (who: Who, method: string, path: string, body?: unknown) =>
    call(app, method, path, { token: who === 'anonymous' ? undefined : n.tokens[who], body });

  for (const row of ROWS) {
    it(`${row.method} ${row.name}`, async () => {
      const got: number[] = [];
      for (const who of WHO) {
        const res = await as(who, row.method, row.path(n, who), row.body?.(n, who));
        got.push(res.status);
        if (res.status >= 400) expect(res.headers['content-type'], who).toMatch(/application\/problem\+json/);
      }
      expect(Object.fromEntries(WHO.map((w, i) => [w, got[i]]))).toEqual(
        Object.fromEntries(WHO.map((w, i) => [w, row.expect[i]])),
      );
    });
  }

  it('shows a liaison’s phone to the incident’s coordinators and the staffing organization only', async () => {
    const phones: Record<string, unknown> = {};
    for (const who of WHO.filter((w) => w !== 'anonymous')) {
      const res = await as(who, 'GET', `/api/v1/incidents/${n.incident}/centre`);
      const active = res.json.active as { seats: { liaisonPhone: string | null; subsystem: string }[] };
      phones[who] = active.seats.find((s) => s.subsystem === 'information')?.liaisonPhone;
      expect(res.json.viewerCanCommand, who).toBe(who === 'admin' || who === 'coordHenan');
    }
    expect(phones).toEqual({
      admin: '13800138000',
      coordHenan: '13800138000',
      coordGuangdong: null,
      agencyStaff: null,
      orgAdmin: '13800138000',
      orgMember: '13800138000',
      observer: null,
    });
  });

  it('shows the whole roster to coordinators, admins and observers, and an organization its own request', async () => {
    const seen: Record<string, string[]> = {};
    const answerable: Record<string, boolean[]> = {};
    for (const who of WHO.filter((w) => w !== 'anonymous')) {
      const res = await as(who, 'GET', `/api/v1/incidents/${n.incident}/standby`);
      const items = res.json.items as { organizationId: string; viewerCanAnswer: boolean }[];
      seen[who] = items.map((i) => (i.organizationId === n.orgs.zhengzhouTeam ? 'zhengzhou' : 'guangzhou'));
      answerable[who] = items.map((i) => i.viewerCanAnswer);
      // The roster closed when the incident moved to response.
      expect(res.json.viewerCanManage, who).toBe(false);
    }
    expect(seen).toEqual({
      admin: ['zhengzhou', 'guangzhou'],
      coordHenan: ['zhengzhou', 'guangzhou'],
      coordGuangdong: ['zhengzhou', 'guangzhou'],
      agencyStaff: [],
      orgAdmin: ['zhengzhou'],
      orgMember: ['zhengzhou'],
      observer: ['zhengzhou', 'guangzhou'],
    });
    expect(answerable).toEqual({
      admin: [true, true],
      coordHenan: [false, false],
      coordGuangdong: [false, false],
      agencyStaff: [],
      orgAdmin: [true],
      orgMember: [false],
      observer: [false, false],
    });
  });

  it('lists eligible staff with their basis for those who command', async () => {
    const res = await as('coordHenan', 'GET', `/api/v1/incidents/${n.incident}/centre/eligible`);
    const items = res.json.items as { organizationId: string; bases: { kind: string }[] }[];
    expect(Object.fromEntries(items.map((i) => [i.organizationId, i.bases.map((b) => b.kind)]))).toEqual({
      [n.orgs.zhengzhouTeam]: ['seat'],
      [n.orgs.guangzhouTeam]: ['agreement'],
      [n.orgs.henanAgency]: ['agreement'],
    });
  });

  it('shows every change with its reason in the timeline', async () => {
    const res = await as('observer', 'GET', `/api/v1/incidents/${n.incident}`);
    const timeline = res.json.timeline as { kind: string; to: unknown; reason: string | null }[];
    expect(timeline.map((c) => [c.kind, c.to, c.reason])).toEqual([
      ['stage', 'preparedness', null],
      ['stage', 'response', '启动响应'],
      ['level', 1, '调整-admin'],
      ['warning_color', 'red', '调整-admin'],
      ['policy', { invitationRequired: true, checkInIntervalMinutes: 60 }, '调整-admin'],
      ['level', 2, '调整-coordHenan'],
      ['warning_color', 'orange', '调整-coordHenan'],
      ['policy', { invitationRequired: true, checkInIntervalMinutes: 120 }, '调整-coordHenan'],
    ]);
  });
});
