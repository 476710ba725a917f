/**
 * The four principles of the study, as indicators of an area's network (SPEC §1):
 * 常态化 (normalization) — the share of organizations with normal-time activity in the last
 * twelve months; 综合化 (comprehensiveness) — function-map cells covered and the diversity of
 * cooperation types; 互嵌化 (mutual embedding) — the share with an agreement or a seat, and
 * the coordination subsystems where organizations hold seats; 开放化 (openness) — applications,
 * admission rate, median days to a decision, and the share of grassroots and emergent groups
 * among new members. Pure.
 */
import type { Subsystem } from '../model/embedding';
import { SUBSYSTEMS } from '../model/embedding';
import type { OrganizationKind } from '../model/organization';
import type { CooperationType } from '../model/program';
import { COOPERATION_TYPES } from '../model/program';
import { median } from './special-needs';

export interface PrincipleInputs {
  /** The area's non-government organizations. */
  organizations: {
    id: string;
    /** Led or joined a normal-time program in the twelve months up to the end of the period. */
    normalTimeActive: boolean;
    /** Holds an agreement in force or a seat in force at the end of the period. */
    tiedIn: boolean;
  }[];
  /** How many of the 12 function-map cells the area's organizations work in. */
  cellsCovered: number;
  /** Cooperation types of the programs of the period, one entry per program. */
  cooperationTypes: CooperationType[];
  /** Subsystems of the seats in force at the end of the period. */
  seatSubsystems: Subsystem[];
  /** Applications decided or made in the period. */
  applications: { submittedAt: string; decidedAt: string | null; decision: string | null }[];
  /** Kinds of the organizations admitted in the period. */
  newMembers: OrganizationKind[];
}

const GRASSROOTS: readonly OrganizationKind[] = ['grassroots_group', 'community_group', 'volunteer_association'];
const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/** Shannon evenness of a distribution over the given categories: 0 (one kind only) to 1 (all alike). */
export function evenness<T extends string>(values: readonly T[], categories: readonly T[]): number | null {
  if (values.length === 0) return null;
  const counts = categories.map((c) => values.filter((v) => v === c).length).filter((n) => n > 0);
  const entropy = counts.reduce((h, n) => h - (n / values.length) * Math.log(n / values.length), 0);
  return Math.round((entropy / Math.log(categories.length)) * 10_000) / 10_000 || 0;
}

export function principleIndicators(input: PrincipleInputs) {
  const decided = input.applications.filter((a) => a.decision !== null);
  const admitted = decided.filter((a) => a.decision === 'admit' || a.decision === 'admit_provisional');
  const days = decided
    .filter((a) => a.decidedAt !== null)
    .map((a) => (Date.parse(a.decidedAt as string) - Date.parse(a.submittedAt)) / 86_400_000);
  const middle = median(days);
  const subsystems = SUBSYSTEMS.filter((s) => input.seatSubsystems.includes(s));
  return {
    normalization: {
      organizations: input.organizations.length,
      normalTimeActive: input.organizations.filter((o) => o.normalTimeActive).length,
      share: share(input.organizations.filter((o) => o.normalTimeActive).length, input.organizations.length),
    },
    comprehensiveness: {
      cellsCovered: input.cellsCovered,
      cellShare: share(input.cellsCovered, 12),
      cooperationTypes: COOPERATION_TYPES.filter((t) => input.cooperationTypes.includes(t)),
      cooperationEvenness: evenness(input.cooperationTypes, COOPERATION_TYPES),
    },
    embedding: {
      tiedIn: input.organizations.filter((o) => o.tiedIn).length,
      share: share(input.organizations.filter((o) => o.tiedIn).length, input.organizations.length),
      subsystems,
      subsystemShare: share(subsystems.length, SUBSYSTEMS.length),
    },
    openness: {
      applications: input.applications.length,
      decided: decided.length,
      admissionRate: share(admitted.length, decided.length),
      medianDaysToDecision: middle === null ? null : Math.round(middle * 10) / 10,
      newMembers: input.newMembers.length,
      grassrootsShare: share(input.newMembers.filter((k) => GRASSROOTS.includes(k)).length, input.newMembers.length),
    },
  };
}

export type PrincipleIndicators = ReturnType<typeof principleIndicators>;
