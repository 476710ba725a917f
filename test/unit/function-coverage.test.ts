import { describe, expect, it } from 'vitest';
import { functionCoverage } from '../../src/analysis/function-coverage';

describe('function-map coverage', () => {
  it('counts organizations, activities and needs per cell and marks the gaps', () => {
    // Worked by hand: two organizations work in action:crisis, one in ideas:risk; tallies of one cell add up.
    const cells = functionCoverage({
      organizations: [
        { cell: { strategy: 'action', phase: 'crisis' }, count: 1 },
        { cell: { strategy: 'action', phase: 'crisis' }, count: 1 },
        { cell: { strategy: 'ideas', phase: 'risk' }, count: 1 },
      ],
      activities: [
        { cell: { strategy: 'ideas', phase: 'risk' }, count: 1 },
        { cell: { strategy: 'technology', phase: 'risk' }, count: 1 },
      ],
      needs: [
        { cell: { strategy: 'action', phase: 'crisis' }, count: 1 },
        { cell: { strategy: 'resources', phase: 'recovery' }, count: 2 },
      ],
    });
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
