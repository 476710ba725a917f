/** `corespond allocate < problem.json > plan.json`: the plan on stdout, bad input named on stderr with exit code 2. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPlan } from '../../src/matching/allocate';
import { corespond } from '../support/cli';

// An empty data directory that must stay empty: the command opens no database.
const dataDir = mkdtempSync(join(tmpdir(), 'corespond-allocate-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function allocate(input: string, ...args: string[]) {
  return corespond(['allocate', ...args], { CORESPOND_DATA_DIR: dataDir, DATABASE_URL: '' }, input);
}

const problem = {
  needs: [
    { id: 'A', item: 'water', quantity: 10, weight: 1, lat: 34.75, lon: 113.63 },
    { id: 'B', item: 'water', quantity: 10, weight: 0.8, lat: 34.8, lon: 114.31 },
    { id: 'C', item: 'tents', quantity: 2.5, weight: 0.6, lat: 34.75, lon: 113.63 },
  ],
  supplies: [
    { id: 's1', item: 'water', quantity: 12, lat: 34.7, lon: 113.7 },
    { id: 's2', item: 'tents', quantity: 1, lat: 35.3, lon: 113.93 },
  ],
  maxDistanceKm: 300,
};

describe('corespond allocate', () => {
  it('writes a feasible plan of the greatest score, and reports its bound when asked', async () => {
    const { code, stdout, stderr } = await allocate(JSON.stringify(problem), '--report', '--gap', '0.01');
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(checkPlan(problem, plan).problems).toEqual([]);
    expect(plan.allocations).toEqual([
      { needId: 'A', supplyId: 's1', quantity: 10 },
      { needId: 'B', supplyId: 's1', quantity: 2 },
      { needId: 'C', supplyId: 's2', quantity: 1 },
    ]);
    expect(stderr).toMatch(/^score [\d.]+, upper bound [\d.]+ \(gap [\d.e-]+\), optimal\n$/);
  });

  it('answers an empty problem with an empty plan, opening no database', async () => {
    const { code, stdout } = await allocate('{"needs":[],"supplies":[],"maxDistanceKm":300}');
    expect(code).toBe(0);
    expect(stdout).toBe('{"allocations":[],"score":0}\n');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it.each([
    ['malformed JSON', '{"needs": [', 'error: the problem is not valid JSON'],
    [
      'a duplicate id',
      JSON.stringify({ ...problem, supplies: [...problem.supplies, problem.supplies[0]] }),
      'error: duplicate supply id "s1" (supplies[0] and supplies[2])',
    ],
    [
      'a negative quantity',
      JSON.stringify({ ...problem, needs: [{ ...problem.needs[0], quantity: -3 }] }),
      'error: needs[0].quantity must be a non-negative number',
    ],
    ['a missing field', JSON.stringify({ needs: problem.needs, supplies: problem.supplies }), 'error: maxDistanceKm is missing'],
    ['nothing at all', '', 'error: the problem is not valid JSON'],
  ])('refuses %s with exit code 2, naming it', async (_, input, message) => {
    const { code, stdout, stderr } = await allocate(input);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toContain(message);
  });
});
