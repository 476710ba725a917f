/** Bulletins and situation reports. */
import type {
  Attachment,
  AuthorityLevel,
  Bulletin,
  BulletinAudience,
  BulletinKind,
  BulletinRelation,
  BulletinStatus,
} from '../../model/bulletin';
import type { BulletinsTable, Executor } from '../schema';

const toBulletin = (r: BulletinsTable): Bulletin => ({
  id: r.id,
  incidentId: r.incident_id,
  jurisdiction: r.jurisdiction,
  kind: r.kind as BulletinKind,
  title: r.title,
  body: r.body,
  source: r.source,
  authorOrganizationId: r.author_organization_id,
  authority: r.authority as AuthorityLevel,
  audience: r.audience as BulletinAudience,
  attachments: JSON.parse(r.attachments) as Attachment[],
  supersedesId: r.supersedes_id,
  relation: r.relation as BulletinRelation | null,
  status: r.status as BulletinStatus,
  verifiedBy: r.verified_by,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  publishedAt: r.published_at,
});

const toRow = (b: Bulletin): BulletinsTable => ({
  id: b.id,
  incident_id: b.incidentId,
  jurisdiction: b.jurisdiction,
  kind: b.kind,
  title: b.title,
  body: b.body,
  source: b.source,
  author_organization_id: b.authorOrganizationId,
  authority: b.authority,
  audience: b.audience,
  attachments: JSON.stringify(b.attachments),
  supersedes_id: b.supersedesId,
  relation: b.relation,
  status: b.status,
  verified_by: b.verifiedBy,
  created_by: b.createdBy,
  created_at: b.createdAt,
  updated_at: b.updatedAt,
  published_at: b.publishedAt,
});

export async function insertBulletin(db: Executor, b: Bulletin): Promise<void> {
  await db.insertInto('bulletins').values(toRow(b)).execute();
}

export async function saveBulletin(db: Executor, b: Bulletin): Promise<void> {
  const { id, ...rest } = toRow(b);
  await db.updateTable('bulletins').set(rest).where('id', '=', id).execute();
}

export async function findBulletin(db: Executor, id: string): Promise<Bulletin | undefined> {
  const row = await db.selectFrom('bulletins').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toBulletin(row);
}

/** An incident's bulletins (drafts too; the service filters by reader), newest first. */
export async function incidentBulletins(db: Executor, incidentId: string, publishedOnly: boolean): Promise<Bulletin[]> {
  let query = db.selectFrom('bulletins').selectAll().where('incident_id', '=', incidentId);
  if (publishedOnly) query = query.where('status', '=', 'published');
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
  return rows.map(toBulletin);
}

/** The published bulletins that supersede or correct each of some bulletins: id → the newest one's id. */
export async function successorsOf(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { id: string; relation: BulletinRelation }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('bulletins')
    .select(['id', 'supersedes_id', 'relation'])
    .where('supersedes_id', 'in', ids)
    .where('status', '=', 'published')
    .orderBy('published_at', 'asc')
    .execute();
  return new Map(rows.map((r) => [r.supersedes_id as string, { id: r.id, relation: r.relation as BulletinRelation }]));
}

/** Needs of an incident counted by category, area and status (the situation report's first table). */
export async function needCountsOf(db: Executor, incidentId: string) {
  return db
    .selectFrom('needs')
    .select(['category', 'jurisdiction', 'status', (eb) => eb.fn.countAll<number | string>().as('count')])
    .where('incident_id', '=', incidentId)
    .groupBy(['category', 'jurisdiction', 'status'])
    .orderBy('category')
    .orderBy('jurisdiction')
    .execute();
}

/** The vulnerable groups of an incident's needs not yet served (open, claimed or in progress). */
export async function unservedVulnerableGroups(db: Executor, incidentId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('needs')
    .select('vulnerable_groups')
    .where('incident_id', '=', incidentId)
    .where('status', 'in', ['open', 'claimed', 'in_progress'])
    .where('vulnerable_groups', '!=', '[]')
    .execute();
  return rows.map((r) => r.vulnerable_groups);
}
