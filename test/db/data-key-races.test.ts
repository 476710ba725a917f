/**
 * Writers that record changes of the same new needs and incidents at once, each making the
 * data key its records are sealed with where there is none yet: every writer commits (none
 * deadlocks on the other's new key while holding the chain head, nor on keys made in another
 * order), each owner ends with exactly one key, every record opens with its owner's key, and
 * the chain verifies. An erasure racing a writer of the same need commits too.
 */
import { expect, it } from 'vitest';
import { readAuditRows } from '../../src/db/repositories/audit';
import { findDataKeys } from '../../src/db/repositories/personal-data-keys';
import type { Executor } from '../../src/db/schema';
import { type DataKeyOwner, openingKeys } from '../../src/services/audit/data-keys';
import { type Change, recordChange, recordChanges, type Sealed, unseal } from '../../src/services/audit/record-change';
import { verifyAuditChain } from '../../src/services/audit/verify-audit-chain';
import type { Deps } from '../../src/services/context';
import { erasePersonalData } from '../../src/services/retention/erase-personal-data';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';
import { whileHeld } from '../support/races';

let serial = 0;
/** The incident of each claim a change was made about (its records are sealed with the incident's key). */
const incidentOfClaim = new Map<string, string>();

/** A change with a personal value, sealed with the key of `owner` (a need's own, else its incident's). */
function changeOf(owner: DataKeyOwner, writer: number): Change {
  if (owner.kind === 'need') {
    return { action: 'need.note', entityType: 'need', entityId: owner.id, after: { note: `第${writer}位写入者的备注` } };
  }
  const claimId = `claim-${++serial}`;
  incidentOfClaim.set(claimId, owner.id);
  return {
    action: 'claim.release',
    entityType: 'claim',
    entityId: claimId,
    after: { reason: `第${writer}位写入者的理由` },
    live: { incidentId: owner.id, kind: 'claim' },
  };
}

function newOwners(needs: number, incidents: number): DataKeyOwner[] {
  return [
    ...Array.from({ length: needs }, (): DataKeyOwner => ({ kind: 'need', id: `need-${++serial}` })),
    ...Array.from({ length: incidents }, (): DataKeyOwner => ({ kind: 'incident', id: `incident-${++serial}` })),
  ];
}

/** The owners a writer touches, in its own order: overlapping the others', rotated, every other one reversed. */
function orderOf(owners: DataKeyOwner[], writer: number): DataKeyOwner[] {
  const rotated = [...owners.slice(writer % owners.length), ...owners.slice(0, writer % owners.length)];
  const some = rotated.filter((_, i) => i % 3 !== 2);
  return writer % 2 === 0 ? some : some.reverse();
}

/** Every record sealed with a data key names its owner's one key, and opens with it. */
async function expectSealedWithOwnKeys(db: Executor, deps: Deps, owners: DataKeyOwner[]): Promise<number> {
  const keys = await findDataKeys(db, owners);
  expect([...keys.keys()].sort()).toEqual(owners.map((o) => `${o.kind}:${o.id}`).sort());
  const opening = await openingKeys(
    db,
    deps,
    [...keys.values()].map((k) => k.kid),
  );
  const rows = await readAuditRows(db, { limit: 100_000 });
  let sealed = 0;
  for (const row of rows) {
    const after = JSON.parse(row.after ?? '{}') as { sealed?: Sealed };
    const owner = row.entity_type === 'need' ? `need:${row.entity_id}` : `incident:${incidentOfClaim.get(row.entity_id)}`;
    const key = keys.get(owner);
    if (!key || !after.sealed) continue;
    expect(after.sealed.kid).toBe(key.kid);
    const opener = opening.get(key.kid);
    if (opener) expect(unseal(opener, after.sealed)).toEqual(expect.any(Object));
    sealed++;
  }
  return sealed;
}

describeEachDatabase('data keys made by concurrent writers', { databasePer: 'test' }, (t, dialect) => {
  /**
   * Runs `second` while a writer holds the chain head (it recorded a change of need `a`) and,
   * once `second` waits, records a change of `b` too, needing b's key.
   */
  const whileHoldingHead = <T>(a: DataKeyOwner, b: DataKeyOwner, second: () => Promise<T>) => {
    const { deps } = t();
    return whileHeld(
      deps,
      dialect,
      (trx) => recordChange(trx, deps, SYSTEM, changeOf(a, 1)),
      second,
      (trx) => recordChange(trx, deps, SYSTEM, changeOf(b, 1)),
    );
  };

  it('lets a writer holding the chain head make the key another writer is about to make', async () => {
    const { deps } = t();
    const [a, b] = newOwners(2, 0);
    const [holding, racing] = await whileHoldingHead(a, b, () =>
      deps.db.transaction().execute((trx) => recordChange(trx, deps, SYSTEM, changeOf(b, 2))),
    );
    expect(holding.status).toBe('fulfilled');
    expect(racing.status).toBe('fulfilled');
    expect(await expectSealedWithOwnKeys(deps.db, deps, [a, b])).toBe(3);
    expect(await verifyAuditChain(deps.db)).toEqual({ ok: true, checked: 3 });
  });

  it('lets writers make keys for overlapping owners in different orders: all commit, one key each', async () => {
    const { deps } = t();
    const owners: DataKeyOwner[] = [];
    let records = 0;
    for (let round = 0; round < 4; round++) {
      const fresh = newOwners(6, 2);
      owners.push(...fresh);
      const writers = Array.from({ length: 8 }, (_, w) => {
        const changes = orderOf(fresh, w).map((o) => ({ actor: SYSTEM, change: changeOf(o, w) }));
        records += changes.length;
        return deps.db.transaction().execute(async (trx) => {
          // Half record all their changes at once (keys made together), half one by one.
          if (w % 4 < 2) await recordChanges(trx, deps, changes);
          else for (const c of changes) await recordChange(trx, deps, c.actor, c.change);
        });
      });
      const settled = await Promise.allSettled(writers);
      expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    }
    expect(await expectSealedWithOwnKeys(deps.db, deps, owners)).toBe(records);
    expect(await verifyAuditChain(deps.db)).toEqual({ ok: true, checked: records });
  });

  it('lets an erasure of a need commit while a writer holding the chain head makes its key', async () => {
    const { deps } = t();
    const [a, need] = newOwners(2, 0);
    const [holding, erasing] = await whileHoldingHead(a, need, () =>
      erasePersonalData(deps, SYSTEM, [{ scope: 'need', subjectId: need.id }], 'request'),
    );
    expect(holding.status).toBe('fulfilled');
    expect(erasing.status).toBe('fulfilled');
    // The one key of the need sealed the writer's record and is erased now.
    expect(await expectSealedWithOwnKeys(deps.db, deps, [a, need])).toBe(2);
    expect((await findDataKeys(deps.db, [need])).get(`need:${need.id}`)).toMatchObject({ wrapped: null });
    expect(await verifyAuditChain(deps.db)).toEqual({ ok: true, checked: 3 });
  });
});
