/**
 * The knowledge base: local disaster experience and lessons learned, and after-action
 * reviews of incidents with notes on how each organization did — searchable, linked to the
 * incidents and programs they come from.
 */
export const LESSON_KINDS = ['experience', 'lesson', 'after_action_review'] as const;
export type LessonKind = (typeof LESSON_KINDS)[number];

export interface PerformanceNote {
  organizationId: string;
  /** What went well, what did not. */
  note: string;
  /** 1 (poor) to 5 (excellent), when the review rates it. */
  rating: number | null;
}

export interface Lesson {
  id: string;
  kind: LessonKind;
  title: string;
  body: string;
  jurisdiction: string;
  incidentId: string | null;
  programId: string | null;
  tags: string[];
  /** After-action reviews only: per-organization performance notes. */
  performance: PerformanceNote[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}
