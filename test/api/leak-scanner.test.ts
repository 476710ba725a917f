/**
 * The leak scanner. The network's personal and sensitive fields carry unique canaries (test/support/
 * privacy-network.ts); the scanner takes every GET route the app registers — a route without a
 * fixture below fails the scan rather than being skipped — calls each as every actor, exports
 * in both formats and the live stream included, and fails on any canary that the README's
 * visibility table says that actor must not see. Who may see each canary is written by hand.
 */
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { insertSubscription } from '../../src/db/repositories/notifications';
import type { App } from '../../src/http/app-types';
import { publishAlert } from '../../src/services/alerts/publish-alert';
import { createBulletin, publishBulletin } from '../../src/services/bulletins/bulletins';
import { startOrganizationImport } from '../../src/services/imports/import-jobs';
import { dispatchNotifications } from '../../src/services/notifications/dispatch-notifications';
import { notifyUsers } from '../../src/services/notifications/notify-users';
import { answerRumourWith, recordRumour } from '../../src/services/statements/rumours';
import { issueStatement } from '../../src/services/statements/statements';
import { testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildPrivacyNetwork, EVERYONE, type PrivacyNetwork, tokenOf, type Who } from '../support/privacy-network';
import { echoedDelivery } from '../support/webhook-receiver';

const HOLDERS: Who[] = ['admin', 'coordHenan', 'orgAdmin', 'orgMember'];
const COUNTY: Who[] = ['admin', 'coordHenan', 'coordCounty'];
const PROVINCE: Who[] = ['admin', 'coordHenan'];
const TEAM: Who[] = ['admin', 'coordHenan', 'orgAdmin', 'orgMember'];

/** Each canary and the actors allowed to see it. */
const CANARIES: { canary: string | RegExp; seenBy: Who[] }[] = [
  // A notification addressed to the Zhengzhou team's member: only that account reads it.
  { canary: 'CANARY-NOTE-MEMBER', seenBy: ['orgMember'] },
  // The need held by the Zhengzhou team, in 金水区.
  ...['CANARY-HELD-DESCRIPTION', 'CANARY-HELD-CONTACT', '13911110001', 'CANARY-HELD-ADDRESS', 'CANARY-HELD-PROGRESS'].map(
    (canary) => ({ canary, seenBy: HOLDERS }),
  ),
  { canary: 'CANARY-HELD-PHOTO', seenBy: HOLDERS },
  { canary: '34.7812345', seenBy: HOLDERS },
  { canary: '113.6598765', seenBy: HOLDERS },
  { canary: /"vulnerableGroups":\["pregnant"\]/, seenBy: HOLDERS },
  // The need of 二七区 nobody holds: the county's coordinator and the province's.
  ...[
    'CANARY-COUNTY-DESCRIPTION',
    'CANARY-COUNTY-CONTACT',
    '13911110002',
    'CANARY-COUNTY-ADDRESS',
    '34.7187654',
    '113.6012345',
  ].map((canary) => ({ canary, seenBy: COUNTY })),
  { canary: /"vulnerableGroups":\["living_alone"\]/, seenBy: COUNTY },
  // Reported by the public in 二七区.
  ...[
    'CANARY-PUBLIC-DESCRIPTION',
    'CANARY-PUBLIC-CONTACT',
    '13911110004',
    'CANARY-PUBLIC-ADDRESS',
    '34.7034567',
    '113.6145678',
  ].map((canary) => ({ canary, seenBy: COUNTY })),
  { canary: /"vulnerableGroups":\["children"\]/, seenBy: COUNTY },
  // Closed in 金水区: only the coordinators of its area.
  ...['13911110003', 'CANARY-CLOSED-NOTE', '34.7923456', '113.6734567'].map((canary) => ({ canary, seenBy: PROVINCE })),
  { canary: /"vulnerableGroups":\["disabled"\]/, seenBy: PROVINCE },
  // The team's own people: its members and the coordinator of its home (410102).
  ...['CANARY-VOLUNTEER-NAME', '13911110005', 'CANARY-SEAT-LIAISON'].map((canary) => ({ canary, seenBy: TEAM })),
  // The applicant's contact: the coordinators who decide (home 金水区).
  ...['CANARY-APPLICANT-NAME', '13911110006', 'canary-applicant@example.cn'].map((canary) => ({ canary, seenBy: PROVINCE })),
  // The team leader: the incident's coordinators and the team.
  ...['CANARY-LEADER-NAME', '13911110007'].map((canary) => ({
    canary,
    seenBy: ['admin', 'coordHenan', 'coordCounty', 'orgAdmin', 'orgMember'] as Who[],
  })),
  // A coordination centre's liaison: like a team leader, the incident's coordinators and the staffing team.
  ...['CANARY-CENTRE-LIAISON', '13911110008'].map((canary) => ({
    canary,
    seenBy: ['admin', 'coordHenan', 'coordCounty', 'orgAdmin', 'orgMember'] as Who[],
  })),
  // A public donor: the incident's coordinators, who arrange the hand-over.
  ...['CANARY-DONOR-NAME', '13911110009', 'CANARY-DONOR-NOTE', '34.7456789', '113.6456789'].map((canary) => ({
    canary,
    seenBy: ['admin', 'coordHenan', 'coordCounty'] as Who[],
  })),
  // The contact of an organization's offer: the incident's coordinators and the organization.
  ...['CANARY-TEAM-DONOR', '13911110010'].map((canary) => ({
    canary,
    seenBy: ['admin', 'coordHenan', 'coordCounty', 'orgAdmin', 'orgMember'] as Who[],
  })),
  // Why a shipment was lost: the incident's coordinators and the carrying team.
  { canary: 'CANARY-SHIPMENT-REASON', seenBy: ['admin', 'coordHenan', 'coordCounty', 'orgAdmin', 'orgMember'] as Who[] },
  // An account's name and e-mail: admins and the admin of its organization.
  ...['CANARY-USER-NAME', '.canary-user@example.cn'].map((canary) => ({ canary, seenBy: ['admin', 'orgAdmin'] as Who[] })),
];

/** Where each registered GET route is called, with the network's records in its path. */
type Scanned = PrivacyNetwork & {
  importJob: string;
  alert: string;
  statement: string;
  bulletin: string;
  draftBulletin: string;
  webhook: string;
};

const FIXTURES: Record<string, (n: Scanned) => string[]> = {
  '/api/health': () => ['/api/health'],
  '/api/ready': () => ['/api/ready'],
  // Injected requests come from loopback: the scan reads the metrics as a scraper would.
  '/metrics': () => ['/metrics'],
  '/api/openapi.json': () => ['/api/openapi.json'],
  '/api/docs': () => ['/api/docs'],
  '/api/docs/json': () => ['/api/docs/json'],
  '/api/docs/yaml': () => ['/api/docs/yaml'],
  '/api/docs/static/*': () => ['/api/docs/static/index.html'],
  '/api/docs/static/index.html': () => ['/api/docs/static/index.html'],
  '/api/docs/static/swagger-initializer.js': () => ['/api/docs/static/swagger-initializer.js'],
  '/api/v1/taxonomy': () => ['/api/v1/taxonomy'],
  '/api/v1/jurisdictions': () => ['/api/v1/jurisdictions?q=%E9%83%91%E5%B7%9E'],
  '/api/v1/jurisdictions/:code': () => ['/api/v1/jurisdictions/410105'],
  '/api/v1/map-settings': () => ['/api/v1/map-settings'],
  '/api/v1/setup': () => ['/api/v1/setup'],
  '/api/v1/auth/session': () => ['/api/v1/auth/session'],
  '/api/v1/analytics/annual-report': () => [
    `/api/v1/analytics/annual-report?jurisdiction=410100&year=${new Date().getUTCFullYear()}`,
  ],
  '/api/v1/analytics/collaboration': () => ['/api/v1/analytics/collaboration?jurisdiction=410000'],
  '/api/v1/analytics/cooperation-modes': () => ['/api/v1/analytics/cooperation-modes?jurisdiction=410000'],
  '/api/v1/analytics/function-coverage': () => ['/api/v1/analytics/function-coverage?jurisdiction=410000'],
  '/api/v1/analytics/lifecycle': () => ['/api/v1/analytics/lifecycle?jurisdiction=410000'],
  '/api/v1/analytics/principles': () => ['/api/v1/analytics/principles?jurisdiction=410000'],
  '/api/v1/analytics/special-needs': () => [
    '/api/v1/analytics/special-needs?jurisdiction=410000',
    '/api/v1/analytics/special-needs?jurisdiction=410103',
  ],
  '/api/v1/analytics/substitution': (n) => [`/api/v1/analytics/substitution?incidentId=${n.incident}`],
  '/api/v1/analytics/who-what-where': () => [
    '/api/v1/analytics/who-what-where?jurisdiction=410000',
    '/api/v1/analytics/who-what-where?jurisdiction=410000&format=hxl',
  ],
  '/api/v1/applications': () => ['/api/v1/applications?limit=100', '/api/v1/applications?status=under_review'],
  '/api/v1/applications/:id': (n) => [`/api/v1/applications/${n.application}`],
  '/api/v1/audit': () => ['/api/v1/audit?limit=500'],
  '/api/v1/audit/verify': () => ['/api/v1/audit/verify'],
  // A person's export: by the public reporter's receipt and phone, and a donor's phone.
  '/api/v1/personal-data': (n) => [
    `/api/v1/personal-data?receipt=${n.receipt}`,
    '/api/v1/personal-data?phone=13911110004',
    '/api/v1/personal-data?phone=13911110009',
  ],
  '/api/v1/deployments/:id': (n) => [`/api/v1/deployments/${n.deployment}`],
  '/api/v1/deployments/:id/alternatives': (n) => [`/api/v1/deployments/${n.deployment}/alternatives`],
  '/api/v1/deployments/:id/pass': (n) => [`/api/v1/deployments/${n.passDeployment}/pass`],
  '/api/v1/imports/:id': (n) => [`/api/v1/imports/${n.importJob}`],
  '/api/v1/imports/organizations/template': () => [
    '/api/v1/imports/organizations/template?format=csv',
    '/api/v1/imports/organizations/template?format=xlsx',
  ],
  '/api/v1/incidents': () => ['/api/v1/incidents'],
  '/api/v1/incidents/:id': (n) => [`/api/v1/incidents/${n.incident}`],
  '/api/v1/incidents/:id/alarms': (n) => [`/api/v1/incidents/${n.incident}/alarms`],
  '/api/v1/incidents/:id/alarm-log': (n) => [`/api/v1/incidents/${n.incident}/alarm-log?all=true`],
  '/api/v1/incidents/:id/centre': (n) => [`/api/v1/incidents/${n.incident}/centre`],
  '/api/v1/incidents/:id/centre/eligible': (n) => [`/api/v1/incidents/${n.incident}/centre/eligible`],
  '/api/v1/incidents/:id/standby': (n) => [`/api/v1/incidents/${n.incident}/standby`],
  '/api/v1/incidents/:id/deployments': (n) => [
    `/api/v1/incidents/${n.incident}/deployments`,
    `/api/v1/incidents/${n.incident}/deployments?format=geojson`,
  ],
  // The PDF prints the same page as the HTML.
  '/api/v1/incidents/:id/evaluation': (n) => [
    `/api/v1/incidents/${n.incident}/evaluation`,
    `/api/v1/incidents/${n.incident}/evaluation?format=html`,
  ],
  // The live stream is read over a real connection below.
  '/api/v1/incidents/:id/events': () => [],
  '/api/v1/incidents/:id/need-map': (n) => [`/api/v1/incidents/${n.incident}/need-map`],
  '/api/v1/incidents/:id/needs': (n) => [
    `/api/v1/incidents/${n.incident}/needs?limit=200`,
    `/api/v1/incidents/${n.incident}/needs?limit=200&format=geojson`,
  ],
  '/api/v1/lessons': () => ['/api/v1/lessons'],
  '/api/v1/lessons/:id': () => ['/api/v1/lessons/none'],
  '/api/v1/lessons/:id/revisions': () => ['/api/v1/lessons/none/revisions'],
  '/api/v1/me/tasks': () => ['/api/v1/me/tasks'],
  '/api/v1/membership/desk': () => ['/api/v1/membership/desk'],
  '/api/v1/needs/:id': (n) =>
    [n.heldNeed, n.countyNeed, n.closedNeed, n.publicNeed]
      .flatMap((id) => [`/api/v1/needs/${id}`, `/api/v1/needs/${id}?format=edxl-rm`])
      .concat(`/api/v1/needs/${n.heldNeed}?format=edxl-rm&claim=${n.heldClaim}`),
  '/api/v1/needs/:id/evidence/:file': (n) => [`/api/v1/needs/${n.heldNeed}/evidence/${n.evidence}`],
  '/api/v1/needs/:id/recommendations': (n) => [n.heldNeed, n.countyNeed].map((id) => `/api/v1/needs/${id}/recommendations`),
  '/api/v1/organizations': () => ['/api/v1/organizations?limit=100', '/api/v1/organizations?limit=100&format=geojson'],
  '/api/v1/organizations/:id': (n) => [`/api/v1/organizations/${n.orgs.zhengzhouTeam}`],
  '/api/v1/organizations/:id/capacity': (n) => [`/api/v1/organizations/${n.orgs.zhengzhouTeam}/capacity`],
  '/api/v1/organizations/:id/embedding': (n) => [`/api/v1/organizations/${n.orgs.zhengzhouTeam}/embedding`],
  '/api/v1/organizations/:id/membership': (n) => [`/api/v1/organizations/${n.orgs.zhengzhouTeam}/membership`],
  '/api/v1/organizations/:id/record': (n) => [`/api/v1/organizations/${n.orgs.zhengzhouTeam}/record`],
  '/api/v1/organizations/:id/volunteers': (n) => [
    `/api/v1/organizations/${n.orgs.zhengzhouTeam}/volunteers?includeInactive=true`,
  ],
  '/api/v1/organizations/export': () => ['/api/v1/organizations/export?format=csv', '/api/v1/organizations/export?format=xlsx'],
  '/api/v1/programs': () => ['/api/v1/programs'],
  '/api/v1/programs/:id': () => ['/api/v1/programs/none'],
  '/.well-known/jwks.json': () => ['/.well-known/jwks.json'],
  '/api/v1/programs/:id/revisions': () => ['/api/v1/programs/none/revisions'],
  '/api/v1/public/incidents': () => ['/api/v1/public/incidents'],
  '/api/v1/public/incidents/:id/needs': (n) => [
    `/api/v1/public/incidents/${n.incident}/needs`,
    `/api/v1/public/incidents/${n.incident}/needs?format=geojson`,
  ],
  '/api/v1/public/incidents/:id/needed': (n) => [`/api/v1/public/incidents/${n.incident}/needed`],
  '/api/v1/items': () => ['/api/v1/items'],
  '/api/v1/incidents/:id/offers': (n) => [`/api/v1/incidents/${n.incident}/offers?limit=200`],
  '/api/v1/offers/:id': (n) =>
    [n.publicOffer, n.teamOffer].flatMap((id) => [`/api/v1/offers/${id}`, `/api/v1/offers/${id}?format=edxl-rm`]),
  '/api/v1/public/passes/:jti': (n) => [`/api/v1/public/passes/${n.pass}`],
  '/api/v1/public/receipts/:code': (n) => [`/api/v1/public/receipts/${n.receipt}`],
  '/api/v1/warehouses': () => ['/api/v1/warehouses?limit=200', '/api/v1/warehouses?limit=200&format=geojson'],
  '/api/v1/warehouses/:id': (n) => [`/api/v1/warehouses/${n.warehouse}`],
  '/api/v1/warehouses/:id/stock': (n) => [`/api/v1/warehouses/${n.warehouse}/stock`],
  '/api/v1/warehouses/:id/movements': (n) => [`/api/v1/warehouses/${n.warehouse}/movements`],
  '/api/v1/incidents/:id/ledger': (n) => [`/api/v1/incidents/${n.incident}/ledger?limit=200`],
  '/api/v1/incidents/:id/allocation-plans': (n) => [`/api/v1/incidents/${n.incident}/allocation-plans`],
  '/api/v1/allocation-plans/:id': (n) => [`/api/v1/allocation-plans/${n.plan}`],
  '/api/v1/incidents/:id/shipments': (n) => [`/api/v1/incidents/${n.incident}/shipments`],
  '/api/v1/shipments/:id': (n) => [`/api/v1/shipments/${n.shipment}`],
  '/api/v1/public/incidents/:id/transparency': (n) => [`/api/v1/public/incidents/${n.incident}/transparency`],
  '/api/v1/public/donations/:referenceCode': (n) => [`/api/v1/public/donations/${n.donation}`],
  '/api/v1/alerts': () => ['/api/v1/alerts', '/api/v1/alerts?attached=false', '/api/v1/alerts?format=geojson'],
  '/api/v1/alerts/:id': (n) => [`/api/v1/alerts/${n.alert}`],
  '/api/v1/incidents/:id/alerts': (n) => [`/api/v1/incidents/${n.incident}/alerts`],
  '/api/v1/public/alerts': () => [
    '/api/v1/public/alerts',
    '/api/v1/public/alerts?format=atom',
    '/api/v1/public/alerts?format=geojson',
  ],
  '/api/v1/public/alerts/:id': (n) => [`/api/v1/public/alerts/${n.alert}`, `/api/v1/public/alerts/${n.alert}?format=cap`],
  '/api/v1/notifications': () => ['/api/v1/notifications?limit=100'],
  '/api/v1/notifications/unread-count': () => ['/api/v1/notifications/unread-count'],
  '/api/v1/subscriptions': () => ['/api/v1/subscriptions'],
  '/api/v1/users': () => ['/api/v1/users?limit=200'],
  '/api/v1/users/:id': (n) => [`/api/v1/users/${n.canaryUser}`],
  '/api/v1/webhooks': () => ['/api/v1/webhooks'],
  '/api/v1/webhooks/:id': (n) => [`/api/v1/webhooks/${n.webhook}`],
  '/api/v1/webhooks/:id/deliveries': (n) => [`/api/v1/webhooks/${n.webhook}/deliveries?limit=200`],
  '/api/v1/public/statements/:id': (n) => [`/api/v1/public/statements/${n.statement}`],
  '/api/v1/public/incidents/:id/statements': (n) => [`/api/v1/public/incidents/${n.incident}/statements`],
  '/api/v1/incidents/:id/statements': (n) => [`/api/v1/incidents/${n.incident}/statements`],
  '/api/v1/incidents/:id/rumours': (n) => [`/api/v1/incidents/${n.incident}/rumours`],
  '/api/v1/public/incidents/:id/rumours': (n) => [`/api/v1/public/incidents/${n.incident}/rumours`],
  '/api/v1/bulletins/:id': (n) => [n.bulletin, n.draftBulletin].map((id) => `/api/v1/bulletins/${id}`),
  '/api/v1/incidents/:id/bulletins': (n) => [`/api/v1/incidents/${n.incident}/bulletins`],
  '/api/v1/public/incidents/:id/bulletins': (n) => [
    `/api/v1/public/incidents/${n.incident}/bulletins`,
    `/api/v1/public/incidents/${n.incident}/bulletins?format=atom`,
  ],
};

/** The text of an answer, whatever its type: workbooks are opened and their cells read. */
async function textOf(body: Buffer, contentType: string): Promise<string> {
  if (!contentType.includes('spreadsheetml')) return body.toString('utf8');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const cells: string[] = [];
  for (const sheet of workbook.worksheets) sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text))));
  return cells.join('\n');
}

function leaksIn(text: string, who: Who): string[] {
  return CANARIES.filter(
    ({ canary, seenBy }) => !seenBy.includes(who) && (typeof canary === 'string' ? text.includes(canary) : canary.test(text)),
  ).map(({ canary }) => String(canary));
}

/** Reads a server-sent event stream for a while, from the start of the incident's history. */
async function readStream(base: string, path: string, token: string | undefined, ms: number): Promise<string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  let text = '';
  try {
    const response = await fetch(`${base}${path}`, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'last-event-id': '1' },
      signal: controller.signal,
    });
    const reader = response.body?.getReader();
    if (!reader) return text;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
  }
  return text;
}

describeEachDatabase('leak scanner', (t) => {
  let app: App;
  let n: Scanned;
  const routes: { method: string; url: string }[] = [];
  beforeAll(async () => {
    app = await testApp(t().deps, { onRoute: (route) => routes.push(route), webhooks: { allowPrivate: true } });
    const network = await buildPrivacyNetwork(t().deps);
    const coordinator = network.users.coordHenan;
    const started = await startOrganizationImport(
      t().deps,
      { kind: 'user', userId: coordinator.id, role: 'coordinator', organizationId: null, jurisdiction: '410000' },
      { content: Buffer.from('组织名称,组织类型,服务区域\n扫描测试队,救援队伍,410105\n'), name: 'roster.csv' },
    );
    await started.done;
    // A warning for the incident (alerts hold nothing personal; scanned like every answer).
    const alert = await publishAlert(
      t().deps,
      { sender: 'corespond', allowedSenders: null },
      { kind: 'system', label: 'test' },
      {
        incidentId: network.incident,
        event: '暴雨',
        headline: '金水区暴雨预警',
        warningColor: 'orange',
        category: 'Met',
        urgency: 'Expected',
        certainty: 'Likely',
        jurisdictions: ['410105'],
        expires: new Date(Date.now() + 86_400_000).toISOString(),
      },
    );
    // The county coordinator's webhook, whose receiver echoed a new need's body into the delivery log.
    const webhook = await echoedDelivery(app, t().deps, network.tokens.coordCounty, network.incident);
    // A statement answering a rumour, a published bulletin and a draft, so the information routes answer with records.
    const scan = { kind: 'system', label: 'scan' } as const;
    const statement = await issueStatement(t().deps, scan, {
      incidentId: network.incident,
      title: '官方说明',
      body: '正文',
      issuingOrganizationId: network.orgs.henanAgency,
    });
    const rumour = await recordRumour(t().deps, scan, network.incident, {
      text: '谣言',
      seenWhere: '微信群',
      seenAt: '2026-07-20T08:00:00Z',
    });
    await answerRumourWith(t().deps, scan, rumour.id, statement.id);
    const bulletinInput = {
      incidentId: network.incident,
      title: '通报',
      body: '正文',
      authorOrganizationId: network.orgs.zhengzhouTeam,
      audience: 'network' as const,
    };
    const bulletin = await createBulletin(t().deps, scan, bulletinInput);
    await publishBulletin(t().deps, scan, bulletin.id);
    const draft = await createBulletin(t().deps, scan, bulletinInput);
    // Every account follows every event in the app, and the dispatcher has run over the whole
    // network's history: what reaches a notification is scanned with the rest.
    const { deps } = t();
    for (const user of await deps.db.selectFrom('users').select('id').execute()) {
      await insertSubscription(deps.db, {
        id: `scan-${user.id}`,
        userId: user.id,
        incidentId: null,
        jurisdiction: null,
        category: null,
        kinds: null,
        channels: ['in_app', 'email'],
        language: null,
        createdAt: new Date().toISOString(),
      });
    }
    await dispatchNotifications(deps);
    await notifyUsers(deps.db, deps, [network.users.orgMember.id], { type: 'need.created', title: 'CANARY-NOTE-MEMBER' });
    n = {
      ...network,
      importJob: started.job.id,
      alert: alert.id,
      statement: statement.id,
      bulletin: bulletin.id,
      draftBulletin: draft.id,
      webhook,
    };
  });

  it('has a fixture for every GET route the app registers', () => {
    const gets = [...new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url))];
    expect(gets.length).toBeGreaterThan(40);
    expect(gets.filter((url) => !(url in FIXTURES))).toEqual([]);
    // And no fixture outlives its route.
    expect(Object.keys(FIXTURES).filter((url) => !gets.includes(url))).toEqual([]);
  });

  it('finds no canary in any answer of any route that the actor may not see', async () => {
    const leaks: string[] = [];
    let calls = 0;
    const gets = [...new Set(routes.filter((r) => r.method === 'GET').map((r) => r.url))];
    for (const url of gets) {
      for (const path of (FIXTURES[url] ?? (() => [url]))(n)) {
        for (const who of EVERYONE) {
          const answer = await app.inject({
            method: 'GET',
            url: path,
            headers: who === 'anonymous' ? {} : { authorization: `Bearer ${tokenOf(n, who)}` },
          });
          calls += 1;
          expect(answer.statusCode, `${who} GET ${path}`).toBeLessThan(500);
          const text = await textOf(answer.rawPayload, String(answer.headers['content-type'] ?? ''));
          for (const canary of leaksIn(text, who)) leaks.push(`${who} GET ${path}: ${canary}`);
        }
      }
    }
    expect(calls).toBeGreaterThan(500);
    expect(leaks).toEqual([]);
  });

  it('keeps every canary and record id out of the metrics, once every route has been called', async () => {
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('route="/api/v1/needs/:id"');
    const found = CANARIES.filter(({ canary }) =>
      typeof canary === 'string' ? metrics.body.includes(canary) : canary.test(metrics.body),
    ).map(({ canary }) => String(canary));
    expect(found).toEqual([]);
    for (const id of [n.heldNeed, n.countyNeed, n.incident, n.deployment, n.evidence, n.importJob]) {
      expect(metrics.body).not.toContain(id);
    }
  });

  it('sees each canary where the table allows it, so the scan is not blind', async () => {
    const seen = async (path: string, who: Who) => {
      const answer = await app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${tokenOf(n, who)}` } });
      return answer.body;
    };
    expect(await seen(`/api/v1/needs/${n.heldNeed}`, 'orgMember')).toContain('CANARY-HELD-CONTACT');
    expect(await seen(`/api/v1/webhooks/${n.webhook}/deliveries`, 'coordCounty')).toContain('CANARY-COUNTY-CONTACT-WEBHOOK');
    expect(await seen(`/api/v1/needs/${n.countyNeed}`, 'coordCounty')).toContain('34.7187654');
    expect(await seen(`/api/v1/organizations/${n.orgs.zhengzhouTeam}/volunteers`, 'orgAdmin')).toContain('CANARY-VOLUNTEER-NAME');
    expect(await seen(`/api/v1/applications/${n.application}`, 'coordHenan')).toContain('13911110006');
    expect(await seen(`/api/v1/deployments/${n.deployment}`, 'coordCounty')).toContain('CANARY-LEADER-NAME');
    expect(await seen(`/api/v1/incidents/${n.incident}/centre`, 'orgMember')).toContain('13911110008');
    expect(await seen(`/api/v1/deployments/${n.passDeployment}/pass`, 'orgMember')).toContain('CANARY-LEADER-NAME');
    expect(await seen(`/api/v1/needs/${n.heldNeed}/evidence/${n.evidence}`, 'orgAdmin')).toContain('CANARY-HELD-PHOTO');
    expect(await seen(`/api/v1/incidents/${n.incident}/offers`, 'coordCounty')).toContain('CANARY-DONOR-NAME');
    expect(await seen(`/api/v1/shipments/${n.shipment}`, 'orgMember')).toContain('CANARY-SHIPMENT-REASON');
    expect(await seen(`/api/v1/incidents/${n.incident}/offers`, 'orgMember')).toContain('13911110010');
    expect(await seen(`/api/v1/offers/${n.publicOffer}?format=edxl-rm`, 'coordCounty')).toContain('13911110009');
    expect(await seen(`/api/v1/offers/${n.teamOffer}?format=edxl-rm`, 'orgMember')).toContain('13911110010');
    expect(leaksIn(await seen(`/api/v1/needs/${n.heldNeed}`, 'orgMember'), 'observer')).toContain('CANARY-HELD-CONTACT');
    expect(await seen('/api/v1/notifications?limit=100', 'orgMember')).toContain('CANARY-NOTE-MEMBER');
    // The dispatcher did notify: every account follows everything.
    expect(await seen('/api/v1/notifications?limit=100', 'observer')).toContain('need.created');
  });

  it('finds no canary in any queued e-mail: titles and bodies are built from non-personal facts', async () => {
    const mails = await t().deps.db.selectFrom('mail_outbox').select(['subject', 'body']).execute();
    expect(mails.length).toBeGreaterThan(10);
    const text = mails.map((m) => `${m.subject}\n${m.body}`).join('\n');
    // Every canary, including those some readers may see: no mail carries any.
    expect(CANARIES.filter(({ canary }) => (typeof canary === 'string' ? text.includes(canary) : canary.test(text)))).toEqual([]);
  });

  it('finds no canary in the live stream of the incident that the actor may not see', async () => {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      for (const who of EVERYONE) {
        const text = await readStream(base, `/api/v1/incidents/${n.incident}/events`, tokenOf(n, who), 400);
        if (who !== 'anonymous') expect(text, `${who}: the stream replays the incident's events`).toContain('event: need');
        expect(leaksIn(text, who), who).toEqual([]);
      }
    } finally {
      await app.close();
    }
  });
});
