/**
 * Statements, rumours and bulletins over HTTP: every new route against every role, with the
 * outcomes written out by hand (agency staff issue for their agency, coordinators for an agency
 * of their area, admins speak for no agency; a bulletin's audience decides who reads it), the
 * bodies each role gets, and bad input that names the field at fault.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { createBulletin, publishBulletin } from '../../src/services/bulletins/bulletins';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { recordRumour } from '../../src/services/statements/rumours';
import { issueStatement } from '../../src/services/statements/statements';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, SYSTEM } from '../support/fixtures';

type Who = 'anonymous' | ActorName;
const WHO: Who[] = ['anonymous', 'admin', 'coordHenan', 'coordGuangdong', 'agencyStaff', 'orgAdmin', 'orgMember', 'observer'];
type Eight = [number, number, number, number, number, number, number, number];

interface Fixture extends Network {
  incident: string;
  statement: string;
  answered: string;
  unanswered: string;
  networkBulletin: string;
  coordinatorsBulletin: string;
  publicBulletin: string;
  teamDraft: string;
}

interface Row {
  name: string;
  method: 'GET' | 'POST';
  /** Path and body; called once per role, so a row that creates makes what it needs first. */
  request: (n: Fixture) => Promise<{ path: string; body?: unknown }> | { path: string; body?: unknown };
  /** Expected status for: anonymous, admin, coordHenan, coordGuangdong, agencyStaff, orgAdmin, orgMember, observer */
  expect: Eight;
}

describeEachDatabase('information permissions over HTTP', (t) => {
  let app: App;
  let n: Fixture;
  const as = (who: Who) => (who === 'anonymous' ? undefined : n.tokens[who as ActorName]);

  const teamBulletin = async (audience: 'public' | 'network' | 'coordinators', publish: boolean, title = '救援队通报') => {
    const b = await createBulletin(t().deps, SYSTEM, {
      incidentId: n.incident,
      title,
      body: '正文',
      authorOrganizationId: n.orgs.zhengzhouTeam,
      audience,
    });
    if (publish) await publishBulletin(t().deps, SYSTEM, b.id);
    return b.id;
  };

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    const network = await buildNetwork(deps);
    const incident = (
      await declareIncident(deps, SYSTEM, {
        name: '信息发布演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        jurisdictions: ['410100'],
      })
    ).id;
    const statement = await issueStatement(deps, SYSTEM, {
      incidentId: incident,
      title: '权威发布',
      body: '正文',
      issuingOrganizationId: network.orgs.henanAgency,
    });
    const rumour = (text: string) =>
      recordRumour(deps, SYSTEM, incident, { text, seenWhere: '微博', seenAt: '2026-07-20T08:00:00Z' });
    const answered = (await rumour('已辟谣的传言')).id;
    const unanswered = (await rumour('尚未回应的传言')).id;
    await deps.db.updateTable('rumours').set({ statement_id: statement.id }).where('id', '=', answered).execute();
    n = { ...network, incident, statement: statement.id, answered, unanswered } as Fixture;
    n.networkBulletin = await teamBulletin('network', true, '网络内通报');
    n.publicBulletin = await teamBulletin('public', true, '公开通报');
    n.teamDraft = await teamBulletin('public', false, '草稿通报');
    const agency = await createBulletin(deps, SYSTEM, {
      incidentId: incident,
      title: '协调员简报',
      body: '正文',
      authorOrganizationId: network.orgs.henanAgency,
      audience: 'coordinators',
    });
    await publishBulletin(deps, SYSTEM, agency.id);
    n.coordinatorsBulletin = agency.id;
  });

  const ROWS: Row[] = [
    {
      name: 'issue a statement for the Henan agency about the incident',
      method: 'POST',
      request: (f) => ({
        path: '/api/v1/statements',
        body: { incidentId: f.incident, title: '说明', body: '正文', issuingOrganizationId: f.orgs.henanAgency },
      }),
      expect: [401, 403, 201, 403, 201, 403, 403, 403],
    },
    {
      name: 'issue a statement for a rescue team (not an agency)',
      method: 'POST',
      request: (f) => ({
        path: '/api/v1/statements',
        body: { title: '说明', body: '正文', issuingOrganizationId: f.orgs.zhengzhouTeam },
      }),
      expect: [401, 403, 422, 422, 422, 403, 403, 403],
    },
    {
      name: 'a statement’s public page',
      method: 'GET',
      request: (f) => ({ path: `/api/v1/public/statements/${f.statement}` }),
      expect: [200, 200, 200, 200, 200, 200, 200, 200],
    },
    {
      name: 'an unknown statement',
      method: 'GET',
      request: () => ({ path: '/api/v1/public/statements/none' }),
      expect: [404, 404, 404, 404, 404, 404, 404, 404],
    },
    {
      name: 'the incident’s statements, public',
      method: 'GET',
      request: (f) => ({ path: `/api/v1/public/incidents/${f.incident}/statements` }),
      expect: [200, 200, 200, 200, 200, 200, 200, 200],
    },
    {
      name: 'the incident’s statements, signed in',
      method: 'GET',
      request: (f) => ({ path: `/api/v1/incidents/${f.incident}/statements` }),
      expect: [401, 200, 200, 200, 200, 200, 200, 200],
    },
    {
      name: 'record a rumour',
      method: 'POST',
      request: (f) => ({
        path: `/api/v1/incidents/${f.incident}/rumours`,
        body: { text: '传言', seenWhere: '抖音', seenAt: '2026-07-20T09:00:00+08:00' },
      }),
      expect: [401, 201, 201, 403, 201, 201, 201, 403],
    },
    {
      name: 'answer a rumour with the agency’s statement',
      method: 'POST',
      request: async (f) => {
        const r = await recordRumour(t().deps, SYSTEM, f.incident, {
          text: '待回应',
          seenWhere: '微信',
          seenAt: '2026-07-20T08:00:00Z',
        });
        return { path: `/api/v1/rumours/${r.id}/answer`, body: { statementId: f.statement } };
      },
      expect: [401, 200, 200, 403, 200, 403, 403, 403],
    },
    {
      name: 'the incident’s rumours, signed in',
      method: 'GET',
      request: (f) => ({ path: `/api/v1/incidents/${f.incident}/rumours` }),
      expect: [401, 200, 200, 200, 200, 200, 200, 200],
    },
    {
      name: 'the incident’s answered rumours, public',
      method: 'GET',
      request: (f) => ({ path: `/api/v1/public/incidents/${f.incident}/rumours` }),
      expect: [200, 200, 200, 200, 200, 200, 200, 200],
    },
    {
      name: 'write a bulletin for the rescue team',
      method: 'POST',
      request: (f) => ({
        path: '/api/v1/bulletins',
        body: {
          incidentId: f.incident,
          title: '通报',
          body: '正文',
          authorOrganizationId: f.orgs.zhengzhouTeam,
          audience: 'public',
        },
      }),
      expect: [401, 201, 403, 403, 403, 201, 403, 403],
    },
    {
      name: 'write a bulletin for the Henan agency',
      method: 'POST',
      request: (f) => ({
        path: '/api/v1/bulletins',
        body: {
          incidentId: f.incident,
          title: '通报',
          body: '正文',
          authorOrganizationId: f.orgs.henanAgency,
          audience: 'public',
        },
      }),
      expect: [401, 201, 201, 403, 201, 403, 403, 403],
    },
    {
      name: 'draft a situation report for the Henan agency',
      method: 'POST',
      request: (f) => ({
        path: `/api/v1/incidents/${f.incident}/situation-report`,
        body: { authorOrganizationId: f.orgs.henanAgency },
      }),
      expect: [401, 201, 201, 403, 201, 403, 403, 403],
    },
    {
      name: 'the team’s draft',
      method: 'GET',
      request: (f) => ({ path: `/api/v1/bulletins/${f.teamDraft}` }),
      expect: [401, 200, 200, 404, 404, 200, 200, 404],
    },
    {
      name: 'a published network bulletin',
      method: 'GET',
      request: (f) => ({ path: `/api/v1/bulletins/${f.networkBulletin}` }),
      expect: [401, 200, 200, 200, 200, 200, 200, 200],
    },
    {
      name: 'a published coordinators-only bulletin of the agency',
      method: 'GET',
      request: (f) => ({ path: `/api/v1/bulletins/${f.coordinatorsBulletin}` }),
      expect: [401, 200, 200, 404, 200, 404, 404, 404],
    },
    {
      name: 'the incident’s public bulletins',
      method: 'GET',
      request: (f) => ({ path: `/api/v1/public/incidents/${f.incident}/bulletins` }),
      expect: [200, 200, 200, 200, 200, 200, 200, 200],
    },
    {
      name: 'the incident’s bulletins, signed in',
      method: 'GET',
      request: (f) => ({ path: `/api/v1/incidents/${f.incident}/bulletins` }),
      expect: [401, 200, 200, 200, 200, 200, 200, 200],
    },
    {
      name: 'publish a draft of the team',
      method: 'POST',
      request: async () => ({ path: `/api/v1/bulletins/${await teamBulletin('public', false)}/publish` }),
      expect: [401, 200, 403, 404, 404, 200, 403, 404],
    },
    {
      name: 'verify a published network bulletin of the team',
      method: 'POST',
      request: async () => ({ path: `/api/v1/bulletins/${await teamBulletin('network', true)}/verify` }),
      expect: [401, 200, 200, 403, 403, 403, 403, 403],
    },
  ];

  for (const row of ROWS) {
    it(`${row.method} ${row.name}`, async () => {
      const got: Record<string, number> = {};
      for (const who of WHO) {
        const { path, body } = await row.request(n);
        const res = await call(app, row.method, path, { token: as(who), body });
        got[who] = res.status;
        if (res.status >= 400) expect(res.headers['content-type'], who).toMatch(/application\/problem\+json/);
      }
      expect(got).toEqual(Object.fromEntries(WHO.map((w, i) => [w, row.expect[i]])));
    });
  }

  it('the public reads statements and answered rumours without who recorded them; the network reads who issued', async () => {
    for (const who of WHO) {
      const page = await call(app, 'GET', `/api/v1/public/statements/${n.statement}`, { token: as(who) });
      expect(page.json, who).toMatchObject({
        id: n.statement,
        title: '权威发布',
        issuedBy: null,
        issuer: { organizationId: n.orgs.henanAgency },
      });
      const rumoursOnPage = page.json.rumours as { id: string; recordedBy: unknown }[];
      expect(rumoursOnPage, who).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: n.answered, text: '已辟谣的传言', recordedBy: null })]),
      );
      expect(
        rumoursOnPage.filter((r) => r.id === n.unanswered || r.recordedBy !== null),
        who,
      ).toEqual([]);
      const publicRumours = await call(app, 'GET', `/api/v1/public/incidents/${n.incident}/rumours`, { token: as(who) });
      expect(
        (publicRumours.json.items ?? []).map((r) => r.id),
        who,
      ).not.toContain(n.unanswered);
      if (who === 'anonymous') continue;
      const inside = await call(app, 'GET', `/api/v1/incidents/${n.incident}/statements`, { token: as(who) });
      expect(inside.json.items?.find((s) => s.id === n.statement)?.issuedBy, who).toBe('system:test');
      const rumours = await call(app, 'GET', `/api/v1/incidents/${n.incident}/rumours`, { token: as(who) });
      expect(
        (rumours.json.items ?? []).map((r) => r.id),
        who,
      ).toEqual(expect.arrayContaining([n.answered, n.unanswered]));
    }
  });

  it('each role lists the bulletins its audience includes, and nothing else', async () => {
    const expected: Record<Who, string[]> = {
      anonymous: ['公开通报'],
      admin: ['公开通报', '网络内通报', '协调员简报', '草稿通报'],
      coordHenan: ['公开通报', '网络内通报', '协调员简报', '草稿通报'],
      coordGuangdong: ['公开通报', '网络内通报'],
      agencyStaff: ['公开通报', '网络内通报', '协调员简报'],
      orgAdmin: ['公开通报', '网络内通报', '草稿通报'],
      orgMember: ['公开通报', '网络内通报', '草稿通报'],
      observer: ['公开通报', '网络内通报'],
    };
    const named = new Set(Object.values(expected).flat());
    for (const who of WHO) {
      const path =
        who === 'anonymous' ? `/api/v1/public/incidents/${n.incident}/bulletins` : `/api/v1/incidents/${n.incident}/bulletins`;
      const res = await call(app, 'GET', path, { token: as(who) });
      const titles = (res.json.items ?? []).map((b) => b.title as string).filter((title) => named.has(title));
      expect(titles.sort(), who).toEqual([...expected[who]].sort());
      for (const b of res.json.items ?? []) {
        if (who === 'anonymous') expect([b.createdBy, b.viewerCanEdit], who).toEqual([null, null]);
        else expect(b.createdBy, who).toEqual(expect.any(String));
      }
    }
  });

  it('bad input is a 4xx naming the problem', async () => {
    const post = (body: Record<string, unknown>, who: ActorName = 'agencyStaff') =>
      call(app, 'POST', '/api/v1/statements', { token: n.tokens[who], body });
    const good = { title: '说明', body: '正文', issuingOrganizationId: n.orgs.henanAgency };
    const missing = await post({ body: '正文', issuingOrganizationId: n.orgs.henanAgency });
    expect([missing.status, missing.json.code]).toEqual([400, 'invalid_input']);
    expect(String(missing.json.detail)).toContain('title');
    const long = await post({ ...good, title: '长'.repeat(201) });
    expect([long.status, long.json.field]).toEqual([400, 'title']);
    const blank = await post({ ...good, title: '   ' });
    expect([blank.status, blank.json.field]).toEqual([400, 'title']);
    const unknownOrg = await post({ ...good, issuingOrganizationId: 'no-such-org' });
    expect([unknownOrg.status, unknownOrg.json.field]).toEqual([404, 'issuingOrganizationId']);
    const notAgency = await post({ ...good, issuingOrganizationId: n.orgs.guangzhouTeam });
    expect([notAgency.status, notAgency.json.code]).toEqual([422, 'not_an_agency']);
    const otherArea = await post(good, 'coordGuangdong');
    expect([otherArea.status, otherArea.json.code, otherArea.json.field]).toEqual([403, 'out_of_scope', 'issuingOrganizationId']);
    const unknownIncident = await post({ ...good, incidentId: 'no-such-incident' });
    expect([unknownIncident.status, unknownIncident.json.field]).toEqual([404, 'incidentId']);
    const extra = await post({ ...good, signedBy: 'me' });
    expect(extra.status).toBe(400);
    const rumour = await call(app, 'POST', `/api/v1/incidents/${n.incident}/rumours`, {
      token: n.tokens.orgMember,
      body: { text: '传言', seenWhere: '微博', seenAt: 'yesterday' },
    });
    expect([rumour.status, rumour.json.code]).toEqual([400, 'invalid_input']);
    expect(String(rumour.json.detail)).toContain('seenAt');
    const badAnswer = await call(app, 'POST', `/api/v1/rumours/${n.unanswered}/answer`, {
      token: n.tokens.coordHenan,
      body: { statementId: 'no-such-statement' },
    });
    expect([badAnswer.status, badAnswer.json.field]).toEqual([404, 'statementId']);
    const badAudience = await call(app, 'POST', '/api/v1/bulletins', {
      token: n.tokens.orgAdmin,
      body: { incidentId: n.incident, title: 't', body: 'b', authorOrganizationId: n.orgs.zhengzhouTeam, audience: 'everyone' },
    });
    expect(badAudience.status).toBe(400);
    const feed = await call(app, 'GET', `/api/v1/public/incidents/${n.incident}/bulletins?format=rss`);
    expect(feed.status).toBe(400);
    const unknownFeed = await call(app, 'GET', '/api/v1/public/incidents/no-such-incident/bulletins?format=atom');
    expect(unknownFeed.status).toBe(404);
  });
});
