/**
 * The four principles (常态化, 综合化, 互嵌化, 开放化) for an area and period
 * (src/analysis/principles.ts), from the programs, function map, agreements and seats,
 * and applications to join recorded on the platform.
 */

import { recognitionsOn } from '../../analysis/cooperation-modes';
import { type PrincipleIndicators, principleIndicators } from '../../analysis/principles';
import {
  applicationsOfArea,
  organizationsOfArea,
  organizationsPerCell,
  programCooperationTypes,
  programsInvolving,
  recognitionsOf,
  seatSubsystemsOn,
} from '../../db/repositories/analytics';
import type { Subsystem } from '../../model/embedding';
import type { OrganizationKind } from '../../model/organization';
import type { CooperationType } from '../../model/program';
import type { Actor, Deps } from '../context';
import { readFigure } from './figures';
import { type AnalyticsScope, checkedScope, yearBefore } from './scope';

const ADMITTED = ['admit', 'admit_provisional'];

export async function principlesOf(
  deps: Deps,
  _actor: Actor,
  scope: AnalyticsScope,
): Promise<PrincipleIndicators & { from: string; to: string }> {
  return readFigure(deps, 'principles', checkedScope(deps, scope), computePrinciples);
}

export async function computePrinciples(
  deps: Deps,
  { jurisdiction, from, to }: Required<AnalyticsScope>,
): Promise<PrincipleIndicators & { from: string; to: string }> {
  const organizations = (await organizationsOfArea(deps.db, jurisdiction)).filter((o) => o.kind !== 'government_agency');
  const ids = organizations.map((o) => o.id);
  const active = new Set((await programsInvolving(deps.db, ids, yearBefore(to), to)).map((r) => r.organization_id));
  const recognitions = await recognitionsOf(deps.db, organizations);
  const tiedIn = (id: string) => {
    const record = recognitions.get(id);
    return record ? recognitionsOn(record, to).some((r) => r === 'agreement' || r === 'emergencyPlan' || r === 'seat') : false;
  };
  const applications = await applicationsOfArea(deps.db, jurisdiction, from, to);
  const indicators = principleIndicators({
    organizations: organizations.map((o) => ({ id: o.id, normalTimeActive: active.has(o.id), tiedIn: tiedIn(o.id) })),
    cellsCovered: (await organizationsPerCell(deps.db, jurisdiction)).filter((c) => c.count > 0).length,
    cooperationTypes: (await programCooperationTypes(deps.db, jurisdiction, from, to)) as CooperationType[],
    seatSubsystems: (await seatSubsystemsOn(deps.db, ids, to)) as Subsystem[],
    applications,
    newMembers: applications
      .filter(
        (a) => a.decision !== null && ADMITTED.includes(a.decision) && a.decidedAt !== null && a.decidedAt.slice(0, 10) <= to,
      )
      .map((a) => a.kind as OrganizationKind),
  });
  return { ...indicators, from, to };
}
