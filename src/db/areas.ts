/**
 * Rows of areas (an organization's service area, a program's areas) carry the code and its
 * province and city prefixes, so "overlaps this area" — contains it or lies within it — is
 * one indexed condition for any such table.
 */
import { type Expression, type ExpressionBuilder, type RawBuilder, type SqlBool, sql } from 'kysely';
import { containingCodes, levelOf } from '../model/jurisdictions';

/** Rows of an area table whose code overlaps `code`. */
// biome-ignore lint/suspicious/noExplicitAny: any table with code, province and city columns
export function overlapsArea(w: ExpressionBuilder<any, any>, code: string): Expression<SqlBool> {
  const level = levelOf(code);
  const outer = containingCodes(code);
  const inside =
    level === 'province'
      ? w('province', '=', code.slice(0, 2))
      : level === 'city'
        ? w('city', '=', code.slice(0, 4))
        : w('code', '=', code);
  return outer.length > 0 ? w.or([inside, w('code', 'in', outer)]) : inside;
}

/** The area rows of one code. */
export function areaRow(code: string): { code: string; province: string; city: string } {
  return { code, province: code.slice(0, 2), city: code.slice(0, 4) };
}

/** A column holding one code lies within the area `code` (is it, or a place below it). */
export function withinArea(column: string, code: string): RawBuilder<boolean> {
  const level = levelOf(code);
  if (level === 'county') return sql<boolean>`${sql.ref(column)} = ${code}`;
  return sql<boolean>`${sql.ref(column)} like ${`${code.slice(0, level === 'province' ? 2 : 4)}%`}`;
}
