/**
 * Editing a program: whoever may record it may edit it — before and after the edit (a
 * coordinator cannot move a program out of their area, an organization's admin cannot hand
 * it to another lead). Each edit is kept in the program's history with the fields it changed.
 */
import { findProgram, saveProgram } from '../../db/repositories/programs';
import { appendRevision, revisionsOf } from '../../db/repositories/revisions';
import { AppError } from '../../model/errors';
import type { Program } from '../../model/program';
import { changedFields, type Revision } from '../../model/revision';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { assertCanRecordProgram, canRecordProgram } from '../policy';
import { assertProgramOrganizations, checkedProgram, type ProgramInput } from './manage-programs';

export type ProgramPatch = Partial<ProgramInput>;

const EDITABLE = [
  'title',
  'kind',
  'recoveryFocus',
  'cell',
  'stage',
  'leadOrganizationId',
  'partnerIds',
  'jurisdictions',
  'startsOn',
  'endsOn',
  'peopleReached',
  'cooperationType',
  'description',
] as const satisfies readonly (keyof Program & keyof ProgramInput)[];

export async function editProgram(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: ProgramPatch,
): Promise<Program & { viewerCanEdit: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await findProgram(trx, id);
    if (!before) throw new AppError('not_found');
    assertCanRecordProgram(actor, before);
    const input: ProgramInput = { ...before, ...patch };
    assertCanRecordProgram(actor, input);
    const { title, endsOn, partnerIds } = checkedProgram(input);
    const after: Program = {
      ...before,
      ...patch,
      title,
      endsOn,
      partnerIds,
      recoveryFocus: input.recoveryFocus ?? null,
      cell: { strategy: input.cell.strategy, phase: input.cell.phase },
      jurisdictions: [...new Set(input.jurisdictions)],
      peopleReached: input.peopleReached ?? 0,
      description: input.description?.trim() || null,
      updatedAt: nowIso(deps),
    };
    const changes = changedFields(before, after, EDITABLE);
    if (changes.length === 0) return { ...before, viewerCanEdit: true };
    await assertProgramOrganizations(trx, after.leadOrganizationId, after.partnerIds);
    await saveProgram(trx, after);
    await appendRevision(trx, 'program', id, { changes, actor: actorId(actor), at: after.updatedAt });
    await recordChange(trx, deps, actor, { action: 'program.edit', entityType: 'program', entityId: id, before, after });
    return { ...after, viewerCanEdit: canRecordProgram(actor, after) };
  });
}

/** A program's edits, newest first (every signed-in role, like the program). */
export async function programRevisions(deps: Deps, _actor: Actor, id: string): Promise<Revision[]> {
  if (!(await findProgram(deps.db, id))) throw new AppError('not_found');
  return revisionsOf(deps.db, 'program', id);
}
