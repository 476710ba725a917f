import { embeddingOf, fieldVerifications } from '../../db/repositories/embedding';
import { findOrganization } from '../../db/repositories/organizations';
import type { Executor } from '../../db/schema';
import type { Agreement, Filing, Seat, VerifiableField, Verification } from '../../model/embedding';
import { VERIFIABLE_FIELDS } from '../../model/embedding';
import { AppError } from '../../model/errors';
import type { Organization } from '../../model/organization';
import type { Actor, Deps } from '../context';
import { audienceOf, disclose, organizationSubject } from '../disclosure';
import { canDecideMembership } from '../policy';

/** The verifications of an organization's fields that still hold (the value has not changed since). */
export async function verifiedFields(
  db: Executor,
  org: Organization,
): Promise<{ field: VerifiableField; verification: Verification }[]> {
  const all = await fieldVerifications(db, org.id);
  return all
    .filter((v): v is typeof v & { field: VerifiableField } => (VERIFIABLE_FIELDS as readonly string[]).includes(v.field))
    .filter((v) => JSON.stringify(org[v.field]) === v.value)
    .map((v) => ({ field: v.field, verification: { by: v.by, at: v.at } }));
}

export interface EmbeddingView {
  filings: Filing[];
  agreements: Agreement[];
  seats: (Omit<Seat, 'liaisonName'> & { liaisonName: string | null; personalDataVisible: boolean })[];
  verifiedFields: { field: VerifiableField; verification: Verification }[];
  viewerCanVerify: boolean;
}

/** Everything that embeds an organization in the formal system, verified or self-declared. */
export async function getEmbedding(deps: Deps, actor: Actor, organizationId: string): Promise<EmbeddingView> {
  const org = await findOrganization(deps.db, organizationId);
  if (!org) throw new AppError('not_found');
  const { filings, agreements, seats } = await embeddingOf(deps.db, org.id);
  const audience = audienceOf(actor, organizationSubject(org));
  return {
    filings,
    agreements,
    seats: seats.map((s) => disclose('seat', s, audience) as EmbeddingView['seats'][number]),
    verifiedFields: await verifiedFields(deps.db, org),
    viewerCanVerify: !org.archived && canDecideMembership(actor, org),
  };
}
