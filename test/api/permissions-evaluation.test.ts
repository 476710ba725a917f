/**
 * The routes of performance records, incident evaluation, and editing programs and lessons,
 * against every role, the outcomes written out by hand from SPEC §2 and the README: records
 * and evaluations are internal (every signed-in role reads them, the public does not);
 * a program is edited by its lead organization's admin or a coordinator of all its areas; a
 * lesson by its author, and an after-action review by the incident's coordinators.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { recordLesson } from '../../src/services/knowledge/lessons';
import { createProgram } from '../../src/services/programs/manage-programs';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, SYSTEM } from '../support/fixtures';

type Who = 'anonymous' | ActorName;
const WHO: Who[] = ['anonymous', 'admin', 'coordHenan', 'coordGuangdong', 'agencyStaff', 'orgAdmin', 'orgMember', 'observer'];

interface Doors {
  incident: string;
  program: string;
  /** A lesson the organization's member wrote. */
  lesson: string;
  review: string;
}

interface Row {
  name: string;
  method: string;
  path: (n: Network & Doors, who: Who) => string;
  body?: (n: Network & Doors, who: Who) => unknown;
  /** Expected status for: anonymous, admin, coordHenan, coordGuangdong, agencyStaff, orgAdmin, orgMember, observer */
  expect: [number, number, number, number, number, number, number, number];
}

const ROWS: Row[] = [
  {
    name: 'an incident’s evaluation',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}/evaluation`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'an incident’s evaluation as a page',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}/evaluation?format=html&lang=zh-Hant`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'the evaluation of no incident',
    method: 'GET',
    path: () => '/api/v1/incidents/none/evaluation',
    expect: [401, 404, 404, 404, 404, 404, 404, 404],
  },
  {
    name: 'an organization’s record',
    method: 'GET',
    path: (n) => `/api/v1/organizations/${n.orgs.guangzhouTeam}/record`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'the record of no organization',
    method: 'GET',
    path: () => '/api/v1/organizations/none/record',
    expect: [401, 404, 404, 404, 404, 404, 404, 404],
  },
  {
    name: 'edit a program (its lead’s admin, coordinators of all its areas)',
    method: 'PATCH',
    path: (n) => `/api/v1/programs/${n.program}`,
    body: (_, who) => ({ peopleReached: 10 + WHO.indexOf(who) }),
    expect: [401, 200, 200, 403, 403, 200, 403, 403],
  },
  {
    name: 'a program’s history',
    method: 'GET',
    path: (n) => `/api/v1/programs/${n.program}/revisions`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'edit a lesson (its author)',
    method: 'PATCH',
    path: (n) => `/api/v1/lessons/${n.lesson}`,
    body: (_, who) => ({ tags: [`修订-${who}`] }),
    expect: [401, 200, 403, 403, 403, 403, 200, 403],
  },
  {
    name: 'edit an after-action review (the incident’s coordinators)',
    method: 'PATCH',
    path: (n) => `/api/v1/lessons/${n.review}`,
    body: (_, who) => ({ body: `复盘修订 ${who}` }),
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'a lesson’s history',
    method: 'GET',
    path: (n) => `/api/v1/lessons/${n.lesson}/revisions`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'edit no program',
    method: 'PATCH',
    path: () => '/api/v1/programs/none',
    body: () => ({ title: '无' }),
    expect: [401, 404, 404, 404, 404, 404, 404, 404],
  },
];

describeEachDatabase('permissions of records, evaluations and knowledge edits', (t) => {
  let app: App;
  let network: Network & Doors;
  beforeAll(async () => {
    app = await testApp(t().deps);
    const built = await buildNetwork(t().deps);
    const coordinator = {
      kind: 'user',
      userId: built.users.coordHenan.id,
      role: 'coordinator',
      organizationId: null,
      jurisdiction: '410000',
    } as const;
    const incident = await declareIncident(t().deps, coordinator, {
      name: '郑州暴雨',
      category: 'natural_disaster',
      type: '洪涝',
      level: 1,
      jurisdictions: ['410100'],
    });
    const program = await createProgram(t().deps, SYSTEM, {
      title: '社区防汛演练',
      kind: 'drill',
      cell: { strategy: 'action', phase: 'risk' },
      stage: 'preparedness',
      leadOrganizationId: built.orgs.zhengzhouTeam,
      jurisdictions: ['410102'],
      startsOn: '2026-05-01',
      cooperationType: 'services',
    });
    const review = await recordLesson(t().deps, coordinator, {
      kind: 'after_action_review',
      title: '暴雨复盘',
      body: '报到纪律需要加强',
      jurisdiction: '410100',
      incidentId: incident.id,
      performance: [{ organizationId: built.orgs.zhengzhouTeam, note: '出动迅速', rating: 4 }],
    });
    const member = {
      kind: 'user',
      userId: built.users.orgMember.id,
      role: 'org_member',
      organizationId: built.orgs.zhengzhouTeam,
      jurisdiction: null,
    } as const;
    const lesson = await recordLesson(t().deps, member, {
      kind: 'lesson',
      title: '沙袋要提前备好',
      body: '汛前一周把沙袋运到低洼社区',
      jurisdiction: '410102',
    });
    network = { ...built, incident: incident.id, program: program.id, lesson: lesson.id, review: review.id };
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.name}`, async () => {
      const got: number[] = [];
      for (const who of WHO) {
        const token = who === 'anonymous' ? undefined : network.tokens[who];
        const res = await call(app, row.method, row.path(network, who), { token, body: row.body?.(network, who) });
        got.push(res.status);
        if (res.status >= 400) expect(res.headers['content-type'], `${who}`).toMatch(/application\/problem\+json/);
      }
      expect(Object.fromEntries(WHO.map((w, i) => [w, got[i]]))).toEqual(
        Object.fromEntries(WHO.map((w, i) => [w, row.expect[i]])),
      );
    });
  }

  it('shows every signed-in role the same record and evaluation, with no personal data', async () => {
    const bodies = new Set<string>();
    for (const who of WHO.filter((w): w is ActorName => w !== 'anonymous')) {
      const record = await call(app, 'GET', `/api/v1/organizations/${network.orgs.zhengzhouTeam}/record`, {
        token: network.tokens[who],
      });
      expect(record.json).toMatchObject({ ratings: { count: 1, mean: 4 } });
      const evaluation = await call(app, 'GET', `/api/v1/incidents/${network.incident}/evaluation`, {
        token: network.tokens[who],
      });
      const { generatedAt: _, ...rest } = evaluation.json;
      bodies.add(JSON.stringify([record.json, rest]));
      expect(JSON.stringify(evaluation.json)).not.toMatch(/leader|phone|contact|personalDataVisible/i);
    }
    expect(bodies.size).toBe(1);
  });
});
