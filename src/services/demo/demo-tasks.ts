/**
 * The demo team's open tasks in the ongoing incident, so that "my tasks" shows something: a
 * dispatch awaiting its answer, a need it holds, a team on the way, and needs nearby in its
 * categories that nobody has claimed.
 */
import type { Organization } from '../../model/organization';
import type { ServiceCategory } from '../../model/taxonomy';
import type { Deps } from '../context';
import { fileDeployment, moveDeployment } from '../deployments/manage-deployments';
import { claimNeed, dispatchNeed } from '../needs/claims';
import { reportNeed } from '../needs/report-need';
import { DEMO } from './demo-network';

/** Gives `team` a dispatch, a claim, a deployment en route and unclaimed needs in `incidentId`. */
export async function demoTasks(deps: Deps, team: Organization, incidentId: string): Promise<void> {
  const category: ServiceCategory = team.capabilities.serviceCategories[0] ?? 'search_rescue';
  // In the team's home county when it lies in the incident's area, else in Weihui (卫辉).
  const home = team.jurisdictions.find((j) => j.startsWith('4107')) ?? '410781';
  const report = async (title: string, urgency: 'critical' | 'high', offset: number) => {
    const outcome = await reportNeed(deps, DEMO, incidentId, {
      title,
      category,
      quantity: 6,
      unit: '人',
      jurisdiction: home,
      lat: 35.39 + offset * 0.004,
      lon: 114.05 + offset * 0.003,
      urgency,
      contactName: '周女士',
      contactPhone: `1390000${String(1000 + offset).slice(-4)}`,
    });
    return outcome.replayed ? null : outcome.reported.need.id;
  };
  const dispatched = await report('唐庄镇敬老院 6 位老人待转移', 'critical', 1);
  if (dispatched) await dispatchNeed(deps, DEMO, dispatched, { organizationId: team.id });
  const held = await report('后河镇低洼村民待转移', 'high', 2);
  if (held) await claimNeed(deps, DEMO, held, { organizationId: team.id });
  await report('城郊乡两户人家被困', 'critical', 3);
  await report('孙杏村镇农户求助转移', 'high', 4);
  const deployment = await fileDeployment(deps, DEMO, incidentId, {
    organizationId: team.id,
    teamName: `${team.name}第二梯队`,
    leaderName: '吴队长',
    leaderPhone: '13700001234',
    headcount: 9,
    vehicles: 2,
    origin: team.jurisdictions[0],
    invitationReference: '新应急函〔2026〕31号',
  });
  await moveDeployment(deps, DEMO, deployment.id, { to: 'approved' });
  await moveDeployment(deps, DEMO, deployment.id, { to: 'en_route' });
}
