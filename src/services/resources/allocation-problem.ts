/**
 * The allocation problem of an incident as it stands now: its open needs for goods (weighed by
 * urgency and vulnerable groups) and the supplies held by organizations that may act — stock in
 * their warehouses and goods they offered. Public offers count once a collection point has
 * received them, as stock. Shared by proposing, editing and committing a plan, so all three
 * hold a plan to the same supplies.
 */
import { findOrganizations } from '../../db/repositories/organizations';
import { type OpenGoodsNeed, offeredGoods, openGoodsNeeds, stockOf } from '../../db/repositories/supplies';
import type { Executor } from '../../db/schema';
import type { AllocationProblem } from '../../matching/allocate';
import { needWeight, type SupplySource, supplyKey } from '../../model/allocation';
import { mayAct } from '../../model/membership';

/** A supply as the plan names it: the solver's id, where it is held and by whom. */
export interface SupplyInfo {
  key: string;
  source: SupplySource;
  item: string;
  quantity: number;
  organizationId: string;
  /** The warehouse's name; null for goods an organization holds itself. */
  label: string | null;
  lat: number;
  lon: number;
}

export interface IncidentAllocation {
  problem: AllocationProblem;
  needs: Map<string, OpenGoodsNeed>;
  supplies: Map<string, SupplyInfo>;
}

/** Loads the incident's problem; supplies of organizations that may not act are left out. */
export async function incidentAllocationProblem(
  db: Executor,
  incidentId: string,
  maxDistanceKm: number,
): Promise<IncidentAllocation> {
  const needs = await openGoodsNeeds(db, incidentId);
  const items = [...new Set(needs.map((n) => n.item))];
  const [stock, offered] = await Promise.all([stockOf(db, items), offeredGoods(db, incidentId, items)]);
  const orgs = await findOrganizations(db, [...new Set([...stock, ...offered].map((s) => s.organizationId))]);
  const acting = (id: string) => {
    const org = orgs.get(id);
    return org !== undefined && !org.archived && mayAct(org.membership.status);
  };
  const supplies: SupplyInfo[] = [
    ...stock
      .filter((s) => acting(s.organizationId))
      .map((s) => {
        const source: SupplySource = { kind: 'warehouse', warehouseId: s.warehouseId };
        return {
          key: supplyKey(source, s.item),
          source,
          item: s.item,
          quantity: s.quantity,
          organizationId: s.organizationId,
          label: s.warehouseName,
          lat: s.lat,
          lon: s.lon,
        };
      }),
    ...offered
      .filter((s) => acting(s.organizationId))
      .map((s) => {
        const source: SupplySource = { kind: 'offer', offerId: s.offerId };
        return {
          key: supplyKey(source, s.item),
          source,
          item: s.item,
          quantity: s.quantity,
          organizationId: s.organizationId,
          label: null,
          lat: s.lat,
          lon: s.lon,
        };
      }),
  ];
  return {
    problem: {
      needs: needs.map((n) => ({ id: n.id, item: n.item, quantity: n.open, weight: needWeight(n), lat: n.lat, lon: n.lon })),
      supplies: supplies.map((s) => ({ id: s.key, item: s.item, quantity: s.quantity, lat: s.lat, lon: s.lon })),
      maxDistanceKm,
    },
    needs: new Map(needs.map((n) => [n.id, n])),
    supplies: new Map(supplies.map((s) => [s.key, s])),
  };
}
