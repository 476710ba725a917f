/**
 * Drafting a situation report from the incident's own data: the evaluation's figures
 * (deployments by state), needs counted by category, area and status, and the vulnerable
 * groups still waiting. The draft is an ordinary bulletin, edited before it is published.
 */
import { needCountsOf, unservedVulnerableGroups } from '../../db/repositories/bulletins';
import { findIncident } from '../../db/repositories/incidents';
import type { BulletinAudience } from '../../model/bulletin';
import { AppError } from '../../model/errors';
import { situationReportMarkdown } from '../../reports/situation-report';
import type { Actor, Deps } from '../context';
import { evaluationFigures } from '../incidents/incident-evaluation';
import { type BulletinView, createBulletin } from './bulletins';

export async function draftSituationReport(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  input: { authorOrganizationId: string; audience?: BulletinAudience },
): Promise<BulletinView> {
  const incident = await findIncident(deps.db, incidentId);
  if (!incident) throw new AppError('not_found');
  const figures = await evaluationFigures(deps, actor, incidentId);
  const groups = new Map<string, number>();
  for (const json of await unservedVulnerableGroups(deps.db, incidentId)) {
    for (const g of JSON.parse(json) as string[]) groups.set(g, (groups.get(g) ?? 0) + 1);
  }
  const byStatus = figures.deployments.byStatus;
  const body = situationReportMarkdown({
    incidentName: incident.name,
    generatedAt: `${figures.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
    needs: (await needCountsOf(deps.db, incidentId)).map((r) => ({ ...r, count: Number(r.count) })),
    deploymentsByStatus: byStatus,
    teamsCheckedIn: (byStatus.checked_in ?? 0) + (byStatus.working ?? 0),
    unservedVulnerable: [...groups].map(([group, needs]) => ({ group, needs })).sort((a, b) => b.needs - a.needs),
  });
  return createBulletin(deps, actor, {
    incidentId,
    kind: 'situation_report',
    title: `${incident.name}情况报告（${figures.generatedAt.slice(0, 10)}）`,
    body,
    authorOrganizationId: input.authorOrganizationId,
    audience: input.audience ?? 'network',
  });
}
