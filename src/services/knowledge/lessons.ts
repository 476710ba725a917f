/**
 * The knowledge base: anyone who works in the network (organization admins and members,
 * agency staff, coordinators) records local experience and lessons learned; coordinators of
 * an incident's area write its after-action review with notes on each organization. Every
 * signed-in role reads and searches them.
 */
import { findIncident } from '../../db/repositories/incidents';
import { findLesson, insertLesson, type LessonFilter, listLessonRows } from '../../db/repositories/lessons';
import { findOrganizations } from '../../db/repositories/organizations';
import { findProgram } from '../../db/repositories/programs';
import { AppError } from '../../model/errors';
import { newId } from '../../model/ids';
import { findJurisdiction } from '../../model/jurisdictions';
import type { Lesson, LessonKind, PerformanceNote } from '../../model/lesson';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { requiredText } from '../declarations';
import { pageOf, positionOf } from '../pagination';
import { canCoordinateIncident, canRecordLessons } from '../policy';
import { withEditability } from './edit-lesson';

export interface LessonInput {
  kind: LessonKind;
  title: string;
  body: string;
  jurisdiction: string;
  incidentId?: string | null;
  programId?: string | null;
  tags?: string[];
  performance?: (Omit<PerformanceNote, 'rating'> & { rating?: number | null })[];
}

export async function recordLesson(deps: Deps, actor: Actor, input: LessonInput): Promise<Lesson> {
  if (!canRecordLessons(actor)) throw new AppError('forbidden');
  const title = requiredText(input.title, 'title');
  const body = requiredText(input.body, 'body');
  if (!findJurisdiction(input.jurisdiction)) {
    throw new AppError('unknown_jurisdiction', {
      field: 'jurisdiction',
      detail: `jurisdiction: no GB/T 2260 division has the code ${input.jurisdiction}`,
    });
  }
  const review = input.kind === 'after_action_review';
  if (review && !input.incidentId) {
    throw new AppError('invalid_input', { field: 'incidentId', detail: 'an after-action review is of an incident' });
  }
  if (!review && input.performance?.length) {
    throw new AppError('invalid_input', { field: 'performance', detail: 'only after-action reviews note how organizations did' });
  }
  return deps.db.transaction().execute(async (trx) => {
    if (input.incidentId) {
      const incident = await findIncident(trx, input.incidentId);
      if (!incident) throw new AppError('not_found', { field: 'incidentId', detail: 'no incident has this id' });
      if (review && !canCoordinateIncident(actor, incident.jurisdictions)) {
        throw new AppError(actor.kind === 'user' && actor.role === 'coordinator' ? 'out_of_scope' : 'forbidden');
      }
    }
    if (input.programId && !(await findProgram(trx, input.programId))) {
      throw new AppError('not_found', { field: 'programId', detail: 'no program has this id' });
    }
    const notes = input.performance ?? [];
    const known = await findOrganizations(
      trx,
      notes.map((n) => n.organizationId),
    );
    for (const [i, note] of notes.entries()) {
      if (!known.has(note.organizationId)) {
        throw new AppError('not_found', { field: `performance/${i}/organizationId`, detail: 'no organization has this id' });
      }
    }
    const at = nowIso(deps);
    const lesson: Lesson = {
      id: newId(),
      kind: input.kind,
      title,
      body,
      jurisdiction: input.jurisdiction,
      incidentId: input.incidentId ?? null,
      programId: input.programId ?? null,
      tags: [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))],
      performance: (input.performance ?? []).map((p) => ({
        organizationId: p.organizationId,
        note: p.note.trim(),
        rating: p.rating ?? null,
      })),
      createdBy: actorId(actor),
      createdAt: at,
      updatedAt: at,
    };
    await insertLesson(trx, lesson);
    await recordChange(trx, deps, actor, { action: 'lesson.record', entityType: 'lesson', entityId: lesson.id, after: lesson });
    return lesson;
  });
}

export async function getLesson(deps: Deps, actor: Actor, id: string): Promise<Lesson & { viewerCanEdit: boolean }> {
  const lesson = await findLesson(deps.db, id);
  if (!lesson) throw new AppError('not_found');
  return (await withEditability(deps.db, actor, [lesson]))[0];
}

export async function searchLessons(
  deps: Deps,
  actor: Actor,
  filter: LessonFilter,
  page: { limit: number; cursor?: string },
): Promise<{ items: (Lesson & { viewerCanEdit: boolean })[]; total: number; nextCursor: string | null }> {
  const position = positionOf(page.cursor);
  const before = position && { createdAt: position.at, id: position.id };
  const found = await listLessonRows(deps.db, filter, { limit: page.limit + 1, before });
  const paged = pageOf(found.items, page.limit, (l) => [l.createdAt, l.id]);
  return { ...paged, items: await withEditability(deps.db, actor, paged.items), total: found.total };
}
