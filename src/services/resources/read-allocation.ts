/**
 * Reading allocation plans (coordinators of the incident) and shipments (signed-in readers; the
 * reason given for a loss or return only to the incident's coordinators and the carrying
 * organization). A plan's lines carry what the coordinator needs to judge them: the need, the
 * supply, the distance, and for the map where both are.
 */
import { listPlans } from '../../db/repositories/allocation-plans';
import { findIncident } from '../../db/repositories/incidents';
import { findNeedsByIds } from '../../db/repositories/needs';
import { findOffersByIds } from '../../db/repositories/offers';
import { findOrganizations } from '../../db/repositories/organizations';
import { findShipment, listShipments, type Shipment, type ShipmentEvent, shipmentEvents } from '../../db/repositories/shipments';
import { findWarehouses } from '../../db/repositories/warehouses';
import { committedQuantity, type PlanStatus, parseSupplyKey, SHIPMENT_TRANSITIONS } from '../../model/allocation';
import { AppError } from '../../model/errors';
import { distanceMetres } from '../../model/need';
import type { Actor, Deps } from '../context';
import { audienceOf, disclose, locationFor, needSubject } from '../disclosure';
import { canMoveShipment } from '../policy';
import { coordinatedIncident, coordinatedPlan } from './allocation-plans';
import { incidentAllocationProblem } from './allocation-problem';

type Point = { lat: number; lon: number; locationPrecision: 'exact' | 'grid' } | null;

export interface PlanLineView {
  needId: string;
  needTitle: string;
  urgency: string;
  needAt: Point;
  supplyKey: string;
  supplyKind: 'warehouse' | 'offer';
  warehouseId: string | null;
  offerId: string | null;
  supplyLabel: string | null;
  organizationId: string | null;
  organizationName: string | null;
  supplyAt: Point;
  item: string;
  quantity: number;
  /** What the line becomes at commit: whole units. */
  committedQuantity: number;
  distanceKm: number;
}

export interface PlanView {
  id: string;
  incidentId: string;
  status: PlanStatus;
  maxDistanceKm: number;
  /** Null for a reader who does not see every need of the incident's area exactly (see `scoreFor`). */
  score: number | null;
  upperBound: number | null;
  /** False when the score is withheld for that reason. */
  scoreShown: boolean;
  createdAt: string;
  updatedAt: string;
  decidedAt: string | null;
  lines: PlanLineView[];
  /** Per item: what open needs ask for now, and what the plan gives them. */
  items: { item: string; open: number; allocated: number; available: number }[];
}

/** A plan as its coordinator reviews it. */
export async function allocationPlanView(deps: Deps, actor: Actor, planId: string): Promise<PlanView> {
  const plan = await coordinatedPlan(deps.db, actor, planId);
  const needs = await findNeedsByIds(
    deps.db,
    plan.lines.map((l) => l.needId),
  );
  const sources = plan.lines.map((l) => parseSupplyKey(l.supplyKey));
  const warehouseIds = sources.flatMap((s) => (s?.kind === 'warehouse' ? [s.warehouseId] : []));
  const offerIds = sources.flatMap((s) => (s?.kind === 'offer' ? [s.offerId] : []));
  const [warehouses, offers] = await Promise.all([findWarehouses(deps.db, warehouseIds), findOffersByIds(deps.db, offerIds)]);
  const orgIds = [...warehouses.values()]
    .map((w) => w.organizationId)
    .concat([...offers.values()].flatMap((o) => (o.organizationId ? [o.organizationId] : [])));
  const orgs = await findOrganizations(deps.db, [...new Set(orgIds)]);
  const incident = await findIncident(deps.db, plan.incidentId);
  const areas = incident?.jurisdictions ?? [];
  const lines = plan.lines.map((line, i): PlanLineView => {
    const need = needs.get(line.needId);
    const source = sources[i];
    const warehouse = source?.kind === 'warehouse' ? warehouses.get(source.warehouseId) : undefined;
    const offer = source?.kind === 'offer' ? offers.get(source.offerId) : undefined;
    const organizationId = warehouse?.organizationId ?? offer?.organizationId ?? null;
    const needPlace = need && need.lat !== null && need.lon !== null ? { lat: need.lat, lon: need.lon } : null;
    const offerPlace = offer && offer.lat !== null && offer.lon !== null ? { lat: offer.lat, lon: offer.lon } : null;
    const needAt = need && needPlace ? locationFor(audienceOf(actor, needSubject(need, [])), 'need', needPlace) : null;
    const supplyAt: Point = warehouse
      ? { lat: warehouse.lat, lon: warehouse.lon, locationPrecision: 'exact' }
      : offer && offerPlace
        ? locationFor(
            audienceOf(actor, { kind: 'offer', organizationId: offer.organizationId, incidentAreas: areas }),
            'offer',
            offerPlace,
          )
        : null;
    return {
      needId: line.needId,
      needTitle: need?.title ?? '',
      urgency: need?.urgency ?? 'medium',
      needAt,
      supplyKey: line.supplyKey,
      supplyKind: source?.kind ?? 'warehouse',
      warehouseId: warehouse?.id ?? null,
      offerId: offer?.id ?? null,
      supplyLabel: warehouse?.name ?? null,
      organizationId,
      organizationName: organizationId ? (orgs.get(organizationId)?.name ?? null) : null,
      supplyAt,
      item: line.item,
      quantity: line.quantity,
      committedQuantity: committedQuantity(line.quantity),
      distanceKm: distanceShown(line.distanceKm, needAt, supplyAt),
    };
  });
  const { lines: _l, createdBy: _c, decidedBy: _d, ...rest } = plan;
  return {
    ...scoreFor(actor, areas, rest),
    lines,
    items: plan.status === 'proposed' ? await itemTotals(deps, plan.incidentId, plan.maxDistanceKm, lines) : [],
  };
}

/**
 * A line's distance as the reader may know it: from the places it is shown. A reader who sees a
 * need (or a donor's place) only on the grid gets the distance from the cell's centre, as
 * recommendations do, so distances to warehouses whose places it knows cannot locate the need.
 */
function distanceShown(stored: number, needAt: Point, supplyAt: Point): number {
  if (!needAt || !supplyAt) return stored;
  if (needAt.locationPrecision === 'exact' && supplyAt.locationPrecision === 'exact') return stored;
  return Number((distanceMetres(needAt, supplyAt) / 1000).toFixed(3));
}

async function itemTotals(deps: Deps, incidentId: string, maxDistanceKm: number, lines: readonly PlanLineView[]) {
  const { problem } = await incidentAllocationProblem(deps.db, incidentId, maxDistanceKm);
  const totals = new Map<string, { item: string; open: number; allocated: number; available: number }>();
  const of = (item: string) => {
    const t = totals.get(item) ?? { item, open: 0, allocated: 0, available: 0 };
    totals.set(item, t);
    return t;
  };
  for (const n of problem.needs) of(n.item).open += n.quantity;
  for (const s of problem.supplies) of(s.item).available += s.quantity;
  for (const l of lines) of(l.item).allocated += l.quantity;
  return [...totals.values()].sort((a, b) => a.item.localeCompare(b.item));
}

/** An incident's plans, newest first (coordinators). */
export async function incidentPlans(deps: Deps, actor: Actor, incidentId: string) {
  const incident = await coordinatedIncident(deps.db, actor, incidentId);
  return (await listPlans(deps.db, incidentId, 50)).map((plan) => scoreFor(actor, incident.jurisdictions, plan));
}

/**
 * A plan's score as the reader may know it. The score sums quantity × (weight − 0.001 × km) over
 * exact distances and weights that count vulnerable groups: only a reader who sees every need of
 * the incident's area exactly (a coordinator of all of it) gets it; the others, who see some
 * needs only on the grid, get null, so the score cannot locate a need or count its people.
 */
function scoreFor<P extends { score: number; upperBound: number | null }>(
  actor: Actor,
  incidentAreas: readonly string[],
  plan: P,
): Omit<P, 'score' | 'upperBound'> & { score: number | null; upperBound: number | null; scoreShown: boolean } {
  const scoreShown = audienceOf(actor, { kind: 'area', areas: [...incidentAreas] }) === 'steward';
  return { ...plan, score: scoreShown ? plan.score : null, upperBound: scoreShown ? plan.upperBound : null, scoreShown };
}

export type ShipmentView = Omit<Shipment, 'claimId' | 'reason' | 'createdBy' | 'offerId'> & {
  reason: string | null;
  offerId: string | null;
  needTitle: string;
  organizationName: string | null;
  warehouseName: string | null;
  history: (Omit<ShipmentEvent, 'actorId' | 'reason'> & { reason: string | null })[];
  personalDataVisible: boolean;
  /** Whether the reader may move it on now: it is on its way, and they carry it or coordinate the incident. */
  viewerCanMove: boolean;
};

async function present(deps: Deps, actor: Actor, shipments: readonly Shipment[], withHistory: boolean): Promise<ShipmentView[]> {
  if (shipments.length === 0) return [];
  const incident = await findIncident(deps.db, shipments[0].incidentId);
  const areas = incident?.jurisdictions ?? [];
  const [needs, orgs, warehouses, events] = await Promise.all([
    findNeedsByIds(
      deps.db,
      shipments.map((s) => s.needId),
    ),
    findOrganizations(deps.db, [...new Set(shipments.map((s) => s.organizationId))]),
    findWarehouses(
      deps.db,
      shipments.flatMap((s) => (s.warehouseId ? [s.warehouseId] : [])),
    ),
    withHistory
      ? shipmentEvents(
          deps.db,
          shipments.map((s) => s.id),
        )
      : Promise.resolve(new Map<string, ShipmentEvent[]>()),
  ]);
  return shipments.map((s) => {
    const audience = audienceOf(actor, { kind: 'shipment', organizationId: s.organizationId, incidentAreas: areas });
    const shown = disclose(
      'shipment',
      {
        ...s,
        needTitle: needs.get(s.needId)?.title ?? '',
        organizationName: orgs.get(s.organizationId)?.name ?? null,
        warehouseName: s.warehouseId ? (warehouses.get(s.warehouseId)?.name ?? null) : null,
      },
      audience,
    );
    const { claimId: _c, createdBy: _b, ...view } = shown;
    const history = (events.get(s.id) ?? []).map(({ actorId: _a, ...e }) => disclose('shipment', e, audience));
    const viewerCanMove = SHIPMENT_TRANSITIONS[s.status].length > 0 && canMoveShipment(actor, s.organizationId, areas);
    return { ...view, history, viewerCanMove } as unknown as ShipmentView;
  });
}

/** An incident's shipments for a signed-in reader, newest first. */
export async function incidentShipments(deps: Deps, actor: Actor, incidentId: string, limit: number): Promise<ShipmentView[]> {
  const incident = await findIncident(deps.db, incidentId);
  if (!incident) throw new AppError('not_found');
  return present(deps, actor, await listShipments(deps.db, { incidentId, limit }), false);
}

/** One shipment with its history. */
export async function shipmentView(deps: Deps, actor: Actor, id: string): Promise<ShipmentView> {
  const shipment = await findShipment(deps.db, id);
  if (!shipment) throw new AppError('not_found');
  return (await present(deps, actor, [shipment], true))[0];
}

/** The committed plan's shipments, as the committing coordinator sees them. */
export async function plannedShipments(deps: Deps, actor: Actor, shipments: readonly Shipment[]): Promise<ShipmentView[]> {
  return present(deps, actor, shipments, false);
}
