/** The membership history of organizations and the applications to join. */
import { newId } from '../../model/ids';
import type {
  ApplicationDecision,
  CultivationPlan,
  MembershipEvent,
  MembershipStatus,
  MembershipTier,
} from '../../model/membership';
import type { ApplicationsTable, Executor } from '../schema';

/**
 * Appends the next step of an organization's history. Callers have already updated the
 * organization's row in the same transaction, which serializes writers of one organization.
 */
export async function appendMembershipEvent(db: Executor, organizationId: string, event: MembershipEvent): Promise<void> {
  const last = await db
    .selectFrom('membership_events')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('organization_id', '=', organizationId)
    .executeTakeFirst();
  await db
    .insertInto('membership_events')
    .values({
      id: newId(),
      organization_id: organizationId,
      seq: Number(last?.seq ?? 0) + 1,
      from_status: event.from,
      to_status: event.to,
      tier: event.tier,
      actor_id: event.actor,
      reason: event.reason,
      plan: event.plan ? JSON.stringify(event.plan) : null,
      at: event.at,
    })
    .execute();
}

/** An organization's membership history, oldest first. */
export async function membershipHistory(db: Executor, organizationId: string): Promise<MembershipEvent[]> {
  const rows = await db
    .selectFrom('membership_events')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    from: r.from_status as MembershipStatus | null,
    to: r.to_status as MembershipStatus,
    tier: r.tier as MembershipTier,
    actor: r.actor_id,
    reason: r.reason,
    plan: r.plan ? (JSON.parse(r.plan) as CultivationPlan) : null,
    at: r.at,
  }));
}

export interface Application {
  id: string;
  organizationId: string;
  homeJurisdiction: string;
  contact: { name: string; phone: string; email: string | null };
  status: 'under_review' | 'decided';
  decision: ApplicationDecision | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdAt: string;
}

function toApplication(row: ApplicationsTable): Application {
  return {
    id: row.id,
    organizationId: row.organization_id,
    homeJurisdiction: row.home_jurisdiction,
    contact: { name: row.contact_name, phone: row.contact_phone, email: row.contact_email },
    status: row.status as Application['status'],
    decision: row.decision as ApplicationDecision | null,
    reason: row.reason,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
  };
}

function toRow(a: Application): ApplicationsTable {
  return {
    id: a.id,
    organization_id: a.organizationId,
    home_jurisdiction: a.homeJurisdiction,
    contact_name: a.contact.name,
    contact_phone: a.contact.phone,
    contact_email: a.contact.email,
    status: a.status,
    decision: a.decision,
    reason: a.reason,
    decided_by: a.decidedBy,
    decided_at: a.decidedAt,
    created_at: a.createdAt,
  };
}

export async function insertApplication(db: Executor, application: Application): Promise<void> {
  await db.insertInto('applications').values(toRow(application)).execute();
}

export async function saveApplication(db: Executor, application: Application): Promise<void> {
  const { id, ...rest } = toRow(application);
  await db.updateTable('applications').set(rest).where('id', '=', id).execute();
}

export async function findApplication(db: Executor, id: string): Promise<Application | undefined> {
  const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toApplication(row) : undefined;
}

/** Applications by status, newest first, one page after a (createdAt, id) position. */
export async function listApplicationRows(
  db: Executor,
  filter: { status?: Application['status'] },
  page: { limit: number; before?: { createdAt: string; id: string } },
): Promise<{ items: Application[]; total: number; next: { createdAt: string; id: string } | null }> {
  let q = db.selectFrom('applications');
  if (filter.status) q = q.where('status', '=', filter.status);
  const counted = await q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  let rowsQuery = q.selectAll();
  if (page.before) {
    const { createdAt, id } = page.before;
    rowsQuery = rowsQuery.where((w) =>
      w.or([w('created_at', '<', createdAt), w.and([w('created_at', '=', createdAt), w('id', '<', id)])]),
    );
  }
  const rows = await rowsQuery
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const last = rows[page.limit - 1];
  return {
    items: rows.slice(0, page.limit).map(toApplication),
    total: Number(counted.n),
    next: rows.length > page.limit && last ? { createdAt: last.created_at, id: last.id } : null,
  };
}

/** Organizations in cultivation whose plan review date has come (the coordinator's desk). */
export async function cultivationDue(db: Executor, today: string): Promise<string[]> {
  const rows = await db
    .selectFrom('organizations')
    .select(['id', 'cultivation_plan'])
    .where('membership_status', '=', 'cultivation')
    .where('archived_at', 'is', null)
    .execute();
  return rows
    .filter((r) => r.cultivation_plan && (JSON.parse(r.cultivation_plan) as CultivationPlan).reviewOn <= today)
    .map((r) => r.id);
}

/** The application still under review for an organization, if any. */
export async function findPendingApplication(db: Executor, organizationId: string): Promise<Application | undefined> {
  const row = await db
    .selectFrom('applications')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('status', '=', 'under_review')
    .executeTakeFirst();
  return row ? toApplication(row) : undefined;
}
