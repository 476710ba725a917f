/** Schemas shared by several resources. */
import { type TSchema, Type } from 'typebox';
import { ERRORS, type ErrorCode } from '../model/errors';

// No NUL: PostgreSQL refuses it in text, which would answer a 500 instead of a 404.
export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000]+$' });
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export const JurisdictionCode = Type.String({ pattern: '^[0-9]{6}$', description: 'GB/T 2260 six-digit code' });
export const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50 });
export const Cursor = Type.String({ maxLength: 500 });

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.Enum(Object.keys(ERRORS) as ErrorCode[], { description: 'stable code from the error table' }),
    detail: Type.Optional(Type.String()),
    field: Type.Optional(Type.String({ description: 'JSON pointer (without the leading slash) of the field at fault' })),
    requestId: Type.Optional(
      Type.String({ description: "the request's id, as in its X-Request-Id header and the server's log" }),
    ),
    holders: Type.Optional(
      Type.Array(
        Type.Object({
          organizationId: Type.String(),
          organizationName: Type.String(),
          quantity: Type.Integer(),
          status: Type.String(),
        }),
        {
          description: 'for claim_conflict: who holds the need now',
        },
      ),
    ),
    available: Type.Optional(Type.Number({ description: "for insufficient_stock: the quantity there (in the item's unit)" })),
    item: Type.Optional(Type.String({ description: 'for insufficient_stock: the catalogue item short' })),
    warehouseId: Type.Optional(Type.String({ description: 'for insufficient_stock: the warehouse short of the item' })),
    offerId: Type.Optional(Type.String({ description: 'for insufficient_stock at a commit: the offer short of the item' })),
    organizationId: Type.Optional(
      Type.String({ description: 'for insufficient_stock at a commit: the organization holding the supply' }),
    ),
    membershipStatus: Type.Optional(
      Type.String({
        description:
          'for membership_inactive, and insufficient_stock at a commit: the membership status that keeps the organization from acting',
      }),
    ),
    needId: Type.Optional(Type.String({ description: 'for claim_conflict at a commit: the need no longer unclaimed' })),
    outstanding: Type.Optional(
      Type.Number({ description: 'for a receipt beyond an offer (invalid_input): what is still to be handed in' }),
    ),
    problems: Type.Optional(
      Type.Array(Type.String(), { description: 'for invalid_input of a plan change: each broken rule, naming its allocation' }),
    ),
    element: Type.Optional(
      Type.Union([Type.String(), Type.Null()], { description: 'for cap_invalid: the element the first schema error names' }),
    ),
    line: Type.Optional(
      Type.Union([Type.Integer(), Type.Null()], { description: 'for cap_invalid: the line of the first schema error' }),
    ),
    reason: Type.Optional(Type.String({ description: 'for not_needed: no_open_need, or marked_not_needed by the coordinators' })),
    needed: Type.Optional(
      Type.Array(Type.Object({ item: Type.String(), quantity: Type.Number(), pledged: Type.Optional(Type.Number()) }), {
        description: 'for not_needed: what the incident needs now',
      }),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem (application/problem+json)', additionalProperties: true },
);

/** A list page: items, total count and the cursor of the next page. */
export function Page<T extends ReturnType<typeof Type.Object>>(item: T) {
  return Type.Object({ items: Type.Array(item), total: Type.Integer(), nextCursor: Type.Union([Type.String(), Type.Null()]) });
}

/** A value or null. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** A calendar day, YYYY-MM-DD. */
export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

/** A code of the item catalogue (GET /api/v1/items), e.g. L1-0001. */
export const ItemCode = Type.String({
  minLength: 1,
  maxLength: 20,
  pattern: '^[A-Za-z0-9-]+$',
  description: "a code of the item catalogue (GET /api/v1/items); the unit is then the item's",
});
