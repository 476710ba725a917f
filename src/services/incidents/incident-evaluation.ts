/**
 * The evaluation report of an incident (GET /api/v1/incidents/{id}/evaluation): its figures
 * from the database, the text of each section from the figures, and the printable page and
 * PDF through the annual report's printing path. Internal like the directory (every signed-in
 * role reads it); vulnerable people appear only as counts and shares, no need is named.
 */
import {
  contributions,
  deploymentFigures,
  needsByCategory,
  type TimelineEntry,
  timelineOf,
  vulnerableAgainstOthers,
} from '../../analysis/incident-evaluation';
import {
  claimsByOrganization,
  evaluatedDeployments,
  evaluatedNeeds,
  incidentLessons,
  recordedAlarms,
} from '../../db/repositories/evaluation';
import { findIncident, timelineOf as incidentTimeline } from '../../db/repositories/incidents';
import { findOrganizations } from '../../db/repositories/organizations';
import { AppError } from '../../model/errors';
import type { Incident } from '../../model/incident';
import type { ChangeValue } from '../../model/incident-command';
import {
  type EvaluationFigures,
  type EvaluationLanguage,
  type EvaluationSection,
  evaluationTexts,
  renderEvaluation,
} from '../../reports/incident-evaluation';
import { printToPdf } from '../../reports/pdf';
import type { Actor, Deps } from '../context';

export type IncidentEvaluation = EvaluationFigures & { lang: EvaluationLanguage; texts: Record<EvaluationSection, string> };

/** A changed value as the timeline shows it: a level, a colour, a stage, areas, or a policy in brief. */
function shown(value: ChangeValue): string | null {
  if (value === null) return null;
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'object') {
    return `checkIn=${value.checkInIntervalMinutes}min invitation=${value.invitationRequired ? 'required' : 'no'}`;
  }
  return String(value);
}

/** The incident's changes as timeline entries: stage moves and changes of level, colour, areas and policy. */
async function changesOf(deps: Deps, incident: Incident): Promise<TimelineEntry[]> {
  const recorded = await incidentTimeline(deps.db, incident.id);
  if (recorded.length === 0) {
    return incident.stages.map((s) => ({ at: s.at, kind: 'stage', from: s.from, to: s.to, reason: s.reason }));
  }
  return recorded.map((c) => ({ at: c.at, kind: c.kind, from: shown(c.from), to: shown(c.to) ?? '—', reason: c.reason }));
}

export async function evaluationFigures(deps: Deps, _actor: Actor, incidentId: string): Promise<EvaluationFigures> {
  const incident = await findIncident(deps.db, incidentId);
  if (!incident) throw new AppError('not_found');
  const now = deps.now();
  const needs = await evaluatedNeeds(deps.db, incident.id);
  const deployments = await evaluatedDeployments(deps.db, incident.id, incident.policy.checkInIntervalMinutes);
  const { lessons, ratings } = await incidentLessons(deps.db, incident.id);
  const parts = contributions(await claimsByOrganization(deps.db, incident.id), deployments, ratings);
  const names = await findOrganizations(
    deps.db,
    parts.map((p) => p.organizationId),
  );
  const closed = incident.stages.findLast((s) => s.to === 'closed');
  const reviews = lessons.filter((l) => l.kind === 'after_action_review').length;
  return {
    incident: {
      id: incident.id,
      name: incident.name,
      level: incident.level,
      warningColor: incident.warningColor,
      stage: incident.stage,
      declaredAt: incident.stages[0]?.at ?? incident.createdAt,
      closedAt: incident.stage === 'closed' ? (closed?.at ?? incident.updatedAt) : null,
    },
    generatedAt: now.toISOString(),
    timeline: timelineOf(await changesOf(deps, incident)),
    needs: {
      total: needs.length,
      served: needs.filter((n) => n.servedAt !== null).length,
      byCategory: needsByCategory(needs),
    },
    vulnerable: vulnerableAgainstOthers(needs),
    deployments: { ...deploymentFigures(deployments, now), recorded: await recordedAlarms(deps.db, incident.id) },
    organizations: parts.map((p) => ({ ...p, name: names.get(p.organizationId)?.name ?? p.organizationId })),
    lessons: {
      total: lessons.length,
      reviews,
      meanRating: ratings.length ? Math.round((ratings.reduce((a, r) => a + r.rating, 0) / ratings.length) * 100) / 100 : null,
      items: lessons,
    },
  };
}

/** The evaluation's figures with the text of each section in the reader's language. */
export async function getIncidentEvaluation(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  lang: EvaluationLanguage = 'zh',
): Promise<IncidentEvaluation> {
  const figures = await evaluationFigures(deps, actor, incidentId);
  return { ...figures, lang, texts: evaluationTexts(figures, lang) };
}

export async function incidentEvaluationHtml(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  lang: EvaluationLanguage = 'zh',
): Promise<string> {
  return renderEvaluation(await evaluationFigures(deps, actor, incidentId), lang);
}

/** The evaluation printed to PDF by the server's headless Chromium, one print at a time. */
export async function incidentEvaluationPdf(
  deps: Deps,
  actor: Actor,
  incidentId: string,
  lang: EvaluationLanguage = 'zh',
): Promise<Buffer> {
  return printToPdf(await incidentEvaluationHtml(deps, actor, incidentId, lang));
}
