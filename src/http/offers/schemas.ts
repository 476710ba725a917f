import { Type } from 'typebox';
import { ITEM_CLASSES, ITEM_GROUPS } from '../../model/items';
import { OFFER_KINDS, OFFER_SOURCES, OFFER_STATUSES } from '../../model/offer';
import { Cursor, Id, ItemCode, JurisdictionCode, Limit, Nullable } from '../common-schemas';

const strict = { additionalProperties: false } as const;

export const ItemSchema = Type.Object({
  code: Type.String(),
  codeKind: Type.Enum(['local', 'national'], { description: 'local: no national code of GB/T 38565-2020 is known to us' }),
  itemClass: Type.Enum(ITEM_CLASSES, { description: 'the top class of GB/T 38565-2020 (1, 2 or 3)' }),
  group: Type.Enum(ITEM_GROUPS, { description: 'our own grouping below the class' }),
  nameZh: Type.String(),
  nameEn: Type.String(),
  unitZh: Type.String(),
  unitEn: Type.String(),
  divisible: Type.Boolean({ description: 'false: quantities are whole units' }),
});

export const ItemCatalogue = Type.Object({
  items: Type.Array(ItemSchema),
  classes: Type.Array(Type.Object({ code: Type.Enum(ITEM_CLASSES), nameZh: Type.String(), nameEn: Type.String() })),
});

const NeededItemSchema = Type.Object({
  item: Type.String(),
  quantity: Type.Number({ description: 'open quantity: asked for by open needs and not yet held or fulfilled' }),
  pledged: Type.Number({ description: 'pledged by donors and not yet handed in' }),
});

export const NeededNowSchema = Type.Object({
  needed: Type.Array(NeededItemSchema),
  notNeeded: Type.Array(Type.Object({ item: Type.String(), reason: Type.String() })),
});

const Fen = Type.Integer({ minimum: 1, maximum: 100_000_000_000, description: 'money in fen (分)' });
const Quantity = Type.Number({ exclusiveMinimum: 0, maximum: 10_000_000, multipleOf: 0.001 });
const Day = Type.String({ format: 'date-time', description: 'ISO 8601 date and time' });

const offerFields = {
  kind: Type.Enum(OFFER_KINDS),
  item: Type.Optional(Nullable(ItemCode)),
  quantity: Type.Optional(Nullable(Quantity)),
  amountFen: Type.Optional(Nullable(Fen)),
  jurisdiction: JurisdictionCode,
  lat: Type.Optional(Nullable(Type.Number({ minimum: -90, maximum: 90 }))),
  lon: Type.Optional(Nullable(Type.Number({ minimum: -180, maximum: 180 }))),
  availableFrom: Type.Optional(Nullable(Day)),
  availableUntil: Type.Optional(Nullable(Day)),
  conditions: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  donorName: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  donorPhone: Type.Optional(Nullable(Type.String({ maxLength: 30 }))),
  note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};

export const PublicOfferBody = Type.Object(offerFields, strict);

export const OrganizationOfferBody = Type.Object(
  {
    ...offerFields,
    organizationId: Id,
    reason: Type.Optional(
      Nullable(Type.String({ maxLength: 500, description: 'why goods that are not needed now are recorded anyway' })),
    ),
    raisedPublicly: Type.Optional(Type.Boolean({ description: 'money raised from the public (公开募捐)' })),
  },
  strict,
);

export const PublicOfferSchema = Type.Object({
  id: Id,
  incidentId: Id,
  kind: Type.Enum(OFFER_KINDS),
  item: Nullable(Type.String()),
  quantity: Nullable(Type.Number()),
  amountFen: Nullable(Type.Number()),
  status: Type.Enum(OFFER_STATUSES),
  receivedQuantity: Type.Number(),
  createdAt: Type.String(),
});

export const PublicOfferAnswer = Type.Object({
  referenceCode: Type.String({ description: 'keep it: it follows the donation and hands the goods in' }),
  offer: PublicOfferSchema,
  needed: NeededNowSchema,
});

export const OfferSchema = Type.Object({
  id: Id,
  incidentId: Id,
  kind: Type.Enum(OFFER_KINDS),
  item: Nullable(Type.String()),
  quantity: Nullable(Type.Number()),
  amountFen: Nullable(Type.Number()),
  jurisdiction: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  lon: Nullable(Type.Number()),
  availableFrom: Nullable(Type.String()),
  availableUntil: Nullable(Type.String()),
  conditions: Nullable(Type.String()),
  note: Nullable(Type.String()),
  donorName: Nullable(Type.String()),
  donorPhone: Nullable(Type.String()),
  organizationId: Nullable(Type.String()),
  organizationName: Nullable(Type.String()),
  source: Nullable(Type.Enum(OFFER_SOURCES)),
  unwantedReason: Nullable(Type.String()),
  raisedPublicly: Nullable(Type.Boolean()),
  status: Type.Enum(OFFER_STATUSES),
  receivedQuantity: Type.Number(),
  createdBy: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  personalDataVisible: Type.Boolean(),
  locationPrecision: Type.Optional(Type.Enum(['exact', 'grid'])),
});

export const OfferList = Type.Object({ items: Type.Array(OfferSchema), nextCursor: Nullable(Type.String()) });

export const OfferQuery = Type.Object(
  {
    organizationId: Type.Optional(Id),
    kind: Type.Optional(Type.Enum(OFFER_KINDS)),
    status: Type.Optional(Type.Enum(OFFER_STATUSES)),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(Cursor),
  },
  strict,
);

export const WithdrawBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, strict);

export const NotNeededParams = Type.Object({ id: Id, item: ItemCode });
export const NotNeededBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, strict);

const Figures = Type.Object({
  pledged: Type.Number(),
  received: Type.Number(),
  allocated: Type.Number(),
  delivered: Type.Number({ description: 'delivered (goods) or disbursed (money)' }),
  returned: Type.Number({ description: 'withdrawn pledges and goods given back' }),
  written_off: Type.Number(),
});

export const TransparencySchema = Type.Object({
  incidentId: Id,
  incidentName: Type.String(),
  money: Type.Object(Figures.properties, { description: 'yuan' }),
  items: Type.Array(Type.Object({ item: Type.String(), ...Figures.properties })),
  organizations: Type.Array(
    Type.Object({
      organizationId: Nullable(Type.String({ description: 'null: members of the public' })),
      name: Nullable(Type.String()),
      money: Figures,
      goods: Type.Array(Type.Object({ item: Type.String(), ...Figures.properties }), {
        description: 'item by item: goods of different units are never added up',
      }),
    }),
  ),
  areas: Type.Array(
    Type.Object({
      jurisdiction: Type.String(),
      items: Type.Array(Type.Object({ item: Type.String(), delivered: Type.Number() })),
    }),
  ),
});

export const DonationParams = Type.Object({ referenceCode: Type.String({ minLength: 4, maxLength: 20 }) });

export const DonationPathSchema = Type.Object({
  offer: PublicOfferSchema,
  steps: Type.Array(
    Type.Object({
      stage: Type.Enum(['pledged', 'received', 'allocated', 'in_transit', 'delivered', 'returned', 'written_off'], {
        description: 'delivered: goods that reached a need, or money the receiving organization disbursed',
      }),
      quantity: Type.Number(),
      at: Type.String(),
      place: Nullable(Type.String({ description: 'the collection point, or the organization, that received (or disbursed) it' })),
      jurisdiction: Nullable(Type.String({ description: 'the area of the need it reached' })),
      traced: Type.Boolean({ description: 'traced through pooled stock, first-in first-out' }),
    }),
  ),
});
