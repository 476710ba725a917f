/**
 * Normal-time cooperation (常态化): programs and activities outside incidents, each placed on
 * the function map and in a stage, led by one organization with partners, in some areas,
 * over some dates, reaching some people, by one type of cooperation.
 */
import type { FunctionCell, Stage } from './taxonomy';

export const PROGRAM_KINDS = [
  'risk_assessment',
  'mitigation_project',
  'drill',
  'training',
  'advocacy',
  'recovery_project',
] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];

/** What a recovery project restores. */
export const RECOVERY_FOCI = [
  'psychosocial',
  'environment',
  'facilities',
  'vulnerable_households',
  'livelihoods',
  'risk_reduction',
] as const;
export type RecoveryFocus = (typeof RECOVERY_FOCI)[number];

export const COOPERATION_TYPES = ['services', 'resources', 'technique', 'learning', 'information'] as const;
export type CooperationType = (typeof COOPERATION_TYPES)[number];

export interface Program {
  id: string;
  title: string;
  kind: ProgramKind;
  recoveryFocus: RecoveryFocus | null;
  cell: FunctionCell;
  stage: Stage;
  leadOrganizationId: string;
  partnerIds: string[];
  jurisdictions: string[];
  startsOn: string;
  endsOn: string | null;
  peopleReached: number;
  cooperationType: CooperationType;
  description: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}
