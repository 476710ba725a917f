import { describe, expect, it } from 'vitest';
import { lifecycleFragmentation } from '../../src/analysis/lifecycle';

describe('lifecycle fragmentation', () => {
  it('finds the organizations active only in crisis and recovery, worked by hand', () => {
    const result = lifecycleFragmentation(
      [
        // a: drills (risk) and response; b: response and recovery; c: recovery only; d: nothing; e: risk only.
        { organizationId: 'a', phase: 'risk' },
        { organizationId: 'a', phase: 'crisis' },
        { organizationId: 'b', phase: 'crisis' },
        { organizationId: 'b', phase: 'recovery' },
        { organizationId: 'b', phase: 'crisis' },
        { organizationId: 'c', phase: 'recovery' },
        { organizationId: 'e', phase: 'risk' },
        // Activity of an organization outside the area is ignored.
        { organizationId: 'x', phase: 'crisis' },
      ],
      ['a', 'b', 'c', 'd', 'e'],
    );
    // Active: a, b, c, e (4); only crisis/recovery: b, c (2) → 0.5.
    expect(result).toMatchObject({ active: 4, reactiveOnly: 2, share: 0.5, byPhase: { risk: 2, crisis: 2, recovery: 2 } });
    expect(result.organizations.find((o) => o.organizationId === 'b')?.phases).toEqual(['crisis', 'recovery']);
    expect(result.organizations.find((o) => o.organizationId === 'd')?.phases).toEqual([]);
    expect(lifecycleFragmentation([], ['a']).share).toBeNull();
  });
});
