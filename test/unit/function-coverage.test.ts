import { describe, expect, it } from 'vitest';
import { functionCoverage } from '../../src/analysis/function-coverage';

describe('function-map coverage', () => {
  it('counts organizations, activities and needs per cell and marks the gaps', () => {
    const cells = functionCoverage(
      [
        // Listing a cell twice counts the organization once.
        {
          cells: [
            { strategy: 'action', phase: 'crisis' },
            { strategy: 'action', phase: 'crisis' },
          ],
        },
        {
          cells: [
            { strategy: 'action', phase: 'crisis' },
            { strategy: 'ideas', phase: 'risk' },
          ],
        },
        { cells: [] },
      ],
      [{ cell: { strategy: 'ideas', phase: 'risk' } }, { cell: { strategy: 'technology', phase: 'risk' } }],
      [
        { cell: { strategy: 'action', phase: 'crisis' } },
        { cell: { strategy: 'resources', phase: 'recovery' } },
        { cell: { strategy: 'resources', phase: 'recovery' } },
      ],
    );
    expect(cells).toHaveLength(12);
    const at = (strategy: string, phase: string) => cells.find((c) => c.strategy === strategy && c.phase === phase);
    expect(at('action', 'crisis')).toMatchObject({ organizations: 2, activities: 0, needs: 1, gap: false });
    expect(at('ideas', 'risk')).toMatchObject({ organizations: 1, activities: 1, needs: 0, gap: false });
    expect(at('technology', 'risk')).toMatchObject({ organizations: 0, activities: 1, needs: 0, gap: false });
    expect(at('resources', 'recovery')).toMatchObject({ organizations: 0, activities: 0, needs: 2, gap: true });
    expect(cells.filter((c) => c.gap)).toHaveLength(1);
    expect(cells.reduce((n, c) => n + c.organizations, 0)).toBe(3);
  });
});
