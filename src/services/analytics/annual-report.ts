/** The annual network report of an area (src/reports/annual-report.ts), from every analytic of the year. */
import { findJurisdiction } from '../../model/jurisdictions';
import { type AnnualReportData, type ReportLanguage, renderAnnualReport } from '../../reports/annual-report';
import { type Actor, type Deps, nowIso } from '../context';
import { collaborationOf } from './collaboration';
import { cooperationModes } from './cooperation-modes';
import { functionCoverageOf } from './function-coverage';
import { lifecycleOf } from './lifecycle';
import { principlesOf } from './principles';
import { checkedScope } from './scope';
import { specialNeeds } from './special-needs';
import { whoWhatWhereOf } from './who-what-where';

export async function annualReportData(deps: Deps, actor: Actor, jurisdiction: string, year: number): Promise<AnnualReportData> {
  const scope = { jurisdiction, from: `${year}-01-01`, to: `${year}-12-31` };
  checkedScope(deps, scope);
  const area = findJurisdiction(jurisdiction) as { code: string; name: string };
  const names = (ids: string[], nodes: { id: string; name: string }[]) =>
    ids.map((id) => nodes.find((n) => n.id === id)?.name ?? id);
  const graph = await collaborationOf(deps, actor, scope);
  const lifecycle = await lifecycleOf(deps, actor, scope);
  const needs = await specialNeeds(deps, actor, scope);
  return {
    area: { code: area.code, name: area.name },
    year,
    generatedAt: nowIso(deps),
    coverage: (await functionCoverageOf(deps, actor, scope)).cells,
    modes: (await cooperationModes(deps, actor, { jurisdiction, to: scope.to })).items,
    lifecycle: {
      active: lifecycle.active,
      reactiveOnly: lifecycle.reactiveOnly,
      share: lifecycle.share,
      byPhase: lifecycle.byPhase,
    },
    specialNeeds: { vulnerable: needs.vulnerable, others: needs.others, unservedCount: needs.unservedCount },
    collaboration: {
      density: graph.density,
      components: graph.components,
      largestComponent: graph.largestComponent,
      communities: graph.communities,
      nodes: graph.nodes.length,
      edges: graph.edges.length,
      isolated: graph.isolated.length,
      brokers: names(
        graph.brokers.map((b) => b.id),
        graph.nodes,
      ).map((name, i) => ({ name, betweenness: graph.brokers[i].betweenness })),
    },
    principles: await principlesOf(deps, actor, scope),
    threeW: (await whoWhatWhereOf(deps, actor, scope)).rows.map((r) => ({
      name: r.name,
      what: r.what,
      where: findJurisdiction(r.where)?.name ?? r.where,
      when: r.when,
      count: r.count,
    })),
  };
}

export async function annualReportHtml(
  deps: Deps,
  actor: Actor,
  input: { jurisdiction: string; year: number; lang?: ReportLanguage },
): Promise<string> {
  return renderAnnualReport(await annualReportData(deps, actor, input.jurisdiction, input.year), input.lang ?? 'zh');
}
