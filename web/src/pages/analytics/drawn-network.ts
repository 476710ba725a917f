/**
 * Which part of a collaboration graph the chart draws. A force layout of more than a few
 * hundred organizations is a hairball that also holds up the page, so a large network is drawn
 * as its largest connected component plus the brokers; the numbers keep everything.
 */
import type { Collaboration } from '../../types';

/** Above this many organizations the chart keeps the largest component and the brokers. */
export const MAX_DRAWN = 400;

type Node = Collaboration['nodes'][number];
type Edge = Collaboration['edges'][number];

/** The ids of the organizations in the largest connected component (union-find over the edges). */
export function largestComponent(nodes: readonly Node[], edges: readonly Edge[]): Set<string> {
  const parent = new Map(nodes.map((n) => [n.id, n.id]));
  const root = (id: string): string => {
    let at = id;
    for (let up = parent.get(at); up !== undefined && up !== at; up = parent.get(at)) at = up;
    parent.set(id, at);
    return at;
  };
  for (const edge of edges) parent.set(root(edge.a), root(edge.b));
  const members = new Map<string, string[]>();
  for (const node of nodes) {
    const component = members.get(root(node.id));
    if (component) component.push(node.id);
    else members.set(root(node.id), [node.id]);
  }
  const biggest = [...members.values()].reduce<string[]>((best, ids) => (ids.length > best.length ? ids : best), []);
  return new Set(biggest);
}

/** What the chart draws: everything, or with a large network the largest component and the brokers. */
export function drawnPart(data: Collaboration): { nodes: Node[]; edges: Edge[]; trimmed: boolean } {
  if (data.nodes.length <= MAX_DRAWN) return { nodes: data.nodes, edges: data.edges, trimmed: false };
  const kept = largestComponent(data.nodes, data.edges);
  for (const broker of data.brokers) kept.add(broker.id);
  return {
    nodes: data.nodes.filter((n) => kept.has(n.id)),
    edges: data.edges.filter((e) => kept.has(e.a) && kept.has(e.b)),
    trimmed: true,
  };
}
