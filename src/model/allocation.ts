/**
 * Allocation of goods (物资调配) as the product frames it for the solver: how much a need
 * weighs, what a supply is (stock of an item in a warehouse, or goods an organization offered
 * and holds), and the whole units an allocation becomes when it is committed. Pure rules.
 */
import type { Urgency, VulnerableGroup } from './need';

/** The weight of a need's urgency before its people are counted. */
export const URGENCY_WEIGHT: Record<Urgency, number> = { critical: 1, high: 0.7, medium: 0.4, low: 0.2 };

/** Each distinct vulnerable group among the people affected adds this share of the urgency's weight, up to three groups. */
export const VULNERABLE_BONUS = 0.15;

/**
 * A need's weight: urgency × (1 + 0.15 × the distinct vulnerable groups among its people, at
 * most 3). From 0.2 (low, no one vulnerable) to 1.45 (critical, three groups or more). Against
 * the solver's 0.001 per kilometre, a low need is worth carrying up to 200 km, a critical one
 * everywhere within range.
 */
export function needWeight(need: { urgency: Urgency; vulnerableGroups: readonly VulnerableGroup[] }): number {
  const groups = Math.min(3, new Set(need.vulnerableGroups).size);
  return Number((URGENCY_WEIGHT[need.urgency] * (1 + VULNERABLE_BONUS * groups)).toFixed(4));
}

/** Where a supply is held: stock in a warehouse or collection point, or goods an organization offered and holds itself. */
export type SupplySource = { kind: 'warehouse'; warehouseId: string } | { kind: 'offer'; offerId: string };

/** The key of a supply in a plan: `warehouse:<id>:<item>` or `offer:<id>`. */
export function supplyKey(source: SupplySource, item: string): string {
  return source.kind === 'warehouse' ? `warehouse:${source.warehouseId}:${item}` : `offer:${source.offerId}`;
}

/** The source a supply key names, or undefined when it is not one. */
export function parseSupplyKey(key: string): (SupplySource & { item?: string }) | undefined {
  const [kind, id, item, ...rest] = key.split(':');
  if (rest.length > 0 || !id) return undefined;
  if (kind === 'warehouse' && item) return { kind, warehouseId: id, item };
  if (kind === 'offer' && item === undefined) return { kind, offerId: id };
  return undefined;
}

/**
 * The quantity an allocation becomes at commit: whole units, because a need counts whole units
 * of its item (an indivisible item could be handed out no other way). What is rounded off
 * stays with the supply.
 */
export function committedQuantity(quantity: number): number {
  return Math.floor(quantity + 1e-9);
}

export const PLAN_STATUSES = ['proposed', 'committed', 'discarded'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const SHIPMENT_STATUSES = ['dispatched', 'in_transit', 'delivered', 'lost', 'returned'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** The steps a shipment may take from each status; delivered, lost and returned are final. */
export const SHIPMENT_TRANSITIONS: Record<ShipmentStatus, readonly ShipmentStatus[]> = {
  dispatched: ['in_transit', 'delivered', 'lost', 'returned'],
  in_transit: ['delivered', 'lost', 'returned'],
  delivered: [],
  lost: [],
  returned: [],
};
