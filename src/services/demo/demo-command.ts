/**
 * The demo's incident command: the ongoing Xinxiang flood gets a policy change with its
 * reason and a running coordination centre staffed from the organizations entitled to it; a
 * typhoon being prepared for in Zhengzhou has a standby roster with answers.
 */
import { SUBSYSTEMS, type Subsystem } from '../../model/embedding';
import type { Organization } from '../../model/organization';
import { activateCentre, type SeatInput } from '../command/activate-centre';
import { answerStandby } from '../command/answer-standby';
import { listEligibleStaff } from '../command/read-centre';
import { requestStandby } from '../command/standby-roster';
import type { Deps } from '../context';
import { declareAgreement, declareSeat } from '../embedding/declare-embedding';
import { declareIncident, updateIncident } from '../incidents/manage-incidents';
import { listIncidents } from '../incidents/read-incidents';
import { DEMO } from './demo-network';
import type { Generator } from './random';

const LIAISONS = ['王建国', '李秀英', '张伟', '刘洋', '陈静', '杨磊'];

/** Seats for the centre: for each subsystem, one eligible organization not yet seated (a seat in it first). */
function seatsFrom(eligible: Awaited<ReturnType<typeof listEligibleStaff>>, r: Generator): SeatInput[] {
  const seated = new Set<string>();
  const seats: SeatInput[] = [];
  for (const subsystem of SUBSYSTEMS) {
    const fits = (e: (typeof eligible)[number], s: Subsystem) =>
      e.bases.some((b) => (b.kind === 'seat' ? b.subsystem === s : true));
    const pick =
      eligible.find(
        (e) => !seated.has(e.organizationId) && e.bases.some((b) => b.kind === 'seat' && b.subsystem === subsystem),
      ) ??
      eligible.find((e) => !seated.has(e.organizationId) && fits(e, subsystem) && e.bases.some((b) => b.kind === 'agreement'));
    if (!pick) continue;
    seated.add(pick.organizationId);
    seats.push({
      subsystem,
      organizationId: pick.organizationId,
      liaisonName: r.pick(LIAISONS),
      liaisonPhone: `139${String(r.int(10_000_000, 99_999_999))}`,
    });
  }
  return seats;
}

/**
 * The province's flood command ties some Henan teams in: an emergency plan (预案) with the
 * provincial agency and a seat in the provincial flood headquarters, so that they may staff
 * a centre anywhere in the province.
 */
async function provincialTies(deps: Deps, orgs: Organization[], today: string): Promise<void> {
  const province = orgs.find((o) => o.kind === 'government_agency' && o.jurisdictions[0] === '410000');
  if (!province) return;
  const teams = orgs.filter((o) => o.kind === 'rescue_team' && o.jurisdictions[0]?.startsWith('41')).slice(0, 4);
  const seatOf: Subsystem[] = ['information', 'assessment'];
  for (const [i, team] of teams.entries()) {
    await declareAgreement(deps, DEMO, {
      organizationId: team.id,
      counterpartId: province.id,
      type: 'emergency_plan',
      validFrom: `${Number(today.slice(0, 4)) - 1}-01-01`,
      reference: `豫应急〔${today.slice(0, 4)}〕${12 + i}号`,
    });
    const subsystem = seatOf[i];
    if (subsystem) {
      await declareSeat(deps, DEMO, {
        organizationId: team.id,
        structure: '河南省防汛抗旱指挥部',
        subsystem,
        liaisonName: LIAISONS[i] ?? '王建国',
        from: `${Number(today.slice(0, 4)) - 1}-06-01`,
      });
    }
  }
}

export async function demoCommand(deps: Deps, r: Generator, orgs: Organization[]): Promise<void> {
  await provincialTies(deps, orgs, deps.now().toISOString().slice(0, 10));
  const [flood] = (await listIncidents(deps, DEMO, { stages: ['response'], jurisdiction: '410700' })).filter(
    (i) => i.name === '新乡暴雨洪涝灾害',
  );
  if (flood) {
    await updateIncident(deps, DEMO, flood.id, {
      policy: { checkInIntervalMinutes: 120 },
      reason: '汛情危急，队伍报到间隔缩短为 2 小时',
    });
    const seats = seatsFrom(await listEligibleStaff(deps, DEMO, flood.id), r);
    if (seats.length > 0) {
      await activateCentre(deps, DEMO, flood.id, {
        reason: '灾情扩大，统筹社会应急力量',
        location: '新乡市应急管理局指挥大厅',
        seats,
      });
    }
  }

  const typhoon = await declareIncident(deps, DEMO, {
    name: '台风“烟花”残余环流防御',
    category: 'natural_disaster',
    type: '台风',
    level: 4,
    warningColor: 'blue',
    jurisdictions: ['410100'],
    stage: 'preparedness',
    description: '预计未来 72 小时郑州有大到暴雨，提前组织社会力量待命。',
  });
  await updateIncident(deps, DEMO, typhoon.id, { level: 3, warningColor: 'yellow', reason: '气象台升级暴雨预警' });
  const teams = orgs
    .filter((o) => (o.kind === 'rescue_team' || o.kind === 'volunteer_association') && o.jurisdictions[0]?.startsWith('4101'))
    .slice(0, 5);
  for (const [i, team] of teams.entries()) {
    await requestStandby(deps, DEMO, typhoon.id, {
      organizationId: team.id,
      note: '冲锋舟、排涝设备与队员待命，接令后两小时内出发',
    });
    if (i % 3 === 0) await answerStandby(deps, DEMO, typhoon.id, team.id, { answer: 'ready', note: '队员已集结' });
    if (i % 3 === 1) await answerStandby(deps, DEMO, typhoon.id, team.id, { answer: 'unavailable', note: '装备检修中' });
  }
}
