import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/model/ids';

describe('record ids', () => {
  it('are valid UUID v7s, all different, and sort in the order they were made', () => {
    const ids = Array.from({ length: 20_000 }, () => newId());
    expect(ids.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    const made = Number.parseInt(ids[0].replace(/-/g, '').slice(0, 12), 16);
    expect(Math.abs(made - Date.now())).toBeLessThan(5_000);
  });
});
