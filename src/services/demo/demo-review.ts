/**
 * After a past incident of the demo closes, the area's coordinators review it: an
 * after-action review rating the organizations that worked there, from a stated model —
 * a rating starts at 3; +1 for a team that delivered five claims or more, +1 for one that
 * missed no check-in, −1 for one that missed two or more, −1 for one that dropped a claim
 * or declined a dispatch (clamped to 1–5) — and the experience and lesson the area keeps.
 */
import { checkInIntervals } from '../../analysis/performance';
import { evaluatedDeployments } from '../../db/repositories/evaluation';
import { findIncident } from '../../db/repositories/incidents';
import type { Deps } from '../context';
import { evaluationFigures } from '../incidents/incident-evaluation';
import { recordLesson } from '../knowledge/lessons';
import { DEMO } from './demo-network';

/** The rating the demo's model gives an organization's part in an incident. */
function ratingOf(part: { claims: number; fulfilledClaims: number; dropped: number; missed: number }): number {
  let rating = 3;
  if (part.fulfilledClaims >= 5) rating++;
  if (part.missed === 0) rating++;
  if (part.missed >= 2) rating--;
  if (part.dropped > 0) rating--;
  return Math.max(1, Math.min(5, rating));
}

export async function demoReview(deps: Deps, incidentId: string, city: string, name: string): Promise<void> {
  const incident = await findIncident(deps.db, incidentId);
  if (!incident) return;
  const figures = await evaluationFigures(deps, DEMO, incidentId);
  const missed = new Map<string, number>();
  for (const d of await evaluatedDeployments(deps.db, incidentId, incident.policy.checkInIntervalMinutes)) {
    missed.set(d.organizationId, (missed.get(d.organizationId) ?? 0) + checkInIntervals(d, deps.now()).missed);
  }
  const declined = await deps.db
    .selectFrom('need_claims')
    .innerJoin('needs', 'needs.id', 'need_claims.need_id')
    .select('need_claims.organization_id')
    .where('needs.incident_id', '=', incidentId)
    .where('need_claims.status', 'in', ['declined', 'released', 'expired'])
    .execute();
  const dropped = new Map<string, number>();
  for (const d of declined) dropped.set(d.organization_id, (dropped.get(d.organization_id) ?? 0) + 1);
  const rated = figures.organizations.slice(0, 12).map((part) => {
    const facts = { ...part, dropped: dropped.get(part.organizationId) ?? 0, missed: missed.get(part.organizationId) ?? 0 };
    const rating = ratingOf(facts);
    const notes = [
      `认领 ${part.claims} 项，完成 ${part.fulfilledClaims} 项`,
      facts.missed ? `失联 ${facts.missed} 次` : '报到及时',
      ...(facts.dropped ? [`放弃或婉拒 ${facts.dropped} 次`] : []),
    ];
    return { organizationId: part.organizationId, note: notes.join('；'), rating };
  });
  const place = name.slice(0, 2);
  const v = figures.vulnerable.vulnerable;
  await recordLesson(deps, DEMO, {
    kind: 'after_action_review',
    title: `${name}复盘评估`,
    body: [
      `本次${name}共记录需求 ${figures.needs.total} 条，满足 ${figures.needs.served} 条；`,
      `出动队伍 ${figures.deployments.deployed} 支、${figures.deployments.people} 人，失联告警 ${figures.deployments.alarms} 次。`,
      `涉及脆弱人群的需求 ${v.needs} 条。响应转恢复后社会组织大量撤离，恢复期人手不足。`,
    ].join(''),
    jurisdiction: city,
    incidentId,
    tags: ['复盘', '山洪', '报到纪律'],
    performance: rated,
  });
  await recordLesson(deps, DEMO, {
    kind: 'lesson',
    title: `${place}：恢复期要留住社会力量`,
    body: '响应结束后未签协议的队伍几乎全部撤离，恢复重建的心理支持和生计项目无人承接。建议在汛前与队伍签订服务协议，把恢复期任务写进预案。',
    jurisdiction: city,
    incidentId,
    tags: ['恢复重建', '替代效应'],
  });
  await recordLesson(deps, DEMO, {
    kind: 'experience',
    title: `${place}：每日报到表管住了外地队伍`,
    body: '外地队伍每天晚上八点前在平台报到一次，协调中心据此掌握各片区人手；连续两天未报到的队伍由片区联络员电话核实。',
    jurisdiction: city,
    incidentId,
    tags: ['报到', '队伍管理'],
  });
}
