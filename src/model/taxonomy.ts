/**
 * The study's conceptual model (SPEC §1): strategies × phases = the function map,
 * stages of the cycle, and the service categories that map onto clusters and ESFs.
 */

export const STRATEGIES = ['technology', 'action', 'resources', 'ideas'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const PHASES = ['risk', 'crisis', 'recovery'] as const;
export type Phase = (typeof PHASES)[number];

export const STAGES = ['mitigation', 'preparedness', 'response', 'recovery'] as const;
export type Stage = (typeof STAGES)[number];

export const SERVICE_CATEGORIES = [
  'search_rescue',
  'emergency_medical',
  'shelter',
  'food',
  'water_sanitation',
  'psychosocial',
  'logistics_transport',
  'communications',
  'information_management',
  'protection',
  'education',
  'early_recovery',
  'livelihoods',
  'environment',
  'risk_assessment',
  'early_warning',
  'training_drills',
  'advocacy',
  'fundraising',
  'evaluation',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

/** One cell of the 4 × 3 function map. */
export interface FunctionCell {
  strategy: Strategy;
  phase: Phase;
}

/** The phase a stage of the cycle belongs to. */
export function phaseOfStage(stage: Stage): Phase {
  switch (stage) {
    case 'mitigation':
    case 'preparedness':
      return 'risk';
    case 'response':
      return 'crisis';
    case 'recovery':
      return 'recovery';
  }
}

/** All twelve cells, strategy-major, in the order the map is drawn. */
export function allCells(): FunctionCell[] {
  return STRATEGIES.flatMap((strategy) => PHASES.map((phase) => ({ strategy, phase })));
}

/** A stable key for a cell, e.g. "action:crisis". */
export function cellKey(cell: FunctionCell): string {
  return `${cell.strategy}:${cell.phase}`;
}

/** Removes repeated cells, keeping map order. */
export function normalizeCells(cells: readonly FunctionCell[]): FunctionCell[] {
  const wanted = new Set(cells.map(cellKey));
  return allCells().filter((c) => wanted.has(cellKey(c)));
}

/** Removes repeated categories, keeping taxonomy order. */
export function normalizeCategories(categories: readonly ServiceCategory[]): ServiceCategory[] {
  const wanted = new Set(categories);
  return SERVICE_CATEGORIES.filter((c) => wanted.has(c));
}

/** The intervention strategy a service category usually calls for (a need's default cell). */
export function strategyOfCategory(category: ServiceCategory): Strategy {
  switch (category) {
    case 'risk_assessment':
    case 'early_warning':
    case 'information_management':
    case 'evaluation':
    case 'communications':
      return 'technology';
    case 'fundraising':
    case 'logistics_transport':
    case 'food':
      return 'resources';
    case 'advocacy':
    case 'education':
      return 'ideas';
    default:
      return 'action';
  }
}
