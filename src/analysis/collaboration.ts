/**
 * The collaboration graph (social capital): organizations as nodes, ties from co-deployments,
 * agreements and mentoring, joint programs and shared needs. Density, connected components,
 * isolated organizations, brokers (betweenness centrality) and communities (Louvain), with
 * graphology and its metrics. Pure.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { connectedComponents } from 'graphology-components';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import { density } from 'graphology-metrics/graph/density';
import { seededRandom } from '../model/random';

export const TIE_KINDS = ['co_deployment', 'agreement', 'mentoring', 'joint_program', 'shared_need'] as const;
export type TieKind = (typeof TIE_KINDS)[number];

export interface Tie {
  a: string;
  b: string;
  kind: TieKind;
}

export interface GraphNode {
  id: string;
  name: string;
  kind: string;
}

export interface CollaborationGraph {
  nodes: (GraphNode & { degree: number; betweenness: number; community: number })[];
  /** One edge per pair, weighted by how many ties join them, with the kinds of tie. */
  edges: { a: string; b: string; weight: number; kinds: TieKind[] }[];
  density: number;
  components: number;
  largestComponent: number;
  isolated: string[];
  /** The organizations that most often lie on shortest paths between others, highest first. */
  brokers: { id: string; betweenness: number }[];
  communities: number;
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** Builds the graph of the nodes given; ties to organizations outside them, and self-ties, are left out. */
export function collaborationGraph(nodes: readonly GraphNode[], ties: readonly Tie[], brokers = 10): CollaborationGraph {
  const graph = new Graph({ type: 'undirected', multi: false });
  for (const n of nodes) graph.mergeNode(n.id, { name: n.name, kind: n.kind });
  const kinds = new Map<string, Set<TieKind>>();
  for (const t of ties) {
    if (t.a === t.b || !graph.hasNode(t.a) || !graph.hasNode(t.b)) continue;
    const key = t.a < t.b ? `${t.a}|${t.b}` : `${t.b}|${t.a}`;
    if (graph.hasEdge(t.a, t.b)) graph.updateEdgeAttribute(t.a, t.b, 'weight', (w: number) => w + 1);
    else graph.addEdge(t.a, t.b, { weight: 1 });
    kinds.set(key, (kinds.get(key) ?? new Set()).add(t.kind));
  }
  // Shortest paths count ties, not their weight (graphology would read the weight as a distance).
  const between = graph.order > 2 ? betweennessCentrality(graph, { normalized: true, getEdgeWeight: null }) : {};
  const community = graph.size > 0 ? louvain(graph, { rng: seededRandom(1) }) : {};
  const components = connectedComponents(graph);
  const communityIds = new Map<number, number>();
  const communityOf = (id: string) => {
    const raw = (community as Record<string, number>)[id];
    if (raw === undefined || graph.degree(id) === 0) return -1;
    if (!communityIds.has(raw)) communityIds.set(raw, communityIds.size);
    return communityIds.get(raw) as number;
  };
  const out = nodes.map((n) => ({
    ...n,
    degree: graph.degree(n.id),
    betweenness: round(between[n.id] ?? 0),
    community: communityOf(n.id),
  }));
  return {
    nodes: out,
    edges: graph.mapEdges((_edge, attributes, a, b) => {
      const key = a < b ? `${a}|${b}` : `${b}|${a}`;
      const [x, y] = a < b ? [a, b] : [b, a];
      return { a: x, b: y, weight: attributes.weight as number, kinds: TIE_KINDS.filter((k) => kinds.get(key)?.has(k)) };
    }),
    density: graph.order > 1 ? round(density(graph)) : 0,
    components: components.length,
    largestComponent: Math.max(0, ...components.map((c) => c.length)),
    isolated: out.filter((n) => n.degree === 0).map((n) => n.id),
    brokers: out
      .filter((n) => n.betweenness > 0)
      .sort((a, b) => b.betweenness - a.betweenness || a.id.localeCompare(b.id))
      .slice(0, brokers)
      .map((n) => ({ id: n.id, betweenness: n.betweenness })),
    communities: communityIds.size,
  };
}
