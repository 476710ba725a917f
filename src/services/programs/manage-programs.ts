/**
 * Recording normal-time programs — risk assessments, mitigation, drills, trainings, advocacy,
 * recovery projects — by the lead organization's admin or a coordinator of every area they
 * cover; and reading them (every signed-in role).
 */
import { findOrganizations } from '../../db/repositories/organizations';
import { findProgram, insertPrograms, listProgramRows, type ProgramFilter } from '../../db/repositories/programs';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import { findJurisdiction } from '../../model/jurisdictions';
import type { CooperationType, Program, ProgramKind, RecoveryFocus } from '../../model/program';
import type { FunctionCell, Stage } from '../../model/taxonomy';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { orderedRange, requiredText } from '../declarations';
import { pageOf, positionOf } from '../pagination';
import { assertCanRecordProgram, canRecordProgram } from '../policy';

export interface ProgramInput {
  title: string;
  kind: ProgramKind;
  recoveryFocus?: RecoveryFocus | null;
  cell: FunctionCell;
  stage: Stage;
  leadOrganizationId: string;
  partnerIds?: string[];
  jurisdictions: string[];
  startsOn: string;
  endsOn?: string | null;
  peopleReached?: number;
  cooperationType: CooperationType;
  description?: string | null;
}

/** The checks a program's fields pass on create and on edit; the cleaned title, end and partners. */
export function checkedProgram(input: ProgramInput): { title: string; endsOn: string | null; partnerIds: string[] } {
  const title = requiredText(input.title, 'title');
  if (input.jurisdictions.length === 0)
    throw new AppError('invalid_input', { field: 'jurisdictions', detail: 'name at least one area' });
  input.jurisdictions.forEach((code, i) => {
    if (!findJurisdiction(code)) {
      throw new AppError('unknown_jurisdiction', {
        field: `jurisdictions/${i}`,
        detail: `jurisdictions/${i}: no GB/T 2260 division has the code ${code}`,
      });
    }
  });
  if (input.recoveryFocus && input.kind !== 'recovery_project') {
    throw new AppError('invalid_input', { field: 'recoveryFocus', detail: 'only recovery projects have a recovery focus' });
  }
  const endsOn = orderedRange(input.startsOn, input.endsOn, 'endsOn');
  const partnerIds = [...new Set(input.partnerIds ?? [])].filter((id) => id !== input.leadOrganizationId);
  return { title, endsOn, partnerIds };
}

/** The lead and partners exist and are not archived. */
export async function assertProgramOrganizations(trx: Executor, leadOrganizationId: string, partnerIds: string[]): Promise<void> {
  const known = await findOrganizations(trx, [leadOrganizationId, ...partnerIds]);
  for (const [field, id] of [['leadOrganizationId', leadOrganizationId], ...partnerIds.map((p, i) => [`partnerIds/${i}`, p])]) {
    const org = known.get(id);
    if (!org) throw new AppError('not_found', { field, detail: `${field}: no organization has this id` });
    if (org.archived) throw new AppError('archived', { field, detail: `${field}: the organization is archived` });
  }
}

export async function createProgram(deps: Deps, actor: Actor, input: ProgramInput): Promise<Program> {
  assertCanRecordProgram(actor, input);
  const { title, endsOn, partnerIds } = checkedProgram(input);
  return deps.db.transaction().execute(async (trx) => {
    await assertProgramOrganizations(trx, input.leadOrganizationId, partnerIds);
    const at = nowIso(deps);
    const program: Program = {
      id: newId(),
      title,
      kind: input.kind,
      recoveryFocus: input.recoveryFocus ?? null,
      cell: { strategy: input.cell.strategy, phase: input.cell.phase },
      stage: input.stage,
      leadOrganizationId: input.leadOrganizationId,
      partnerIds,
      jurisdictions: [...new Set(input.jurisdictions)],
      startsOn: input.startsOn,
      endsOn,
      peopleReached: input.peopleReached ?? 0,
      cooperationType: input.cooperationType,
      description: input.description?.trim() || null,
      createdBy: actorId(actor),
      createdAt: at,
      updatedAt: at,
    };
    await insertPrograms(trx, [program]);
    await recordChange(trx, deps, actor, {
      action: 'program.create',
      entityType: 'program',
      entityId: program.id,
      after: program,
    });
    return program;
  });
}

export async function getProgram(deps: Deps, actor: Actor, id: string): Promise<Program & { viewerCanEdit: boolean }> {
  const program = await findProgram(deps.db, id);
  if (!program) throw new AppError('not_found');
  return { ...program, viewerCanEdit: canRecordProgram(actor, program) };
}

export async function listPrograms(
  deps: Deps,
  actor: Actor,
  filter: ProgramFilter,
  page: { limit: number; cursor?: string },
): Promise<{ items: (Program & { viewerCanEdit: boolean })[]; total: number; nextCursor: string | null }> {
  const position = positionOf(page.cursor);
  const before = position && { startsOn: position.at, id: position.id };
  const found = await listProgramRows(deps.db, filter, { limit: page.limit + 1, before });
  const paged = pageOf(found.items, page.limit, (p) => [p.startsOn, p.id]);
  return { ...paged, items: paged.items.map((p) => ({ ...p, viewerCanEdit: canRecordProgram(actor, p) })), total: found.total };
}
