/** `corespond passes rotate-key` and `corespond keys rotate`: a new signing key from the command line, the old one still published. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';
import { allPassKeys } from '../../src/db/repositories/passes';
import { describeEachDatabase } from '../support/databases';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'corespond.mjs');

describeEachDatabase('corespond passes rotate-key', { databasePer: 'test' }, (t) => {
  it('makes the first key if there is none, then a new generation each time, keeping the old ones', async () => {
    const rotate = async () =>
      (await run(process.execPath, [CLI, 'passes', 'rotate-key'], { env: { ...process.env, ...t().env } })).stdout;
    const first = await rotate();
    expect(first).toMatch(/^new pass signing key [A-Za-z0-9_-]{43};/);
    const second = await rotate();
    const keys = await allPassKeys(t().deps.db);
    expect(keys.map((k) => k.generation)).toEqual([1, 2, 3]);
    expect(first).toContain(keys[1].kid);
    expect(second).toContain(keys[2].kid);
  });

  it('`corespond keys rotate` is the same rotation under its general name: a new generation, the old keys kept', async () => {
    const rotate = async () =>
      (await run(process.execPath, [CLI, 'keys', 'rotate'], { env: { ...process.env, ...t().env } })).stdout;
    const out = await rotate();
    expect(out).toMatch(/^new signing key [A-Za-z0-9_-]{43};/);
    const keys = await allPassKeys(t().deps.db);
    expect(keys.map((k) => k.generation)).toEqual([1, 2]);
    expect(out).toContain(keys[1].kid);
  });
});
