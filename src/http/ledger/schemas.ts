import { Type } from 'typebox';
import { ACCOUNT_KINDS } from '../../model/ledger';
import { Cursor, Id, Limit, Nullable } from '../common-schemas';

const Amount = Type.Number({ description: 'in yuan for money, in the item’s unit for goods' });

export const LedgerQuery = Type.Object(
  { accountKind: Type.Optional(Type.Enum(ACCOUNT_KINDS)), limit: Limit, cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
);

export const StageTotalsSchema = Type.Object(
  {
    asset: Type.String({ description: '"money" or an item code' }),
    pledged: Amount,
    received: Amount,
    held: Amount,
    allocated: Amount,
    inTransit: Amount,
    delivered: Amount,
    disbursed: Amount,
    returned: Amount,
    writtenOff: Amount,
  },
  {
    description:
      'pledged: promised, not yet received; received: what receive transactions brought in; held (warehouses and organizations), allocated, inTransit: there now; delivered (to needs and handed out), disbursed, returned, writtenOff: ended there',
  },
);

export const AccountBalanceSchema = Type.Object({
  accountKind: Type.Enum(ACCOUNT_KINDS),
  accountId: Type.String(),
  name: Nullable(Type.String({ description: 'the warehouse’s or organization’s name; null for offers, shipments and needs' })),
  asset: Type.String(),
  balance: Amount,
});

export const IncidentLedgerSchema = Type.Object({
  incidentId: Id,
  stages: Type.Array(StageTotalsSchema),
  flows: Type.Array(Type.Object({ kind: Type.String(), asset: Type.String(), amount: Amount }), {
    description: 'what the incident’s transactions of each kind moved, per asset',
  }),
  accounts: Type.Object(
    { items: Type.Array(AccountBalanceSchema), nextCursor: Nullable(Type.String()) },
    { description: 'balances by account kind, id and asset, a page at a time (limit, cursor)' },
  ),
  reconciled: Type.Object({
    ok: Type.Boolean(),
    balancesSumToZero: Type.Boolean(),
    warehousesMatchStock: Type.Boolean(),
    mismatches: Type.Array(
      Type.Object({ warehouseId: Type.String(), item: Type.String(), ledger: Type.Number(), stock: Type.Number() }),
    ),
    needsMatchDeliveries: Type.Boolean({
      description: 'each need for goods is fulfilled by exactly what the ledger delivered to it',
    }),
    needMismatches: Type.Array(
      Type.Object({ needId: Type.String(), item: Type.String(), ledger: Type.Number(), fulfilled: Type.Number() }),
    ),
  }),
  unqualifiedFundraising: Type.Array(
    Type.Object({
      organizationId: Id,
      organizationName: Nullable(Type.String()),
      subjectKind: Type.Enum(['receipt', 'offer'], { description: 'a money receipt, or an offer recorded as raised publicly' }),
      subjectId: Id,
      amountFen: Type.Integer({ description: 'fen' }),
      at: Type.String(),
      acknowledged: Type.Boolean({ description: 'a coordinator acknowledged the unqualified_fundraising alarm' }),
    }),
    {
      description:
        'money raised from the public (公开募捐) by an organization not holding the qualification on that day; an organization’s people see only their own',
    },
  ),
});
