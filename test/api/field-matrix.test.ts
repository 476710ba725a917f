/**
 * The field-level permission matrix: for every route that returns personal or sensitive
 * fields, for each actor, whether each field comes back exact, coarsened to the public grid,
 * hidden (null) or not at all (the request is refused). Written by hand from the README's
 * visibility table, not derived from the policy code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { notifyUsers } from '../../src/services/notifications/notify-users';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildPrivacyNetwork, EVERYONE, PLACES, type PrivacyNetwork, tokenOf, type Who } from '../support/privacy-network';
import { echoedDelivery } from '../support/webhook-receiver';

type Seen = 'exact' | 'grid' | 'hidden' | 401 | 403 | 404;
type Json = Record<string, unknown>;

interface Row {
  name: string;
  path: (n: PrivacyNetwork) => string;
  /** The record inside the answer. */
  pick: (body: Json, n: PrivacyNetwork) => Json | undefined;
  /** Fields and the value a reader who sees them exactly gets; `place` checks lat/lon against PLACES. */
  fields: Record<string, unknown>;
  place?: keyof typeof PLACES;
  /** For: anonymous, admin, coordHenan, coordGuangdong, agencyStaff, orgAdmin, orgMember, observer, coordCounty, otherOrg */
  expect: [Seen, Seen, Seen, Seen, Seen, Seen, Seen, Seen, Seen, Seen];
}

const byId = (id: (n: PrivacyNetwork) => string) => (body: Json, n: PrivacyNetwork) =>
  (body.items as Json[] | undefined)?.find((item) => item.id === id(n));

const HELD_PERSONAL = {
  description: 'CANARY-HELD-DESCRIPTION',
  contactName: 'CANARY-HELD-CONTACT',
  contactPhone: '13911110001',
  address: 'CANARY-HELD-ADDRESS',
};
const COUNTY_PERSONAL = {
  description: 'CANARY-COUNTY-DESCRIPTION',
  contactName: 'CANARY-COUNTY-CONTACT',
  contactPhone: '13911110002',
  address: 'CANARY-COUNTY-ADDRESS',
};

//                 anon   admin    coordHN  coordGD   staff     orgAdmin orgMember observer  county    otherOrg
const HOLDERS: Row['expect'] = [401, 'exact', 'exact', 'hidden', 'hidden', 'exact', 'exact', 'hidden', 'hidden', 'hidden'];
const HOLDERS_AT: Row['expect'] = [401, 'exact', 'exact', 'grid', 'grid', 'exact', 'exact', 'grid', 'grid', 'grid'];
const COUNTY: Row['expect'] = [401, 'exact', 'exact', 'hidden', 'hidden', 'hidden', 'hidden', 'hidden', 'exact', 'hidden'];
const COUNTY_AT: Row['expect'] = [401, 'exact', 'exact', 'grid', 'grid', 'grid', 'grid', 'grid', 'exact', 'grid'];
const PROVINCE: Row['expect'] = [401, 'exact', 'exact', 'hidden', 'hidden', 'hidden', 'hidden', 'hidden', 'hidden', 'hidden'];
const TEAM: Row['expect'] = HOLDERS;

// The incident's coordinators (the county's too, as for team leaders); the offering organization for its own offer.
const INCIDENT: Row['expect'] = [401, 'exact', 'exact', 'hidden', 'hidden', 'hidden', 'hidden', 'hidden', 'exact', 'hidden'];
const INCIDENT_AT: Row['expect'] = [401, 'exact', 'exact', 'grid', 'grid', 'grid', 'grid', 'grid', 'exact', 'grid'];
const INCIDENT_AND_TEAM: Row['expect'] = [
  401,
  'exact',
  'exact',
  'hidden',
  'hidden',
  'exact',
  'exact',
  'hidden',
  'exact',
  'hidden',
];

const ROWS: Row[] = [
  {
    name: 'a public donor’s offer: personal fields',
    path: (n) => `/api/v1/incidents/${n.incident}/offers?limit=200`,
    pick: byId((n) => n.publicOffer),
    fields: { donorName: 'CANARY-DONOR-NAME', donorPhone: '13911110009', note: 'CANARY-DONOR-NOTE' },
    expect: INCIDENT,
  },
  {
    name: 'a public donor’s offer: location',
    path: (n) => `/api/v1/incidents/${n.incident}/offers?limit=200`,
    pick: byId((n) => n.publicOffer),
    fields: {},
    place: 'publicOffer',
    expect: INCIDENT_AT,
  },
  {
    name: 'an organization’s offer: its contact',
    path: (n) => `/api/v1/incidents/${n.incident}/offers?limit=200`,
    pick: byId((n) => n.teamOffer),
    fields: { donorName: 'CANARY-TEAM-DONOR', donorPhone: '13911110010' },
    expect: INCIDENT_AND_TEAM,
  },
  {
    name: 'one public donor’s offer: personal fields',
    path: (n) => `/api/v1/offers/${n.publicOffer}`,
    pick: (body) => body,
    fields: { donorName: 'CANARY-DONOR-NAME', donorPhone: '13911110009', note: 'CANARY-DONOR-NOTE' },
    expect: INCIDENT,
  },
  {
    name: 'one public donor’s offer: location',
    path: (n) => `/api/v1/offers/${n.publicOffer}`,
    pick: (body) => body,
    fields: {},
    place: 'publicOffer',
    expect: INCIDENT_AT,
  },
  {
    name: 'one organization’s offer: its contact',
    path: (n) => `/api/v1/offers/${n.teamOffer}`,
    pick: (body) => body,
    fields: { donorName: 'CANARY-TEAM-DONOR', donorPhone: '13911110010' },
    expect: INCIDENT_AND_TEAM,
  },
  {
    name: 'a held need: personal fields',
    path: (n) => `/api/v1/needs/${n.heldNeed}`,
    pick: (body) => body,
    fields: HELD_PERSONAL,
    expect: HOLDERS,
  },
  {
    name: 'a held need: vulnerable groups',
    path: (n) => `/api/v1/needs/${n.heldNeed}`,
    pick: (body) => body,
    fields: { vulnerableGroups: ['pregnant'] },
    expect: HOLDERS,
  },
  {
    name: 'a held need: location',
    path: (n) => `/api/v1/needs/${n.heldNeed}`,
    pick: (body) => body,
    fields: {},
    place: 'heldNeed',
    expect: HOLDERS_AT,
  },
  {
    name: 'a held need: progress notes in its history',
    path: (n) => `/api/v1/needs/${n.heldNeed}`,
    pick: (body) => (body.history as Json[] | undefined)?.find((h) => h.kind === 'progress'),
    fields: { detail: expect.objectContaining({ note: 'CANARY-HELD-PROGRESS' }) },
    expect: HOLDERS,
  },
  {
    name: 'a county need: personal fields',
    path: (n) => `/api/v1/needs/${n.countyNeed}`,
    pick: (body) => body,
    fields: { ...COUNTY_PERSONAL, vulnerableGroups: ['living_alone'] },
    expect: COUNTY,
  },
  {
    name: 'a county need: location',
    path: (n) => `/api/v1/needs/${n.countyNeed}`,
    pick: (body) => body,
    fields: {},
    place: 'countyNeed',
    expect: COUNTY_AT,
  },
  {
    name: 'a closed need: the closing note',
    path: (n) => `/api/v1/needs/${n.closedNeed}`,
    pick: (body) => body,
    fields: { closeNote: 'CANARY-CLOSED-NOTE', vulnerableGroups: ['disabled'] },
    expect: PROVINCE,
  },
  {
    name: 'the needs list: a held need',
    path: (n) => `/api/v1/incidents/${n.incident}/needs?limit=100`,
    pick: byId((n) => n.heldNeed),
    fields: { ...HELD_PERSONAL, vulnerableGroups: ['pregnant'] },
    expect: HOLDERS,
  },
  {
    name: 'the needs list: a held need’s location',
    path: (n) => `/api/v1/incidents/${n.incident}/needs?limit=100`,
    pick: byId((n) => n.heldNeed),
    fields: {},
    place: 'heldNeed',
    expect: HOLDERS_AT,
  },
  {
    name: 'the needs list: a county need',
    path: (n) => `/api/v1/incidents/${n.incident}/needs?limit=100`,
    pick: byId((n) => n.countyNeed),
    fields: COUNTY_PERSONAL,
    place: 'countyNeed',
    expect: COUNTY,
  },
  {
    name: 'the needs list: a need reported by the public',
    path: (n) => `/api/v1/incidents/${n.incident}/needs?limit=100`,
    pick: byId((n) => n.publicNeed),
    fields: { contactName: 'CANARY-PUBLIC-CONTACT', contactPhone: '13911110004', vulnerableGroups: ['children'] },
    expect: COUNTY,
  },
  {
    name: 'the board’s map: a held need',
    path: (n) => `/api/v1/incidents/${n.incident}/need-map`,
    pick: byId((n) => n.heldNeed),
    fields: { vulnerable: true },
    expect: HOLDERS,
  },
  {
    name: 'the board’s map: a held need’s location',
    path: (n) => `/api/v1/incidents/${n.incident}/need-map`,
    pick: byId((n) => n.heldNeed),
    fields: {},
    place: 'heldNeed',
    expect: HOLDERS_AT,
  },
  {
    name: 'the board’s map: a county need’s location',
    path: (n) => `/api/v1/incidents/${n.incident}/need-map`,
    pick: byId((n) => n.countyNeed),
    fields: { vulnerable: true },
    place: 'countyNeed',
    expect: COUNTY,
  },
  {
    name: 'the public map: every need on the grid',
    path: (n) => `/api/v1/public/incidents/${n.incident}/needs`,
    pick: byId((n) => n.heldNeed),
    fields: {},
    place: 'heldNeed',
    expect: ['grid', 'grid', 'grid', 'grid', 'grid', 'grid', 'grid', 'grid', 'grid', 'grid'],
  },
  {
    name: 'volunteers: name and phone',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouTeam}/volunteers`,
    pick: byId((n) => n.volunteer),
    fields: { name: 'CANARY-VOLUNTEER-NAME', phone: '13911110005' },
    // The team's home is 市辖区 410102: not the county coordinator's 二七区.
    expect: TEAM,
  },
  {
    name: 'seats: the liaison',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouTeam}/embedding`,
    pick: (body, n) => (body.seats as Json[] | undefined)?.find((s) => s.id === n.seat),
    fields: { liaisonName: 'CANARY-SEAT-LIAISON' },
    expect: TEAM,
  },
  {
    name: 'an application: the applicant’s contact',
    path: (n) => `/api/v1/applications/${n.application}`,
    pick: (body) => body,
    fields: { contact: { name: 'CANARY-APPLICANT-NAME', phone: '13911110006', email: 'canary-applicant@example.cn' } },
    expect: [401, 'exact', 'exact', 'hidden', 403, 403, 403, 403, 'hidden', 403],
  },
  {
    name: 'the application queue: the applicant’s contact',
    path: () => '/api/v1/applications?limit=100',
    pick: byId((n) => n.application),
    fields: { contact: { name: 'CANARY-APPLICANT-NAME', phone: '13911110006', email: 'canary-applicant@example.cn' } },
    expect: [401, 'exact', 'exact', 'hidden', 403, 403, 403, 403, 'hidden', 403],
  },
  {
    name: 'a deployment: the team leader',
    path: (n) => `/api/v1/deployments/${n.deployment}`,
    pick: (body) => body,
    fields: { leaderName: 'CANARY-LEADER-NAME', leaderPhone: '13911110007' },
    // Coordinators who decide on the incident's deployments (the county lies inside it) and the team.
    expect: [401, 'exact', 'exact', 'hidden', 'hidden', 'exact', 'exact', 'hidden', 'exact', 'hidden'],
  },
  {
    name: 'an incident’s deployments: the team leader',
    path: (n) => `/api/v1/incidents/${n.incident}/deployments`,
    pick: byId((n) => n.deployment),
    fields: { leaderName: 'CANARY-LEADER-NAME', leaderPhone: '13911110007' },
    expect: [401, 'exact', 'exact', 'hidden', 'hidden', 'exact', 'exact', 'hidden', 'exact', 'hidden'],
  },
  {
    name: 'a coordination centre seat: the liaison',
    path: (n) => `/api/v1/incidents/${n.incident}/centre`,
    pick: (body) => ((body.active as Json | null)?.seats as Json[] | undefined)?.[0],
    fields: { liaisonName: 'CANARY-CENTRE-LIAISON', liaisonPhone: '13911110008' },
    // Like a team leader: the incident's coordinators (the county lies inside it) and the staffing team.
    expect: [401, 'exact', 'exact', 'hidden', 'hidden', 'exact', 'exact', 'hidden', 'exact', 'hidden'],
  },
  {
    name: 'an account: name and e-mail',
    path: (n) => `/api/v1/users/${n.canaryUser}`,
    pick: (body) => body,
    fields: { displayName: 'CANARY-USER-NAME' },
    expect: [401, 'exact', 403, 403, 403, 'exact', 403, 403, 403, 403],
  },
  {
    // The county coordinator's webhook; its receiver echoed the body of a need in 二七区 (echoedDelivery).
    name: 'a webhook’s delivery log: the receiver’s answer',
    path: () => `/api/v1/webhooks/${webhook}/deliveries`,
    pick: (body) => ((body.items as Json[] | undefined)?.[0]?.attemptLog as Json[] | undefined)?.[0],
    fields: { responseExcerpt: expect.stringContaining('CANARY-COUNTY-CONTACT-WEBHOOK') },
    // The webhook's owner and platform admins; to anyone else it does not exist.
    expect: [401, 'exact', 404, 404, 404, 404, 404, 404, 'exact', 404],
  },
  {
    // Each account reads only its own notifications: another's is not in its list (counted as hidden).
    name: "a notification to the team's member: its title",
    path: () => '/api/v1/notifications?limit=100',
    pick: (body) => (body.items as Json[] | undefined)?.find((item) => item.title === 'CANARY-NOTE-MEMBER') ?? { title: null },
    fields: { title: 'CANARY-NOTE-MEMBER' },
    expect: [401, 'hidden', 'hidden', 'hidden', 'hidden', 'hidden', 'exact', 'hidden', 'hidden', 'hidden'],
  },
];

/** The county coordinator's webhook (made in beforeAll). */
let webhook = '';

/** What the reader got of the row's fields and place; a row whose fields and place disagree is 'mixed' (and fails). */
function seenOf(row: Row, status: number, record: Json | undefined): Seen | 'mixed' {
  if (status === 401 || status === 403 || status === 404) return status;
  expect(status, `${row.name}: status`).toBe(200);
  if (!record) throw new Error(`${row.name}: the record is not in the answer`);
  const fields = new Set<'exact' | 'hidden'>();
  for (const [field, value] of Object.entries(row.fields)) {
    expect(field in record, `${row.name}: ${field} is present (null when hidden)`).toBe(true);
    if (record[field] === null) fields.add('hidden');
    else {
      expect(record[field], `${row.name}: ${field}`).toEqual(value);
      fields.add('exact');
    }
  }
  if (fields.size > 1) return 'mixed';
  if (!row.place) return [...fields][0];
  const place = PLACES[row.place];
  const at = { lat: record.lat, lon: record.lon };
  let location: 'exact' | 'grid';
  if (at.lat === place.lat && at.lon === place.lon) location = 'exact';
  else {
    expect(at, `${row.name}: location on the public grid`).toEqual(place.grid);
    location = 'grid';
  }
  // The public map's records are all on the grid and say nothing of it; every other record says how exact it is.
  if (!row.path.toString().includes('/public/'))
    expect(record.locationPrecision, `${row.name}: locationPrecision`).toBe(location);
  if (fields.size === 0) return location;
  const field = [...fields][0];
  return (field === 'exact') === (location === 'exact') ? field : 'mixed';
}

describeEachDatabase('field-level permission matrix', (t) => {
  let app: App;
  let n: PrivacyNetwork;
  beforeAll(async () => {
    app = await testApp(t().deps, { webhooks: { allowPrivate: true } });
    n = await buildPrivacyNetwork(t().deps);
    webhook = await echoedDelivery(app, t().deps, n.tokens.coordCounty, n.incident);
    await notifyUsers(t().deps.db, t().deps, [n.users.orgMember.id], { type: 'need.created', title: 'CANARY-NOTE-MEMBER' });
  });

  for (const row of ROWS) {
    it(row.name, async () => {
      const seen: Record<string, Seen | 'mixed'> = {};
      const wanted: Record<string, Seen> = {};
      for (const [i, who] of EVERYONE.entries()) {
        const answer = await call(app, 'GET', row.path(n), { token: tokenOf(n, who) });
        seen[who] = seenOf(row, answer.status, row.pick(answer.json ?? {}, n));
        wanted[who] = row.expect[i];
      }
      expect(seen).toEqual(wanted);
    });
  }

  describe('personal data marks', () => {
    it('says on each record whether personal data is shown and how exact the place is', async () => {
      const held = (who: Who) => call(app, 'GET', `/api/v1/needs/${n.heldNeed}`, { token: tokenOf(n, who) });
      expect((await held('orgMember')).json).toMatchObject({ personalDataVisible: true, locationPrecision: 'exact' });
      expect((await held('observer')).json).toMatchObject({ personalDataVisible: false, locationPrecision: 'grid' });
      const volunteers = await call(app, 'GET', `/api/v1/organizations/${n.orgs.zhengzhouTeam}/volunteers`, {
        token: tokenOf(n, 'otherOrg'),
      });
      expect(volunteers.json.items?.[0]).toMatchObject({ personalDataVisible: false, name: null, phone: null });
    });

    it('refuses to filter on vulnerable groups for readers from whom they are hidden, and filters for those who see them', async () => {
      const vulnerable = (who: Who, route: string) =>
        call(app, 'GET', `/api/v1/incidents/${n.incident}/${route}?vulnerable=true`, { token: tokenOf(n, who) });
      for (const who of ['observer', 'orgAdmin', 'otherOrg', 'coordGuangdong', 'coordCounty'] as Who[]) {
        for (const route of ['needs', 'need-map']) {
          const answer = await vulnerable(who, route);
          expect({ who, route, status: answer.status, code: answer.json.code, field: answer.json.field }).toEqual({
            who,
            route,
            status: 403,
            code: 'hidden_field',
            field: 'vulnerable',
          });
        }
      }
      const listed = await vulnerable('coordHenan', 'needs');
      expect(listed.status).toBe(200);
      expect(listed.json.items?.map((item) => item.id).sort()).toEqual(
        [n.heldNeed, n.countyNeed, n.closedNeed, n.publicNeed].sort(),
      );
    });
  });
});
