/**
 * What organizations declare about themselves — filings, agreements, seats, capacity,
 * specialties, volunteers — shares one path: who may declare, one transaction, one audit
 * record. A coordinator's verification is a separate step (verify-declaration.ts).
 */
import type { Executor } from '../db/schema';
import { rangeIsOrdered } from '../model/embedding';
import { AppError } from '../model/errors';
import type { Organization } from '../model/organization';
import { recordChange } from './audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from './context';
import { organizationForChange } from './organizations/load-organization';
import { assertCanDeclareFor } from './policy';

export function requiredText(value: string, field: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new AppError('invalid_input', { field, detail: `${field} must not be blank` });
  return trimmed;
}

export function orderedRange(from: string, to: string | null | undefined, field: string): string | null {
  const end = to ?? null;
  if (!rangeIsOrdered(from, end)) throw new AppError('invalid_input', { field, detail: `${field} is before the start date` });
  return end;
}

/** Declares one item for the organizations it concerns (any one of them may declare it). */
export async function declare<T extends { id: string }>(
  deps: Deps,
  actor: Actor,
  load: (trx: Executor) => Promise<Organization[]>,
  build: (declaredBy: string, at: string) => T,
  write: (trx: Executor, item: T) => Promise<void>,
  entityType: string,
): Promise<T> {
  return deps.db.transaction().execute(async (trx) => {
    const orgs = await load(trx);
    assertCanDeclareFor(actor, ...orgs);
    const item = build(actorId(actor), nowIso(deps));
    await write(trx, item);
    await recordChange(trx, deps, actor, { action: `${entityType}.declare`, entityType, entityId: item.id, after: item });
    return item;
  });
}

/** Declares one item about a single organization. */
export function declareFor<T extends { id: string }>(
  deps: Deps,
  actor: Actor,
  organizationId: string,
  build: (declaredBy: string, at: string) => T,
  write: (trx: Executor, item: T) => Promise<void>,
  entityType: string,
): Promise<T> {
  return declare(deps, actor, async (trx) => [await organizationForChange(trx, organizationId)], build, write, entityType);
}

/**
 * Changes a declared item. A changed item is self-declared again until re-verified, so the
 * record never shows a verification of values nobody checked.
 */
export async function amend<T extends { id: string; organizationId: string; verification: unknown }>(
  deps: Deps,
  actor: Actor,
  find: (trx: Executor) => Promise<T | undefined>,
  load: (trx: Executor, organizationId: string) => Promise<Organization>,
  change: (before: T, at: string) => T,
  write: (trx: Executor, item: T) => Promise<void>,
  entityType: string,
): Promise<T> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await find(trx);
    if (!before) throw new AppError('not_found');
    assertCanDeclareFor(actor, await load(trx, before.organizationId));
    const after = { ...change(before, nowIso(deps)), verification: null };
    await write(trx, after);
    await recordChange(trx, deps, actor, { action: `${entityType}.update`, entityType, entityId: before.id, before, after });
    return after;
  });
}
