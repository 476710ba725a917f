/**
 * The ledger's pure rules: amounts kept exactly as integers (fen, thousandths of a unit), the
 * balancing rule every posting passes, what each stock movement posts, and stage totals.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/model/errors';
import { checkMovement, type MovementKind, movementEntries, stockChanges } from '../../src/model/inventory';
import { ITEMS } from '../../src/model/items';
import {
  balancedEntries,
  fromMinor,
  LedgerError,
  MONEY,
  minorOrUndefined,
  stageTotals,
  sumsByAsset,
  toMinor,
  transfer,
} from '../../src/model/ledger';

const RICE = 'L1-0005'; // divisible, kg
const TENT = 'L1-0008'; // whole tents only

describe('amounts', () => {
  it('keeps money in fen and goods in thousandths of their unit', () => {
    expect(toMinor(MONEY, 12.34)).toBe(1234);
    expect(toMinor(MONEY, 0.1 + 0.2)).toBe(30);
    expect(toMinor(RICE, 2.5)).toBe(2500);
    expect(toMinor(RICE, 0.001)).toBe(1);
    expect(toMinor(TENT, -3)).toBe(-3000);
    expect(fromMinor(MONEY, 1234)).toBe(12.34);
    expect(fromMinor(RICE, 2500)).toBe(2.5);
    expect(Object.is(toMinor(RICE, -0), 0)).toBe(true);
  });

  it('refuses amounts it cannot keep exactly', () => {
    expect(minorOrUndefined(MONEY, 0.001)).toBeUndefined();
    expect(minorOrUndefined(RICE, 0.0005)).toBeUndefined();
    expect(minorOrUndefined(RICE, Number.NaN)).toBeUndefined();
    expect(minorOrUndefined(RICE, Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(minorOrUndefined(RICE, 1e16)).toBeUndefined();
    expect(() => toMinor(MONEY, 1.005)).toThrow(LedgerError);
  });

  it('round-trips every amount of at most three decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (thousandths) => {
        const amount = thousandths / 1000;
        expect(toMinor(RICE, amount)).toBe(thousandths);
        expect(fromMinor(RICE, toMinor(RICE, amount))).toBe(amount);
      }),
    );
  });

  it('sums exactly where floating point would not', () => {
    const entries = Array.from({ length: 10 }, () => ({ asset: MONEY, minor: toMinor(MONEY, 0.1) }));
    expect(sumsByAsset(entries).get(MONEY)).toBe(100);
    expect(fromMinor(MONEY, 100)).toBe(1);
  });
});

describe('the balancing rule', () => {
  const w = { accountKind: 'warehouse' as const, accountId: 'w1' };
  const issued = { accountKind: 'issued' as const, accountId: 'w1' };

  it('takes a transaction whose entries sum to zero per asset, in minor units', () => {
    const posted = balancedEntries([
      ...transfer(w, issued, RICE, 2.5),
      { accountKind: 'donor', accountId: 'offer-1', asset: MONEY, amount: -100 },
      { accountKind: 'organization', accountId: 'org-1', asset: MONEY, amount: 60 },
      {
        accountKind: 'organization',
        accountId: 'org-2',
        asset: MONEY,
        amount: 40,
        organizationId: 'org-2',
        jurisdiction: '410105',
      },
    ]);
    expect(posted.map((e) => e.minor)).toEqual([-2500, 2500, -10000, 6000, 4000]);
    expect(posted[4]).toMatchObject({ organizationId: 'org-2', jurisdiction: '410105' });
    expect(posted[0]).toMatchObject({ organizationId: null, jurisdiction: null });
  });

  it('refuses a transaction that does not balance, for any asset', () => {
    expect(() => balancedEntries([...transfer(w, issued, RICE, 2.5), { ...w, asset: TENT, amount: 1 }])).toThrow(/L1-0008/);
    expect(() =>
      balancedEntries([
        { ...w, asset: RICE, amount: -1 },
        { ...issued, asset: RICE, amount: 1.001 },
      ]),
    ).toThrow(LedgerError);
    // Each asset on its own: a kilogram of rice does not pay for a tent.
    expect(() =>
      balancedEntries([
        { ...w, asset: RICE, amount: -1 },
        { ...issued, asset: TENT, amount: 1 },
      ]),
    ).toThrow(LedgerError);
  });

  it('refuses a single entry, a zero entry, an unknown asset or account kind, and an account without an id', () => {
    expect(() => balancedEntries([{ ...w, asset: RICE, amount: 0 }])).toThrow(/two entries/);
    expect(() => balancedEntries([...transfer(w, issued, RICE, 0)])).toThrow(/moves nothing/);
    expect(() => balancedEntries(transfer(w, issued, 'L9-9999', 1))).toThrow(/unknown asset/);
    expect(() => balancedEntries(transfer(w, { accountKind: 'nowhere' as 'issued', accountId: 'x' }, RICE, 1))).toThrow(
      /account kind/,
    );
    expect(() => balancedEntries(transfer(w, { accountKind: 'issued', accountId: '' }, RICE, 1))).toThrow(/needs an id/);
  });

  it('accepts exactly the sets that sum to zero (property)', () => {
    const entry = fc.record({
      asset: fc.constantFrom(MONEY, RICE, TENT),
      thousandths: fc.integer({ min: -1_000_000, max: 1_000_000 }).filter((n) => n !== 0),
    });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 2, maxLength: 8 }), (raw) => {
        // Money is kept in fen: round to whole fen first.
        const entries = raw.map((e, i) => ({
          accountKind: 'warehouse' as const,
          accountId: `a${i}`,
          asset: e.asset,
          amount: e.asset === MONEY ? Math.round(e.thousandths / 10) / 100 || 0.01 : e.thousandths / 1000,
        }));
        const sums = new Map<string, number>();
        for (const e of entries) sums.set(e.asset, (sums.get(e.asset) ?? 0) + toMinor(e.asset, e.amount));
        const balanced = [...sums.values()].every((s) => s === 0);
        if (balanced) expect(balancedEntries(entries)).toHaveLength(entries.length);
        else expect(() => balancedEntries(entries)).toThrow(LedgerError);
        // Completing each asset with its opposite always balances.
        const completed = [
          ...entries,
          ...[...sums]
            .filter(([, s]) => s !== 0)
            .map(([asset, s]) => ({ ...entries[0], accountId: 'rest', asset, amount: -fromMinor(asset, s) })),
        ];
        expect(() => balancedEntries(completed)).not.toThrow();
      }),
    );
  });
});

describe('movements', () => {
  const a = { id: 'wa', organizationId: 'org-a', jurisdiction: '410105' };
  const b = { id: 'wb', organizationId: 'org-b', jurisdiction: '410103' };
  const entryOf = (kind: MovementKind, quantity: number, source?: { accountKind: 'pledged'; accountId: string }) =>
    balancedEntries(movementEntries({ kind, item: RICE, quantityMinor: toMinor(RICE, quantity) }, a, b, source));

  it('posts receive, issue, transfer, adjust and write_off between the agreed accounts', () => {
    expect(entryOf('receive', 5).map((e) => [e.accountKind, e.accountId, e.minor])).toEqual([
      ['source', 'org-a', -5000],
      ['warehouse', 'wa', 5000],
    ]);
    expect(
      entryOf('receive', 5, { accountKind: 'pledged', accountId: 'offer-9' }).map((e) => [e.accountKind, e.accountId]),
    ).toEqual([
      ['pledged', 'offer-9'],
      ['warehouse', 'wa'],
    ]);
    expect(entryOf('issue', 2).map((e) => [e.accountKind, e.accountId, e.minor])).toEqual([
      ['warehouse', 'wa', -2000],
      ['issued', 'wa', 2000],
    ]);
    expect(entryOf('transfer', 1.5).map((e) => [e.accountKind, e.accountId, e.minor, e.organizationId, e.jurisdiction])).toEqual([
      ['warehouse', 'wa', -1500, 'org-a', '410105'],
      ['warehouse', 'wb', 1500, 'org-b', '410103'],
    ]);
    expect(entryOf('adjust', -0.25).map((e) => [e.accountKind, e.minor])).toEqual([
      ['adjustment', 250],
      ['warehouse', -250],
    ]);
    expect(entryOf('write_off', 1).map((e) => [e.accountKind, e.minor])).toEqual([
      ['warehouse', -1000],
      ['written_off', 1000],
    ]);
  });

  it('changes stock as it posts: the warehouse account moves by the stock change', () => {
    for (const kind of ['receive', 'issue', 'transfer', 'adjust', 'write_off'] as const) {
      const quantityMinor = kind === 'adjust' ? -700 : 700;
      const changes = stockChanges({ kind, warehouseId: 'wa', toWarehouseId: 'wb', item: RICE, quantityMinor });
      const entries = balancedEntries(movementEntries({ kind, item: RICE, quantityMinor }, a, b));
      for (const change of changes) {
        const posted = entries.filter((e) => e.accountKind === 'warehouse' && e.accountId === change.warehouseId);
        expect(
          posted.reduce((s, e) => s + e.minor, 0),
          `${kind} ${change.warehouseId}`,
        ).toBe(change.delta);
      }
    }
  });

  it('checks what a movement must say, naming the field', () => {
    const refused = (input: Parameters<typeof checkMovement>[1]) => {
      try {
        checkMovement('wa', input);
      } catch (error) {
        if (error instanceof AppError) return [error.code, error.field];
      }
      return undefined;
    };
    expect(refused({ kind: 'receive', item: 'L9-0000', quantity: 1 })).toEqual(['unknown_item', 'item']);
    expect(refused({ kind: 'receive', item: TENT, quantity: 1.5 })).toEqual(['invalid_input', 'quantity']);
    expect(refused({ kind: 'receive', item: RICE, quantity: 1.0001 })).toEqual(['invalid_input', 'quantity']);
    expect(refused({ kind: 'issue', item: RICE, quantity: 0 })).toEqual(['invalid_input', 'quantity']);
    expect(refused({ kind: 'issue', item: RICE, quantity: -1 })).toEqual(['invalid_input', 'quantity']);
    expect(refused({ kind: 'adjust', item: RICE, quantity: 0, reason: '盘点' })).toEqual(['invalid_input', 'quantity']);
    expect(refused({ kind: 'adjust', item: RICE, quantity: -1 })).toEqual(['invalid_input', 'reason']);
    expect(refused({ kind: 'write_off', item: RICE, quantity: 1, reason: '  ' })).toEqual(['invalid_input', 'reason']);
    expect(refused({ kind: 'transfer', item: RICE, quantity: 1 })).toEqual(['invalid_input', 'toWarehouseId']);
    expect(refused({ kind: 'transfer', item: RICE, quantity: 1, toWarehouseId: 'wa' })).toEqual([
      'invalid_input',
      'toWarehouseId',
    ]);
    expect(refused({ kind: 'issue', item: RICE, quantity: 1, toWarehouseId: 'wb' })).toEqual(['invalid_input', 'toWarehouseId']);
    expect(refused({ kind: 'adjust', item: RICE, quantity: -0.5, reason: '盘点差异' })).toBeUndefined();
    expect(checkMovement('wa', { kind: 'receive', item: RICE, quantity: 12.345 }).quantityMinor).toBe(12345);
    // Every indivisible item of the catalogue is counted whole; every divisible one to the gram or millilitre.
    for (const item of ITEMS) {
      expect(refused({ kind: 'receive', item: item.code, quantity: 2.5 })).toEqual(
        item.divisible ? undefined : ['invalid_input', 'quantity'],
      );
    }
  });
});

describe('stage totals', () => {
  it('counts each account kind toward its stage and received from receive flows', () => {
    const totals = stageTotals(
      new Map([
        ['donor', -900],
        ['pledged', 300],
        ['warehouse', 250],
        ['organization', 50],
        ['allocated', 100],
        ['in_transit', 40],
        ['need', 60],
        ['issued', 30],
        ['written_off', 20],
        ['returned', 50],
        ['source', -100],
        ['adjustment', 0],
      ]),
      550,
    );
    expect(totals).toEqual({
      pledged: 300,
      received: 550,
      held: 300,
      allocated: 100,
      inTransit: 40,
      delivered: 90,
      disbursed: 0,
      returned: 50,
      writtenOff: 20,
    });
  });
});
