/**
 * The collaboration graph of an area's organizations over a period (src/analysis/collaboration.ts):
 * who worked with whom — co-deployments, agreements, mentoring, joint programs, shared needs.
 * A province has tens of thousands of organizations: the figure keeps the measures of the
 * whole graph and, for drawing, its best-connected organizations and the ties among them.
 */
import { type CollaborationGraph, collaborationGraph } from '../../analysis/collaboration';
import { collaborationTies, organizationsOfArea } from '../../db/repositories/analytics';
import type { Actor, Deps } from '../context';
import { readFigure } from './figures';
import { type AnalyticsScope, checkedScope } from './scope';

/** At most this many organizations are kept for drawing, and this many isolated ones named. */
const DRAWN = 2000;
const NAMED_ISOLATED = 1000;

type CollaborationFigure = Omit<CollaborationGraph, 'brokers'> & {
  /** Named here: a broker need not be among the best-connected organizations drawn. */
  brokers: (CollaborationGraph['brokers'][number] & { name: string })[];
  from: string;
  to: string;
  /** Organizations and ties in the whole graph (nodes and edges hold the best-connected part). */
  order: number;
  size: number;
  isolatedCount: number;
};

export async function computeCollaboration(
  deps: Deps,
  { jurisdiction, from, to }: Required<AnalyticsScope>,
): Promise<CollaborationFigure> {
  const organizations = await organizationsOfArea(deps.db, jurisdiction);
  const ties = await collaborationTies(deps.db, new Set(organizations.map((o) => o.id)), from, to);
  const graph = collaborationGraph(
    organizations.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
    ties,
  );
  const nodes = [...graph.nodes].sort((a, b) => b.degree - a.degree || b.betweenness - a.betweenness).slice(0, DRAWN);
  const kept = new Set(nodes.map((n) => n.id));
  const names = new Map(organizations.map((o) => [o.id, o.name]));
  return {
    ...graph,
    brokers: graph.brokers.map((b) => ({ ...b, name: names.get(b.id) ?? '' })),
    nodes,
    edges: graph.edges.filter((e) => kept.has(e.a) && kept.has(e.b)),
    isolated: graph.isolated.slice(0, NAMED_ISOLATED),
    order: graph.nodes.length,
    size: graph.edges.length,
    isolatedCount: graph.isolated.length,
    from,
    to,
  };
}

/** The whole graph's measures, and its `limit` best-connected organizations with the ties among them. */
export async function collaborationOf(
  deps: Deps,
  _actor: Actor,
  query: AnalyticsScope & { limit?: number },
): Promise<CollaborationFigure> {
  const figure = await readFigure(deps, 'collaboration', checkedScope(deps, query), computeCollaboration);
  const nodes = figure.nodes.slice(0, query.limit ?? 300);
  const drawn = new Set(nodes.map((n) => n.id));
  return { ...figure, nodes, edges: figure.edges.filter((e) => drawn.has(e.a) && drawn.has(e.b)) };
}
