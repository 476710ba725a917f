/**
 * Editing a lesson: its author, a platform admin, and — for an after-action review — the
 * incident's coordinators (who may write one) change its title, text, tags and, for a
 * review, its notes and ratings of organizations. Each edit is kept in the lesson's history.
 */
import { findIncident } from '../../db/repositories/incidents';
import { findLesson, saveLesson } from '../../db/repositories/lessons';
import { findOrganizations } from '../../db/repositories/organizations';
import { appendRevision, revisionsOf } from '../../db/repositories/revisions';
import type { Executor } from '../../db/schema';
import { AppError } from '../../model/errors';
import type { Lesson, PerformanceNote } from '../../model/lesson';
import { changedFields, type Revision } from '../../model/revision';
import { recordChange } from '../audit/record-change';
import { type Actor, actorId, type Deps, nowIso } from '../context';
import { requiredText } from '../declarations';
import { canCoordinateIncident, canRecordLessons } from '../policy';

export interface LessonPatch {
  title?: string;
  body?: string;
  tags?: string[];
  performance?: (Omit<PerformanceNote, 'rating'> & { rating?: number | null })[];
}

const EDITABLE = ['title', 'body', 'tags', 'performance'] as const satisfies readonly (keyof Lesson)[];

/** Whether an actor may edit a lesson, given the areas of the incident it reviews (if any). */
export function canEditLesson(actor: Actor, lesson: Lesson, incidentAreas: readonly string[] | null): boolean {
  if (!canRecordLessons(actor)) return false;
  if (actor.kind === 'system' || actor.role === 'platform_admin' || lesson.createdBy === actorId(actor)) return true;
  return lesson.kind === 'after_action_review' && incidentAreas !== null && canCoordinateIncident(actor, incidentAreas);
}

/** The lessons with whether the reader may edit each (the incidents of reviews looked up once each). */
export async function withEditability(
  db: Executor,
  actor: Actor,
  lessons: Lesson[],
): Promise<(Lesson & { viewerCanEdit: boolean })[]> {
  const areas = new Map<string, string[]>();
  for (const id of new Set(
    lessons.filter((l) => l.kind === 'after_action_review' && l.incidentId).map((l) => l.incidentId as string),
  )) {
    const incident = await findIncident(db, id);
    if (incident) areas.set(id, incident.jurisdictions);
  }
  return lessons.map((l) => ({
    ...l,
    viewerCanEdit: canEditLesson(actor, l, l.incidentId ? (areas.get(l.incidentId) ?? null) : null),
  }));
}

async function assertCanEditLesson(trx: Executor, actor: Actor, lesson: Lesson): Promise<void> {
  if ((await withEditability(trx, actor, [lesson]))[0].viewerCanEdit) return;
  throw new AppError(actor.kind === 'user' && actor.role === 'coordinator' ? 'out_of_scope' : 'forbidden');
}

export async function editLesson(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: LessonPatch,
): Promise<Lesson & { viewerCanEdit: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const before = await findLesson(trx, id);
    if (!before) throw new AppError('not_found');
    await assertCanEditLesson(trx, actor, before);
    if (patch.performance?.length && before.kind !== 'after_action_review') {
      throw new AppError('invalid_input', {
        field: 'performance',
        detail: 'only after-action reviews note how organizations did',
      });
    }
    const notes = patch.performance ?? before.performance;
    const known = await findOrganizations(
      trx,
      notes.map((n) => n.organizationId),
    );
    notes.forEach((note, i) => {
      if (!known.has(note.organizationId)) {
        throw new AppError('not_found', { field: `performance/${i}/organizationId`, detail: 'no organization has this id' });
      }
    });
    const after: Lesson = {
      ...before,
      title: patch.title === undefined ? before.title : requiredText(patch.title, 'title'),
      body: patch.body === undefined ? before.body : requiredText(patch.body, 'body'),
      tags: patch.tags === undefined ? before.tags : [...new Set(patch.tags.map((t) => t.trim()).filter(Boolean))],
      performance: notes.map((n) => ({ organizationId: n.organizationId, note: n.note.trim(), rating: n.rating ?? null })),
      updatedAt: nowIso(deps),
    };
    const changes = changedFields(before, after, EDITABLE);
    if (changes.length === 0) return { ...before, viewerCanEdit: true };
    await saveLesson(trx, after);
    await appendRevision(trx, 'lesson', id, { changes, actor: actorId(actor), at: after.updatedAt });
    await recordChange(trx, deps, actor, { action: 'lesson.edit', entityType: 'lesson', entityId: id, before, after });
    return { ...after, viewerCanEdit: true };
  });
}

/** A lesson's edits, newest first (every signed-in role, like the lesson). */
export async function lessonRevisions(deps: Deps, _actor: Actor, id: string): Promise<Revision[]> {
  if (!(await findLesson(deps.db, id))) throw new AppError('not_found');
  return revisionsOf(deps.db, 'lesson', id);
}
