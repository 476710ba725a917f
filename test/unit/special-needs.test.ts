import { describe, expect, it } from 'vitest';
import { median, type NeedOutcome, specialNeedsCoverage } from '../../src/analysis/special-needs';

const need = (id: string, vulnerable: boolean, reportedAt: string, servedAt: string | null, withdrawn = false): NeedOutcome => ({
  id,
  vulnerable,
  reportedAt,
  servedAt,
  withdrawn,
});

describe('special-needs coverage', () => {
  it('compares vulnerable people’s needs with the others, worked by hand', () => {
    const result = specialNeedsCoverage([
      // Vulnerable: served after 2 h and 10 h, one unserved (older), one withdrawn as a duplicate.
      need('v1', true, '2025-07-20T08:00:00Z', '2025-07-20T10:00:00Z'),
      need('v2', true, '2025-07-20T09:00:00Z', '2025-07-20T19:00:00Z'),
      need('v3', true, '2025-07-21T06:00:00Z', null),
      need('v0', true, '2025-07-20T05:00:00Z', null),
      need('v4', true, '2025-07-21T07:00:00Z', null, true),
      // Others: served after 1 h, 3 h and 5 h.
      need('o1', false, '2025-07-20T08:00:00Z', '2025-07-20T09:00:00Z'),
      need('o2', false, '2025-07-20T08:00:00Z', '2025-07-20T11:00:00Z'),
      need('o3', false, '2025-07-20T08:00:00Z', '2025-07-20T13:00:00Z'),
    ]);
    // 2 served of 4 to serve (5 minus the withdrawn one): 0.5; median of 2 h and 10 h: 6 h.
    expect(result.vulnerable).toEqual({ needs: 5, served: 2, shareServed: 0.5, medianHoursToServe: 6 });
    expect(result.others).toEqual({ needs: 3, served: 3, shareServed: 1, medianHoursToServe: 3 });
    expect(result.unserved).toEqual(['v0', 'v3']);
  });

  it('has nothing to say about an empty group', () => {
    expect(specialNeedsCoverage([]).vulnerable).toEqual({ needs: 0, served: 0, shareServed: null, medianHoursToServe: null });
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
  });
});
