import { Type } from 'typebox';
import { PLAN_STATUSES, SHIPMENT_STATUSES } from '../../model/allocation';
import { Id, Nullable } from '../common-schemas';

const strict = { additionalProperties: false } as const;

export const ProposeBody = Type.Object(
  {
    maxDistanceKm: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 5000, description: 'pairs farther apart are not allocated (default 300)' }),
    ),
  },
  strict,
);

export const AllocationsBody = Type.Object(
  {
    allocations: Type.Array(
      Type.Object(
        {
          needId: Id,
          supplyId: Type.String({
            minLength: 1,
            maxLength: 200,
            description: 'the supply key of the plan: warehouse:<id>:<item> or offer:<id>',
          }),
          quantity: Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000 }),
        },
        strict,
      ),
      { maxItems: 20_000 },
    ),
  },
  strict,
);

const Point = Nullable(Type.Object({ lat: Type.Number(), lon: Type.Number(), locationPrecision: Type.Enum(['exact', 'grid']) }));

const PlanLine = Type.Object({
  needId: Id,
  needTitle: Type.String(),
  urgency: Type.String(),
  needAt: Point,
  supplyKey: Type.String(),
  supplyKind: Type.Enum(['warehouse', 'offer']),
  warehouseId: Nullable(Type.String()),
  offerId: Nullable(Type.String()),
  supplyLabel: Nullable(Type.String()),
  organizationId: Nullable(Type.String()),
  organizationName: Nullable(Type.String()),
  supplyAt: Point,
  item: Type.String(),
  quantity: Type.Number(),
  committedQuantity: Type.Number({ description: 'whole units: what the line becomes at commit' }),
  distanceKm: Type.Number(),
});

const PlanFields = {
  id: Id,
  incidentId: Id,
  status: Type.Enum(PLAN_STATUSES),
  maxDistanceKm: Type.Number(),
  score: Nullable(
    Type.Number({
      description: 'Σ quantity × (weight − 0.001 × km); null for a reader who sees a place of the plan only on the grid',
    }),
  ),
  upperBound: Nullable(
    Type.Number({ description: 'no plan over the same supplies scores more (the solver’s certificate); null as score' }),
  ),
  scoreShown: Type.Boolean({ description: 'false when score and upperBound are withheld from this reader' }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  decidedAt: Nullable(Type.String()),
};

export const PlanSchema = Type.Object({
  ...PlanFields,
  lines: Type.Array(PlanLine),
  items: Type.Array(
    Type.Object({ item: Type.String(), open: Type.Number(), allocated: Type.Number(), available: Type.Number() }),
  ),
});

export const PlanList = Type.Object({ items: Type.Array(Type.Object(PlanFields)) });

export const ShipmentSchema = Type.Object({
  id: Id,
  incidentId: Id,
  planId: Nullable(Type.String()),
  needId: Id,
  needTitle: Type.String(),
  organizationId: Id,
  organizationName: Nullable(Type.String()),
  item: Type.String(),
  quantity: Type.Number(),
  receivedQuantity: Nullable(Type.Number()),
  warehouseId: Nullable(Type.String()),
  warehouseName: Nullable(Type.String()),
  offerId: Nullable(Type.String()),
  status: Type.Enum(SHIPMENT_STATUSES),
  reason: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  history: Type.Array(
    Type.Object({
      seq: Type.Integer(),
      status: Type.Enum(SHIPMENT_STATUSES),
      quantity: Nullable(Type.Number()),
      reason: Nullable(Type.String()),
      at: Type.String(),
    }),
  ),
  personalDataVisible: Type.Boolean(),
  viewerCanMove: Type.Boolean({
    description: 'the reader may move it on now: it is on its way, and they carry it or coordinate the incident',
  }),
});

export const ShipmentList = Type.Object({ items: Type.Array(ShipmentSchema) });

export const CommitAnswer = Type.Object({ plan: PlanSchema, shipments: Type.Array(ShipmentSchema) });

export const TransitionBody = Type.Object(
  {
    to: Type.Enum(['in_transit', 'delivered', 'lost', 'returned']),
    quantity: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'delivered: what the receiver counted' }),
    ),
    reason: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
  },
  strict,
);
