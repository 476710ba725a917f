/**
 * Every route against every role, with the outcomes written out by hand from SPEC §2 —
 * not derived from the policy code. Scope: the Henan coordinator covers 410000, the
 * Guangdong coordinator 440000; the organization admin and member belong to the
 * Zhengzhou team (home 410102); agency staff to the Henan agency.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { addVolunteer, declareCapacity, declareSpecialty } from '../../src/services/capacity/manage-capacity';
import { fileDeployment, moveDeployment } from '../../src/services/deployments/manage-deployments';
import { declareAgreement, declareSeat, fileFiling } from '../../src/services/embedding/declare-embedding';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { recordLesson } from '../../src/services/knowledge/lessons';
import { submitApplication } from '../../src/services/membership/applications';
import { claimNeed, dispatchNeed } from '../../src/services/needs/claims';
import { addEvidence } from '../../src/services/needs/manage-needs';
import { reportNeed, reportPublicNeed } from '../../src/services/needs/report-need';
import { createProgram } from '../../src/services/programs/manage-programs';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, SYSTEM } from '../support/fixtures';

type Who = 'anonymous' | ActorName;
const WHO: Who[] = ['anonymous', 'admin', 'coordHenan', 'coordGuangdong', 'agencyStaff', 'orgAdmin', 'orgMember', 'observer'];

/** Per-actor applications, so that each actor decides or moves an organization of its own. */
interface Doors {
  applications: Record<Who, string>;
  candidates: Record<Who, string>;
  filings: Record<Who, string>;
  agreements: Record<Who, string>;
  seats: Record<Who, string>;
  capacities: Record<Who, string>;
  specialties: Record<Who, string>;
  volunteers: Record<Who, string>;
  adminImport?: string;
  incident: string;
  incidents: Record<Who, string>;
  deployments: Record<Who, string>;
  approvedDeployment: string;
  need: string;
  bigNeed: string;
  heldClaim: string;
  claims: Record<Who, string>;
  offers: Record<Who, string>;
  needs: Record<Who, string>;
  duplicates: Record<Who, string>;
  /** Per actor, two needs flagged as likely duplicates of each other. */
  twins: Record<Who, [string, string]>;
  evidence: string;
  program: string;
  lesson: string;
  receipt: string;
  receipts: Record<Who, string>;
}

interface Row {
  name: string;
  method: string;
  path: (n: Network & Doors, who: Who) => string;
  body?: (n: Network & Doors, who: Who) => unknown;
  headers?: Record<string, string>;
  /** Expected status for: anonymous, admin, coordHenan, coordGuangdong, agencyStaff, orgAdmin, orgMember, observer */
  expect: [number, number, number, number, number, number, number, number];
}

const ROWS: Row[] = [
  { name: 'health', method: 'GET', path: () => '/api/health', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  { name: 'ready', method: 'GET', path: () => '/api/ready', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  // The metrics answer this machine whoever is signed in, and nobody elsewhere without the metrics token.
  { name: 'metrics from loopback', method: 'GET', path: () => '/metrics', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  {
    name: 'metrics from elsewhere',
    method: 'GET',
    path: () => '/metrics',
    headers: { 'x-forwarded-for': '203.0.113.7' },
    expect: [403, 403, 403, 403, 403, 403, 403, 403],
  },
  { name: 'openapi', method: 'GET', path: () => '/api/openapi.json', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  { name: 'taxonomy', method: 'GET', path: () => '/api/v1/taxonomy', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  {
    name: 'cooperation modes of an area',
    method: 'GET',
    path: () => '/api/v1/analytics/cooperation-modes?jurisdiction=410100&to=2026-01-01',
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'function-map coverage of an area',
    method: 'GET',
    path: () => '/api/v1/analytics/function-coverage?jurisdiction=410000&from=2025-01-01&to=2026-12-31',
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'special-needs coverage of an area',
    method: 'GET',
    path: () => '/api/v1/analytics/special-needs?jurisdiction=410100',
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'lifecycle fragmentation of an area',
    method: 'GET',
    path: () => '/api/v1/analytics/lifecycle?jurisdiction=410100',
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'collaboration graph of an area',
    method: 'GET',
    path: () => '/api/v1/analytics/collaboration?jurisdiction=410000',
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'the four principles of an area',
    method: 'GET',
    path: () => '/api/v1/analytics/principles?jurisdiction=410000',
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'substitution over an incident',
    method: 'GET',
    path: (n) => `/api/v1/analytics/substitution?incidentId=${n.incident}`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: '3W of an area',
    method: 'GET',
    path: () => '/api/v1/analytics/who-what-where?jurisdiction=410100',
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'annual network report',
    method: 'GET',
    path: () => '/api/v1/analytics/annual-report?jurisdiction=410100&year=2026',
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'record a lesson learned',
    method: 'POST',
    path: () => '/api/v1/lessons',
    body: (_n, who) => ({ kind: 'lesson', title: `经验-${who}`, body: '提前转移车辆', jurisdiction: '410105' }),
    expect: [401, 201, 201, 201, 201, 201, 201, 403],
  },
  {
    name: 'record an after-action review',
    method: 'POST',
    path: () => '/api/v1/lessons',
    body: (n, who) => ({
      kind: 'after_action_review',
      title: `复盘-${who}`,
      body: '复盘内容',
      jurisdiction: '410100',
      incidentId: n.incident,
    }),
    expect: [401, 201, 201, 403, 403, 403, 403, 403],
  },
  {
    name: 'search lessons',
    method: 'GET',
    path: () => '/api/v1/lessons?q=%E8%BD%A6%E8%BE%86',
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'one lesson',
    method: 'GET',
    path: (n) => `/api/v1/lessons/${n.lesson}`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'record a program',
    method: 'POST',
    path: () => '/api/v1/programs',
    body: (n, who) => ({
      title: `防汛演练-${who}`,
      kind: 'drill',
      cell: { strategy: 'action', phase: 'risk' },
      stage: 'preparedness',
      leadOrganizationId: n.orgs.zhengzhouTeam,
      jurisdictions: ['410102'],
      startsOn: '2026-05-01',
      cooperationType: 'learning',
    }),
    expect: [401, 201, 201, 403, 403, 201, 403, 403],
  },
  {
    name: 'programs',
    method: 'GET',
    path: () => '/api/v1/programs?jurisdiction=410100',
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'one program',
    method: 'GET',
    path: (n) => `/api/v1/programs/${n.program}`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  { name: 'map settings', method: 'GET', path: () => '/api/v1/map-settings', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  { name: 'provinces', method: 'GET', path: () => '/api/v1/jurisdictions', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  {
    name: 'one division',
    method: 'GET',
    path: () => '/api/v1/jurisdictions/410102',
    expect: [200, 200, 200, 200, 200, 200, 200, 200],
  },
  { name: 'setup status', method: 'GET', path: () => '/api/v1/setup', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  {
    name: 'setup again',
    method: 'POST',
    path: () => '/api/v1/setup',
    body: (_n, who) => ({ email: `${who}.setup@example.cn`, password: 'correct-horse-42' }),
    expect: [409, 409, 409, 409, 409, 409, 409, 409],
  },
  { name: 'API docs', method: 'GET', path: () => '/api/docs', expect: [200, 200, 200, 200, 200, 200, 200, 200] },
  {
    name: 'sign in with a wrong password',
    method: 'POST',
    path: () => '/api/v1/auth/login',
    body: (_n, who) => ({ email: `nobody-${who}@example.cn`, password: 'wrong-password-1' }),
    expect: [401, 401, 401, 401, 401, 401, 401, 401],
  },
  {
    name: 'token with a wrong password',
    method: 'POST',
    path: () => '/api/v1/auth/token',
    body: (_n, who) => ({ email: `nobody-${who}@example.cn`, password: 'wrong-password-1' }),
    expect: [401, 401, 401, 401, 401, 401, 401, 401],
  },
  {
    name: 'change own password without the current one',
    method: 'POST',
    path: () => '/api/v1/auth/password',
    body: () => ({ currentPassword: 'not-my-password-1', newPassword: 'whatever-pass-99' }),
    expect: [401, 401, 401, 401, 401, 401, 401, 401],
  },
  { name: 'session', method: 'GET', path: () => '/api/v1/auth/session', expect: [401, 200, 200, 200, 200, 200, 200, 200] },
  { name: 'directory', method: 'GET', path: () => '/api/v1/organizations', expect: [401, 200, 200, 200, 200, 200, 200, 200] },
  {
    name: 'directory filtered',
    method: 'GET',
    path: () => '/api/v1/organizations?jurisdiction=410000&cell=action:crisis',
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'profile',
    method: 'GET',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouTeam}`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'register an organization in Zhengzhou',
    method: 'POST',
    path: () => '/api/v1/organizations',
    body: (_n, who) => ({ kind: 'community_group', name: `金水区互助会-${who}`, jurisdictions: ['410105'] }),
    expect: [401, 201, 201, 403, 403, 403, 403, 403],
  },
  {
    name: 'edit the Zhengzhou team',
    method: 'PATCH',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouTeam}`,
    body: (_n, who) => ({ supervisingAgency: `郑州市民政局 (${who})` }),
    expect: [401, 200, 200, 403, 403, 200, 403, 403],
  },
  {
    name: 'edit the Guangzhou team',
    method: 'PATCH',
    path: (n) => `/api/v1/organizations/${n.orgs.guangzhouTeam}`,
    body: (_n, who) => ({ supervisingAgency: `广州市民政局 (${who})` }),
    expect: [401, 200, 403, 200, 403, 403, 403, 403],
  },
  {
    name: 'embedding of the Zhengzhou team',
    method: 'GET',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouTeam}/embedding`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'declare a filing for the Zhengzhou team',
    method: 'POST',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouTeam}/filings`,
    body: (_n, who) => ({ department: '郑州市应急管理局', filedOn: '2025-04-01', reference: `备案-${who}` }),
    expect: [401, 201, 201, 403, 403, 201, 403, 403],
  },
  {
    name: 'declare an agreement of the Zhengzhou team',
    method: 'POST',
    path: () => '/api/v1/agreements',
    body: (n) => ({
      organizationId: n.orgs.zhengzhouTeam,
      counterpartId: n.orgs.henanAgency,
      type: 'mou',
      validFrom: '2025-01-01',
    }),
    expect: [401, 201, 201, 403, 403, 201, 403, 403],
  },
  {
    name: 'declare a seat of the Zhengzhou team',
    method: 'POST',
    path: () => '/api/v1/seats',
    body: (n) => ({
      organizationId: n.orgs.zhengzhouTeam,
      structure: '郑州市防汛指挥部',
      subsystem: 'information',
      liaisonName: '孙',
      from: '2025-01-01',
    }),
    expect: [401, 201, 201, 403, 403, 201, 403, 403],
  },
  {
    name: 'verify a filing',
    method: 'POST',
    path: (n, who) => `/api/v1/filings/${n.filings[who]}/verify`,
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'verify an agreement',
    method: 'POST',
    path: (n, who) => `/api/v1/agreements/${n.agreements[who]}/verify`,
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'verify a seat',
    method: 'POST',
    path: (n, who) => `/api/v1/seats/${n.seats[who]}/verify`,
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'verify the Zhengzhou team’s name',
    method: 'POST',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouTeam}/verify`,
    body: () => ({ fields: ['name', 'jurisdictions'] }),
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'capacity of the Zhengzhou team',
    method: 'GET',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouTeam}/capacity`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'declare capacity for the Zhengzhou team',
    method: 'POST',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouTeam}/capacity`,
    body: () => ({ kind: 'boat', type: '橡皮艇', typeLevel: 3, quantity: 2 }),
    expect: [401, 201, 201, 403, 403, 201, 403, 403],
  },
  {
    name: 'change a capacity item',
    method: 'PATCH',
    path: (n) => `/api/v1/capacity/${n.capacities.anonymous}`,
    body: () => ({ quantity: 5 }),
    expect: [401, 200, 200, 403, 403, 200, 403, 403],
  },
  {
    name: 'declare a rescue specialty',
    method: 'POST',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouTeam}/specialties`,
    body: () => ({ specialty: 'building_collapse', grade: 2, assessedBy: '河南省应急管理厅', validUntil: '2028-01-01' }),
    expect: [401, 201, 201, 403, 403, 201, 403, 403],
  },
  {
    name: 'volunteers of the Zhengzhou team',
    method: 'GET',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouTeam}/volunteers`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'add a volunteer',
    method: 'POST',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouTeam}/volunteers`,
    body: (_n, who) => ({ name: `志愿者-${who}`, skills: ['急救'] }),
    expect: [401, 201, 201, 403, 403, 201, 403, 403],
  },
  {
    name: 'change a volunteer',
    method: 'PATCH',
    path: (n) => `/api/v1/volunteers/${n.volunteers.anonymous}`,
    body: () => ({ availability: 'limited' }),
    expect: [401, 200, 200, 403, 403, 200, 403, 403],
  },
  {
    name: 'verify a capacity item',
    method: 'POST',
    path: (n, who) => `/api/v1/capacity/${n.capacities[who]}/verify`,
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'verify a specialty',
    method: 'POST',
    path: (n, who) => `/api/v1/specialties/${n.specialties[who]}/verify`,
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'verify a volunteer record',
    method: 'POST',
    path: (n, who) => `/api/v1/volunteers/${n.volunteers[who]}/verify`,
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'download the roster template',
    method: 'GET',
    path: () => '/api/v1/imports/organizations/template?format=csv',
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'import a roster',
    method: 'POST',
    path: () => '/api/v1/imports/organizations?fileName=roster.csv',
    headers: { 'content-type': 'text/csv' },
    body: (_n, who) => `组织名称,组织类型,服务区域代码\n导入队-${who},救援队,410105\n`,
    // Coordinators may import; rows outside their area are refused one by one inside the job.
    expect: [401, 202, 202, 202, 403, 403, 403, 403],
  },
  {
    name: 'follow an import started by the admin',
    method: 'GET',
    path: (n) => `/api/v1/imports/${n.adminImport}`,
    expect: [401, 200, 403, 403, 403, 403, 403, 403],
  },
  {
    name: 'export the directory',
    method: 'GET',
    path: () => '/api/v1/organizations/export?format=csv&jurisdiction=410000',
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  { name: 'incidents', method: 'GET', path: () => '/api/v1/incidents', expect: [401, 200, 200, 200, 200, 200, 200, 200] },
  {
    name: 'declare an incident in Zhengzhou',
    method: 'POST',
    path: () => '/api/v1/incidents',
    body: (_n, who) => ({ name: `暴雨-${who}`, category: 'natural_disaster', type: '洪涝', level: 3, jurisdictions: ['410100'] }),
    expect: [401, 201, 201, 403, 403, 403, 403, 403],
  },
  {
    name: 'one incident',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'change an incident',
    method: 'PATCH',
    path: (n) => `/api/v1/incidents/${n.incident}`,
    body: (_n, who) => ({ description: `更新 ${who}` }),
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'move an incident to response',
    method: 'POST',
    path: (n, who) => `/api/v1/incidents/${n.incidents[who]}/stage`,
    body: () => ({ to: 'response' }),
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'deployments of an incident',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}/deployments`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'file a deployment for the Zhengzhou team',
    method: 'POST',
    path: (n) => `/api/v1/incidents/${n.incident}/deployments`,
    body: (n, who) => ({
      organizationId: n.orgs.zhengzhouTeam,
      teamName: `分队-${who}`,
      leaderName: '郑队长',
      leaderPhone: '13500135000',
      headcount: 6,
      origin: '410102',
    }),
    expect: [401, 201, 403, 403, 403, 201, 403, 403],
  },
  {
    name: 'alarms of an incident',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}/alarms`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'one deployment',
    method: 'GET',
    path: (n) => `/api/v1/deployments/${n.approvedDeployment}`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'approve a deployment',
    method: 'POST',
    path: (n, who) => `/api/v1/deployments/${n.deployments[who]}/transitions`,
    body: () => ({ to: 'approved' }),
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'check in a deployed team',
    method: 'POST',
    path: (n) => `/api/v1/deployments/${n.approvedDeployment}/check-ins`,
    body: () => ({ note: '到达集结点' }),
    expect: [401, 200, 200, 403, 403, 200, 200, 403],
  },
  {
    name: 'report a need',
    method: 'POST',
    path: (n) => `/api/v1/incidents/${n.incident}/needs`,
    body: (_n, who) => ({
      title: `需要食物-${who}`,
      category: 'food',
      quantity: 5,
      jurisdiction: '410105',
      lat: 30 + WHO.indexOf(who),
      lon: 100,
    }),
    expect: [401, 201, 201, 403, 201, 201, 201, 403],
  },
  {
    name: 'needs of an incident',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}/needs`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'the board’s map of needs',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}/need-map?bbox=33,112,36,115`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  { name: 'one need', method: 'GET', path: (n) => `/api/v1/needs/${n.need}`, expect: [401, 200, 200, 200, 200, 200, 200, 200] },
  {
    name: 'recommendations for a need',
    method: 'GET',
    path: (n) => `/api/v1/needs/${n.need}/recommendations`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'claim for the Zhengzhou team',
    method: 'POST',
    path: (n) => `/api/v1/needs/${n.bigNeed}/claims`,
    body: (n) => ({ organizationId: n.orgs.zhengzhouTeam, quantity: 1 }),
    expect: [401, 201, 403, 403, 403, 201, 201, 403],
  },
  {
    name: 'dispatch to the Zhengzhou team',
    method: 'POST',
    path: (n) => `/api/v1/needs/${n.bigNeed}/dispatch`,
    body: (n) => ({ organizationId: n.orgs.zhengzhouTeam, quantity: 1 }),
    expect: [401, 201, 201, 403, 403, 403, 403, 403],
  },
  {
    name: 'report progress on the team’s claim',
    method: 'POST',
    path: (n) => `/api/v1/claims/${n.heldClaim}/progress`,
    body: () => ({ note: '已送达一批' }),
    expect: [401, 200, 403, 403, 403, 200, 200, 403],
  },
  {
    name: 'release a claim',
    method: 'POST',
    path: (n, who) => `/api/v1/claims/${n.claims[who]}/release`,
    body: () => ({ reason: '人手不足' }),
    expect: [401, 200, 200, 403, 403, 200, 200, 403],
  },
  {
    name: 'accept a dispatch',
    method: 'POST',
    path: (n, who) => `/api/v1/claims/${n.offers[who]}/answer`,
    body: () => ({ accept: true }),
    expect: [401, 200, 403, 403, 403, 200, 200, 403],
  },
  {
    name: 'close a need',
    method: 'POST',
    path: (n, who) => `/api/v1/needs/${n.needs[who]}/close`,
    body: () => ({ reason: 'referred', note: '已转交街道' }),
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'verify a need',
    method: 'POST',
    path: (n) => `/api/v1/needs/${n.need}/verify`,
    body: () => ({ level: 'verified' }),
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'merge a duplicate need',
    method: 'POST',
    path: (n, who) => `/api/v1/needs/${n.duplicates[who]}/merge`,
    body: (n) => ({ into: n.need }),
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'dismiss a duplicate flag',
    method: 'POST',
    path: (n, who) => `/api/v1/needs/${n.twins[who][1]}/duplicates/${n.twins[who][0]}/dismiss`,
    expect: [401, 204, 204, 403, 403, 403, 403, 403],
  },
  {
    name: 'an evidence photo of a need the team holds',
    method: 'GET',
    path: (n) => `/api/v1/needs/${n.bigNeed}/evidence/${n.evidence}`,
    expect: [401, 200, 200, 403, 403, 200, 200, 403],
  },
  {
    name: 'attach evidence to a need the team holds',
    method: 'POST',
    path: (n) => `/api/v1/needs/${n.bigNeed}/evidence`,
    headers: { 'content-type': 'image/png' },
    body: () => Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    expect: [401, 201, 201, 403, 403, 201, 201, 403],
  },
  {
    name: 'public incidents',
    method: 'GET',
    path: () => '/api/v1/public/incidents',
    expect: [200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'public map',
    method: 'GET',
    path: (n) => `/api/v1/public/incidents/${n.incident}/needs`,
    expect: [200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'public report',
    method: 'POST',
    path: () => '/api/v1/public/needs',
    body: (n, who) => ({
      incidentId: n.incident,
      title: `被困-${who}`,
      category: 'search_rescue',
      jurisdiction: '410105',
      lat: 20 + WHO.indexOf(who),
      lon: 100,
    }),
    expect: [201, 201, 201, 201, 201, 201, 201, 201],
  },
  {
    name: 'follow a receipt',
    method: 'GET',
    path: (n) => `/api/v1/public/receipts/${n.receipt}`,
    expect: [200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'resolve by receipt',
    method: 'POST',
    path: (n, who) => `/api/v1/public/receipts/${n.receipts[who]}/resolve`,
    expect: [200, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'move the Zhengzhou team to Shanghai',
    method: 'PATCH',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouTeam}`,
    body: () => ({ jurisdictions: ['310104'] }),
    // The admin moves it first; from then on neither coordinator's area holds it, while its own admin still may edit.
    expect: [401, 200, 403, 403, 403, 200, 403, 403],
  },
  {
    name: 'archive the spare Zhengzhou organization',
    method: 'POST',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouSpare}/archive`,
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'apply to join (public door)',
    method: 'POST',
    path: () => '/api/v1/applications',
    body: (_n, who) => ({
      organization: { kind: 'grassroots_group', name: `互助队-${who}`, jurisdictions: ['410105'] },
      contact: { name: '申请人', phone: '13800138000' },
    }),
    expect: [201, 201, 201, 201, 201, 201, 201, 201],
  },
  { name: 'review queue', method: 'GET', path: () => '/api/v1/applications', expect: [401, 200, 200, 200, 403, 403, 403, 403] },
  {
    name: 'one application',
    method: 'GET',
    path: (n, who) => `/api/v1/applications/${n.applications[who]}`,
    expect: [401, 200, 200, 200, 403, 403, 403, 403],
  },
  {
    name: 'decide an application from Zhengzhou',
    method: 'POST',
    path: (n, who) => `/api/v1/applications/${n.applications[who]}/decision`,
    body: () => ({ decision: 'admit', reason: '材料齐全' }),
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'membership of the Zhengzhou team',
    method: 'GET',
    path: (n) => `/api/v1/organizations/${n.orgs.zhengzhouTeam}/membership`,
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  {
    name: 'move a Zhengzhou applicant along the lifecycle',
    method: 'POST',
    path: (n, who) => `/api/v1/organizations/${n.candidates[who]}/membership/transitions`,
    body: () => ({
      to: 'cultivation',
      reason: '纳入培育',
      plan: { goals: ['参加培训'], mentorOrganizationId: null, reviewOn: '2027-06-30' },
    }),
    expect: [401, 200, 200, 403, 403, 403, 403, 403],
  },
  {
    name: 'cultivation desk',
    method: 'GET',
    path: () => '/api/v1/membership/desk',
    expect: [401, 200, 200, 200, 403, 403, 403, 403],
  },
  { name: 'list accounts', method: 'GET', path: () => '/api/v1/users', expect: [401, 200, 403, 403, 403, 200, 403, 403] },
  {
    name: 'create a member of the Zhengzhou team',
    method: 'POST',
    path: () => '/api/v1/users',
    body: (n, who) => ({
      email: `new-${who}@example.cn`,
      password: 'correct-horse-42',
      role: 'org_member',
      organizationId: n.orgs.zhengzhouTeam,
    }),
    expect: [401, 201, 403, 403, 403, 201, 403, 403],
  },
  {
    name: 'create a coordinator',
    method: 'POST',
    path: () => '/api/v1/users',
    body: (_n, who) => ({
      email: `coord-${who}@example.cn`,
      password: 'correct-horse-42',
      role: 'coordinator',
      jurisdiction: '410100',
    }),
    expect: [401, 201, 403, 403, 403, 403, 403, 403],
  },
  {
    name: 'read the member',
    method: 'GET',
    path: (n) => `/api/v1/users/${n.users.orgMember.id}`,
    expect: [401, 200, 403, 403, 403, 200, 200, 403],
  },
  {
    name: 'rename the member',
    method: 'PATCH',
    path: (n) => `/api/v1/users/${n.users.orgMember.id}`,
    body: (_n, who) => ({ displayName: `队员 (${who})` }),
    expect: [401, 200, 403, 403, 403, 200, 200, 403],
  },
  {
    name: 'reset the second member’s password',
    method: 'POST',
    path: (n) => `/api/v1/users/${n.users.member2.id}/password`,
    body: () => ({ password: 'reset-password-77' }),
    expect: [401, 204, 403, 403, 403, 204, 403, 403],
  },
  { name: 'audit log', method: 'GET', path: () => '/api/v1/audit', expect: [401, 200, 403, 403, 403, 403, 403, 403] },
  { name: 'audit verify', method: 'GET', path: () => '/api/v1/audit/verify', expect: [401, 200, 403, 403, 403, 403, 403, 403] },
  // A person's data on request: admins and coordinators (who then reach only their incidents' people: none has this receipt).
  {
    name: 'export one person’s data',
    method: 'GET',
    path: () => '/api/v1/personal-data?receipt=NOSUCH23',
    expect: [401, 404, 404, 404, 403, 403, 403, 403],
  },
  {
    name: 'erase one person’s data',
    method: 'POST',
    path: () => '/api/v1/personal-data/erasures',
    body: () => ({ receipt: 'NOSUCH23' }),
    expect: [401, 404, 404, 404, 403, 403, 403, 403],
  },
  // Last: the second member's role changes for good here.
  {
    name: 'promote the second member to platform admin',
    method: 'PATCH',
    path: (n) => `/api/v1/users/${n.users.member2.id}`,
    body: () => ({ role: 'platform_admin', organizationId: null }),
    expect: [401, 200, 403, 403, 403, 403, 403, 403],
  },
  // Very last: every token ends here.
  {
    name: 'sign out (ends each token)',
    method: 'POST',
    path: () => '/api/v1/auth/logout',
    expect: [401, 204, 204, 204, 204, 204, 204, 204],
  },
  {
    name: 'signed out tokens no longer work',
    method: 'GET',
    path: () => '/api/v1/organizations',
    expect: [401, 401, 401, 401, 401, 401, 401, 401],
  },
];

describeEachDatabase('permissions of every route', (t) => {
  let app: App;
  let network: Network & Doors;
  beforeAll(async () => {
    app = await testApp(t().deps);
    const built = await buildNetwork(t().deps);
    const doors: Doors = {
      applications: {} as Record<Who, string>,
      candidates: {} as Record<Who, string>,
      filings: {} as Record<Who, string>,
      agreements: {} as Record<Who, string>,
      seats: {} as Record<Who, string>,
      capacities: {} as Record<Who, string>,
      specialties: {} as Record<Who, string>,
      volunteers: {} as Record<Who, string>,
      incident: '',
      incidents: {} as Record<Who, string>,
      deployments: {} as Record<Who, string>,
      approvedDeployment: '',
      need: '',
      bigNeed: '',
      heldClaim: '',
      claims: {} as Record<Who, string>,
      offers: {} as Record<Who, string>,
      needs: {} as Record<Who, string>,
      duplicates: {} as Record<Who, string>,
      twins: {} as Record<Who, [string, string]>,
      evidence: '',
      program: '',
      lesson: '',
      receipt: '',
      receipts: {} as Record<Who, string>,
    };
    const flood = {
      name: '郑州暴雨',
      category: 'natural_disaster' as const,
      type: '洪涝',
      level: 2 as const,
      jurisdictions: ['410100'],
    };
    const filing = {
      organizationId: built.orgs.zhengzhouTeam,
      teamName: '一分队',
      leaderName: '郑队长',
      leaderPhone: '13500135000',
      headcount: 8,
      origin: '410102',
    };
    doors.incident = (await declareIncident(t().deps, SYSTEM, flood)).id;
    doors.approvedDeployment = (await fileDeployment(t().deps, SYSTEM, doors.incident, filing)).id;
    await moveDeployment(t().deps, SYSTEM, doors.approvedDeployment, { to: 'approved' });
    const team = built.orgs.zhengzhouTeam;
    let spot = 0;
    const report = async (title: string, quantity = 1) => {
      spot += 1;
      const outcome = await reportNeed(t().deps, SYSTEM, doors.incident, {
        title,
        category: 'food',
        quantity,
        jurisdiction: '410105',
        lat: 34 + spot * 0.05,
        lon: 113 + spot * 0.05,
      });
      if (outcome.replayed) throw new Error('fresh need expected');
      return outcome.reported.need.id;
    };
    doors.need = await report('安置点需要食物');
    doors.bigNeed = await report('需要大量饮用水', 10_000);
    doors.heldClaim = (await claimNeed(t().deps, SYSTEM, doors.bigNeed, { organizationId: team, quantity: 1 })).claim.id;
    const publicReport = async (title: string) => {
      spot += 1;
      const outcome = await reportPublicNeed(t().deps, doors.incident, {
        title,
        category: 'shelter',
        jurisdiction: '410105',
        lat: 34 + spot * 0.05,
        lon: 113 + spot * 0.05,
      });
      if (outcome.replayed) throw new Error('fresh need expected');
      return outcome.reported.need.receiptCode as string;
    };
    doors.receipt = await publicReport('公众求助');
    doors.lesson = (
      await recordLesson(t().deps, SYSTEM, {
        kind: 'experience',
        title: '沙袋提前储备',
        body: '汛前储备沙袋',
        jurisdiction: '410102',
      })
    ).id;
    doors.program = (
      await createProgram(t().deps, SYSTEM, {
        title: '社区风险评估',
        kind: 'risk_assessment',
        cell: { strategy: 'technology', phase: 'risk' },
        stage: 'mitigation',
        leadOrganizationId: team,
        jurisdictions: ['410102'],
        startsOn: '2026-03-01',
        cooperationType: 'technique',
      })
    ).id;
    doors.evidence = (
      await addEvidence(t().deps, SYSTEM, doors.bigNeed, {
        content: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
        contentType: 'image/png',
      })
    ).file;
    for (const who of WHO) {
      const apply = (name: string) =>
        submitApplication(t().deps, {
          organization: { kind: 'rescue_team', name, jurisdictions: ['410102'] },
          contact: { name: '联系人', phone: '13900139000' },
        });
      doors.applications[who] = (await apply(`申请队-${who}`)).application.id;
      doors.candidates[who] = (await apply(`候选队-${who}`)).organization.id;
      doors.filings[who] = (
        await fileFiling(t().deps, SYSTEM, team, { department: '郑州市应急管理局', filedOn: '2025-01-01' })
      ).id;
      doors.agreements[who] = (
        await declareAgreement(t().deps, SYSTEM, {
          organizationId: team,
          counterpartId: built.orgs.henanAgency,
          type: 'emergency_plan',
          validFrom: '2025-01-01',
        })
      ).id;
      doors.incidents[who] = (
        await declareIncident(t().deps, SYSTEM, { ...flood, name: `演练-${who}`, stage: 'preparedness' })
      ).id;
      doors.deployments[who] = (await fileDeployment(t().deps, SYSTEM, doors.incident, filing)).id;
      doors.claims[who] = (await claimNeed(t().deps, SYSTEM, doors.bigNeed, { organizationId: team, quantity: 1 })).claim.id;
      doors.offers[who] = (await dispatchNeed(t().deps, SYSTEM, doors.bigNeed, { organizationId: team, quantity: 1 })).claim.id;
      doors.needs[who] = await report(`待关闭-${who}`);
      doors.duplicates[who] = await report(`重复-${who}`);
      const twin = async () => {
        const outcome = await reportNeed(t().deps, SYSTEM, doors.incident, {
          title: `同一电话两次求助-${who}`,
          category: 'food',
          jurisdiction: '410105',
          lat: 33.5,
          lon: 112.5,
          contactPhone: `1390000${String(WHO.indexOf(who)).padStart(4, '0')}`,
        });
        if (outcome.replayed) throw new Error('fresh need expected');
        return outcome.reported.need.id;
      };
      doors.twins[who] = [await twin(), await twin()];
      doors.receipts[who] = await publicReport(`待解决-${who}`);
      doors.capacities[who] = (
        await declareCapacity(t().deps, SYSTEM, team, { kind: 'vehicle', type: '越野车', typeLevel: 2, quantity: 2 })
      ).id;
      doors.specialties[who] = (
        await declareSpecialty(t().deps, SYSTEM, team, {
          specialty: 'water',
          grade: 2,
          assessedBy: '郑州市应急管理局',
          validUntil: '2027-12-31',
        })
      ).id;
      doors.volunteers[who] = (await addVolunteer(t().deps, SYSTEM, team, { name: `队员${who}` })).id;
      doors.seats[who] = (
        await declareSeat(t().deps, SYSTEM, {
          organizationId: team,
          structure: '指挥部',
          subsystem: 'assessment',
          liaisonName: '周',
          from: '2025-01-01',
        })
      ).id;
    }
    const started = await call(app, 'POST', '/api/v1/imports/organizations', {
      token: built.tokens.admin,
      body: '组织名称,组织类型,服务区域代码\n管理员导入队,救援队,410105\n',
      headers: { 'content-type': 'text/csv' },
    });
    doors.adminImport = String(started.json.id);
    network = { ...built, ...doors };
  });

  it('lets a coordinator edit inside their area but not move an organization out of it', async () => {
    const path = `/api/v1/organizations/${network.orgs.zhengzhouTeam}`;
    const out = await call(app, 'PATCH', path, { token: network.tokens.coordHenan, body: { jurisdictions: ['440100'] } });
    expect(out.json).toMatchObject({ status: 403, code: 'out_of_scope', field: 'jurisdictions' });
    const inside = await call(app, 'PATCH', path, {
      token: network.tokens.coordHenan,
      body: { jurisdictions: ['410102', '410105'] },
    });
    expect(inside.status).toBe(200);
    const byOtherAdmin = await call(app, 'PATCH', `/api/v1/organizations/${network.orgs.guangzhouTeam}`, {
      token: network.tokens.orgAdmin,
      body: { name: '抢注' },
    });
    expect(byOtherAdmin.json).toMatchObject({ status: 403, code: 'out_of_scope' });
    const toGovernment = await call(app, 'PATCH', path, { token: network.tokens.orgAdmin, body: { kind: 'government_agency' } });
    expect(toGovernment.json).toMatchObject({ status: 403, code: 'forbidden', field: 'kind' });
  });

  it('never shows password hashes or sessions in any answer', async () => {
    const res = await call(app, 'GET', '/api/v1/users', { token: network.tokens.admin });
    expect(JSON.stringify(res.json)).not.toMatch(/argon2|passwordHash|password_hash/);
  });

  it('tells the editor and only the editor that they may edit', async () => {
    const path = `/api/v1/organizations/${network.orgs.guangzhouTeam}`;
    expect((await call(app, 'GET', path, { token: network.tokens.coordGuangdong })).json.viewerCanEdit).toBe(true);
    expect((await call(app, 'GET', path, { token: network.tokens.coordHenan })).json.viewerCanEdit).toBe(false);
    expect((await call(app, 'GET', path, { token: network.tokens.observer })).json.viewerCanEdit).toBe(false);
  });
  for (const row of ROWS) {
    it(`${row.method} ${row.name}`, async () => {
      const got: number[] = [];
      for (const who of WHO) {
        const token = who === 'anonymous' ? undefined : network.tokens[who];
        const res = await call(app, row.method, row.path(network, who), {
          token,
          body: row.body?.(network, who),
          headers: row.headers,
        });
        got.push(res.status);
        if (res.status >= 400) expect(res.headers['content-type'], `${who}`).toMatch(/application\/problem\+json/);
      }
      expect(Object.fromEntries(WHO.map((w, i) => [w, got[i]]))).toEqual(
        Object.fromEntries(WHO.map((w, i) => [w, row.expect[i]])),
      );
    });
  }
});
