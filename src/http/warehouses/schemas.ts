import { Type } from 'typebox';
import { MAX_MOVEMENT_QUANTITY, MOVEMENT_KINDS, WAREHOUSE_KINDS } from '../../model/inventory';
import { Cursor, Id, JurisdictionCode, Limit, Nullable, Page } from '../common-schemas';

const strict = { additionalProperties: false } as const;
const Text = (maxLength: number) => Type.String({ maxLength });
/** An item code of the catalogue (GET /api/v1/items); an unknown one is refused with 400 unknown_item. */
const ItemCode = Type.String({ minLength: 1, maxLength: 32, description: 'item code of the catalogue, e.g. L1-0005' });
const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'WGS 84' });
const Lon = Type.Number({ minimum: -180, maximum: 180, description: 'WGS 84' });

export const WarehouseBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    organizationId: Id,
    jurisdiction: JurisdictionCode,
    lat: Lat,
    lon: Lon,
    kind: Type.Optional(
      Type.Enum(WAREHOUSE_KINDS, { description: 'warehouse (仓库, the default) or collection_point (收集点)' }),
    ),
    address: Type.Optional(Nullable(Text(500))),
  },
  strict,
);

export const StockLineSchema = Type.Object({
  item: Type.String(),
  quantity: Type.Number({ description: 'in the item’s unit' }),
  updatedAt: Type.String(),
});

export const WarehouseSchema = Type.Object({
  id: Id,
  name: Type.String(),
  kind: Type.Enum(WAREHOUSE_KINDS),
  organizationId: Id,
  organizationName: Type.String(),
  jurisdiction: Type.String(),
  lat: Type.Number(),
  lon: Type.Number(),
  address: Nullable(Type.String()),
  createdAt: Type.String(),
  archivedAt: Nullable(Type.String()),
  stock: Type.Array(StockLineSchema, { description: 'what it holds now (items with stock only)' }),
  viewerCanMove: Type.Boolean({ description: 'whether the reader may record movements of its stock' }),
});

export const WarehouseQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100, description: 'words in the name' })),
    organizationId: Type.Optional(Id),
    jurisdiction: Type.Optional(JurisdictionCode),
    limit: Limit,
    cursor: Type.Optional(Cursor),
  },
  strict,
);

export const WarehousePage = Type.Object({
  ...Page(WarehouseSchema).properties,
  viewerCanCreate: Type.Boolean({ description: 'whether the reader may register warehouses (for some organization or area)' }),
});

export const StockSchema = Type.Object({ items: Type.Array(StockLineSchema) });

export const MovementBody = Type.Object(
  {
    kind: Type.Enum(MOVEMENT_KINDS),
    item: ItemCode,
    quantity: Type.Number({
      minimum: -MAX_MOVEMENT_QUANTITY,
      maximum: MAX_MOVEMENT_QUANTITY,
      description:
        'in the item’s unit: whole for indivisible items, at most three decimals otherwise; above zero, except an adjustment’s (signed, not zero)',
    }),
    toWarehouseId: Type.Optional(Nullable(Id)),
    reason: Type.Optional(Nullable(Text(1000))),
    incidentId: Type.Optional(Nullable(Id)),
    offerReference: Type.Optional(Nullable(Text(64))),
  },
  strict,
);

export const MovementSchema = Type.Object({
  id: Id,
  warehouseId: Id,
  kind: Type.Enum(MOVEMENT_KINDS),
  item: Type.String(),
  quantity: Type.Number({ description: 'in the item’s unit; signed for adjustments' }),
  toWarehouseId: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  incidentId: Nullable(Type.String()),
  offerReference: Nullable(Type.String()),
  transactionId: Type.String({ description: 'the ledger transaction it posted' }),
  actorId: Type.String(),
  at: Type.String(),
});

export const RecordedMovementSchema = Type.Object({
  movement: MovementSchema,
  stock: Type.Array(Type.Object({ warehouseId: Id, item: Type.String(), quantity: Type.Number() }), {
    description: 'the stock lines the movement changed, as they are now',
  }),
});

export const MovementQuery = Type.Object({ limit: Limit, cursor: Type.Optional(Cursor) }, strict);
export const MovementPage = Page(MovementSchema);
