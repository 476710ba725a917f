/** Filings, agreements, seats and verified organization fields. */
import type { Agreement, AgreementType, Filing, Seat, Subsystem } from '../../model/embedding';
import { overlapsArea } from '../areas';
import type { AgreementsTable, Executor, FilingsTable, SeatsTable } from '../schema';
import { verificationOf, verifiedColumns } from './declarations';

const toFiling = (r: FilingsTable): Filing => ({
  id: r.id,
  organizationId: r.organization_id,
  department: r.department,
  filedOn: r.filed_on,
  reference: r.reference,
  declaredBy: r.declared_by,
  verification: verificationOf(r),
  createdAt: r.created_at,
});

const toAgreement = (r: AgreementsTable): Agreement => ({
  id: r.id,
  organizationId: r.organization_id,
  counterpartId: r.counterpart_id,
  type: r.type as AgreementType,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  reference: r.reference,
  declaredBy: r.declared_by,
  verification: verificationOf(r),
  createdAt: r.created_at,
});

const toSeat = (r: SeatsTable): Seat => ({
  id: r.id,
  organizationId: r.organization_id,
  structure: r.structure,
  subsystem: r.subsystem as Subsystem,
  liaisonName: r.liaison_name,
  from: r.from_on,
  to: r.to_on,
  declaredBy: r.declared_by,
  verification: verificationOf(r),
  createdAt: r.created_at,
});

export async function insertFiling(db: Executor, f: Filing): Promise<void> {
  await db
    .insertInto('filings')
    .values({
      id: f.id,
      organization_id: f.organizationId,
      department: f.department,
      filed_on: f.filedOn,
      reference: f.reference,
      declared_by: f.declaredBy,
      ...verifiedColumns(f.verification),
      created_at: f.createdAt,
    })
    .execute();
}

export async function insertAgreement(db: Executor, a: Agreement): Promise<void> {
  await db
    .insertInto('agreements')
    .values({
      id: a.id,
      organization_id: a.organizationId,
      counterpart_id: a.counterpartId,
      type: a.type,
      valid_from: a.validFrom,
      valid_to: a.validTo,
      reference: a.reference,
      declared_by: a.declaredBy,
      ...verifiedColumns(a.verification),
      created_at: a.createdAt,
    })
    .execute();
}

export async function insertSeat(db: Executor, s: Seat): Promise<void> {
  await db
    .insertInto('seats')
    .values({
      id: s.id,
      organization_id: s.organizationId,
      structure: s.structure,
      subsystem: s.subsystem,
      liaison_name: s.liaisonName,
      from_on: s.from,
      to_on: s.to,
      declared_by: s.declaredBy,
      ...verifiedColumns(s.verification),
      created_at: s.createdAt,
    })
    .execute();
}

export async function findFiling(db: Executor, id: string): Promise<Filing | undefined> {
  const row = await db.selectFrom('filings').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toFiling(row) : undefined;
}

export async function findAgreement(db: Executor, id: string): Promise<Agreement | undefined> {
  const row = await db.selectFrom('agreements').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAgreement(row) : undefined;
}

export async function findSeat(db: Executor, id: string): Promise<Seat | undefined> {
  const row = await db.selectFrom('seats').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSeat(row) : undefined;
}

/** Everything that embeds one organization: its filings and seats, and agreements on either side. */
export async function embeddingOf(db: Executor, organizationId: string) {
  const [filings, agreements, seats] = await Promise.all([
    db
      .selectFrom('filings')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .orderBy('filed_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('agreements')
      .selectAll()
      .where((w) => w.or([w('organization_id', '=', organizationId), w('counterpart_id', '=', organizationId)]))
      .orderBy('valid_from')
      .orderBy('id')
      .execute(),
    db.selectFrom('seats').selectAll().where('organization_id', '=', organizationId).orderBy('from_on').orderBy('id').execute(),
  ]);
  return { filings: filings.map(toFiling), agreements: agreements.map(toAgreement), seats: seats.map(toSeat) };
}

/**
 * Seats and agreements in force on a day that tie organizations to some areas: a seat of an
 * organization serving one of them, an agreement of which either side serves one of them.
 */
export async function staffingBasesIn(
  db: Executor,
  areas: readonly string[],
  day: string,
): Promise<{ seats: Seat[]; agreements: Agreement[] }> {
  const serving = () =>
    db
      .selectFrom('organization_jurisdictions')
      .select('organization_id')
      .where((w) => w.or(areas.map((code) => overlapsArea(w, code))));
  const [seats, agreements] = await Promise.all([
    db
      .selectFrom('seats')
      .selectAll()
      .where('organization_id', 'in', serving())
      .where('from_on', '<=', day)
      .where((w) => w.or([w('to_on', 'is', null), w('to_on', '>=', day)]))
      .orderBy('organization_id')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('agreements')
      .selectAll()
      .where((w) => w.or([w('organization_id', 'in', serving()), w('counterpart_id', 'in', serving())]))
      .where('valid_from', '<=', day)
      .where((w) => w.or([w('valid_to', 'is', null), w('valid_to', '>=', day)]))
      .orderBy('organization_id')
      .orderBy('id')
      .execute(),
  ]);
  return { seats: seats.map(toSeat), agreements: agreements.map(toAgreement) };
}

export interface FieldVerification {
  field: string;
  value: string;
  by: string;
  at: string;
}

export async function saveFieldVerification(db: Executor, organizationId: string, v: FieldVerification): Promise<void> {
  await db.deleteFrom('field_verifications').where('organization_id', '=', organizationId).where('field', '=', v.field).execute();
  await db
    .insertInto('field_verifications')
    .values({ organization_id: organizationId, field: v.field, value: v.value, verified_by: v.by, verified_at: v.at })
    .execute();
}

export async function fieldVerifications(db: Executor, organizationId: string): Promise<FieldVerification[]> {
  const rows = await db
    .selectFrom('field_verifications')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('field')
    .execute();
  return rows.map((r) => ({ field: r.field, value: r.value, by: r.verified_by, at: r.verified_at }));
}
