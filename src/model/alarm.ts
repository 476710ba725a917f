/**
 * Alarms the server raises by itself: a team on the way or on the ground that missed its
 * check-in, a need nobody has updated for too long (stale), and money raised from the public
 * by an organization without the public-fundraising qualification (unqualified_fundraising). Each is due at a moment
 * computed from the record, so the same lapse always names the same alarm. Pure rules.
 */
import { ACCOUNTABLE_STATUSES, type Deployment } from './deployment';
import type { NeedStatus } from './need';

export const ALARM_KINDS = ['missed_check_in', 'stale_need', 'unqualified_fundraising'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

/** Needs that can go stale: someone should still be acting on them. */
export const STALE_NEED_STATUSES: readonly NeedStatus[] = ['open', 'claimed', 'in_progress'];

export interface Alarm {
  id: string;
  incidentId: string;
  kind: AlarmKind;
  /** The deployment (missed_check_in), the need (stale_need), or the money receipt or offer (unqualified_fundraising). */
  subjectId: string;
  /** The team's organization (missed_check_in), the fundraising one (unqualified_fundraising); null for needs. */
  organizationId: string | null;
  dueAt: string;
  raisedAt: string;
  acknowledgedBy: string | null;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
}

/**
 * When an accountable team's next check-in was due (its last check-in, else its last change,
 * plus the incident's interval); null when the team need not check in.
 */
export function checkInDueAt(
  deployment: Pick<Deployment, 'status' | 'lastCheckInAt' | 'updatedAt'>,
  intervalMinutes: number,
): string | null {
  if (!ACCOUNTABLE_STATUSES.includes(deployment.status)) return null;
  const last = new Date(deployment.lastCheckInAt ?? deployment.updatedAt).getTime();
  return new Date(last + intervalMinutes * 60_000).toISOString();
}

/** When a need last updated at `updatedAt` goes stale. */
export function staleAt(updatedAt: string, staleHours: number): string {
  return new Date(new Date(updatedAt).getTime() + staleHours * 3_600_000).toISOString();
}

/** The moment before which a need's last update makes it stale now. */
export function staleCutoff(now: Date, staleHours: number): string {
  return new Date(now.getTime() - staleHours * 3_600_000).toISOString();
}
