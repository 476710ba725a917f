/** `corespond passes rotate-key` and `corespond keys rotate`: a new signing key from the command line, the old one still published. */
import { expect, it } from 'vitest';
import { allPassKeys } from '../../src/db/repositories/passes';
import { corespond } from '../support/cli';
import { describeEachDatabase } from '../support/databases';

// One database for both tests, in this order: the first starts with no key at all.
describeEachDatabase('corespond passes rotate-key', (t) => {
  async function rotate(...command: string[]): Promise<string> {
    const result = await corespond(command, t().env);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    return result.stdout;
  }

  it('makes the first key if there is none, then a new generation each time, keeping the old ones', async () => {
    expect(await allPassKeys(t().deps.db)).toEqual([]);
    const first = await rotate('passes', 'rotate-key');
    expect(first).toMatch(/^new pass signing key [A-Za-z0-9_-]{43};/);
    const second = await rotate('passes', 'rotate-key');
    const keys = await allPassKeys(t().deps.db);
    expect(keys.map((k) => k.generation)).toEqual([1, 2, 3]);
    expect(first).toContain(keys[1].kid);
    expect(second).toContain(keys[2].kid);
  });

  it('`corespond keys rotate` is the same rotation under its general name: a new generation, the old keys kept', async () => {
    const before = await allPassKeys(t().deps.db);
    const out = await rotate('keys', 'rotate');
    expect(out).toMatch(/^new signing key [A-Za-z0-9_-]{43};/);
    const keys = await allPassKeys(t().deps.db);
    expect(keys.map((k) => k.generation)).toEqual([...before.map((k) => k.generation), before.length + 1]);
    expect(keys.slice(0, -1).map((k) => k.kid)).toEqual(before.map((k) => k.kid));
    expect(out).toContain(keys[keys.length - 1].kid);
  });
});
