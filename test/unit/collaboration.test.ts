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

  it('samples betweenness on a large graph, labelled approximate; with every source sampled it is exact', () => {
    // Two stars joined at their hubs: H1 with 20 leaves, H2 with 20 leaves. 42 nodes, 41 ties.
    const ids = ['H1', 'H2', ...Array.from({ length: 40 }, (_, i) => `L${i}`)];
    const ties = [
      { a: 'H1', b: 'H2', kind: 'agreement' as const },
      ...Array.from({ length: 40 }, (_, i) => ({ a: i < 20 ? 'H1' : 'H2', b: `L${i}`, kind: 'joint_program' as const })),
    ];
    const exact = collaborationGraph(ids.map(node), ties);
    expect(exact.betweenness).toEqual({ approximate: false, samples: null });
    // Each hub lies on every shortest path between its 20 leaves and the other 21 nodes, and among its leaves:
    // 20 × 21 + 190 = 610 of the 41·40/2 = 820 pairs of the other nodes.
    expect(exact.brokers.map((b) => b.id)).toEqual(['H1', 'H2']);
    expect(exact.brokers[0].betweenness).toBeCloseTo(610 / 820, 4);

    const everySource = collaborationGraph(ids.map(node), ties, { exactUpTo: 10, samples: 42 });
    expect(everySource.betweenness).toEqual({ approximate: true, samples: 42 });
    expect(everySource.nodes.map((n) => n.betweenness)).toEqual(exact.nodes.map((n) => n.betweenness));

    // A dozen sources still finds the two hubs as the brokers, and no leaf lies between others.
    const sampled = collaborationGraph(ids.map(node), ties, { exactUpTo: 10, samples: 12 });
    expect(sampled.betweenness).toEqual({ approximate: true, samples: 12 });
    expect(sampled.brokers.map((b) => b.id).sort()).toEqual(['H1', 'H2']);
    expect(sampled.nodes.filter((n) => n.id.startsWith('L')).every((n) => n.betweenness === 0)).toBe(true);
  });
});
