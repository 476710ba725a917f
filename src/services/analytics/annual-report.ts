/** The annual network report of an area (src/reports/annual-report.ts), from every analytic of the year. */
import { findJurisdiction } from '../../model/jurisdictions';
import { type AnnualReportData, type ReportLanguage, renderAnnualReport } from '../../reports/annual-report';
import { printToPdf } from '../../reports/pdf';
import { type Actor, type Deps, nowIso } from '../context';
import { collaborationOf } from './collaboration';
import { cooperationModes } from './cooperation-modes';
import { readFigure } from './figures';
import { functionCoverageOf } from './function-coverage';
import { lifecycleOf } from './lifecycle';
import { principlesOf } from './principles';
import { checkedScope } from './scope';
import { specialNeeds } from './special-needs';
import { computeWhoWhatWhere } from './who-what-where';

export async function annualReportData(deps: Deps, actor: Actor, jurisdiction: string, year: number): Promise<AnnualReportData> {
  const scope = { jurisdiction, from: `${year}-01-01`, to: `${year}-12-31` };
  const area = findJurisdiction(jurisdiction) as { code: string; name: string };
  const graph = await collaborationOf(deps, actor, scope);
  const modes = await cooperationModes(deps, actor, { jurisdiction, to: scope.to, limit: 1 });
  const work = await readFigure(deps, 'who-what-where', checkedScope(deps, scope), computeWhoWhatWhere);
  const lifecycle = await lifecycleOf(deps, actor, scope);
  const needs = await specialNeeds(deps, actor, scope);
  return {
    area: { code: area.code, name: area.name },
    year,
    generatedAt: nowIso(deps),
    coverage: (await functionCoverageOf(deps, actor, scope)).cells,
    modes: { counts: modes.counts, density: modes.density },
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
      nodes: graph.order,
      edges: graph.size,
      isolated: graph.isolatedCount,
      brokers: graph.brokers.map((b) => ({ name: b.name, betweenness: b.betweenness })),
    },
    principles: await principlesOf(deps, actor, scope),
    threeW: {
      total: work.rows.length,
      largest: [...work.rows]
        .sort((a, b) => b.count - a.count)
        .slice(0, 20)
        .map((r) => ({
          name: r.name,
          what: r.what,
          where: findJurisdiction(r.where)?.name ?? r.where,
          when: r.when,
          count: r.count,
        })),
    },
  };
}

export async function annualReportHtml(
  deps: Deps,
  actor: Actor,
  input: { jurisdiction: string; year: number; lang?: ReportLanguage },
): Promise<string> {
  return renderAnnualReport(await annualReportData(deps, actor, input.jurisdiction, input.year), input.lang ?? 'zh');
}

/** The annual report printed to PDF by the server's headless Chromium (src/reports/pdf.ts), one print at a time. */
export async function annualReportPdf(
  deps: Deps,
  actor: Actor,
  input: { jurisdiction: string; year: number; lang?: ReportLanguage },
): Promise<Buffer> {
  return printToPdf(await annualReportHtml(deps, actor, input));
}
