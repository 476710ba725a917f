/** The facts of one incident its evaluation is computed from (src/analysis/incident-evaluation.ts). */
import { sql } from 'kysely';
import type { ContributionFacts, EvaluatedDeployment, EvaluatedNeed } from '../../analysis/incident-evaluation';
import type { PerformanceNote } from '../../model/lesson';
import { selectInChunks } from '../bulk';
import type { Executor } from '../schema';

const SERVED_BY_CLOSING = ['resolved_by_reporter', 'done_by_others'];
const ACCOUNTABLE = ['en_route', 'checked_in', 'working'];

/** The incident's needs: category, whether vulnerable people are among them, when claimed and served. */
export async function evaluatedNeeds(db: Executor, incidentId: string): Promise<EvaluatedNeed[]> {
  const rows = await db
    .selectFrom('needs')
    .select([
      'category',
      'vulnerable_groups',
      'created_at',
      'updated_at',
      'status',
      'close_reason',
      sql<string | null>`(select min(c.claimed_at) from need_claims c where c.need_id = needs.id)`.as('first_claim_at'),
      sql<
        string | null
      >`case when needs.status = 'fulfilled' then (select min(e.at) from need_events e where e.need_id = needs.id and e.kind = 'fulfilled') end`.as(
        'fulfilled_at',
      ),
    ])
    .where('incident_id', '=', incidentId)
    .execute();
  return rows.map((r) => {
    const servedByClosing = r.close_reason !== null && SERVED_BY_CLOSING.includes(r.close_reason);
    const servedAt = r.status === 'fulfilled' ? (r.fulfilled_at ?? r.updated_at) : servedByClosing ? r.updated_at : null;
    return {
      category: r.category,
      vulnerable: r.vulnerable_groups !== '[]',
      reportedAt: r.created_at,
      firstClaimAt: r.first_claim_at,
      servedAt,
      withdrawn: servedAt === null && r.close_reason !== null,
    };
  });
}

/** Each organization's claims on the incident's needs: how many, how many fulfilled, the quantity delivered. */
export async function claimsByOrganization(db: Executor, incidentId: string): Promise<ContributionFacts[]> {
  const rows = await db
    .selectFrom('need_claims')
    .innerJoin('needs', 'needs.id', 'need_claims.need_id')
    .select([
      'need_claims.organization_id',
      sql<number>`count(*)`.as('claims'),
      sql<number>`sum(case when need_claims.status = 'fulfilled' then 1 else 0 end)`.as('fulfilled'),
      sql<number>`sum(case when need_claims.status = 'fulfilled' then need_claims.quantity else 0 end)`.as('quantity'),
    ])
    .where('needs.incident_id', '=', incidentId)
    .where('need_claims.status', '!=', 'declined')
    .groupBy('need_claims.organization_id')
    .execute();
  return rows.map((r) => ({
    organizationId: r.organization_id,
    claims: Number(r.claims),
    fulfilledClaims: Number(r.fulfilled),
    quantityFulfilled: Number(r.quantity),
  }));
}

/** The incident's deployments with their contacts (status reports and check-ins). */
export async function evaluatedDeployments(
  db: Executor,
  incidentId: string,
  intervalMinutes: number,
): Promise<EvaluatedDeployment[]> {
  const deployments = await db
    .selectFrom('deployments')
    .select(['id', 'organization_id', 'status', 'headcount'])
    .where('incident_id', '=', incidentId)
    .execute();
  const events = await selectInChunks(
    deployments.map((d) => d.id),
    (chunk) =>
      db
        .selectFrom('deployment_events')
        .select(['deployment_id', 'kind', 'to_status', 'at'])
        .where('deployment_id', 'in', chunk)
        .execute(),
  );
  const byDeployment = new Map<string, EvaluatedDeployment['events'][number][]>();
  for (const e of events) {
    const list = byDeployment.get(e.deployment_id) ?? [];
    list.push({ kind: e.kind as 'status' | 'check_in', to: e.to_status, at: e.at });
    byDeployment.set(e.deployment_id, list);
  }
  return deployments.map((d) => {
    const contacts = byDeployment.get(d.id) ?? [];
    return {
      organizationId: d.organization_id,
      status: d.status,
      headcount: Number(d.headcount),
      deployed: contacts.some((e) => e.to !== null && ACCOUNTABLE.includes(e.to)),
      intervalMinutes,
      events: contacts,
      accountableNow: ACCOUNTABLE.includes(d.status),
    };
  });
}

/** The incident's lessons and reviews, oldest first, with the ratings the reviews gave. */
export async function incidentLessons(
  db: Executor,
  incidentId: string,
): Promise<{
  lessons: { id: string; kind: string; title: string; createdAt: string }[];
  ratings: { organizationId: string; rating: number }[];
}> {
  const rows = await db
    .selectFrom('lessons')
    .select(['id', 'kind', 'title', 'created_at', 'performance'])
    .where('incident_id', '=', incidentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return {
    lessons: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, createdAt: r.created_at })),
    ratings: rows.flatMap((r) =>
      (JSON.parse(r.performance) as PerformanceNote[])
        .filter((n) => n.rating !== null)
        .map((n) => ({ organizationId: n.organizationId, rating: n.rating as number })),
    ),
  };
}

/** The alarms the sweep recorded for the incident, by kind, and how many were acknowledged. */
export async function recordedAlarms(
  db: Executor,
  incidentId: string,
): Promise<{ missedCheckIns: number; staleNeeds: number; acknowledged: number }> {
  const rows = await db
    .selectFrom('alarms')
    .select([
      'kind',
      sql<number>`count(*)`.as('n'),
      sql<number>`sum(case when acknowledged_at is not null then 1 else 0 end)`.as('acknowledged'),
    ])
    .where('incident_id', '=', incidentId)
    .groupBy('kind')
    .execute();
  const of = (kind: string) => Number(rows.find((r) => r.kind === kind)?.n ?? 0);
  return {
    missedCheckIns: of('missed_check_in'),
    staleNeeds: of('stale_need'),
    acknowledged: rows.reduce((sum, r) => sum + Number(r.acknowledged ?? 0), 0),
  };
}
