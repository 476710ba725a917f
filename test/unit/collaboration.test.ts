import { describe, expect, it } from 'vitest';
import { collaborationGraph } from '../../src/analysis/collaboration';

const node = (id: string) => ({ id, name: `组织${id}`, kind: 'rescue_team' });

describe('collaboration graph', () => {
  it('measures a hand-built network: a chain of four and two loners', () => {
    const g = collaborationGraph(['A', 'B', 'C', 'D', 'E', 'F'].map(node), [
      { a: 'A', b: 'B', kind: 'co_deployment' },
      { a: 'B', b: 'A', kind: 'agreement' },
      { a: 'B', b: 'C', kind: 'joint_program' },
      { a: 'C', b: 'D', kind: 'shared_need' },
      // Outside the area, and a self-tie: left out.
      { a: 'E', b: 'X', kind: 'mentoring' },
      { a: 'A', b: 'A', kind: 'joint_program' },
    ]);
    expect(g.edges).toEqual([
      { a: 'A', b: 'B', weight: 2, kinds: ['co_deployment', 'agreement'] },
      { a: 'B', b: 'C', weight: 1, kinds: ['joint_program'] },
      { a: 'C', b: 'D', weight: 1, kinds: ['shared_need'] },
    ]);
    // 3 edges among 6 nodes: 3 / (6·5/2) = 0.2.
    expect(g.density).toBe(0.2);
    expect(g).toMatchObject({ components: 3, largestComponent: 4, isolated: ['E', 'F'] });
    // B and C each lie on 2 of the 10 pairs' shortest paths (A–C, A–D; A–D, B–D): 2 / 10 = 0.2.
    expect(g.brokers).toEqual([
      { id: 'B', betweenness: 0.2 },
      { id: 'C', betweenness: 0.2 },
    ]);
    const community = new Map(g.nodes.map((n) => [n.id, n.community]));
    expect(community.get('A')).toBe(community.get('B'));
    expect(community.get('E')).toBe(-1);
    expect(g.communities).toBeGreaterThanOrEqual(1);
    expect(g.nodes.find((n) => n.id === 'B')?.degree).toBe(2);
  });

  it('counts ties on shortest paths, not their weight', () => {
    // A square A–B–C–D–A with a heavy A–B: the heavy tie must not make B a detour.
    const g = collaborationGraph(['A', 'B', 'C', 'D'].map(node), [
      { a: 'A', b: 'B', kind: 'agreement' },
      { a: 'A', b: 'B', kind: 'joint_program' },
      { a: 'A', b: 'B', kind: 'shared_need' },
      { a: 'B', b: 'C', kind: 'agreement' },
      { a: 'C', b: 'D', kind: 'agreement' },
      { a: 'D', b: 'A', kind: 'agreement' },
    ]);
    // In a square every node lies on one of the two shortest paths between its neighbours: 0.5 / 3 each.
    expect(new Set(g.nodes.map((n) => n.betweenness))).toEqual(new Set([0.1667]));
  });

  it('is empty without ties', () => {
    const g = collaborationGraph([node('A'), node('B')], []);
    expect(g).toMatchObject({ density: 0, components: 2, largestComponent: 1, brokers: [], communities: 0, edges: [] });
  });
});
