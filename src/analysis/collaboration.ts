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
import { createUnweightedIndexedBrandes } from 'graphology-shortest-path/indexed-brandes';
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
  /** Exact, or estimated from `samples` source organizations on a large graph. */
  betweenness: { approximate: boolean; samples: number | null };
}

export interface GraphOptions {
  /** How many brokers to name. */
  brokers: number;
  /** Betweenness is exact up to this many organizations, sampled above. */
  exactUpTo: number;
  /** How many source organizations the sampled betweenness starts from (by default as many as fit a fixed budget of work). */
  samples?: number;
}

const DEFAULT_OPTIONS: GraphOptions = { brokers: 10, exactUpTo: 3000 };

/** Sources for a sampled betweenness: about 30 million steps of breadth-first search, between 32 and 256 sources. */
function samplesFor(graph: Graph): number {
  return Math.max(32, Math.min(256, Math.round(30_000_000 / (graph.order + graph.size))));
}

/**
 * Betweenness estimated from shortest paths out of `samples` sources picked at random (Brandes
 * and Pich's pivots): each source's dependencies, scaled by order ÷ samples, on graphology's
 * indexed breadth-first Brandes; normalized as graphology's exact betweenness is.
 */
export function sampledBetweenness(graph: Graph, samples: number, random: () => number): Record<string, number> {
  const order = graph.order;
  const brandes = createUnweightedIndexedBrandes(graph);
  const index = (brandes as unknown as { index: { collect(values: Float64Array): Record<string, number> } }).index;
  const delta = new Float64Array(order);
  const centralities = new Float64Array(order);
  const sources = new Set<number>();
  while (sources.size < Math.min(samples, order)) sources.add(Math.floor(random() * order));
  for (const source of sources) {
    const [stack, predecessors, sigma] = brandes(source);
    const visited = (stack as unknown as { items: ArrayLike<number> }).items;
    for (let j = 0; j < stack.size; j++) delta[visited[j]] = 0;
    while (stack.size !== 0) {
      const w = stack.pop() as number;
      const coefficient = (1 + delta[w]) / sigma[w];
      for (const v of predecessors[w]) delta[v] += sigma[v] * coefficient;
      if (w !== source) centralities[w] += delta[w];
    }
  }
  const scale = order > 2 ? order / sources.size / ((order - 1) * (order - 2)) : 0;
  for (let i = 0; i < order; i++) centralities[i] *= scale;
  return index.collect(centralities);
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;

/** Builds the graph of the nodes given; ties to organizations outside them, and self-ties, are left out. */
export function collaborationGraph(
  nodes: readonly GraphNode[],
  ties: readonly Tie[],
  options: Partial<GraphOptions> = {},
): CollaborationGraph {
  const { brokers, exactUpTo, samples } = { ...DEFAULT_OPTIONS, ...options };
  const graph = new Graph({ type: 'undirected', multi: false });
  for (const n of nodes) graph.mergeNode(n.id, { name: n.name, kind: n.kind });
  // Each edge's kinds of tie as bits of one number (a province has hundreds of thousands of ties).
  for (const t of ties) {
    if (t.a === t.b || !graph.hasNode(t.a) || !graph.hasNode(t.b)) continue;
    const bit = 1 << TIE_KINDS.indexOf(t.kind);
    const edge = graph.edge(t.a, t.b);
    if (edge === undefined) graph.addEdge(t.a, t.b, { weight: 1, kinds: bit });
    else {
      const attributes = graph.getEdgeAttributes(edge);
      attributes.weight += 1;
      attributes.kinds |= bit;
    }
  }
  // Shortest paths count ties, not their weight (graphology would read the weight as a distance).
  const approximate = graph.order > exactUpTo;
  const sources = Math.min(samples ?? samplesFor(graph), graph.order);
  const between =
    graph.order <= 2
      ? {}
      : approximate
        ? sampledBetweenness(graph, sources, seededRandom(2))
        : betweennessCentrality(graph, { normalized: true, getEdgeWeight: null });
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
      const [x, y] = a < b ? [a, b] : [b, a];
      const bits = attributes.kinds as number;
      return { a: x, b: y, weight: attributes.weight as number, kinds: TIE_KINDS.filter((_k, i) => bits & (1 << i)) };
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
    betweenness: { approximate, samples: approximate ? sources : null },
  };
}
