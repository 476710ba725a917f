/**
 * The facts an organization's record is computed from (src/analysis/performance.ts): its
 * claims with their first progress, its deployments' contacts, the ratings reviews gave it.
 */
import type { ClaimFacts, DeploymentFacts } from '../../analysis/performance';
import type { IncidentPolicy } from '../../model/incident';
import type { PerformanceNote } from '../../model/lesson';
import { selectInChunks } from '../bulk';
import type { Executor } from '../schema';

const ACCOUNTABLE = ['en_route', 'checked_in', 'working'];

/** Claims of some organizations; with `progress`, each claim's first progress note or fulfilment. */
export async function claimFactsOf(
  db: Executor,
  ids: string[],
  { progress }: { progress: boolean },
): Promise<Map<string, ClaimFacts[]>> {
  const out = new Map<string, ClaimFacts[]>(ids.map((id) => [id, []]));
  const rows = await selectInChunks(ids, (chunk) =>
    db
      .selectFrom('need_claims')
      .select(['id', 'need_id', 'organization_id', 'status', 'dispatched_by', 'claimed_at'])
      .where('organization_id', 'in', chunk)
      .execute(),
  );
  const first = new Map<string, string>();
  if (progress && rows.length) {
    const events = await selectInChunks([...new Set(rows.map((r) => r.need_id))], (chunk) =>
      db
        .selectFrom('need_events')
        .select(['detail', 'at'])
        .where('kind', 'in', ['progress', 'fulfilled'])
        .where('need_id', 'in', chunk)
        .execute(),
    );
    for (const e of events) {
      const claimId = (JSON.parse(e.detail) as { claimId?: unknown }).claimId;
      if (typeof claimId !== 'string') continue;
      const known = first.get(claimId);
      if (!known || e.at < known) first.set(claimId, e.at);
    }
  }
  for (const r of rows) {
    out.get(r.organization_id)?.push({
      status: r.status as ClaimFacts['status'],
      dispatched: r.dispatched_by !== null,
      claimedAt: r.claimed_at,
      firstProgressAt: first.get(r.id) ?? null,
    });
  }
  return out;
}

/** The deployments of some organizations that were ever accountable, with their contacts. */
export async function deploymentFactsOf(db: Executor, ids: string[]): Promise<Map<string, DeploymentFacts[]>> {
  const out = new Map<string, DeploymentFacts[]>(ids.map((id) => [id, []]));
  const deployments = await selectInChunks(ids, (chunk) =>
    db
      .selectFrom('deployments')
      .innerJoin('incidents', 'incidents.id', 'deployments.incident_id')
      .select(['deployments.id', 'deployments.organization_id', 'deployments.status', 'incidents.policy'])
      .where('deployments.organization_id', 'in', chunk)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('deployment_events')
            .select('deployment_events.seq')
            .whereRef('deployment_events.deployment_id', '=', 'deployments.id')
            .where('deployment_events.to_status', 'in', ACCOUNTABLE),
        ),
      )
      .execute(),
  );
  const events = await selectInChunks(
    deployments.map((d) => d.id),
    (chunk) =>
      db
        .selectFrom('deployment_events')
        .select(['deployment_id', 'kind', 'to_status', 'at'])
        .where('deployment_id', 'in', chunk)
        .execute(),
  );
  const byDeployment = new Map<string, DeploymentFacts['events'][number][]>();
  for (const e of events) {
    const list = byDeployment.get(e.deployment_id) ?? [];
    list.push({ kind: e.kind as 'status' | 'check_in', to: e.to_status, at: e.at });
    byDeployment.set(e.deployment_id, list);
  }
  for (const d of deployments) {
    out.get(d.organization_id)?.push({
      intervalMinutes: (JSON.parse(d.policy) as IncidentPolicy).checkInIntervalMinutes,
      events: byDeployment.get(d.id) ?? [],
      accountableNow: ACCOUNTABLE.includes(d.status),
    });
  }
  return out;
}

/** The ratings (1–5) after-action reviews gave some organizations. */
export async function ratingsOf(db: Executor, ids: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>(ids.map((id) => [id, []]));
  const reviews = await db.selectFrom('lessons').select('performance').where('kind', '=', 'after_action_review').execute();
  for (const review of reviews) {
    for (const note of JSON.parse(review.performance) as PerformanceNote[]) {
      if (note.rating !== null) out.get(note.organizationId)?.push(note.rating);
    }
  }
  return out;
}

/** The organizations some reviews rate. */
export async function organizationsRatedIn(db: Executor, lessonIds: string[]): Promise<string[]> {
  const rows = await selectInChunks(lessonIds, (chunk) =>
    db.selectFrom('lessons').select('performance').where('id', 'in', chunk).execute(),
  );
  return [...new Set(rows.flatMap((r) => (JSON.parse(r.performance) as PerformanceNote[]).map((n) => n.organizationId)))];
}
