/** What the network analytics read: organizations of an area, government's services, recognitions. */
import type { RecognitionRecord } from '../../analysis/cooperation-modes';
import type { AgreementType } from '../../model/embedding';
import type { Organization } from '../../model/organization';
import type { ServiceCategory } from '../../model/taxonomy';
import type { Executor } from '../schema';
import { overlappingOrganizations } from './organizations';

export interface AreaOrganization {
  id: string;
  name: string;
  kind: Organization['kind'];
  jurisdictions: string[];
  categories: ServiceCategory[];
  cells: Organization['capabilities']['cells'];
  creditCode: string | null;
}

const columns = ['id', 'name', 'kind', 'jurisdictions', 'capabilities', 'credit_code'] as const;

const toArea = (r: {
  id: string;
  name: string;
  kind: string;
  jurisdictions: string;
  capabilities: string;
  credit_code: string | null;
}): AreaOrganization => {
  const capabilities = JSON.parse(r.capabilities) as Organization['capabilities'];
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as Organization['kind'],
    jurisdictions: JSON.parse(r.jurisdictions) as string[],
    categories: capabilities.serviceCategories,
    cells: capabilities.cells,
    creditCode: r.credit_code,
  };
};

/** Organizations (not archived) whose service area overlaps an area, in name order. */
export async function organizationsOfArea(db: Executor, code: string): Promise<AreaOrganization[]> {
  const rows = await db
    .selectFrom('organizations')
    .select(columns)
    .where('archived_at', 'is', null)
    .where('id', 'in', overlappingOrganizations(db, code))
    .orderBy('sort_key')
    .orderBy('id')
    .execute();
  return rows.map(toArea);
}

/** All government agencies not archived (a few thousand at most in a national install). */
export async function governmentAgencies(db: Executor): Promise<AreaOrganization[]> {
  const rows = await db
    .selectFrom('organizations')
    .select(columns)
    .where('archived_at', 'is', null)
    .where('kind', '=', 'government_agency')
    .execute();
  return rows.map(toArea);
}

/** Each organization's recognitions as recorded (verified or not); agreements count on either side. */
export async function recognitionsOf(db: Executor, organizations: AreaOrganization[]): Promise<Map<string, RecognitionRecord>> {
  const out = new Map<string, RecognitionRecord>(
    organizations.map((o) => [o.id, { creditCodeVerified: false, filings: [], agreements: [], seats: [] }]),
  );
  const codeOf = new Map(organizations.map((o) => [o.id, o.creditCode]));
  const ids = organizations.map((o) => o.id);
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const verified = await db
      .selectFrom('field_verifications')
      .selectAll()
      .where('field', '=', 'creditCode')
      .where('organization_id', 'in', chunk)
      .execute();
    for (const v of verified) {
      // A verification of a code since changed no longer counts (the verified value is stored as JSON).
      const record = out.get(v.organization_id) as RecognitionRecord;
      if (JSON.stringify(codeOf.get(v.organization_id) ?? null) === v.value) record.creditCodeVerified = true;
    }
    const filings = await db.selectFrom('filings').selectAll().where('organization_id', 'in', chunk).execute();
    for (const f of filings) {
      out.get(f.organization_id)?.filings.push({ filedOn: f.filed_on, verified: f.verified_at !== null });
    }
    const agreements = await db
      .selectFrom('agreements')
      .selectAll()
      .where((w) => w.or([w('organization_id', 'in', chunk), w('counterpart_id', 'in', chunk)]))
      .execute();
    for (const a of agreements) {
      const entry = {
        type: a.type as AgreementType,
        validFrom: a.valid_from,
        validTo: a.valid_to,
        verified: a.verified_at !== null,
      };
      out.get(a.organization_id)?.agreements.push(entry);
      if (a.counterpart_id !== a.organization_id) out.get(a.counterpart_id)?.agreements.push(entry);
    }
    const seats = await db.selectFrom('seats').selectAll().where('organization_id', 'in', chunk).execute();
    for (const s of seats)
      out.get(s.organization_id)?.seats.push({ from: s.from_on, to: s.to_on, verified: s.verified_at !== null });
  }
  return out;
}
