import {
  type DirectoryPosition,
  findOrganization,
  type OrganizationFilter,
  searchOrganizations,
} from '../../db/repositories/organizations';
import type { VerifiableField } from '../../model/embedding';
import { AppError } from '../../model/errors';
import type { Organization } from '../../model/organization';
import type { Actor, Deps } from '../context';
import { verifiedFields } from '../embedding/read-embedding';
import { decodeCursor, encodeCursor } from '../pagination';
import { assertCanIncludeArchived, canEditOrganization } from '../policy';

/** One organization, with the fields a coordinator has verified and whether the viewer may edit it. */
export async function getOrganization(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<Organization & { verifiedFields: VerifiableField[]; viewerCanEdit: boolean }> {
  const org = await findOrganization(deps.db, id);
  if (!org) throw new AppError('not_found');
  const verified = (await verifiedFields(deps.db, org)).map((v) => v.field);
  return { ...org, verifiedFields: verified, viewerCanEdit: !org.archived && canEditOrganization(actor, org) };
}

/** A page of the directory, filtered, in pinyin order of the names. */
export async function listOrganizations(
  deps: Deps,
  actor: Actor,
  filter: OrganizationFilter,
  page: { limit: number; cursor?: string },
): Promise<{ items: Organization[]; total: number; nextCursor: string | null }> {
  if (filter.includeArchived) assertCanIncludeArchived(actor);
  let after: DirectoryPosition | undefined;
  if (page.cursor) {
    const [sortKey, id] = decodeCursor(page.cursor, 2);
    after = { sortKey: String(sortKey), id: String(id) };
  }
  const result = await searchOrganizations(deps.db, filter, { limit: page.limit, after });
  return {
    items: result.items,
    total: result.total,
    nextCursor: result.next ? encodeCursor([result.next.sortKey, result.next.id]) : null,
  };
}
