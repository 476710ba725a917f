/**
 * Special-needs coverage: needs involving vulnerable people (the elderly, disabled people,
 * children, pregnant women, the chronically ill, minorities, migrants, people living alone)
 * against the others — how many, what share was served, how long from report to served, and
 * which are still unserved. Pure.
 */

export interface NeedOutcome {
  id: string;
  vulnerable: boolean;
  reportedAt: string;
  /** When it was served (fulfilled, or resolved by the reporter); null while it is not. */
  servedAt: string | null;
  /** Closed without being served (duplicate, not found, referred…). */
  withdrawn: boolean;
}

export interface GroupCoverage {
  needs: number;
  served: number;
  /** served ÷ (needs − withdrawn); null with nothing to serve. */
  shareServed: number | null;
  /** Median hours from report to served; null when none was served. */
  medianHoursToServe: number | null;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function coverageOf(needs: readonly NeedOutcome[]): GroupCoverage {
  const served = needs.filter((n) => n.servedAt !== null);
  const toServe = needs.filter((n) => !n.withdrawn || n.servedAt !== null).length;
  const hours = served.map((n) => (Date.parse(n.servedAt as string) - Date.parse(n.reportedAt)) / 3_600_000);
  const middle = median(hours);
  return {
    needs: needs.length,
    served: served.length,
    shareServed: toServe === 0 ? null : Number((served.length / toServe).toFixed(4)),
    medianHoursToServe: middle === null ? null : Number(middle.toFixed(2)),
  };
}

/** Coverage of vulnerable people's needs and of the others, and the vulnerable needs still unserved (oldest first). */
export function specialNeedsCoverage(needs: readonly NeedOutcome[]): {
  vulnerable: GroupCoverage;
  others: GroupCoverage;
  unserved: string[];
} {
  const vulnerable = needs.filter((n) => n.vulnerable);
  return {
    vulnerable: coverageOf(vulnerable),
    others: coverageOf(needs.filter((n) => !n.vulnerable)),
    unserved: vulnerable
      .filter((n) => n.servedAt === null && !n.withdrawn)
      .sort((a, b) => a.reportedAt.localeCompare(b.reportedAt))
      .map((n) => n.id),
  };
}
