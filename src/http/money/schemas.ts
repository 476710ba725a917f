import { Type } from 'typebox';
import { MAX_MOVEMENT_FEN, MONEY_MOVEMENT_KINDS } from '../../model/money';
import { Id, Nullable } from '../common-schemas';

const strict = { additionalProperties: false } as const;

const Fen = Type.Integer({ minimum: 1, maximum: MAX_MOVEMENT_FEN, description: 'money in fen (分), a whole number' });
const OfferRef = {
  offerId: Type.Optional(Nullable(Id)),
  referenceCode: Type.Optional(
    Nullable(Type.String({ minLength: 4, maxLength: 20, description: 'the donor’s reference code, instead of offerId' })),
  ),
};

export const MoneyReceiptBody = Type.Object(
  {
    organizationId: Id,
    amountFen: Fen,
    ...OfferRef,
    raisedPublicly: Type.Optional(Type.Boolean({ description: 'money the organization raised from the public (公开募捐)' })),
    note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
  },
  strict,
);

export const DisbursementBody = Type.Object(
  {
    organizationId: Id,
    amountFen: Fen,
    purpose: Type.String({ minLength: 1, maxLength: 500, description: 'what the money paid for' }),
    needId: Type.Optional(Nullable(Id)),
  },
  strict,
);

export const MoneyReturnBody = Type.Object(
  {
    organizationId: Id,
    amountFen: Fen,
    ...OfferRef,
    reason: Type.String({ minLength: 1, maxLength: 500, description: 'why the money is given back' }),
  },
  strict,
);

export const MoneyMovementSchema = Type.Object({
  id: Id,
  incidentId: Id,
  organizationId: Id,
  kind: Type.Enum(MONEY_MOVEMENT_KINDS),
  amountFen: Type.Integer(),
  offerId: Nullable(Id),
  needId: Nullable(Id),
  raisedPublicly: Type.Boolean(),
  purpose: Nullable(Type.String({ description: 'what a disbursement paid for, why money was given back, a receipt’s note' })),
  transactionId: Id,
  actorId: Type.String(),
  at: Type.String(),
  heldFen: Type.Integer({ description: 'the organization’s money held for the incident after this movement, in fen' }),
});
