/**
 * Lifecycle fragmentation: in which phases of the cycle (risk, crisis, recovery) each
 * organization was active, and the share of active organizations present only in crisis
 * and/or recovery — the study's "重反应, 轻风险": much response, little risk work. Pure.
 */
import { PHASES, type Phase } from '../model/taxonomy';

export interface PhaseActivity {
  organizationId: string;
  phase: Phase;
}

export interface Fragmentation {
  organizations: { organizationId: string; phases: Phase[] }[];
  /** Organizations active in at least one phase. */
  active: number;
  /** Active in crisis and/or recovery but never in risk work. */
  reactiveOnly: number;
  /** reactiveOnly ÷ active; null with no active organization. */
  share: number | null;
  /** How many were active in each phase. */
  byPhase: Record<Phase, number>;
}

export function lifecycleFragmentation(activity: readonly PhaseActivity[], organizationIds: readonly string[]): Fragmentation {
  const phases = new Map<string, Set<Phase>>(organizationIds.map((id) => [id, new Set()]));
  for (const a of activity) phases.get(a.organizationId)?.add(a.phase);
  const organizations = [...phases].map(([organizationId, set]) => ({
    organizationId,
    phases: PHASES.filter((p) => set.has(p)),
  }));
  const active = organizations.filter((o) => o.phases.length > 0);
  const reactiveOnly = active.filter((o) => !o.phases.includes('risk')).length;
  const byPhase = Object.fromEntries(PHASES.map((p) => [p, active.filter((o) => o.phases.includes(p)).length])) as Record<
    Phase,
    number
  >;
  return {
    organizations,
    active: active.length,
    reactiveOnly,
    share: active.length === 0 ? null : Number((reactiveOnly / active.length).toFixed(4)),
    byPhase,
  };
}
