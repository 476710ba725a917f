/**
 * The network of the privacy tests: the usual eight actors plus a coordinator of one county
 * (二七区, 410103, inside the Henan coordinator's province) and the admin of an organization
 * that holds none of the needs. Every personal and sensitive field of every record carries a
 * unique canary, so a test can search any answer for it.
 */
import type { Role } from '../../src/model/roles';
import { openSession } from '../../src/services/auth/sessions';
import { addVolunteer } from '../../src/services/capacity/manage-capacity';
import { activateCentre } from '../../src/services/command/activate-centre';
import type { Deps } from '../../src/services/context';
import { fileDeployment, moveDeployment } from '../../src/services/deployments/manage-deployments';
import { declareSeat } from '../../src/services/embedding/declare-embedding';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { createWarehouse } from '../../src/services/inventory/create-warehouse';
import { recordMovement } from '../../src/services/inventory/record-movement';
import { submitApplication } from '../../src/services/membership/applications';
import { recordDisbursement, recordMoneyReceipt } from '../../src/services/money/record-money';
import { claimNeed, reportProgress } from '../../src/services/needs/claims';
import { addEvidence, closeNeed } from '../../src/services/needs/manage-needs';
import { type NeedInput, reportNeed, reportPublicNeed } from '../../src/services/needs/report-need';
import { deploymentPass } from '../../src/services/passes/issue-pass';
import { proposeAllocation } from '../../src/services/resources/allocation-plans';
import { commitAllocation } from '../../src/services/resources/commit-allocation';
import { moveShipmentTo } from '../../src/services/resources/move-shipment';
import { offerPublicly, recordOrganizationOffer } from '../../src/services/resources/offers';
import { createUser } from '../../src/services/users/manage-users';
import { type ActorName, buildNetwork, type Network, PASSWORD, SYSTEM } from './fixtures';

export type Who = 'anonymous' | ActorName | 'coordCounty' | 'otherOrg';
export const EVERYONE: Who[] = [
  'anonymous',
  'admin',
  'coordHenan',
  'coordGuangdong',
  'agencyStaff',
  'orgAdmin',
  'orgMember',
  'observer',
  'coordCounty',
  'otherOrg',
];

/** The exact places of the needs: digits that appear nowhere else, and the public grid cells they fall in. */
export const PLACES = {
  heldNeed: { lat: 34.7812345, lon: 113.6598765, grid: { lat: 34.785, lon: 113.655 } },
  countyNeed: { lat: 34.7187654, lon: 113.6012345, grid: { lat: 34.715, lon: 113.605 } },
  closedNeed: { lat: 34.7923456, lon: 113.6734567, grid: { lat: 34.795, lon: 113.675 } },
  publicNeed: { lat: 34.7034567, lon: 113.6145678, grid: { lat: 34.705, lon: 113.615 } },
  publicOffer: { lat: 34.7456789, lon: 113.6456789, grid: { lat: 34.745, lon: 113.645 } },
};

export interface PrivacyNetwork extends Network {
  tokens: Network['tokens'] & { coordCounty: string; otherOrg: string };
  incident: string;
  /** In 金水区 (410105), held by the Zhengzhou team. */
  heldNeed: string;
  heldClaim: string;
  /** In 二七区 (410103), held by nobody: the county coordinator's. */
  countyNeed: string;
  /** In 金水区, closed with a note. */
  closedNeed: string;
  /** Reported by the public in 二七区. */
  publicNeed: string;
  receipt: string;
  evidence: string;
  volunteer: string;
  seat: string;
  application: string;
  deployment: string;
  /** An approved deployment of the team, led by the same canary leader, and its pass. */
  passDeployment: string;
  pass: string;
  /** A member of the Zhengzhou team whose name and e-mail are canaries. */
  canaryUser: string;
  /** Money offered by a member of the public, and a vehicle by the Zhengzhou team: donors are canaries. */
  publicOffer: string;
  teamOffer: string;
  /** The team's warehouse, which received goods for the incident. */
  warehouse: string;
  /** A plan that sent the warehouse's tents to a need, and its shipment, lost with a canary reason. */
  plan: string;
  shipment: string;
  /** The public donor's reference code. */
  donation: string;
}

const need = (title: string, place: { lat: number; lon: number }, jurisdiction: string, extra: Partial<NeedInput>) => ({
  title,
  category: 'food' as const,
  quantity: 5,
  jurisdiction,
  lat: place.lat,
  lon: place.lon,
  ...extra,
});

/** Builds the network with canaries in every personal and sensitive field. */
export async function buildPrivacyNetwork(deps: Deps): Promise<PrivacyNetwork> {
  const network = await buildNetwork(deps);
  const user = async (role: Role, name: string, extra: { organizationId?: string; jurisdiction?: string }) => {
    const created = await createUser(deps, SYSTEM, { email: `${name}@example.cn`, password: PASSWORD, role, ...extra });
    return (await openSession(deps, created, 'token')).secret;
  };
  const prefix = network.users.admin.email.split('.')[0];
  const tokens = {
    ...network.tokens,
    coordCounty: await user('coordinator', `${prefix}.coord-county`, { jurisdiction: '410103' }),
    otherOrg: await user('org_admin', `${prefix}.other-org`, { organizationId: network.orgs.zhengzhouSpare }),
  };
  const team = network.orgs.zhengzhouTeam;
  const incident = (
    await declareIncident(deps, SYSTEM, {
      name: '隐私演练暴雨',
      category: 'natural_disaster',
      type: '洪涝',
      level: 2,
      jurisdictions: ['410100'],
    })
  ).id;
  const report = async (input: NeedInput) => {
    const outcome = await reportNeed(deps, SYSTEM, incident, input);
    if (outcome.replayed) throw new Error('a fresh need was expected');
    return outcome.reported.need.id;
  };
  const heldNeed = await report(
    need('金水区孕妇需要转移', PLACES.heldNeed, '410105', {
      description: 'CANARY-HELD-DESCRIPTION',
      contactName: 'CANARY-HELD-CONTACT',
      contactPhone: '13911110001',
      address: 'CANARY-HELD-ADDRESS',
      vulnerableGroups: ['pregnant'],
    }),
  );
  const heldClaim = (await claimNeed(deps, SYSTEM, heldNeed, { organizationId: team, quantity: 2 })).claim.id;
  await reportProgress(deps, SYSTEM, heldClaim, { note: 'CANARY-HELD-PROGRESS' });
  const countyNeed = await report(
    need('二七区独居老人缺药', PLACES.countyNeed, '410103', {
      description: 'CANARY-COUNTY-DESCRIPTION',
      contactName: 'CANARY-COUNTY-CONTACT',
      contactPhone: '13911110002',
      address: 'CANARY-COUNTY-ADDRESS',
      vulnerableGroups: ['living_alone'],
    }),
  );
  const closedNeed = await report(
    need('金水区已处置求助', PLACES.closedNeed, '410105', {
      contactPhone: '13911110003',
      vulnerableGroups: ['disabled'],
    }),
  );
  await closeNeed(deps, SYSTEM, closedNeed, { reason: 'done_by_others', note: 'CANARY-CLOSED-NOTE' });
  const publicReport = await reportPublicNeed(
    deps,
    incident,
    need('二七区群众求助', PLACES.publicNeed, '410103', {
      category: 'shelter',
      description: 'CANARY-PUBLIC-DESCRIPTION',
      contactName: 'CANARY-PUBLIC-CONTACT',
      contactPhone: '13911110004',
      address: 'CANARY-PUBLIC-ADDRESS',
      vulnerableGroups: ['children'],
    }),
  );
  if (publicReport.replayed) throw new Error('a fresh need was expected');
  const evidence = (
    await addEvidence(deps, SYSTEM, heldNeed, {
      // A PNG signature followed by the canary: whoever gets the photo's bytes gets the canary.
      content: Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from('CANARY-HELD-PHOTO')]),
      contentType: 'image/png',
    })
  ).file;
  const volunteer = (await addVolunteer(deps, SYSTEM, team, { name: 'CANARY-VOLUNTEER-NAME', phone: '13911110005' })).id;
  const seat = (
    await declareSeat(deps, SYSTEM, {
      organizationId: team,
      structure: '郑州市防汛指挥部',
      subsystem: 'assessment',
      liaisonName: 'CANARY-SEAT-LIAISON',
      from: '2025-01-01',
    })
  ).id;
  // The team staffs the incident's coordination centre on its seat, with a liaison of its own.
  await activateCentre(deps, SYSTEM, incident, {
    reason: '启动现场协调中心',
    seats: [{ subsystem: 'assessment', organizationId: team, liaisonName: 'CANARY-CENTRE-LIAISON', liaisonPhone: '13911110008' }],
  });
  const application = (
    await submitApplication(deps, {
      organization: { kind: 'grassroots_group', name: '金水区互助小队', jurisdictions: ['410105'] },
      contact: { name: 'CANARY-APPLICANT-NAME', phone: '13911110006', email: 'canary-applicant@example.cn' },
    })
  ).application.id;
  const deployment = (
    await fileDeployment(deps, SYSTEM, incident, {
      organizationId: team,
      teamName: '一分队',
      leaderName: 'CANARY-LEADER-NAME',
      leaderPhone: '13911110007',
      headcount: 6,
      origin: '410102',
    })
  ).id;
  const passDeployment = (
    await fileDeployment(deps, SYSTEM, incident, {
      organizationId: team,
      teamName: '二分队',
      leaderName: 'CANARY-LEADER-NAME',
      leaderPhone: '13911110007',
      headcount: 4,
      origin: '410102',
    })
  ).id;
  await moveDeployment(deps, SYSTEM, passDeployment, { to: 'approved' });
  const pass = (await deploymentPass(deps, SYSTEM, passDeployment)).id;
  const canaryUser = (
    await createUser(deps, SYSTEM, {
      email: `${prefix}.canary-user@example.cn`,
      displayName: 'CANARY-USER-NAME',
      password: PASSWORD,
      role: 'org_member',
      organizationId: team,
    })
  ).id;
  const donated = await offerPublicly(deps, incident, {
    kind: 'money',
    amountFen: 20_000,
    jurisdiction: '410105',
    ...{ lat: PLACES.publicOffer.lat, lon: PLACES.publicOffer.lon },
    donorName: 'CANARY-DONOR-NAME',
    donorPhone: '13911110009',
    note: 'CANARY-DONOR-NOTE',
  });
  const publicOffer = donated.id;
  const teamOffer = (
    await recordOrganizationOffer(deps, SYSTEM, incident, {
      kind: 'vehicle',
      note: '冷链车一辆',
      jurisdiction: '410102',
      organizationId: team,
      donorName: 'CANARY-TEAM-DONOR',
      donorPhone: '13911110010',
    })
  ).id;
  const warehouse = (
    await createWarehouse(deps, SYSTEM, {
      name: '蓝天物资仓库',
      organizationId: team,
      jurisdiction: '410105',
      lat: 34.77,
      lon: 113.68,
    })
  ).id;
  await recordMovement(deps, SYSTEM, warehouse, { kind: 'receive', item: 'L1-0008', quantity: 20, incidentId: incident });
  await recordMovement(deps, SYSTEM, warehouse, { kind: 'issue', item: 'L1-0008', quantity: 5, incidentId: incident });
  // Tents for a shelter, allocated from the warehouse and lost on the way with a reason that names people.
  const tentNeed = await reportNeed(deps, SYSTEM, incident, {
    title: '安置点需要帐篷',
    category: 'shelter',
    item: 'L1-0008',
    quantity: 4,
    jurisdiction: '410105',
    lat: 34.76,
    lon: 113.66,
  });
  if (tentNeed.replayed) throw new Error('a fresh need was expected');
  const plan = await proposeAllocation(deps, SYSTEM, incident, {});
  const committed = await commitAllocation(deps, SYSTEM, plan.id);
  const shipment = committed.shipments[0].id;
  await moveShipmentTo(deps, SYSTEM, shipment, { to: 'lost', reason: 'CANARY-SHIPMENT-REASON' });
  // The public donor's money received by the team, part of it disbursed, and money it raised publicly without the qualification (flagged).
  await recordMoneyReceipt(deps, SYSTEM, incident, { organizationId: team, amountFen: 15_000, offerId: donated.id });
  await recordMoneyReceipt(deps, SYSTEM, incident, { organizationId: team, amountFen: 3_000, raisedPublicly: true });
  await recordDisbursement(deps, SYSTEM, incident, { organizationId: team, amountFen: 5_000, purpose: '采购饮用水' });
  return {
    ...network,
    tokens,
    incident,
    publicOffer,
    teamOffer,
    donation: donated.referenceCode,
    heldNeed,
    heldClaim,
    countyNeed,
    closedNeed,
    publicNeed: publicReport.reported.need.id,
    receipt: publicReport.reported.need.receiptCode as string,
    evidence,
    volunteer,
    seat,
    application,
    deployment,
    passDeployment,
    pass,
    canaryUser,
    warehouse,
    plan: plan.id,
    shipment,
  };
}

/** The bearer token of an actor (none for the public). */
export function tokenOf(network: PrivacyNetwork, who: Who): string | undefined {
  return who === 'anonymous' ? undefined : network.tokens[who];
}
