/**
 * Two past incidents of the demo network, simulated day by day from a stated model so that
 * the analytics show the study's phenomena as consequences, not hand-placed numbers:
 * - the incident is declared in response, moves to recovery on day 7 and closes on day 45;
 * - government agencies of the area deploy from day 0 and stay to the end;
 * - social teams of the province deploy on days 0–2; when the response ends, a team that is
 *   not institutionally embedded (no verified filing or agreement) leaves with probability
 *   0.8, an embedded one with 0.3, and every day of recovery a remaining team that is not
 *   embedded leaves with probability 0.05 — the crowding-out after the peak;
 * - on days 1–3 emergent grassroots groups apply, are admitted provisionally and deploy;
 * - needs arrive at 12 a day in the response (falling by one a day) and 3 a day in recovery,
 *   recovery needs being recovery work; each is claimed by a random organization on the
 *   ground that day and fulfilled one to three days later;
 * - (records and evaluation, drawn from a second generator so the model above is unchanged)
 *   teams report once a day in the response and every other day in recovery, against a
 *   two-day check-in interval, and skip a report with probability 0.2 in the response
 *   and 0.1 in recovery, so two skipped days in a row (or one in recovery) miss a check-in;
 *   one need in ten is first dispatched to a team on the ground, which declines it (no
 *   capacity left), and one claim in fifteen is released before another team takes it;
 *   after the close the area's coordinators write an after-action review (src/services/demo/
 *   demo-review.ts).
 */
import { isWithin } from '../../model/jurisdictions';
import type { Organization } from '../../model/organization';
import type { ServiceCategory } from '../../model/taxonomy';
import type { Deps } from '../context';
import { checkInDeployment, fileDeployment, moveDeployment } from '../deployments/manage-deployments';
import { declareIncident, moveIncidentStage } from '../incidents/manage-incidents';
import { decideApplication, submitApplication } from '../membership/applications';
import { answerDispatch, dispatchNeed, releaseClaim, reportProgress } from '../needs/claims';
import { reportNeed } from '../needs/report-need';
import { demoClaim } from './demo-claims';
import { DEMO } from './demo-network';
import { demoReview } from './demo-review';
import { type Generator, generator } from './random';

const RESPONSE_DAYS = 7;
const CLOSE_DAY = 45;
const RESPONSE_NEEDS: ServiceCategory[] = [
  'search_rescue',
  'water_sanitation',
  'food',
  'shelter',
  'emergency_medical',
  'logistics_transport',
];
const RECOVERY_NEEDS: ServiceCategory[] = ['early_recovery', 'livelihoods', 'psychosocial', 'shelter'];

export interface PastIncident {
  name: string;
  type: string;
  /** The area affected (a city) and where in it needs arise. */
  city: string;
  centre: { lat: number; lon: number };
  /** Days before today the incident began. */
  daysAgo: number;
}

export async function demoPastIncident(
  deps: Deps,
  r: Generator,
  orgs: readonly Organization[],
  embedded: ReadonlySet<string>,
  spec: PastIncident,
): Promise<void> {
  // The records' own randomness, apart from the model's.
  const e = generator(spec.daysAgo * 7919);
  let clock = deps.now().getTime() - spec.daysAgo * 86_400_000;
  const then: Deps = { ...deps, now: () => new Date(clock) };
  const at = (day: number, hour: number) => {
    clock = deps.now().getTime() - spec.daysAgo * 86_400_000 + day * 86_400_000 + hour * 3_600_000;
  };
  at(0, 8);
  const incident = await declareIncident(then, DEMO, {
    name: spec.name,
    category: 'natural_disaster',
    type: spec.type,
    level: 2,
    jurisdictions: [spec.city],
    // 每两日报到: teams far from home in a long flood report every other day at least.
    policy: { checkInIntervalMinutes: 2 * 24 * 60 },
  });
  const province = spec.city.slice(0, 2);
  const governments = orgs.filter((o) => o.kind === 'government_agency' && o.jurisdictions.some((j) => j.startsWith(province)));
  const social = orgs.filter(
    (o) =>
      ['rescue_team', 'volunteer_association', 'social_organization', 'community_group'].includes(o.kind) &&
      o.jurisdictions[0].startsWith(province) &&
      o.membership.status === 'active',
  );
  const onGround = new Map<string, { deploymentId: string; government: boolean }>();
  const deploy = async (org: Organization, day: number) => {
    at(day, 9 + r.int(0, 8));
    const deployment = await fileDeployment(then, DEMO, incident.id, {
      organizationId: org.id,
      teamName: `${org.name}${org.kind === 'government_agency' ? '工作组' : '突击队'}`,
      leaderName: `${r.pick(['王', '李', '张', '刘', '陈'])}队长`,
      leaderPhone: `13${r.int(100000000, 999999999)}`,
      headcount: org.kind === 'government_agency' ? r.int(10, 40) : r.int(5, 25),
      origin: org.jurisdictions[0],
      invitationReference: org.jurisdictions.some((j) => isWithin(j, spec.city))
        ? null
        : `应急函〔${r.int(2024, 2026)}〕${r.int(10, 99)}号`,
    });
    // Each team checks in to one of four zones of the incident (teams sharing a zone are tied in the graph).
    const zone = `${r.pick(['东', '西', '南', '北'])}片区`;
    for (const to of ['approved', 'checked_in', 'working'] as const) {
      await moveDeployment(then, DEMO, deployment.id, { to, zone: to === 'checked_in' ? zone : undefined });
    }
    onGround.set(org.id, { deploymentId: deployment.id, government: org.kind === 'government_agency' });
  };
  for (const g of governments.slice(0, 3)) await deploy(g, 0);
  for (const team of r.some(social, 0.25).slice(0, 24)) await deploy(team, r.int(0, 2));
  // Emergent groups: residents organize during the response.
  for (let i = 0; i < 3; i++) {
    at(1 + i, 20);
    const { application, organization } = await submitApplication(then, {
      organization: {
        kind: 'grassroots_group',
        name: `${spec.name.slice(0, 2)}${r.pick(['暴雨互助群', '爱心车队', '物资对接小组', '返乡青年互助队'])}${i + 1}`,
        jurisdictions: [spec.city],
        capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['food', 'logistics_transport'] },
      },
      contact: { name: `${r.pick(['孙', '马', '朱'])}负责人`, phone: `13${r.int(100000000, 999999999)}` },
    });
    await decideApplication(then, DEMO, application.id, { decision: 'admit_provisional', reason: '应急期临时纳入' });
    await deploy({ ...organization, membership: { ...organization.membership, status: 'active' } } as Organization, 1 + i);
  }
  const work: { claimId: string; doneDay: number }[] = [];
  for (let day = 0; day < CLOSE_DAY; day++) {
    if (day === RESPONSE_DAYS) {
      at(day, 8);
      await moveIncidentStage(then, DEMO, incident.id, { to: 'recovery', reason: '转入恢复重建' });
      for (const [orgId, here] of onGround) {
        if (here.government) continue;
        if (r.chance(embedded.has(orgId) ? 0.3 : 0.8)) {
          await moveDeployment(then, DEMO, here.deploymentId, { to: 'returned' });
          onGround.delete(orgId);
        }
      }
    } else if (day > RESPONSE_DAYS) {
      at(day, 8);
      for (const [orgId, here] of onGround) {
        if (here.government || embedded.has(orgId) || !r.chance(0.05)) continue;
        await moveDeployment(then, DEMO, here.deploymentId, { to: 'returned' });
        onGround.delete(orgId);
      }
    }
    const recovery = day >= RESPONSE_DAYS;
    const count = recovery ? (day % 2 === 0 ? 3 : 2) : Math.max(4, 12 - day);
    for (let n = 0; n < count; n++) {
      at(day, 7 + n);
      const category = r.pick(recovery ? RECOVERY_NEEDS : RESPONSE_NEEDS);
      const outcome = await reportNeed(then, DEMO, incident.id, {
        title: `${spec.name.slice(0, 2)}${recovery ? '恢复' : '救灾'}需求 ${day + 1}-${n + 1}`,
        category,
        quantity: r.int(1, 20),
        jurisdiction: spec.city,
        lat: spec.centre.lat + (r.int(0, 400) - 200) / 1000,
        lon: spec.centre.lon + (r.int(0, 400) - 200) / 1000,
        urgency: recovery ? 'medium' : r.pick(['critical', 'high', 'high', 'medium'] as const),
        vulnerableGroups: r.some(['elderly', 'children', 'disabled', 'living_alone'] as const, 0.15),
      });
      const holders = [...onGround.keys()];
      if (outcome.replayed || holders.length === 0) continue;
      const needId = outcome.reported.need.id;
      if (e.chance(0.1)) {
        const { claim: offered } = await dispatchNeed(then, DEMO, needId, { organizationId: e.pick(holders) });
        await answerDispatch(then, DEMO, offered.id, { accept: false, reason: '队伍已满负荷' });
      }
      const claim = await demoClaim(then, needId, r.pick(holders));
      if (e.chance(1 / 15)) {
        await releaseClaim(then, DEMO, claim.id, '人手调往他处');
        const again = await demoClaim(then, needId, e.pick(holders));
        work.push({ claimId: again.id, doneDay: day + r.int(1, 3) });
        continue;
      }
      work.push({ claimId: claim.id, doneDay: day + r.int(1, 3) });
    }
    if (!recovery || day % 2 === 0) {
      at(day, 20);
      for (const here of onGround.values()) {
        if (e.chance(recovery ? 0.1 : 0.2)) continue;
        await checkInDeployment(then, DEMO, here.deploymentId, { note: recovery ? '恢复期报到' : '今日平安' });
      }
    }
    for (const item of work.filter((w) => w.doneDay === day)) {
      at(day, 18);
      await reportProgress(then, DEMO, item.claimId, { done: true, note: '已完成' });
    }
  }
  at(CLOSE_DAY, 9);
  for (const item of work.filter((w) => w.doneDay >= CLOSE_DAY)) await reportProgress(then, DEMO, item.claimId, { done: true });
  for (const here of onGround.values()) await moveDeployment(then, DEMO, here.deploymentId, { to: 'returned' });
  await moveIncidentStage(then, DEMO, incident.id, { to: 'closed', reason: '恢复重建完成' });
  at(CLOSE_DAY + 3, 10);
  await demoReview(then, incident.id, spec.city, spec.name);
}
