/**
 * The ongoing incident's resources: needs for catalogue goods, a reserve warehouse and a
 * collection point with stock, offers from the public and organizations (some of goods not
 * wanted), a committed allocation with shipments in every state, and a fresh proposal over
 * what is left — so the resources tab, the warehouse pages and the transparency page all show
 * something on a fresh install.
 */

import type { ShipmentStatus } from '../../model/allocation';
import type { Organization } from '../../model/organization';
import type { Deps } from '../context';
import { createWarehouse } from '../inventory/create-warehouse';
import { recordMovement } from '../inventory/record-movement';
import { reportNeed } from '../needs/report-need';
import { proposeAllocation } from '../resources/allocation-plans';
import { commitAllocation } from '../resources/commit-allocation';
import { moveShipmentTo } from '../resources/move-shipment';
import { markNotNeeded } from '../resources/needed-now';
import { offerPublicly, recordOrganizationOffer } from '../resources/offers';
import { DEMO } from './demo-network';
import type { Generator } from './random';

/** Goods the flood's shelters ask for: item, need title, quantity, urgency, vulnerable people among them. */
const GOODS_NEEDS = [
  {
    item: 'L1-0001',
    category: 'water_sanitation',
    title: '安置点饮用水告急',
    quantity: 120,
    urgency: 'critical',
    groups: ['children', 'elderly'],
  },
  { item: 'L1-0001', category: 'water_sanitation', title: '村委会临时安置点需饮用水', quantity: 60, urgency: 'high', groups: [] },
  { item: 'L1-0003', category: 'food', title: '转移群众需方便食品', quantity: 80, urgency: 'high', groups: ['elderly'] },
  { item: 'L1-0008', category: 'shelter', title: '学校安置点需救灾帐篷', quantity: 20, urgency: 'high', groups: ['children'] },
  {
    item: 'L1-0011',
    category: 'shelter',
    title: '安置点夜间需棉被',
    quantity: 90,
    urgency: 'medium',
    groups: ['elderly', 'chronically_ill'],
  },
  {
    item: 'L1-0016',
    category: 'water_sanitation',
    title: '安置群众需卫生用品包',
    quantity: 50,
    urgency: 'medium',
    groups: ['pregnant'],
  },
  { item: 'L1-0007', category: 'food', title: '安置点婴儿需配方奶粉', quantity: 30, urgency: 'critical', groups: ['children'] },
  { item: 'L2-0004', category: 'search_rescue', title: '转移群众需救生衣', quantity: 40, urgency: 'critical', groups: [] },
  {
    item: 'L2-0008',
    category: 'emergency_medical',
    title: '卫生院停电需发电机',
    quantity: 2,
    urgency: 'critical',
    groups: ['chronically_ill'],
  },
  { item: 'L2-0015', category: 'water_sanitation', title: '积水小区需排水泵', quantity: 4, urgency: 'low', groups: [] },
] as const;

/** Every shipment state but the one a committed line starts in, in the order they are given out. */
const SHIPMENT_ENDS: { path: ShipmentStatus[]; short?: number; reason?: string }[] = [
  { path: ['in_transit', 'delivered'] },
  { path: ['in_transit'] },
  { path: ['in_transit', 'delivered'], short: 0.9 },
  { path: ['in_transit', 'lost'], reason: '运输车辆涉水受阻，货物被洪水冲走' },
  { path: ['returned'], reason: '道路中断，物资退回仓库' },
];

function pickOwner(orgs: Organization[], kinds: Organization['kind'][], prefix: string): Organization {
  return (
    orgs.find((o) => kinds.includes(o.kind) && o.membership.status === 'active' && o.jurisdictions[0].startsWith(prefix)) ??
    (orgs.find((o) => kinds.includes(o.kind) && o.membership.status === 'active') as Organization)
  );
}

export async function demoResources(deps: Deps, r: Generator, incidentId: string, orgs: Organization[]): Promise<void> {
  const counties = ['410781', '410782', '410721', '410724', '410726', '410727', '410702', '410711'];
  for (const [i, need] of GOODS_NEEDS.entries()) {
    const county = counties[i % counties.length];
    await reportNeed(deps, DEMO, incidentId, {
      title: need.title,
      category: need.category,
      kind: 'agent_generated',
      item: need.item,
      quantity: need.quantity,
      jurisdiction: county,
      lat: 35.25 + r.int(0, 200) / 1000,
      lon: 113.85 + r.int(0, 350) / 1000,
      urgency: need.urgency,
      vulnerableGroups: [...need.groups],
      peopleAffected: r.int(20, 400),
      contactName: `${r.pick(['周', '吴', '郑', '王'])}主任`,
      contactPhone: `13${r.int(100000000, 999999999)}`,
    });
  }
  await markNotNeeded(deps, DEMO, incidentId, 'L1-0015', '夏季汛期，棉衣暂不需要，请勿寄送');
  await markNotNeeded(deps, DEMO, incidentId, 'L3-0005', '安置点板房由政府统一搭建');

  const agency = pickOwner(orgs, ['government_agency'], '4107');
  const charity = pickOwner(orgs, ['foundation', 'social_organization'], '4107');
  const company = pickOwner(orgs, ['enterprise', 'social_organization'], '41');
  const reserve = await createWarehouse(deps, DEMO, {
    name: '新乡市应急物资储备库',
    organizationId: agency.id,
    jurisdiction: '410702',
    lat: 35.303,
    lon: 113.926,
    kind: 'warehouse',
    address: '新乡市红旗区物流园区',
  });
  const point = await createWarehouse(deps, DEMO, {
    name: `${charity.name}卫辉捐赠物资收集点`,
    organizationId: charity.id,
    jurisdiction: '410781',
    lat: 35.398,
    lon: 114.065,
    kind: 'collection_point',
    address: '卫辉市体育馆',
  });
  const stock: [string, number][] = [
    ['L1-0001', 140],
    ['L1-0003', 60],
    ['L1-0008', 12],
    ['L1-0011', 100],
    ['L2-0004', 30],
    ['L2-0008', 1],
  ];
  for (const [item, quantity] of stock) {
    await recordMovement(deps, DEMO, reserve.id, { kind: 'receive', item, quantity, incidentId });
  }

  // The public gives what the needed-now list asks for; the collection point receives most of it.
  const publicGoods: [string, number, boolean][] = [
    ['L1-0001', 40, true],
    ['L1-0016', 30, true],
    ['L1-0003', 25, true],
    ['L1-0007', 12, false],
  ];
  for (const [item, quantity, received] of publicGoods) {
    const offer = await offerPublicly(deps, incidentId, {
      kind: 'goods',
      item,
      quantity,
      jurisdiction: '410781',
      donorName: `${r.pick(['林', '黄', '何', '高'])}女士`,
      donorPhone: `18${r.int(100000000, 999999999)}`,
      note: '自家店铺捐赠',
    });
    if (received) {
      await recordMovement(deps, DEMO, point.id, {
        kind: 'receive',
        item,
        quantity,
        offerReference: offer.referenceCode,
      });
    }
  }
  await offerPublicly(deps, incidentId, { kind: 'money', amountFen: 50_000, jurisdiction: '410700', note: '一点心意' });
  await recordOrganizationOffer(deps, DEMO, incidentId, {
    organizationId: company.id,
    kind: 'goods',
    item: 'L2-0008',
    quantity: 1,
    jurisdiction: '410700',
    lat: 35.31,
    lon: 113.88,
    conditions: '需自提',
  });
  await recordOrganizationOffer(deps, DEMO, incidentId, {
    organizationId: company.id,
    kind: 'goods',
    item: 'L1-0015',
    quantity: 300,
    jurisdiction: '410700',
    reason: '企业已装车发出，登记备查，由收集点转交其他地区',
  });
  await recordOrganizationOffer(deps, DEMO, incidentId, {
    organizationId: charity.id,
    kind: 'money',
    amountFen: 2_000_000,
    jurisdiction: '410700',
    raisedPublicly: true,
    note: '网络募捐首批善款',
  });
  await recordOrganizationOffer(deps, DEMO, incidentId, {
    organizationId: company.id,
    kind: 'vehicle',
    jurisdiction: '410700',
    note: '4.2米厢式货车 3 辆，含司机',
    availableFrom: deps.now().toISOString().slice(0, 10),
    availableUntil: new Date(deps.now().getTime() + 20 * 86_400_000).toISOString().slice(0, 10),
  });

  // A coordinator's committed plan, its shipments taken through every state, then a fresh proposal.
  const plan = await proposeAllocation(deps, DEMO, incidentId, { maxDistanceKm: 300 });
  const { shipments } = await commitAllocation(deps, DEMO, plan.id);
  for (const [i, shipment] of shipments.entries()) {
    const end = SHIPMENT_ENDS[i];
    if (!end) break; // the rest stay dispatched
    for (const to of end.path) {
      const quantity = to === 'delivered' && end.short ? Math.floor(shipment.quantity * end.short) : undefined;
      await moveShipmentTo(deps, DEMO, shipment.id, { to, quantity, reason: end.reason });
    }
  }
  await proposeAllocation(deps, DEMO, incidentId, { maxDistanceKm: 300 });
}
