import { describe, expect, it } from 'vitest';
import { type ActivityRow, whoWhatWhere } from '../../src/analysis/who-what-where';

const row = (organizationId: string, what: string, where: string, when: string, count: number): ActivityRow => ({
  organizationId,
  name: `组织${organizationId}`,
  what,
  source: what === 'drill' ? 'program' : 'need',
  external: false,
  where,
  when,
  count,
  reached: null,
});

describe('3W', () => {
  it('totals who did what where, worked by hand', () => {
    const result = whoWhatWhere([
      row('B', 'food', '410105', '2025-07', 3),
      row('A', 'food', '410105', '2025-07', 2),
      row('A', 'shelter', '410102', '2025-07', 1),
      row('A', 'drill', '410105', '2025-05', 1),
    ]);
    expect(result.rows.map((r) => `${r.when} ${r.organizationId} ${r.what}`)).toEqual([
      '2025-05 A drill',
      '2025-07 A food',
      '2025-07 A shelter',
      '2025-07 B food',
    ]);
    expect(result.byOrganization).toEqual([
      { key: 'A', count: 4, organizations: 1 },
      { key: 'B', count: 3, organizations: 1 },
    ]);
    expect(result.byWhat[0]).toEqual({ key: 'food', count: 5, organizations: 2 });
    expect(result.byPlace).toEqual([
      { key: '410105', count: 6, organizations: 2 },
      { key: '410102', count: 1, organizations: 1 },
    ]);
  });
});
