import { describe, expect, it } from 'vitest';
import { CaughtUp } from '../../src/projections/caught-up';
import { waitFor } from '../support/wait';

describe('a read model caught up before every answer', () => {
  it('fails only the answer whose catch-up failed; the next one catches up again', async () => {
    const model = { seen: [] as number[] };
    let next = 0;
    let failNext = false;
    const kept = new CaughtUp(
      model,
      async () => {
        model.seen.push(0);
      },
      async () => {
        next += 1;
        if (failNext) {
          failNext = false;
          throw new Error('the database is busy');
        }
        model.seen.push(next);
      },
    );
    expect((await kept.current()).seen).toEqual([0, 1]);
    failNext = true;
    await expect(kept.current()).rejects.toThrow('busy');
    expect((await kept.current()).seen).toEqual([0, 1, 3]);
  });

  it('runs catch-ups one at a time, in the order asked', async () => {
    const order: string[] = [];
    let n = 0;
    // The first catch-up is held until the second has been asked for, so they would overlap if they could.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const kept = new CaughtUp(
      order,
      async () => {},
      async () => {
        const mine = ++n;
        order.push(`start ${mine}`);
        if (mine === 1) await held;
        order.push(`end ${mine}`);
      },
    );
    const both = Promise.all([kept.current(), kept.current()]);
    await waitFor(() => order.length > 0, { what: 'the first catch-up to start' });
    // Give the second every chance to start early: a few turns of the event loop.
    for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['start 1']);
    release();
    await both;
    expect(order).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('fails every answer when the load failed', async () => {
    let catchUps = 0;
    const kept = new CaughtUp(
      {},
      async () => {
        throw new Error('no database');
      },
      async () => {
        catchUps += 1;
      },
    );
    await expect(kept.current()).rejects.toThrow('no database');
    await expect(kept.current()).rejects.toThrow('no database');
    expect(catchUps).toBe(0);
  });
});
