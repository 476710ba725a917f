/**
 * The collaboration graph of an area's organizations over a period (src/analysis/collaboration.ts):
 * who worked with whom — co-deployments, agreements, mentoring, joint programs, shared needs.
 */
import { type CollaborationGraph, collaborationGraph } from '../../analysis/collaboration';
import { collaborationTies, organizationsOfArea } from '../../db/repositories/analytics';
import type { Actor, Deps } from '../context';
import { assertCanReadDirectory } from '../policy';
import { type AnalyticsScope, checkedScope } from './scope';

export async function collaborationOf(
  deps: Deps,
  actor: Actor,
  scope: AnalyticsScope,
): Promise<CollaborationGraph & { from: string; to: string }> {
  assertCanReadDirectory(actor);
  const { jurisdiction, from, to } = checkedScope(deps, scope);
  const organizations = await organizationsOfArea(deps.db, jurisdiction);
  const ties = await collaborationTies(deps.db, from, to);
  const graph = collaborationGraph(
    organizations.map((o) => ({ id: o.id, name: o.name, kind: o.kind })),
    ties,
  );
  return { ...graph, from, to };
}
