/**
 * 3W/4W — who does what where when: activity rows (organization × what × where × month) and
 * their totals by organization, by what and by place, for a table and a map. Pure.
 */

export interface ActivityRow {
  /** The organization's id; for an organization outside the platform, `external:` and its credit code or name. */
  organizationId: string;
  name: string;
  /** A service category (work on needs) or a program kind (normal-time work). */
  what: string;
  /** Work on needs, a program, or an activity read from a partner's HXL table. */
  source: 'need' | 'program' | 'imported';
  /** Whether the organization is outside the platform (known only from a partner's table). */
  external: boolean;
  /** A GB/T 2260 code. */
  where: string;
  /** YYYY-MM. */
  when: string;
  count: number;
  /** People reached: of the needs taken on (people affected), the programs (people reached) or as imported; null when unknown. */
  reached: number | null;
}

function totals<K extends string>(rows: readonly ActivityRow[], key: (r: ActivityRow) => K) {
  const out = new Map<K, { count: number; organizations: Set<string> }>();
  for (const r of rows) {
    const entry = out.get(key(r)) ?? { count: 0, organizations: new Set<string>() };
    entry.count += r.count;
    entry.organizations.add(r.organizationId);
    out.set(key(r), entry);
  }
  return [...out]
    .map(([k, v]) => ({ key: k, count: v.count, organizations: v.organizations.size }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

export function whoWhatWhere(rows: readonly ActivityRow[]) {
  const sorted = [...rows].sort(
    (a, b) =>
      a.when.localeCompare(b.when) ||
      a.name.localeCompare(b.name) ||
      a.what.localeCompare(b.what) ||
      a.where.localeCompare(b.where),
  );
  return {
    rows: sorted,
    byOrganization: totals(rows, (r) => r.organizationId),
    byWhat: totals(rows, (r) => r.what),
    byPlace: totals(rows, (r) => r.where),
  };
}
