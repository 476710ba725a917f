/** The knowledge base: experience, lessons learned and after-action reviews. */

import { containingCodes } from '../../model/jurisdictions';
import type { Lesson, LessonKind, PerformanceNote } from '../../model/lesson';
import { searchKey } from '../../model/search-text';
import { withinArea } from '../areas';
import type { Executor, LessonsTable } from '../schema';
import { containsKey } from '../text-match';

const toLesson = (r: LessonsTable): Lesson => ({
  id: r.id,
  kind: r.kind as LessonKind,
  title: r.title,
  body: r.body,
  jurisdiction: r.jurisdiction,
  incidentId: r.incident_id,
  programId: r.program_id,
  tags: JSON.parse(r.tags) as string[],
  performance: JSON.parse(r.performance) as PerformanceNote[],
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export async function insertLesson(db: Executor, l: Lesson): Promise<void> {
  await db
    .insertInto('lessons')
    .values({
      id: l.id,
      kind: l.kind,
      title: l.title,
      body: l.body,
      jurisdiction: l.jurisdiction,
      incident_id: l.incidentId,
      program_id: l.programId,
      tags: JSON.stringify(l.tags),
      performance: JSON.stringify(l.performance),
      search_key: searchKey(`${l.title} ${l.body} ${l.tags.join(' ')}`),
      created_by: l.createdBy,
      created_at: l.createdAt,
      updated_at: l.updatedAt,
    })
    .execute();
}

/** Writes an edited lesson's text, tags and performance notes. */
export async function saveLesson(db: Executor, l: Lesson): Promise<void> {
  await db
    .updateTable('lessons')
    .set({
      title: l.title,
      body: l.body,
      tags: JSON.stringify(l.tags),
      performance: JSON.stringify(l.performance),
      search_key: searchKey(`${l.title} ${l.body} ${l.tags.join(' ')}`),
      updated_at: l.updatedAt,
    })
    .where('id', '=', l.id)
    .execute();
}

export async function findLesson(db: Executor, id: string): Promise<Lesson | undefined> {
  const row = await db.selectFrom('lessons').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toLesson(row) : undefined;
}

export interface LessonFilter {
  q?: string;
  kind?: LessonKind;
  /** Lessons of places overlapping this area (containing it or within it). */
  jurisdiction?: string;
  incidentId?: string;
  programId?: string;
}

/** Lessons matching the filter, newest first, one page before a (createdAt, id) position, with the total. */
export async function listLessonRows(
  db: Executor,
  filter: LessonFilter,
  page: { limit: number; before?: { createdAt: string; id: string } },
): Promise<{ items: Lesson[]; total: number }> {
  let q = db.selectFrom('lessons');
  const key = filter.q ? searchKey(filter.q) : '';
  if (key) q = q.where(containsKey('search_key', key));
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  if (filter.incidentId) q = q.where('incident_id', '=', filter.incidentId);
  if (filter.programId) q = q.where('program_id', '=', filter.programId);
  if (filter.jurisdiction) {
    const code = filter.jurisdiction;
    // The lesson's place lies within the area, or holds it.
    q = q.where((w) => w.or([withinArea('jurisdiction', code), w('jurisdiction', 'in', [code, ...containingCodes(code)])]));
  }
  const counted = await q.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  let rows = q.selectAll();
  if (page.before) {
    const { createdAt, id } = page.before;
    rows = rows.where((w) => w.or([w('created_at', '<', createdAt), w.and([w('created_at', '=', createdAt), w('id', '<', id)])]));
  }
  const found = await rows.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
  return { items: found.map(toLesson), total: Number(counted.n) };
}
