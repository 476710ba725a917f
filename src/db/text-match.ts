/** Finding folded text inside a folded column, with LIKE's wildcards in the text taken literally. */
import { type RawBuilder, sql } from 'kysely';

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The column (already folded with searchKey) contains the folded key. */
export function containsKey(column: string, key: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${`%${escapeLike(key)}%`} escape '\\'`;
}
