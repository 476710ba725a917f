/**
 * Early warnings over HTTP: every alert route against every role, the outcomes written out by
 * hand — every signed-in account reads alerts; admins and the coordinators whose area holds a
 * warning's areas publish, preview, update and cancel it (Guangdong's coordinator not for
 * Zhengzhou); admins and coordinators (any area) ingest CAP; opening an incident from an alert
 * is for those who may declare an incident over its areas; anyone reads public alerts — and
 * the bodies each role gets.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { publishAlert } from '../../src/services/alerts/publish-alert';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { call, testApp } from '../support/api';
import { chineseCap } from '../support/cap';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, SYSTEM } from '../support/fixtures';

type Who = 'anonymous' | ActorName;
const WHO: Who[] = ['anonymous', 'admin', 'coordHenan', 'coordGuangdong', 'agencyStaff', 'orgAdmin', 'orgMember', 'observer'];
type Expect = [number, number, number, number, number, number, number, number];

interface Doors {
  alert: string;
  incident: string;
}
type N = Network & Doors;

interface Row {
  name: string;
  method: 'GET' | 'POST';
  /** `fresh`: the id of an alert published just before this call (an update ends the earlier one). */
  path: (n: N, fresh: string) => string;
  body?: (n: N) => unknown;
  contentType?: string;
  /** anonymous, admin, coordHenan, coordGuangdong, agencyStaff, orgAdmin, orgMember, observer */
  expect: Expect;
}

const READ: Expect = [401, 200, 200, 200, 200, 200, 200, 200];
const PUBLIC: Expect = [200, 200, 200, 200, 200, 200, 200, 200];
const SETTINGS = { sender: 'corespond', allowedSenders: null };
const inADay = () => new Date(Date.now() + 86_400_000).toISOString();

const warning = () => ({
  event: '暴雨',
  headline: '金水区暴雨橙色预警',
  warningColor: 'orange' as const,
  category: 'Met' as const,
  urgency: 'Expected' as const,
  certainty: 'Likely' as const,
  jurisdictions: ['410105'],
  expires: inADay(),
});

const ROWS: Row[] = [
  {
    name: 'publish a warning for 金水区',
    method: 'POST',
    path: () => '/api/v1/alerts',
    body: warning,
    expect: [401, 201, 201, 403, 403, 403, 403, 403],
  },
  {
    name: 'publish a warning for an incident',
    method: 'POST',
    path: () => '/api/v1/alerts',
    body: (n) => ({ ...warning(), incidentId: n.incident }),
    expect: [401, 201, 201, 403, 403, 403, 403, 403],
  },
  {
    name: 'preview a warning',
    method: 'POST',
    path: () => '/api/v1/alerts/preview',
    body: warning,
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  { name: 'the alerts', method: 'GET', path: () => '/api/v1/alerts', expect: READ },
  { name: 'the unattached alerts', method: 'GET', path: () => '/api/v1/alerts?attached=false', expect: READ },
  { name: 'the alerts as GeoJSON', method: 'GET', path: () => '/api/v1/alerts?format=geojson', expect: READ },
  { name: 'an alert', method: 'GET', path: (n) => `/api/v1/alerts/${n.alert}`, expect: READ },
  {
    name: 'a missing alert',
    method: 'GET',
    path: () => '/api/v1/alerts/no-such-alert',
    expect: [401, 404, 404, 404, 404, 404, 404, 404],
  },
  { name: 'the alerts of an incident', method: 'GET', path: (n) => `/api/v1/incidents/${n.incident}/alerts`, expect: READ },
  {
    name: 'update a warning',
    method: 'POST',
    path: (_n, fresh) => `/api/v1/alerts/${fresh}/update`,
    body: () => ({ reason: '升级', warningColor: 'red' }),
    expect: [401, 201, 201, 403, 403, 403, 403, 403],
  },
  {
    name: 'cancel a warning',
    method: 'POST',
    path: (_n, fresh) => `/api/v1/alerts/${fresh}/cancel`,
    body: () => ({ reason: '解除' }),
    expect: [401, 201, 201, 403, 403, 403, 403, 403],
  },
  {
    name: 'open an incident from a warning',
    method: 'POST',
    path: (_n, fresh) => `/api/v1/alerts/${fresh}/incident`,
    body: () => ({}),
    expect: [401, 201, 201, 403, 403, 403, 403, 403],
  },
  {
    // The same document each time: the first to ingest it gets 201, the others 200 with that record.
    name: 'ingest a CAP alert',
    method: 'POST',
    path: () => '/api/v1/alerts/ingest',
    body: () => chineseCap('PERM-1', ['410105']),
    contentType: 'application/cap+xml',
    expect: [401, 201, 200, 200, 403, 403, 403, 403],
  },
  { name: 'the public alerts', method: 'GET', path: () => '/api/v1/public/alerts', expect: PUBLIC },
  { name: 'the public feed', method: 'GET', path: () => '/api/v1/public/alerts?format=atom', expect: PUBLIC },
  { name: 'a public alert', method: 'GET', path: (n) => `/api/v1/public/alerts/${n.alert}`, expect: PUBLIC },
  { name: 'a public CAP document', method: 'GET', path: (n) => `/api/v1/public/alerts/${n.alert}?format=cap`, expect: PUBLIC },
  {
    name: 'a missing public alert',
    method: 'GET',
    path: () => '/api/v1/public/alerts/nope?format=cap',
    expect: [404, 404, 404, 404, 404, 404, 404, 404],
  },
];

describeEachDatabase('early warnings: permissions per role', (t) => {
  let app: App;
  let n: N;
  const send = (row: Row, who: Who, fresh: string) =>
    call(app, row.method, row.path(n, fresh), {
      token: who === 'anonymous' ? undefined : n.tokens[who],
      body: row.body?.(n),
      headers: { 'accept-language': 'en', ...(row.contentType ? { 'content-type': row.contentType } : {}) },
    });

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    const network = await buildNetwork(deps);
    const incident = (
      await declareIncident(deps, SYSTEM, {
        name: '预警权限演练',
        category: 'natural_disaster',
        type: '暴雨',
        level: 3,
        jurisdictions: ['410100'],
      })
    ).id;
    const alert = (await publishAlert(deps, SETTINGS, SYSTEM, { ...warning(), description: '请注意防范' })).id;
    n = { ...network, alert, incident };
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.name}`, async () => {
      const got: Record<string, number> = {};
      for (const who of WHO) {
        const fresh = (await publishAlert(t().deps, SETTINGS, SYSTEM, warning())).id;
        const res = await send(row, who, fresh);
        got[who] = res.status;
        if (res.status >= 400) expect(res.headers['content-type'], who).toMatch(/application\/problem\+json/);
      }
      expect(got).toEqual(Object.fromEntries(WHO.map((w, i) => [w, row.expect[i]])));
    });
  }

  it('shows every signed-in reader the same alert and tells each whether they may update it', async () => {
    const may: Record<ActorName, boolean> = {
      admin: true,
      coordHenan: true,
      coordGuangdong: false,
      agencyStaff: false,
      orgAdmin: false,
      orgMember: false,
      observer: false,
    };
    for (const who of Object.keys(may) as ActorName[]) {
      const res = await call(app, 'GET', `/api/v1/alerts/${n.alert}`, { token: n.tokens[who] });
      expect(res.json, who).toEqual({
        id: n.alert,
        identifier: expect.stringMatching(/^corespond-\d{8}-1$/),
        sender: 'corespond',
        sent: expect.any(String),
        status: 'Actual',
        msgType: 'Alert',
        scope: 'Public',
        references: null,
        note: null,
        origin: 'published',
        state: 'current',
        current: true,
        event: '暴雨',
        headline: '金水区暴雨橙色预警',
        description: '请注意防范',
        instruction: null,
        warningColor: 'orange',
        category: 'Met',
        urgency: 'Expected',
        severity: 'Severe',
        certainty: 'Likely',
        jurisdictions: ['410105'],
        areaDesc: '金水区',
        polygon: null,
        effective: null,
        expires: expect.any(String),
        createdAt: expect.any(String),
        incidentIds: [],
        viewerCanUpdate: may[who],
      });
      const list = await call(app, 'GET', '/api/v1/alerts', { token: n.tokens[who] });
      expect(list.json.viewerCanPublish, who).toBe(who === 'admin' || who.startsWith('coord'));
    }
  });

  it('gives the anonymous the public fields only: no incidents, no permissions, no document inside the JSON', async () => {
    const res = await call(app, 'GET', `/api/v1/public/alerts/${n.alert}`);
    expect(Object.keys(res.json).sort()).toEqual(
      [
        'id',
        'identifier',
        'sender',
        'sent',
        'status',
        'msgType',
        'scope',
        'references',
        'note',
        'origin',
        'state',
        'current',
        'event',
        'headline',
        'description',
        'instruction',
        'warningColor',
        'category',
        'urgency',
        'severity',
        'certainty',
        'jurisdictions',
        'areaDesc',
        'polygon',
        'effective',
        'expires',
        'createdAt',
      ].sort(),
    );
    const feed = await app.inject({ method: 'GET', url: '/api/v1/public/alerts?format=atom' });
    expect(feed.body).toContain('金水区暴雨橙色预警');
  });
});
