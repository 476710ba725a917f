/** Opaque cursors for keyset pagination: base64url JSON of the last item's sort key. */
import { AppError } from '../model/errors';

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor into `arity` strings or numbers, or fails with `invalid_cursor`. */
export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k)))
    ) {
      return key as (string | number)[];
    }
  } catch {
    // fall through to the error below
  }
  throw new AppError('invalid_cursor', { field: 'cursor' });
}

/** The position after which a page starts, from a cursor of (time or day, id), if any. */
export function positionOf(cursor: string | undefined): { at: string; id: string } | undefined {
  if (!cursor) return undefined;
  const [at, id] = decodeCursor(cursor, 2);
  return { at: String(at), id: String(id) };
}

/** A page from rows read one beyond the limit: the items, and a cursor when more follow. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  key: (item: T) => [string, string],
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(key(last)) : null };
}

/** A page of a list held in memory, its cursor the position where the next page starts. */
export function sliceOf<T>(
  list: readonly T[],
  page: { limit: number; cursor?: string },
): { items: T[]; total: number; nextCursor: string | null } {
  const start = page.cursor ? decodeCursor(page.cursor, 1)[0] : 0;
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 0)
    throw new AppError('invalid_cursor', { field: 'cursor' });
  const end = start + page.limit;
  return { items: list.slice(start, end), total: list.length, nextCursor: end < list.length ? encodeCursor([end]) : null };
}
