/** Normal-time programs, their areas and partners. */
import type { ExpressionBuilder } from 'kysely';
import type { CooperationType, Program, ProgramKind, RecoveryFocus } from '../../model/program';
import type { Phase, Stage, Strategy } from '../../model/taxonomy';
import { areaRow, overlapsArea } from '../areas';
import { insertInChunks, selectInChunks } from '../bulk';
import type { Executor, ProgramsTable, Tables } from '../schema';

/** Programs that ran at some time between two days (inclusive). */
export function ranIn(from: string, to: string) {
  return (w: ExpressionBuilder<Tables, 'programs'>) =>
    w.and([w('programs.starts_on', '<=', to), w.or([w('programs.ends_on', 'is', null), w('programs.ends_on', '>=', from)])]);
}

const toProgram = (r: ProgramsTable, partnerIds: string[]): Program => ({
  id: r.id,
  title: r.title,
  kind: r.kind as ProgramKind,
  recoveryFocus: r.recovery_focus as RecoveryFocus | null,
  cell: { strategy: r.strategy as Strategy, phase: r.phase as Phase },
  stage: r.stage as Stage,
  leadOrganizationId: r.lead_organization_id,
  partnerIds,
  jurisdictions: JSON.parse(r.jurisdictions) as string[],
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  peopleReached: Number(r.people_reached),
  cooperationType: r.cooperation_type as CooperationType,
  description: r.description,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** Inserts programs with their areas and partners, in a few statements. */
export async function insertPrograms(db: Executor, programs: readonly Program[]): Promise<void> {
  await insertInChunks(
    db,
    'programs',
    programs.map((p) => ({
      id: p.id,
      title: p.title,
      kind: p.kind,
      recovery_focus: p.recoveryFocus,
      strategy: p.cell.strategy,
      phase: p.cell.phase,
      stage: p.stage,
      lead_organization_id: p.leadOrganizationId,
      jurisdictions: JSON.stringify(p.jurisdictions),
      starts_on: p.startsOn,
      ends_on: p.endsOn,
      people_reached: p.peopleReached,
      cooperation_type: p.cooperationType,
      description: p.description,
      created_by: p.createdBy,
      created_at: p.createdAt,
      updated_at: p.updatedAt,
    })),
  );
  await insertInChunks(
    db,
    'program_areas',
    programs.flatMap((p) => p.jurisdictions.map((code) => ({ program_id: p.id, ...areaRow(code) }))),
  );
  await insertInChunks(
    db,
    'program_partners',
    programs.flatMap((p) => p.partnerIds.map((organization_id) => ({ program_id: p.id, organization_id }))),
  );
}

/** Writes an edited program, its areas and partners replaced by the new ones. */
export async function saveProgram(db: Executor, p: Program): Promise<void> {
  await db
    .updateTable('programs')
    .set({
      title: p.title,
      kind: p.kind,
      recovery_focus: p.recoveryFocus,
      strategy: p.cell.strategy,
      phase: p.cell.phase,
      stage: p.stage,
      lead_organization_id: p.leadOrganizationId,
      jurisdictions: JSON.stringify(p.jurisdictions),
      starts_on: p.startsOn,
      ends_on: p.endsOn,
      people_reached: p.peopleReached,
      cooperation_type: p.cooperationType,
      description: p.description,
      updated_at: p.updatedAt,
    })
    .where('id', '=', p.id)
    .execute();
  // Areas and partners are the program's index rows; its history is in its revisions.
  await db.deleteFrom('program_areas').where('program_id', '=', p.id).execute();
  await db.deleteFrom('program_partners').where('program_id', '=', p.id).execute();
  await insertInChunks(
    db,
    'program_areas',
    p.jurisdictions.map((code) => ({ program_id: p.id, ...areaRow(code) })),
  );
  await insertInChunks(
    db,
    'program_partners',
    p.partnerIds.map((organization_id) => ({ program_id: p.id, organization_id })),
  );
}

async function withPartners(db: Executor, rows: ProgramsTable[]): Promise<Program[]> {
  const partners = new Map<string, string[]>(rows.map((r) => [r.id, []]));
  const found = await selectInChunks(
    rows.map((r) => r.id),
    (chunk) =>
      db.selectFrom('program_partners').selectAll().where('program_id', 'in', chunk).orderBy('organization_id').execute(),
  );
  for (const f of found) partners.get(f.program_id)?.push(f.organization_id);
  return rows.map((r) => toProgram(r, partners.get(r.id) ?? []));
}

export async function findProgram(db: Executor, id: string): Promise<Program | undefined> {
  const row = await db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await withPartners(db, [row]))[0] : undefined;
}

export interface ProgramFilter {
  /** Programs whose areas overlap this one (contain it or lie within it). */
  jurisdiction?: string;
  /** Programs that ran at some time in this period. */
  from?: string;
  to?: string;
  /** Programs led by or partnered by this organization. */
  organizationId?: string;
  kind?: ProgramKind;
}

/** Programs matching a filter, latest start first, one page before an (startsOn, id) position. */
export async function listProgramRows(
  db: Executor,
  filter: ProgramFilter,
  page: { limit: number; before?: { startsOn: string; id: string } },
): Promise<{ items: Program[]; total: number }> {
  let q = db.selectFrom('programs');
  if (filter.jurisdiction) {
    const code = filter.jurisdiction;
    q = q.where('id', 'in', (eb) =>
      eb
        .selectFrom('program_areas')
        .select('program_id')
        .where((w) => overlapsArea(w, code)),
    );
  }
  if (filter.to) q = q.where('starts_on', '<=', filter.to);
  if (filter.from) {
    const from = filter.from;
    q = q.where((w) => w.or([w('ends_on', 'is', null), w('ends_on', '>=', from)]));
  }
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.organizationId) {
    const org = filter.organizationId;
    q = q.where((w) =>
      w.or([
        w('lead_organization_id', '=', org),
        w('id', 'in', (eb) => eb.selectFrom('program_partners').select('program_id').where('organization_id', '=', org)),
      ]),
    );
  }
  const counted = await q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  let rows = q.selectAll();
  if (page.before) {
    const { startsOn, id } = page.before;
    rows = rows.where((w) => w.or([w('starts_on', '<', startsOn), w.and([w('starts_on', '=', startsOn), w('id', '<', id)])]));
  }
  const found = await rows.orderBy('starts_on', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
  return { items: await withPartners(db, found), total: Number(counted.n) };
}
