/**
 * Incidents (突发事件) under China's Emergency Response Law: four categories, four levels
 * (Ⅰ级 most severe … Ⅳ级), warning colours, affected areas, and stages with the time of
 * every transition. Pure rules, no I/O.
 */

import { type Phase, phaseOfStage } from './taxonomy';

export const INCIDENT_CATEGORIES = ['natural_disaster', 'accident_disaster', 'public_health', 'social_security'] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export const WARNING_COLORS = ['red', 'orange', 'yellow', 'blue'] as const;
export type WarningColor = (typeof WARNING_COLORS)[number];

export const INCIDENT_STAGES = ['preparedness', 'response', 'recovery', 'closed'] as const;
export type IncidentStage = (typeof INCIDENT_STAGES)[number];

/** Levels: 1 特别重大 (most severe), 2 重大, 3 较大, 4 一般. */
export const INCIDENT_LEVELS = [1, 2, 3, 4] as const;
export type IncidentLevel = (typeof INCIDENT_LEVELS)[number];

export interface IncidentPolicy {
  /** Teams from outside the affected areas must cite an invitation when they file. */
  invitationRequired: boolean;
  /** A deployed team that has not checked in for this long raises an alarm. */
  checkInIntervalMinutes: number;
}

export const DEFAULT_POLICY: IncidentPolicy = { invitationRequired: true, checkInIntervalMinutes: 240 };

export interface StageChange {
  from: IncidentStage | null;
  to: IncidentStage;
  at: string;
  actor: string;
  reason: string | null;
}

export interface Incident {
  id: string;
  name: string;
  category: IncidentCategory;
  type: string;
  level: IncidentLevel;
  warningColor: WarningColor | null;
  jurisdictions: string[];
  stage: IncidentStage;
  stages: StageChange[];
  policy: IncidentPolicy;
  description: string | null;
  declaredBy: string;
  createdAt: string;
  updatedAt: string;
}

const STAGE_MOVES: Record<IncidentStage, readonly IncidentStage[]> = {
  preparedness: ['response', 'closed'],
  response: ['recovery', 'closed'],
  // A recovering area can be hit again.
  recovery: ['response', 'closed'],
  closed: [],
};

/** Whether an incident may move from one stage to another. */
export function canMoveStage(from: IncidentStage, to: IncidentStage): boolean {
  return STAGE_MOVES[from].includes(to);
}

/** The phase of the cycle an incident stage belongs to (closed counts as recovery; none recorded yet, as response). */
export function phaseOfIncidentStage(stage: IncidentStage | null): Phase {
  if (stage === null) return 'crisis';
  return phaseOfStage(stage === 'closed' ? 'recovery' : stage);
}
