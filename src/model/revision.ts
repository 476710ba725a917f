/** The history of an editable record (programs, lessons): each edit lists the fields it changed. Pure. */

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface Revision {
  seq: number;
  changes: FieldChange[];
  actor: string;
  at: string;
}

/** The fields whose values differ between two versions of a record (compared as JSON), in the order given. */
export function changedFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  return fields
    .filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    .map((f) => ({ field: f, from: before[f] ?? null, to: after[f] ?? null }));
}
