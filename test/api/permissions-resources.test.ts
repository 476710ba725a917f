/**
 * Offers, the not-needed list, the item catalogue, allocation plans, shipments, the donor's path,
 * the transparency page and the ledger over HTTP: every route against every role, with the
 * outcomes written out by hand from the README's roles and "Who sees what" tables — not derived
 * from the policy code — and the bodies each reader gets: a donor's name and phone only for the
 * incident's coordinators and the offering organization, a shipment's reason for a loss only for
 * them and the carrier, a need's exact place only for those whose area holds it, its vulnerable
 * groups and contact never through a plan or a shipment.
 *
 * Scope: the incident covers 郑州 (410100); its needs are in 金水区 (410105). The Henan coordinator
 * covers 410000; the district coordinator 中原区 (410102), which shares ground with the incident
 * but does not hold the needs; the Guangdong coordinator 440000. The Zhengzhou team holds the
 * warehouse, offers goods and carries the shipments (its admin and a plain member); the
 * community centre reported the needs the shipments go to (the receiver); the Guangzhou team is
 * unrelated; agency staff belong to the Henan agency.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { supplyKey } from '../../src/model/allocation';
import type { Role } from '../../src/model/roles';
import { openSession } from '../../src/services/auth/sessions';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { createWarehouse } from '../../src/services/inventory/create-warehouse';
import { recordMovement } from '../../src/services/inventory/record-movement';
import { editAllocation, proposeAllocation } from '../../src/services/resources/allocation-plans';
import { commitAllocation } from '../../src/services/resources/commit-allocation';
import { moveShipmentTo } from '../../src/services/resources/move-shipment';
import { markNotNeeded } from '../../src/services/resources/needed-now';
import { offerPublicly, recordOrganizationOffer } from '../../src/services/resources/offers';
import { createUser } from '../../src/services/users/manage-users';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, PASSWORD, SYSTEM } from '../support/fixtures';

type Who = 'anonymous' | ActorName | 'coordDistrict' | 'otherAdmin' | 'receiver';
const WHO: Who[] = [
  'anonymous',
  'admin',
  'coordHenan',
  'coordDistrict',
  'coordGuangdong',
  'agencyStaff',
  'orgAdmin',
  'orgMember',
  'otherAdmin',
  'receiver',
  'observer',
];

const WATER = 'L1-0001';
const TENT = 'L1-0008';
const QUILT = 'L1-0011';
/** Items marked not needed beforehand, one per reader, so each may take its own off the list. */
const MARKED: Record<Who, string> = {
  anonymous: 'L1-0012',
  admin: 'L1-0013',
  coordHenan: 'L1-0014',
  coordDistrict: 'L1-0015',
  coordGuangdong: 'L1-0016',
  agencyStaff: 'L1-0017',
  orgAdmin: 'L1-0018',
  orgMember: 'L1-0019',
  otherAdmin: 'L2-0001',
  receiver: 'L2-0002',
  observer: 'L2-0003',
};

/** What must never reach a reader through an offer, a plan or a shipment unless the policy says so. */
const NEED_PLACE = { lat: 34.781234, lon: 113.663456 };
const NEED_CONTACT = { contactName: '安置点负责人王', contactPhone: '13900002222', address: '金水区花园路 8 号安置点' };
const PUBLIC_DONOR = { donorName: '捐赠人钱女士', donorPhone: '13711112222', note: '钱女士家中自提' };
const PUBLIC_DONOR_PLACE = { lat: 34.762345, lon: 113.651234 };
const TEAM_DONOR = { donorName: '蓝天联络员孙', donorPhone: '13655556666' };
const LOST_REASON = '司机周师傅（13812345678）车辆侧翻';

interface Doors {
  incident: string;
  warehouse: string;
  bigNeed: string;
  reference: string;
  publicOffer: string;
  teamOffer: string;
  lostShipment: string;
  shipmentPlan: string;
  offers: Record<Who, string>;
  shipments: Record<Who, string>;
  editPlans: Record<Who, string>;
  commitPlans: Record<Who, string>;
  discardPlans: Record<Who, string>;
  extraTokens: Record<'coordDistrict' | 'otherAdmin' | 'receiver', string>;
}

type N = Network & Doors;

type Expect = [number, number, number, number, number, number, number, number, number, number, number];

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: (n: N, who: Who) => string;
  body?: (n: N, who: Who) => unknown;
  /** anonymous, admin, coordHenan, coordDistrict, coordGuangdong, agencyStaff, orgAdmin, orgMember, otherAdmin, receiver, observer */
  expect: Expect;
}

const EVERYONE: Expect = [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200];
const SIGNED_IN: Expect = [401, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200];
/** The incident's coordinators (and admins): the Henan and the district coordinator share ground with 郑州. */
const COORDINATORS: Expect = [401, 200, 200, 200, 403, 403, 403, 403, 403, 403, 403];
const MISSING: Expect = [401, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404];

const ROWS: Row[] = [
  { name: 'the item catalogue', method: 'GET', path: () => '/api/v1/items', expect: EVERYONE },
  {
    name: 'what the incident needs now',
    method: 'GET',
    path: (n) => `/api/v1/public/incidents/${n.incident}/needed`,
    expect: EVERYONE,
  },
  {
    name: 'a public offer of water (needed now)',
    method: 'POST',
    path: (n) => `/api/v1/public/incidents/${n.incident}/offers`,
    body: () => ({ kind: 'goods', item: WATER, quantity: 1, jurisdiction: '410105' }),
    expect: [201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201],
  },
  {
    name: 'record the Zhengzhou team’s offer of water',
    method: 'POST',
    path: (n) => `/api/v1/incidents/${n.incident}/offers`,
    body: (n) => ({ kind: 'goods', item: WATER, quantity: 2, jurisdiction: '410103', organizationId: n.orgs.zhengzhouTeam }),
    expect: [401, 201, 201, 201, 403, 403, 201, 201, 403, 403, 403],
  },
  { name: 'the incident’s offers', method: 'GET', path: (n) => `/api/v1/incidents/${n.incident}/offers`, expect: SIGNED_IN },
  {
    name: 'withdraw an offer of the Zhengzhou team',
    method: 'POST',
    path: (n, who) => `/api/v1/offers/${n.offers[who]}/withdraw`,
    body: () => ({ reason: '车辆调往别处' }),
    expect: [401, 200, 200, 200, 403, 403, 200, 200, 403, 403, 403],
  },
  {
    name: 'mark quilts not needed',
    method: 'PUT',
    path: (n) => `/api/v1/incidents/${n.incident}/not-needed/${QUILT}`,
    body: () => ({ reason: '棉被已足够，请勿再寄' }),
    expect: COORDINATORS,
  },
  {
    name: 'take an item off the not-needed list',
    method: 'DELETE',
    path: (n, who) => `/api/v1/incidents/${n.incident}/not-needed/${MARKED[who]}`,
    expect: COORDINATORS,
  },
  {
    name: 'propose an allocation',
    method: 'POST',
    path: (n) => `/api/v1/incidents/${n.incident}/allocation-plans`,
    body: () => ({}),
    expect: [401, 201, 201, 201, 403, 403, 403, 403, 403, 403, 403],
  },
  {
    name: 'the incident’s plans',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}/allocation-plans`,
    expect: COORDINATORS,
  },
  { name: 'a plan', method: 'GET', path: (n) => `/api/v1/allocation-plans/${n.shipmentPlan}`, expect: COORDINATORS },
  {
    name: 'change a plan',
    method: 'PATCH',
    path: (n, who) => `/api/v1/allocation-plans/${n.editPlans[who]}`,
    body: (n) => ({
      allocations: [
        { needId: n.bigNeed, supplyId: supplyKey({ kind: 'warehouse', warehouseId: n.warehouse }, WATER), quantity: 2 },
      ],
    }),
    expect: COORDINATORS,
  },
  {
    name: 'commit a plan',
    method: 'POST',
    path: (n, who) => `/api/v1/allocation-plans/${n.commitPlans[who]}/commit`,
    expect: COORDINATORS,
  },
  {
    name: 'discard a plan',
    method: 'POST',
    path: (n, who) => `/api/v1/allocation-plans/${n.discardPlans[who]}/discard`,
    expect: COORDINATORS,
  },
  {
    name: 'the incident’s shipments',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}/shipments`,
    expect: SIGNED_IN,
  },
  { name: 'a shipment', method: 'GET', path: (n) => `/api/v1/shipments/${n.lostShipment}`, expect: SIGNED_IN },
  {
    name: 'move a shipment the Zhengzhou team carries',
    method: 'POST',
    path: (n, who) => `/api/v1/shipments/${n.shipments[who]}/transitions`,
    body: () => ({ to: 'in_transit' }),
    expect: [401, 200, 200, 200, 403, 403, 200, 200, 403, 403, 403],
  },
  {
    name: 'the donor’s path by reference code',
    method: 'GET',
    path: (n) => `/api/v1/public/donations/${n.reference}`,
    expect: EVERYONE,
  },
  {
    name: 'the transparency page',
    method: 'GET',
    path: (n) => `/api/v1/public/incidents/${n.incident}/transparency`,
    expect: EVERYONE,
  },
  {
    name: 'the ledger (the team takes part; the receiver, the agency and the Guangzhou team do not)',
    method: 'GET',
    path: (n) => `/api/v1/incidents/${n.incident}/ledger`,
    expect: [401, 200, 200, 200, 403, 403, 200, 200, 403, 403, 403],
  },
  {
    name: 'what a missing incident needs',
    method: 'GET',
    path: () => '/api/v1/public/incidents/no-such-incident/needed',
    expect: [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  {
    name: 'a public offer to a missing incident',
    method: 'POST',
    path: () => '/api/v1/public/incidents/no-such-incident/offers',
    body: () => ({ kind: 'goods', item: WATER, quantity: 1, jurisdiction: '410105' }),
    expect: [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  {
    name: 'the transparency page of a missing incident',
    method: 'GET',
    path: () => '/api/v1/public/incidents/no-such-incident/transparency',
    expect: [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  {
    name: 'an unknown reference code',
    method: 'GET',
    path: () => '/api/v1/public/donations/NOSUCH99',
    expect: [404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404],
  },
  {
    name: 'the offers of a missing incident',
    method: 'GET',
    path: () => '/api/v1/incidents/no-such-incident/offers',
    expect: MISSING,
  },
  {
    name: 'withdraw a missing offer',
    method: 'POST',
    path: () => '/api/v1/offers/no-such-offer/withdraw',
    body: () => ({ reason: '不再提供' }),
    expect: MISSING,
  },
  { name: 'a missing plan', method: 'GET', path: () => '/api/v1/allocation-plans/no-such-plan', expect: MISSING },
  {
    name: 'commit a missing plan',
    method: 'POST',
    path: () => '/api/v1/allocation-plans/no-such-plan/commit',
    expect: MISSING,
  },
  {
    name: 'the plans of a missing incident',
    method: 'GET',
    path: () => '/api/v1/incidents/no-such-incident/allocation-plans',
    expect: MISSING,
  },
  { name: 'a missing shipment', method: 'GET', path: () => '/api/v1/shipments/no-such-shipment', expect: MISSING },
  {
    name: 'move a missing shipment',
    method: 'POST',
    path: () => '/api/v1/shipments/no-such-shipment/transitions',
    body: () => ({ to: 'in_transit' }),
    expect: MISSING,
  },
  {
    name: 'the shipments of a missing incident',
    method: 'GET',
    path: () => '/api/v1/incidents/no-such-incident/shipments',
    expect: MISSING,
  },
];

/** Whose duty needs a donor's or a carrier's personal data: the incident's coordinators, admins, and the organization itself. */
const STEWARD_OF_TEAM: Record<Who, boolean> = {
  anonymous: false,
  admin: true,
  coordHenan: true,
  coordDistrict: true,
  coordGuangdong: false,
  agencyStaff: false,
  orgAdmin: true,
  orgMember: true,
  otherAdmin: false,
  receiver: false,
  observer: false,
};
/** A member of the public's offer has no organization: only the incident's coordinators and admins. */
const STEWARD_OF_PUBLIC: Record<Who, boolean> = {
  ...STEWARD_OF_TEAM,
  orgAdmin: false,
  orgMember: false,
};

describeEachDatabase('offers, allocation plans and shipments: who may do what, and who sees what', (t) => {
  let app: App;
  let n: N;
  const tokenOf = (who: Who) => {
    if (who === 'anonymous') return undefined;
    if (who === 'coordDistrict' || who === 'otherAdmin' || who === 'receiver') return n.extraTokens[who];
    return n.tokens[who];
  };
  const send = (method: Row['method'], path: string, who: Who, body?: unknown) =>
    call(app, method, path, { token: tokenOf(who), body, headers: { 'accept-language': 'en' } });

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    const network = await buildNetwork(deps);
    const prefix = network.users.admin.email.split('.')[0];
    const extra = async (name: string, role: Role, more: { organizationId?: string; jurisdiction?: string }) =>
      (
        await openSession(
          deps,
          await createUser(deps, SYSTEM, { email: `${prefix}.${name}@example.cn`, password: PASSWORD, role, ...more }),
          'token',
        )
      ).secret;
    const extraTokens = {
      coordDistrict: await extra('coord-district', 'coordinator', { jurisdiction: '410102' }),
      otherAdmin: await extra('gz-admin', 'org_admin', { organizationId: network.orgs.guangzhouTeam }),
      receiver: await extra('centre-admin', 'org_admin', { organizationId: network.orgs.zhengzhouSpare }),
    };
    const incident = (
      await declareIncident(deps, SYSTEM, {
        name: '资源权限演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
      })
    ).id;
    // The community centre reports the needs the shipments go to.
    const report = async (item: string, quantity: number, extra: Record<string, unknown> = {}) => {
      const made = await call(app, 'POST', `/api/v1/incidents/${incident}/needs`, {
        token: extraTokens.receiver,
        body: {
          title: `社区安置点需要 ${item}`,
          category: 'shelter',
          item,
          quantity,
          urgency: 'high',
          jurisdiction: '410105',
          ...NEED_PLACE,
          ...extra,
        },
      });
      expect(made.status, JSON.stringify(made.json)).toBe(201);
      return (made.json.need as { id: string }).id;
    };
    const bigNeed = await report(WATER, 200, { urgency: 'critical', vulnerableGroups: ['elderly'], ...NEED_CONTACT });
    const tentNeeds = {} as Record<Who, string>;
    for (const who of WHO) tentNeeds[who] = await report(TENT, 1, NEED_CONTACT);
    const lostNeed = await report(TENT, 1);
    const warehouse = (
      await createWarehouse(deps, SYSTEM, {
        name: '蓝天救援队二七仓库',
        organizationId: network.orgs.zhengzhouTeam,
        jurisdiction: '410103',
        lat: 34.72,
        lon: 113.62,
      })
    ).id;
    await recordMovement(deps, SYSTEM, warehouse, { kind: 'receive', item: WATER, quantity: 300, incidentId: incident });
    await recordMovement(deps, SYSTEM, warehouse, { kind: 'receive', item: TENT, quantity: 20, incidentId: incident });
    const tentKey = supplyKey({ kind: 'warehouse', warehouseId: warehouse }, TENT);
    const waterKey = supplyKey({ kind: 'warehouse', warehouseId: warehouse }, WATER);

    // One shipment per reader to move, and one lost on the way, with a reason naming the driver.
    const shipmentPlan = (await proposeAllocation(deps, SYSTEM, incident, {})).id;
    await editAllocation(deps, SYSTEM, shipmentPlan, [
      ...WHO.map((who) => ({ needId: tentNeeds[who], supplyId: tentKey, quantity: 1 })),
      { needId: lostNeed, supplyId: tentKey, quantity: 1 },
      { needId: bigNeed, supplyId: waterKey, quantity: 10 },
    ]);
    const committed = await commitAllocation(deps, SYSTEM, shipmentPlan);
    const shipmentOf = (needId: string) => committed.shipments.find((s) => s.needId === needId)?.id as string;
    const shipments = Object.fromEntries(WHO.map((who) => [who, shipmentOf(tentNeeds[who])])) as Record<Who, string>;
    const lostShipment = shipmentOf(lostNeed);
    await moveShipmentTo(deps, SYSTEM, lostShipment, { to: 'lost', reason: LOST_REASON });

    // Per reader: a plan to change, one to commit (one case of water each) and one to discard.
    const editPlans = {} as Record<Who, string>;
    const commitPlans = {} as Record<Who, string>;
    const discardPlans = {} as Record<Who, string>;
    for (const who of WHO) {
      editPlans[who] = (await proposeAllocation(deps, SYSTEM, incident, {})).id;
      commitPlans[who] = (await proposeAllocation(deps, SYSTEM, incident, {})).id;
      await editAllocation(deps, SYSTEM, commitPlans[who], [{ needId: bigNeed, supplyId: waterKey, quantity: 1 }]);
      discardPlans[who] = (await proposeAllocation(deps, SYSTEM, incident, {})).id;
    }

    const donated = await offerPublicly(deps, incident, {
      kind: 'goods',
      item: WATER,
      quantity: 5,
      jurisdiction: '410105',
      ...PUBLIC_DONOR_PLACE,
      ...PUBLIC_DONOR,
    });
    const teamOffer = (
      await recordOrganizationOffer(deps, SYSTEM, incident, {
        kind: 'service',
        note: '冲锋舟转运服务',
        jurisdiction: '410103',
        lat: 34.73,
        lon: 113.61,
        organizationId: network.orgs.zhengzhouTeam,
        ...TEAM_DONOR,
      })
    ).id;
    const offers = {} as Record<Who, string>;
    for (const who of WHO) {
      offers[who] = (
        await recordOrganizationOffer(deps, SYSTEM, incident, {
          kind: 'vehicle',
          note: `运输车 ${who}`,
          jurisdiction: '410103',
          organizationId: network.orgs.zhengzhouTeam,
        })
      ).id;
    }
    for (const who of WHO) await markNotNeeded(deps, SYSTEM, incident, MARKED[who], '已足够');
    n = {
      ...network,
      incident,
      warehouse,
      bigNeed,
      reference: donated.referenceCode,
      publicOffer: donated.id,
      teamOffer,
      lostShipment,
      shipmentPlan,
      offers,
      shipments,
      editPlans,
      commitPlans,
      discardPlans,
      extraTokens,
    };
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.name}`, async () => {
      const got: Record<string, number> = {};
      for (const who of WHO) {
        const res = await send(row.method, row.path(n, who), who, row.body?.(n, who));
        got[who] = res.status;
        if (res.status >= 400) expect(res.headers['content-type'], who).toMatch(/application\/problem\+json/);
      }
      expect(got).toEqual(Object.fromEntries(WHO.map((w, i) => [w, row.expect[i]])));
    });
  }

  it('tells those refused why, with the code', async () => {
    const codes = async (method: Row['method'], path: (who: Who) => string, body?: unknown) => {
      const got: Partial<Record<Who, unknown>> = {};
      for (const who of [
        'anonymous',
        'coordGuangdong',
        'agencyStaff',
        'orgMember',
        'otherAdmin',
        'receiver',
        'observer',
      ] as const) {
        got[who] = (await send(method, path(who), who, body)).json.code;
      }
      return got;
    };
    expect(await codes('POST', () => `/api/v1/incidents/${n.incident}/allocation-plans`, {})).toEqual({
      anonymous: 'not_authenticated',
      coordGuangdong: 'out_of_scope',
      agencyStaff: 'forbidden',
      orgMember: 'forbidden',
      otherAdmin: 'forbidden',
      receiver: 'forbidden',
      observer: 'forbidden',
    });
    expect(
      await codes('POST', (who) => `/api/v1/shipments/${n.shipments[who]}/transitions`, { to: 'lost', reason: '试' }),
    ).toEqual({
      anonymous: 'not_authenticated',
      coordGuangdong: 'out_of_scope',
      agencyStaff: 'out_of_scope',
      // The team's member moved its own shipment in the matrix; a lost one is still a step it may take.
      orgMember: undefined,
      otherAdmin: 'out_of_scope',
      receiver: 'out_of_scope',
      observer: 'forbidden',
    });
    expect(
      await codes('POST', () => `/api/v1/incidents/${n.incident}/offers`, {
        kind: 'service',
        note: '代为登记',
        jurisdiction: '410103',
        organizationId: n.orgs.zhengzhouTeam,
      }),
    ).toMatchObject({
      anonymous: 'not_authenticated',
      coordGuangdong: 'out_of_scope',
      agencyStaff: 'out_of_scope',
      otherAdmin: 'out_of_scope',
      receiver: 'out_of_scope',
      observer: 'forbidden',
    });
    expect(await codes('GET', () => `/api/v1/incidents/${n.incident}/ledger`)).toEqual({
      anonymous: 'not_authenticated',
      coordGuangdong: 'out_of_scope',
      agencyStaff: 'out_of_scope',
      orgMember: undefined,
      otherAdmin: 'out_of_scope',
      receiver: 'out_of_scope',
      observer: 'forbidden',
    });
  });

  it('shows a donor’s name, phone, note and place only to the incident’s coordinators and the offering organization', async () => {
    for (const who of WHO.filter((w) => w !== 'anonymous')) {
      const res = await send('GET', `/api/v1/incidents/${n.incident}/offers?limit=100`, who);
      expect(res.status, who).toBe(200);
      const items = res.json.items as Record<string, unknown>[];
      const donor = items.find((o) => o.id === n.publicOffer);
      const team = items.find((o) => o.id === n.teamOffer);
      const sees = STEWARD_OF_PUBLIC[who];
      expect(donor, who).toMatchObject({
        kind: 'goods',
        item: WATER,
        quantity: 5,
        status: 'pledged',
        organizationId: null,
        donorName: sees ? PUBLIC_DONOR.donorName : null,
        donorPhone: sees ? PUBLIC_DONOR.donorPhone : null,
        note: sees ? PUBLIC_DONOR.note : null,
        personalDataVisible: sees,
        locationPrecision: sees ? 'exact' : 'grid',
        lat: sees ? PUBLIC_DONOR_PLACE.lat : 34.765,
        lon: sees ? PUBLIC_DONOR_PLACE.lon : 113.655,
      });
      const ownSees = STEWARD_OF_TEAM[who];
      expect(team, who).toMatchObject({
        kind: 'service',
        organizationId: n.orgs.zhengzhouTeam,
        organizationName: expect.stringContaining('郑州蓝天救援队'),
        donorName: ownSees ? TEAM_DONOR.donorName : null,
        donorPhone: ownSees ? TEAM_DONOR.donorPhone : null,
        note: ownSees ? '冲锋舟转运服务' : null,
        personalDataVisible: ownSees,
      });
      // The reference code is the donor's alone.
      const text = JSON.stringify(res.json);
      expect(text, who).not.toContain(n.reference);
      expect(text.includes(PUBLIC_DONOR.donorPhone), who).toBe(sees);
      expect(text.includes(TEAM_DONOR.donorPhone), who).toBe(ownSees);
      for (const offer of items) expect(offer, who).not.toHaveProperty('referenceCode');
    }
  });

  it('answers the public with what it gave and what is needed, never a donor or a need’s people', async () => {
    for (const who of ['anonymous', 'observer', 'orgMember'] as const) {
      const given = await send('POST', `/api/v1/public/incidents/${n.incident}/offers`, who, {
        kind: 'goods',
        item: WATER,
        quantity: 1,
        jurisdiction: '410105',
        donorName: '匿名人士',
        donorPhone: '13500001234',
        lat: 34.7,
        lon: 113.6,
      });
      expect(given.status, who).toBe(201);
      expect(Object.keys(given.json).sort()).toEqual(['needed', 'offer', 'referenceCode']);
      expect(Object.keys(given.json.offer as object).sort()).toEqual(
        ['amountFen', 'createdAt', 'id', 'incidentId', 'item', 'kind', 'quantity', 'receivedQuantity', 'status'].sort(),
      );
      expect(JSON.stringify(given.json), who).not.toMatch(/匿名人士|13500001234|13900002222|安置点负责人|elderly/);
    }
    const needed = await send('GET', `/api/v1/public/incidents/${n.incident}/needed`, 'anonymous');
    expect(needed.json.notNeeded).toContainEqual({ item: QUILT, reason: '棉被已足够，请勿再寄' });
    expect(JSON.stringify(needed.json)).not.toMatch(/13900002222|安置点负责人|elderly|34\.78/);
    const path = await send('GET', `/api/v1/public/donations/${n.reference}`, 'anonymous');
    expect(path.json.offer).toMatchObject({ id: n.publicOffer, item: WATER, quantity: 5 });
    expect(JSON.stringify(path.json)).not.toMatch(/钱女士|13711112222|34\.7623/);
    // Reference codes are read case-insensitively, as donors type them.
    expect((await send('GET', `/api/v1/public/donations/${n.reference.toLowerCase()}`, 'anonymous')).status).toBe(200);
    const open = await send('GET', `/api/v1/public/incidents/${n.incident}/transparency`, 'anonymous');
    expect(JSON.stringify(open.json)).not.toMatch(/钱女士|13711112222|蓝天联络员孙|13655556666|安置点负责人|13900002222|elderly/);
  });

  it('shows a shipment’s reason for a loss only to the incident’s coordinators and the carrier, and never the need’s people or place', async () => {
    const keys = [
      'createdAt',
      'history',
      'id',
      'incidentId',
      'item',
      'needId',
      'needTitle',
      'offerId',
      'organizationId',
      'organizationName',
      'personalDataVisible',
      'planId',
      'quantity',
      'reason',
      'receivedQuantity',
      'status',
      'updatedAt',
      'viewerCanMove',
      'warehouseId',
      'warehouseName',
    ];
    for (const who of WHO.filter((w) => w !== 'anonymous')) {
      const sees = STEWARD_OF_TEAM[who];
      const one = await send('GET', `/api/v1/shipments/${n.lostShipment}`, who);
      expect(Object.keys(one.json).sort(), who).toEqual(keys);
      expect(one.json, who).toMatchObject({
        status: 'lost',
        item: TENT,
        quantity: 1,
        organizationId: n.orgs.zhengzhouTeam,
        reason: sees ? LOST_REASON : null,
        personalDataVisible: sees,
        // A lost shipment goes nowhere further, whoever reads it.
        viewerCanMove: false,
      });
      expect(
        (one.json.history as { status: string; reason: string | null }[]).map((h) => [h.status, h.reason]),
        who,
      ).toEqual([
        ['dispatched', null],
        ['lost', sees ? LOST_REASON : null],
      ]);
      const list = await send('GET', `/api/v1/incidents/${n.incident}/shipments`, who);
      const listed = (list.json.items as Record<string, unknown>[]).find((s) => s.id === n.lostShipment);
      expect(listed?.reason, who).toBe(sees ? LOST_REASON : null);
      for (const text of [JSON.stringify(one.json), JSON.stringify(list.json)]) {
        expect(text.includes('13812345678'), who).toBe(sees);
        expect(text, who).not.toMatch(/13900002222|安置点负责人|花园路|elderly|34\.781234|113\.663456/);
      }
    }
  });

  it('gives a plan’s need place exactly only to coordinators whose area holds the need, and no one its people or groups', async () => {
    for (const who of ['admin', 'coordHenan', 'coordDistrict'] as const) {
      const plan = await send('GET', `/api/v1/allocation-plans/${n.shipmentPlan}`, who);
      expect(plan.status, who).toBe(200);
      const lines = plan.json.lines as { needId: string; needAt: unknown; distanceKm: number; supplyAt: unknown }[];
      const line = lines.find((l) => l.needId === n.bigNeed);
      const exact = who !== 'coordDistrict';
      expect(line?.needAt, who).toEqual(
        exact ? { ...NEED_PLACE, locationPrecision: 'exact' } : { lat: 34.785, lon: 113.665, locationPrecision: 'grid' },
      );
      expect(line?.supplyAt, who).toEqual({ lat: 34.72, lon: 113.62, locationPrecision: 'exact' });
      const text = JSON.stringify(plan.json);
      expect(text, who).not.toMatch(/13900002222|安置点负责人|花园路|elderly|vulnerable/);
      if (!exact) expect(text, who).not.toMatch(/34\.781234|113\.663456/);
    }
  });

  it('measures a plan line’s distance from the need’s grid cell for a coordinator who sees only the cell', async () => {
    const distances = async (who: Who) =>
      (
        (await send('GET', `/api/v1/allocation-plans/${n.shipmentPlan}`, who)).json.lines as {
          needId: string;
          distanceKm: number;
        }[]
      ).find((l) => l.needId === n.bigNeed)?.distanceKm;
    const exact = await distances('coordHenan');
    const grid = await distances('coordDistrict');
    // From the exact place to the warehouse, and from the cell's centre: the district coordinator
    // cannot work the need's place out from distances to warehouses whose places it knows.
    expect(exact).toBeCloseTo(7.882, 3);
    expect(grid).toBeCloseTo(8.315, 3);
  });

  it('gives a plan’s score only to coordinators who see every need of the incident’s area exactly', async () => {
    for (const who of ['admin', 'coordHenan', 'coordDistrict'] as const) {
      const shown = who !== 'coordDistrict';
      const plan = await send('GET', `/api/v1/allocation-plans/${n.shipmentPlan}`, who);
      expect(plan.json.scoreShown, who).toBe(shown);
      if (shown) expect(plan.json.score, who).toEqual(expect.any(Number));
      else expect([plan.json.score, plan.json.upperBound], who).toEqual([null, null]);
      const list = await send('GET', `/api/v1/incidents/${n.incident}/allocation-plans`, who);
      for (const summary of list.json.items as { score: number | null; scoreShown: boolean }[]) {
        expect(summary.scoreShown, who).toBe(shown);
        if (!shown) expect(summary.score, who).toBeNull();
      }
    }
  });
});
