import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { dataKeysFor, openingKeys } from '../../src/services/audit/data-keys';
import { describeEachDatabase } from '../support/databases';

describeEachDatabase('personal data keys', (t) => {
  it('keeps each opened key in 32 bytes of its own, not in a slice of the shared Buffer pool', async () => {
    const { deps } = t();
    // One key per need: a kept slice of the 8 KB pool would keep the whole pool alive, per need.
    const owners = Array.from({ length: 20 }, () => ({ kind: 'need' as const, id: randomUUID() }));
    const made = await dataKeysFor(deps.db, deps, owners);
    const opened = await openingKeys(
      deps.db,
      deps,
      [...made.values()].map((k) => k.kid),
    );
    for (const { kid, key } of made.values()) {
      expect(key?.length).toBe(32);
      expect(key?.buffer.byteLength).toBe(32);
      expect(opened.get(kid)?.equals(key as Buffer)).toBe(true);
    }
    expect(new Set([...made.values()].map((k) => k.key?.toString('hex'))).size).toBe(20);
  });
});
