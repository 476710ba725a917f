/**
 * The membership lifecycle of the open network (开放化): who may apply, how coordinators
 * admit, cultivate, suspend and let organizations go, and back. Pure rules, no I/O.
 */
import type { OrganizationKind } from './organization';

export const MEMBERSHIP_STATUSES = ['under_review', 'active', 'cultivation', 'declined', 'suspended', 'exited'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/** Trust tier: emergent groups may be admitted provisionally before they are fully vetted. */
export const MEMBERSHIP_TIERS = ['standard', 'provisional'] as const;
export type MembershipTier = (typeof MEMBERSHIP_TIERS)[number];

export const APPLICATION_DECISIONS = ['admit', 'admit_provisional', 'cultivate', 'decline'] as const;
export type ApplicationDecision = (typeof APPLICATION_DECISIONS)[number];

/** Statuses in which an organization counts as a member of the network. */
export const MEMBER_STATUSES: readonly MembershipStatus[] = ['active', 'cultivation'];

/** Whether an organization in a status may act in a response: claim, accept dispatches, deploy, be recommended. */
export function mayAct(status: MembershipStatus): boolean {
  return MEMBER_STATUSES.includes(status);
}

/** Where each status may go next (纳入、培育、淘汰, and back). */
const TRANSITIONS: Record<MembershipStatus, readonly MembershipStatus[]> = {
  under_review: ['active', 'cultivation', 'declined'],
  active: ['cultivation', 'suspended', 'exited'],
  // Cultivation may be extended with a new plan at its review.
  cultivation: ['active', 'cultivation', 'suspended', 'exited', 'declined'],
  declined: ['under_review'],
  suspended: ['active', 'cultivation', 'exited'],
  exited: ['under_review', 'active'],
};

/** Whether the lifecycle allows a move from one status to another. An active member may
 * also stay active while its tier changes (a provisional group, once vetted). */
export function canTransition(from: MembershipStatus, to: MembershipStatus, tierChanges = false): boolean {
  return TRANSITIONS[from].includes(to) || (from === 'active' && to === 'active' && tierChanges);
}

/** The statuses reachable from a status, in lifecycle order. */
export function nextStatuses(from: MembershipStatus): readonly MembershipStatus[] {
  return TRANSITIONS[from];
}

/** The status and tier an application decision leads to. */
export function decisionOutcome(decision: ApplicationDecision): { status: MembershipStatus; tier: MembershipTier } {
  switch (decision) {
    case 'admit':
      return { status: 'active', tier: 'standard' };
    case 'admit_provisional':
      return { status: 'active', tier: 'provisional' };
    case 'cultivate':
      return { status: 'cultivation', tier: 'standard' };
    case 'decline':
      return { status: 'declined', tier: 'standard' };
  }
}

/** Kinds that may be admitted at the provisional tier: emergent and community groups. */
export function mayBeProvisional(kind: OrganizationKind): boolean {
  return kind === 'grassroots_group' || kind === 'community_group' || kind === 'volunteer_association';
}

/** A cultivation plan (培育计划): what to reach, who mentors, when to review. */
export interface CultivationPlan {
  goals: string[];
  mentorOrganizationId: string | null;
  reviewOn: string;
}

/** One step of an organization's membership history. */
export interface MembershipEvent {
  from: MembershipStatus | null;
  to: MembershipStatus;
  tier: MembershipTier;
  actor: string;
  reason: string;
  plan: CultivationPlan | null;
  at: string;
}

/** Whether a plan's review date (YYYY-MM-DD) has come on the given day. */
export function reviewDue(plan: CultivationPlan, today: string): boolean {
  return plan.reviewOn <= today;
}
