/**
 * Transparency (信息公开), for anyone without an account: per incident, the money and goods
 * pledged, received, allocated, delivered, returned and written off — by item, by organization
 * and by area of delivery — read from the ledger's flows; and for a donor holding a reference
 * code, the path of that donation from pledge to delivery. Neither names an affected person or
 * another donor: flows carry organizations and areas only.
 */
import { findIncident } from '../../db/repositories/incidents';
import { type AccountMove, flowsOfIncident, movesOfAccount, NONE, transactionsOfOffer } from '../../db/repositories/ledger';
import { findNeedsByIds } from '../../db/repositories/needs';
import { findOrganizations } from '../../db/repositories/organizations';
import { findShipments, listShipments, type Shipment } from '../../db/repositories/shipments';
import { findWarehouses } from '../../db/repositories/warehouses';
import { traceFifo } from '../../model/donation-trace';
import { AppError } from '../../model/errors';
import { fromMinor, MONEY } from '../../model/ledger';
import type { Deps } from '../context';
import { offerByReference, type PublicOffer, publicOfferView } from './read-offers';

export const TRANSPARENCY_STAGES = ['pledged', 'received', 'allocated', 'delivered', 'returned', 'written_off'] as const;
export type TransparencyStage = (typeof TRANSPARENCY_STAGES)[number];

/** The ledger's transaction kinds that make each published figure. */
const STAGE_OF_KIND: Record<string, TransparencyStage | undefined> = {
  pledge: 'pledged',
  receive: 'received',
  allocate: 'allocated',
  deliver: 'delivered',
  disburse: 'delivered',
  return: 'returned',
  write_off: 'written_off',
};

type Figures = Record<TransparencyStage, number>;
const zero = (): Figures => ({ pledged: 0, received: 0, allocated: 0, delivered: 0, returned: 0, written_off: 0 });

export interface Transparency {
  incidentId: string;
  incidentName: string;
  /** Money in yuan. */
  money: Figures;
  items: ({ item: string } & Figures)[];
  /** Per organization its money, and its goods item by item (units differ, so items are never added up). */
  organizations: { organizationId: string | null; name: string | null; money: Figures; goods: ({ item: string } & Figures)[] }[];
  /** Goods delivered per area of the needs they reached. */
  areas: { jurisdiction: string; items: { item: string; delivered: number }[] }[];
}

/** An incident's published figures (open or closed incidents alike: the accounts stay public). */
export async function incidentTransparency(deps: Deps, incidentId: string): Promise<Transparency> {
  const incident = await findIncident(deps.db, incidentId);
  if (!incident) throw new AppError('not_found');
  const flows = await flowsOfIncident(deps.db, incidentId);
  const money = zero();
  const items = new Map<string, Figures>();
  const orgs = new Map<string, { money: Figures; goods: Map<string, Figures> }>();
  const areas = new Map<string, Map<string, number>>();
  for (const flow of flows) {
    const stage = STAGE_OF_KIND[flow.kind];
    if (!stage) continue;
    // A transaction moves its amount into accounts of one or more kinds: what it moved is the sum of what went in.
    const amount = fromMinor(flow.asset, flow.movedIn);
    const org = orgs.get(flow.organizationId) ?? { money: zero(), goods: new Map<string, Figures>() };
    orgs.set(flow.organizationId, org);
    if (flow.asset === MONEY) {
      money[stage] += amount;
      org.money[stage] += amount;
      continue;
    }
    const figures = items.get(flow.asset) ?? zero();
    items.set(flow.asset, figures);
    figures[stage] += amount;
    const held = org.goods.get(flow.asset) ?? zero();
    org.goods.set(flow.asset, held);
    held[stage] += amount;
    if (stage === 'delivered' && flow.jurisdiction !== NONE) {
      const area = areas.get(flow.jurisdiction) ?? new Map<string, number>();
      areas.set(flow.jurisdiction, area);
      area.set(flow.asset, (area.get(flow.asset) ?? 0) + amount);
    }
  }
  const names = await findOrganizations(
    deps.db,
    [...orgs.keys()].filter((id) => id !== NONE),
  );
  const round = (f: Figures): Figures =>
    Object.fromEntries(Object.entries(f).map(([k, v]) => [k, Number(v.toFixed(3))])) as Figures;
  const perItem = (figures: ReadonlyMap<string, Figures>) =>
    [...figures.entries()].map(([item, f]) => ({ item, ...round(f) })).sort((a, b) => a.item.localeCompare(b.item));
  return {
    incidentId,
    incidentName: incident.name,
    money: round(money),
    items: perItem(items),
    organizations: [...orgs.entries()]
      .map(([id, o]) => ({
        organizationId: id === NONE ? null : id,
        name: id === NONE ? null : (names.get(id)?.name ?? null),
        money: round(o.money),
        goods: perItem(o.goods),
      }))
      .sort((a, b) => b.money.pledged - a.money.pledged || (a.name ?? '').localeCompare(b.name ?? '', 'zh')),
    areas: [...areas.entries()]
      .map(([jurisdiction, byItem]) => ({
        jurisdiction,
        items: [...byItem.entries()].map(([item, delivered]) => ({ item, delivered: Number(delivered.toFixed(3)) })),
      }))
      .sort((a, b) => a.jurisdiction.localeCompare(b.jurisdiction)),
  };
}

/** A step of a donation's path, as its donor sees it. */
export interface DonationStep {
  stage: 'pledged' | 'received' | 'allocated' | 'in_transit' | 'delivered' | 'returned' | 'written_off';
  quantity: number;
  at: string;
  /** The collection point that received it. */
  place: string | null;
  /** The area of the need it reached (a county or district, never the person). */
  jurisdiction: string | null;
  /** True when the step is traced through pooled stock, first-in first-out. */
  traced: boolean;
}

export interface DonationPath {
  offer: PublicOffer;
  steps: DonationStep[];
}

const SHIPMENT_STAGE = {
  dispatched: 'allocated',
  in_transit: 'in_transit',
  delivered: 'delivered',
  lost: 'written_off',
  returned: 'returned',
} as const;

async function shipmentSteps(
  deps: Deps,
  parts: readonly { shipment: Shipment; amount: number; traced: boolean }[],
): Promise<DonationStep[]> {
  const needs = await findNeedsByIds(
    deps.db,
    parts.map((p) => p.shipment.needId),
  );
  return parts.map(({ shipment, amount, traced }) => {
    const stage = SHIPMENT_STAGE[shipment.status];
    // What arrived of a delivered shipment is the donor's share of what the receiver counted.
    const ratio =
      shipment.status === 'delivered' && shipment.quantity > 0 ? (shipment.receivedQuantity ?? 0) / shipment.quantity : 1;
    return {
      stage,
      quantity: Number((amount * ratio).toFixed(3)),
      at: shipment.updatedAt,
      place: null,
      jurisdiction: needs.get(shipment.needId)?.jurisdiction ?? null,
      traced,
    };
  });
}

/**
 * What the organizations that received a donor's money disbursed of it: their money for the
 * incident is pooled, so it is traced first-in first-out like goods in a warehouse. The place
 * is the organization (named by the caller), never what or whom it paid.
 */
async function disbursedSteps(
  deps: Deps,
  offerId: string,
  incidentId: string,
  organizationIds: readonly string[],
): Promise<DonationStep[]> {
  const steps: DonationStep[] = [];
  for (const organizationId of organizationIds) {
    const line = (await movesOfAccount(deps.db, 'organization', organizationId, MONEY, incidentId)).map((m) => ({
      amount: fromMinor(MONEY, m.minor),
      ref: m,
    }));
    const mine = (m: AccountMove) => m.offerId === offerId && m.kind === 'receive';
    // Money given back to this donor leaves from the donor's own receipts, not from the pool's oldest.
    line.forEach((move, i) => {
      if (move.ref.kind !== 'return' || move.ref.offerId !== offerId) return;
      let left = -move.amount;
      for (let j = i - 1; j >= 0 && left > 1e-9; j--) {
        if (!mine(line[j].ref)) continue;
        const take = Math.min(line[j].amount, left);
        line[j].amount -= take;
        left -= take;
      }
      move.amount = -left;
    });
    const shares = traceFifo(line, mine).filter((s) => s.ref.kind === 'disburse');
    for (const share of shares) {
      steps.push({
        stage: 'delivered',
        quantity: Number(share.amount.toFixed(2)),
        at: share.ref.at,
        place: organizationId,
        jurisdiction: null,
        traced: true,
      });
    }
  }
  return steps;
}

/** The path of the donation a reference code stands for: pledged, received where, and on to which areas. */
export async function donationPath(deps: Deps, referenceCode: string): Promise<DonationPath> {
  const offer = await offerByReference(deps, referenceCode);
  const moves = await transactionsOfOffer(deps.db, offer.id);
  const steps: DonationStep[] = [];
  const asset = offer.kind === 'money' ? MONEY : offer.item;
  const receivedAt = new Map<string, number>();
  const heldBy = new Set<string>();
  for (const move of moves) {
    if (!asset) break;
    const amount = fromMinor(asset, move.minor);
    if (move.kind === 'pledge')
      steps.push({ stage: 'pledged', quantity: amount, at: move.at, place: null, jurisdiction: null, traced: false });
    if (move.kind === 'return')
      steps.push({ stage: 'returned', quantity: amount, at: move.at, place: null, jurisdiction: null, traced: false });
    if (move.kind === 'receive' && move.accountKind === 'warehouse') {
      receivedAt.set(move.accountId, (receivedAt.get(move.accountId) ?? 0) + amount);
      steps.push({ stage: 'received', quantity: amount, at: move.at, place: move.accountId, jurisdiction: null, traced: false });
    }
    if (move.kind === 'receive' && move.accountKind === 'organization') {
      heldBy.add(move.accountId);
      steps.push({ stage: 'received', quantity: amount, at: move.at, place: move.accountId, jurisdiction: null, traced: false });
    }
  }
  steps.push(...(await disbursedSteps(deps, offer.id, offer.incidentId, [...heldBy])));
  const warehouses = await findWarehouses(deps.db, [...receivedAt.keys()]);
  const organizations = await findOrganizations(deps.db, [...heldBy]);
  for (const step of steps) {
    if (step.place) step.place = (warehouses.get(step.place) ?? organizations.get(step.place))?.name ?? null;
  }
  // Goods an organization offered and holds go out on their own shipments.
  const direct = await listShipments(deps.db, { offerId: offer.id, limit: 500 });
  const parts = direct.map((shipment) => ({ shipment, amount: shipment.quantity, traced: false }));
  // Goods handed in to a collection point join its stock: traced through it first-in, first-out.
  for (const warehouseId of receivedAt.keys()) {
    if (!offer.item) break;
    const line = await movesOfAccount(deps.db, 'warehouse', warehouseId, offer.item);
    const shares = traceFifo(
      line.map((m) => ({ amount: fromMinor(offer.item as string, m.minor), ref: m })),
      (m) => m.offerId === offer.id && m.kind === 'receive',
    ).filter((s) => s.ref.shipmentId !== null && s.ref.kind === 'allocate');
    const shipments = await findShipments(
      deps.db,
      shares.map((s) => s.ref.shipmentId as string),
    );
    for (const share of shares) {
      const shipment = shipments.get(share.ref.shipmentId as string);
      if (shipment) parts.push({ shipment, amount: share.amount, traced: true });
    }
  }
  steps.push(...(await shipmentSteps(deps, parts)));
  return { offer: publicOfferView(offer), steps: steps.sort((a, b) => a.at.localeCompare(b.at)) };
}
