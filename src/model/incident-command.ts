/**
 * Commanding an incident: the timeline of its changes (level, warning colour, areas, policy
 * and stage, each with who, when and why), the on-site coordination centre (现场协调中心)
 * with its seats, and the standby roster of organizations asked to be ready. Pure rules, no I/O.
 */

import type { Subsystem } from './embedding';
import type { IncidentLevel, IncidentPolicy, IncidentStage, StageChange, WarningColor } from './incident';

/** What one entry of an incident's timeline changed. */
export const CHANGE_KINDS = ['level', 'warning_color', 'jurisdictions', 'policy', 'stage'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** The command changes that need a reason (stage moves keep their optional reason). */
export const REASONED_KINDS: readonly ChangeKind[] = ['level', 'warning_color', 'jurisdictions', 'policy'];

export type ChangeValue = IncidentLevel | WarningColor | IncidentStage | string[] | IncidentPolicy | null;

/** One entry of an incident's timeline. */
export interface IncidentChange {
  kind: ChangeKind;
  from: ChangeValue;
  to: ChangeValue;
  at: string;
  actor: string;
  reason: string | null;
}

/** The commanded particulars of an incident, as the timeline compares them. */
export interface Commanded {
  level: IncidentLevel;
  warningColor: WarningColor | null;
  jurisdictions: string[];
  policy: IncidentPolicy;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** The same areas in another order are no change. */
const sameAreas = (a: readonly string[], b: readonly string[]) => sameValue([...a].sort(), [...b].sort());

/** The timeline entries between two states of an incident's commanded particulars (unchanged ones left out). */
export function commandChanges(
  before: Commanded,
  after: Commanded,
  stamp: { at: string; actor: string; reason: string | null },
): IncidentChange[] {
  const pairs: [ChangeKind, ChangeValue, ChangeValue][] = [
    ['level', before.level, after.level],
    ['warning_color', before.warningColor, after.warningColor],
    ['jurisdictions', before.jurisdictions, after.jurisdictions],
    ['policy', before.policy, after.policy],
  ];
  return pairs
    .filter(([kind, from, to]) =>
      kind === 'jurisdictions' ? !sameAreas(from as string[], to as string[]) : !sameValue(from, to),
    )
    .map(([kind, from, to]) => ({ kind, from, to, ...stamp }));
}

/** A stage move as a timeline entry. */
export function stageEntry(change: StageChange): IncidentChange {
  return { kind: 'stage', ...change };
}

/** Stage moves and command changes in one timeline, oldest first (a stage move first when both share a moment). */
export function mergeTimeline(stages: readonly StageChange[], changes: readonly IncidentChange[]): IncidentChange[] {
  const all = [...stages.map(stageEntry), ...changes];
  // A stable sort keeps each source's own order for entries of the same moment.
  return all.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The sections of the Incident Command System (ICS) and its command staff. */
export const ICS_SECTIONS = ['command', 'operations', 'planning', 'logistics', 'finance_administration'] as const;
export type IcsSection = (typeof ICS_SECTIONS)[number];

/**
 * Where each subsystem of China's coordination structure (信息、决策、评估、指挥) sits in ICS:
 * - decision 决策 → command: the Incident Commander or Unified Command sets objectives and priorities;
 * - command 指挥 → operations: directing the teams on the ground (zones, tasks, check-in);
 * - information 信息 → planning: the Situation Unit gathers, records and shares the picture;
 * - assessment 评估 → planning: damage and needs assessment are the Planning Section's
 *   technical specialists, feeding the next operational period's plan.
 * Logistics and finance/administration have no subsystem of their own; they are staffed
 * through agreements (service contracts, emergency plans) rather than seats.
 */
export const ICS_SECTION_OF: Record<Subsystem, IcsSection> = {
  decision: 'command',
  command: 'operations',
  information: 'planning',
  assessment: 'planning',
};

/** The ICS section of a coordination-structure subsystem. */
export function icsSectionOf(subsystem: Subsystem): IcsSection {
  return ICS_SECTION_OF[subsystem];
}

/** Why an organization may staff a seat of an incident's centre: a seat it holds, or an agreement. */
export type StaffingBasis =
  | { kind: 'seat'; id: string; structure: string; subsystem: Subsystem; verified: boolean }
  | { kind: 'agreement'; id: string; type: string; counterpartId: string; verified: boolean };

/** One staffed seat of an activated centre. */
export interface CentreSeat {
  id: string;
  centreId: string;
  subsystem: Subsystem;
  icsSection: IcsSection;
  organizationId: string;
  basisKind: StaffingBasis['kind'];
  basisId: string;
  liaisonName: string | null;
  liaisonPhone: string | null;
  addedBy: string;
  addedAt: string;
}

/** One period of an incident's coordination centre, from activation to stand-down. */
export interface CoordinationCentre {
  id: string;
  incidentId: string;
  location: string | null;
  activatedAt: string;
  activatedBy: string;
  activationReason: string;
  stoodDownAt: string | null;
  stoodDownBy: string | null;
  standDownReason: string | null;
  seats: CentreSeat[];
}

/** Whether a centre period is still running. */
export function isActive(centre: Pick<CoordinationCentre, 'stoodDownAt'>): boolean {
  return centre.stoodDownAt === null;
}

/** An organization's answer to a standby request. */
export const STANDBY_ANSWERS = ['pending', 'ready', 'unavailable'] as const;
export type StandbyAnswer = (typeof STANDBY_ANSWERS)[number];

/** An organization asked to be ready for an incident that is not yet declared a response. */
export interface StandbyRequest {
  id: string;
  incidentId: string;
  organizationId: string;
  note: string | null;
  requestedBy: string;
  requestedAt: string;
  answer: StandbyAnswer;
  answerNote: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  withdrawnAt: string | null;
  withdrawnBy: string | null;
}

/** The roster changes only while the incident is being prepared for; once in response it stays as it was. */
export function rosterOpen(stage: IncidentStage): boolean {
  return stage === 'preparedness';
}

/** An organization answers a standby request until the incident closes. */
export function mayAnswerStandby(stage: IncidentStage): boolean {
  return stage !== 'closed';
}
