/**
 * What the session answer tells the UI each role may do (capabilities), and that the server
 * accepts exactly that: each capability is checked against the request it stands for. Answers
 * about one record come with the record (viewerCan…): an incident's reporting and filtering,
 * an account in the account list.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { ROLES } from '../../src/model/roles';
import type { Capabilities } from '../../src/services/auth/capabilities';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, PASSWORD, SYSTEM } from '../support/fixtures';

const NONE: Capabilities = {
  createOrganizations: false,
  importOrganizations: false,
  includeArchived: false,
  manageUsers: false,
  assignableRoles: [],
  chooseOrganization: false,
  readAnyAccount: false,
  readAudit: false,
  readApiDocs: false,
  reviewMembership: false,
  declareIncidents: false,
  fileDeployments: false,
  claimNeeds: false,
  actsForAnyOrganization: false,
  fieldOrganizationId: null,
  recordLessons: false,
  recordReviews: false,
  recordPrograms: false,
  programLeadOrganizationId: null,
  manageWebhooks: false,
};

/** Written by hand from the role rules of SPEC §2 (src/services/policy.ts enforces them). */
function expected(network: Network): Record<ActorName, Capabilities> {
  const { henanAgency, zhengzhouTeam } = network.orgs;
  const coordinator: Capabilities = {
    ...NONE,
    createOrganizations: true,
    importOrganizations: true,
    includeArchived: true,
    reviewMembership: true,
    declareIncidents: true,
    recordLessons: true,
    recordReviews: true,
    recordPrograms: true,
    manageWebhooks: true,
  };
  return {
    admin: {
      ...coordinator,
      manageUsers: true,
      assignableRoles: [...ROLES],
      chooseOrganization: true,
      readAnyAccount: true,
      readAudit: true,
      readApiDocs: true,
      fileDeployments: true,
      claimNeeds: true,
      actsForAnyOrganization: true,
    },
    coordHenan: coordinator,
    coordGuangdong: coordinator,
    agencyStaff: { ...NONE, fileDeployments: true, claimNeeds: true, fieldOrganizationId: henanAgency, recordLessons: true },
    orgAdmin: {
      ...NONE,
      manageUsers: true,
      assignableRoles: ['org_admin', 'org_member'],
      fileDeployments: true,
      claimNeeds: true,
      fieldOrganizationId: zhengzhouTeam,
      recordLessons: true,
      recordPrograms: true,
      programLeadOrganizationId: zhengzhouTeam,
      manageWebhooks: true,
    },
    orgMember: { ...NONE, claimNeeds: true, fieldOrganizationId: zhengzhouTeam, recordLessons: true },
    observer: NONE,
  };
}

const ACTORS: ActorName[] = ['admin', 'coordHenan', 'coordGuangdong', 'agencyStaff', 'orgAdmin', 'orgMember', 'observer'];

describeEachDatabase('capabilities in the session answer', (t) => {
  let app: App;
  let network: Network;
  let incidentId: string;
  beforeAll(async () => {
    app = await testApp(t().deps);
    network = await buildNetwork(t().deps);
    incidentId = (
      await declareIncident(t().deps, SYSTEM, {
        name: '郑州暴雨',
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        jurisdictions: ['410100'],
      })
    ).id;
  });

  it('tells each role what it may do, with the session and with the login', async () => {
    const want = expected(network);
    for (const who of ACTORS) {
      const session = await call(app, 'GET', '/api/v1/auth/session', { token: network.tokens[who] });
      expect(session.status, who).toBe(200);
      expect(session.json.capabilities, who).toEqual(want[who]);
    }
    const login = await call(app, 'POST', '/api/v1/auth/login', {
      body: { email: network.users.orgMember.email, password: PASSWORD },
    });
    expect(login.status).toBe(200);
    expect(login.json.capabilities).toEqual(want.orgMember);
  });

  it('accepts exactly what the capabilities offer', async () => {
    const want = expected(network);
    const allowed = (status: number) => status >= 200 && status < 300;
    for (const who of ACTORS) {
      const may = want[who];
      const get = async (path: string) => (await call(app, 'GET', path, { token: network.tokens[who] })).status;
      expect(allowed(await get('/api/v1/users')), `${who} lists accounts`).toBe(may.manageUsers);
      expect(allowed(await get('/api/v1/audit')), `${who} reads the audit log`).toBe(may.readAudit);
      // A refused target (400) is past the role check; a role without the capability gets 403 first.
      const webhook = await call(app, 'POST', '/api/v1/webhooks', {
        token: network.tokens[who],
        body: { url: 'ftp://hooks.example.org/', events: ['need.created'] },
      });
      expect(webhook.status !== 403, `${who} registers webhooks`).toBe(may.manageWebhooks);
      expect(allowed(await get('/api/v1/applications')), `${who} reads the application queue`).toBe(may.reviewMembership);
      expect(allowed(await get('/api/v1/membership/desk')), `${who} reads the cultivation desk`).toBe(may.reviewMembership);
      expect(allowed(await get('/api/v1/organizations?includeArchived=true')), `${who} lists archived organizations`).toBe(
        may.includeArchived,
      );
      const other = await get(`/api/v1/users/${network.users.coordGuangdong.id}`);
      if (who !== 'coordGuangdong') expect(allowed(other), `${who} reads another account`).toBe(may.readAnyAccount);
    }
    const refused = await call(app, 'GET', '/api/v1/organizations?includeArchived=true', { token: network.tokens.orgAdmin });
    expect(refused.json).toMatchObject({ status: 403, code: 'forbidden', field: 'includeArchived' });
  });

  it('answers per incident whether the reader may report needs and filter on vulnerable groups', async () => {
    const path = `/api/v1/incidents/${incidentId}`;
    const seen: Record<string, unknown> = {};
    for (const who of ACTORS) {
      const { viewerCanReportNeeds, viewerCanFilterVulnerable } = (await call(app, 'GET', path, { token: network.tokens[who] }))
        .json;
      seen[who] = { viewerCanReportNeeds, viewerCanFilterVulnerable };
      // The answer holds: the filter is accepted exactly when offered.
      const filtered = await call(app, 'GET', `/api/v1/incidents/${incidentId}/needs?vulnerable=true`, {
        token: network.tokens[who],
      });
      expect(filtered.status === 200, `${who} filters on vulnerable groups`).toBe(viewerCanFilterVulnerable);
    }
    expect(seen).toEqual({
      admin: { viewerCanReportNeeds: true, viewerCanFilterVulnerable: true },
      coordHenan: { viewerCanReportNeeds: true, viewerCanFilterVulnerable: true },
      // Guangdong's coordinator has no part in a Zhengzhou incident.
      coordGuangdong: { viewerCanReportNeeds: false, viewerCanFilterVulnerable: false },
      agencyStaff: { viewerCanReportNeeds: true, viewerCanFilterVulnerable: false },
      orgAdmin: { viewerCanReportNeeds: true, viewerCanFilterVulnerable: false },
      orgMember: { viewerCanReportNeeds: true, viewerCanFilterVulnerable: false },
      observer: { viewerCanReportNeeds: false, viewerCanFilterVulnerable: false },
    });
  });

  it('marks in the account list which accounts the reader may manage', async () => {
    const list = async (who: ActorName) =>
      Object.fromEntries(
        ((await call(app, 'GET', '/api/v1/users?limit=200', { token: network.tokens[who] })).json.items ?? []).map((u) => [
          u.email,
          u.viewerCanManage,
        ]),
      );
    const byOrgAdmin = await list('orgAdmin');
    const { users } = network;
    expect(byOrgAdmin).toEqual({
      [users.orgAdmin.email]: true,
      [users.orgMember.email]: true,
      [users.member2.email]: true,
    });
    const byAdmin = await list('admin');
    for (const who of ACTORS) expect(byAdmin[users[who].email], who).toBe(true);
  });
});
