/** The demo network's ongoing incident: a flood in Xinxiang with teams, needs and claims. */
import type { RescueSpecialty } from '../../model/capacity';
import type { DeploymentStatus } from '../../model/deployment';
import { childJurisdictions } from '../../model/jurisdictions';
import type { Organization } from '../../model/organization';
import type { ServiceCategory } from '../../model/taxonomy';
import type { Deps } from '../context';
import { fileDeployment, moveDeployment } from '../deployments/manage-deployments';
import { declareIncident } from '../incidents/manage-incidents';
import { reportProgress } from '../needs/claims';
import { reportNeed, reportPublicNeed } from '../needs/report-need';
import { deploymentPass } from '../passes/issue-pass';
import { demoClaim } from './demo-claims';
import { DEMO } from './demo-network';
import type { Generator } from './random';

const NEEDS: {
  title: string;
  category: ServiceCategory;
  unit: string;
  urgency: 'critical' | 'high' | 'medium' | 'low';
  kind: 'response_generated' | 'agent_generated';
}[] = [
  { title: '小区被困居民需转移', category: 'search_rescue', unit: '人', urgency: 'critical', kind: 'agent_generated' },
  { title: '安置点缺少饮用水', category: 'water_sanitation', unit: '箱', urgency: 'high', kind: 'agent_generated' },
  { title: '透析病人需送医', category: 'emergency_medical', unit: '人', urgency: 'critical', kind: 'agent_generated' },
  { title: '临时安置点需要帐篷', category: 'shelter', unit: '顶', urgency: 'high', kind: 'agent_generated' },
  { title: '独居老人需要送餐', category: 'food', unit: '份', urgency: 'medium', kind: 'agent_generated' },
  { title: '受灾群众心理疏导', category: 'psychosocial', unit: '场', urgency: 'medium', kind: 'agent_generated' },
  { title: '物资转运需要货车', category: 'logistics_transport', unit: '车次', urgency: 'high', kind: 'response_generated' },
  { title: '指挥部需要卫星电话', category: 'communications', unit: '部', urgency: 'high', kind: 'response_generated' },
  { title: '灾情信息汇总与核实', category: 'information_management', unit: '项', urgency: 'medium', kind: 'response_generated' },
  { title: '儿童临时看护', category: 'protection', unit: '人', urgency: 'medium', kind: 'agent_generated' },
];

/** An ongoing flood in Xinxiang with teams deployed, needs of every state, claims and a duplicate pair. */
export async function demoIncident(deps: Deps, r: Generator, orgs: Organization[]): Promise<string> {
  const incident = await declareIncident(deps, DEMO, {
    name: '新乡暴雨洪涝灾害',
    category: 'natural_disaster',
    type: '洪涝',
    level: 2,
    warningColor: 'red',
    jurisdictions: ['410700'],
    description: '持续强降雨致卫辉、牧野等地严重内涝，部分村庄被淹。',
    policy: { invitationRequired: true, checkInIntervalMinutes: 240 },
  });
  const counties = childJurisdictions('410700');
  const teams = orgs.filter((o) => o.kind === 'rescue_team' || o.kind === 'volunteer_association').slice(0, 14);
  const moves: DeploymentStatus[][] = [
    [],
    ['approved'],
    ['standby'],
    ['approved', 'en_route'],
    ['approved', 'checked_in'],
    ['approved', 'checked_in', 'working'],
    ['approved', 'checked_in', 'working', 'returned'],
  ];
  for (const [i, team] of teams.entries()) {
    const local = team.jurisdictions.some((j) => j.startsWith('4107'));
    const deployment = await fileDeployment(deps, DEMO, incident.id, {
      organizationId: team.id,
      teamName: `${team.name}突击队`,
      leaderName: `${r.pick(['王', '李', '张', '刘', '陈'])}队长`,
      leaderPhone: `13${r.int(100000000, 999999999)}`,
      headcount: r.int(6, 30),
      specialties: r.some(['water', 'emergency_medical', 'building_collapse'] as RescueSpecialty[], 0.5),
      equipment: r.some(['冲锋舟', '救生衣', '抽水泵', '发电机', '卫星电话'], 0.5),
      vehicles: r.int(1, 5),
      origin: team.jurisdictions[0],
      invitationReference: local ? null : `新应急函〔2026〕${r.int(10, 99)}号`,
    });
    for (const to of moves[i % moves.length]) {
      await moveDeployment(deps, DEMO, deployment.id, {
        to,
        zone: to === 'checked_in' ? `${r.pick(counties).name}${r.pick(['A', 'B', 'C'])}区` : null,
      });
      // Each approved team gets its pass (通行证); the team that has since returned shows one revoked.
      if (to === 'approved') await deploymentPass(deps, DEMO, deployment.id);
    }
  }
  const holders = orgs.filter((o) => o.kind !== 'government_agency' && o.membership.status === 'active').slice(0, 20);
  for (let i = 0; i < 60; i++) {
    const template = NEEDS[i % NEEDS.length];
    const county = r.pick(counties);
    const outcome = await reportNeed(deps, DEMO, incident.id, {
      title: `${county.name}${template.title}`,
      category: template.category,
      kind: template.kind,
      quantity: template.unit === '人' ? r.int(1, 12) : r.int(5, 200),
      unit: template.unit,
      jurisdiction: county.code,
      lat: 35.3 + r.int(0, 300) / 1000,
      lon: 113.8 + r.int(0, 400) / 1000,
      urgency: template.urgency,
      vulnerableGroups: r.some(['elderly', 'children', 'disabled', 'pregnant', 'chronically_ill', 'living_alone'] as const, 0.2),
      peopleAffected: r.int(1, 300),
      contactName: `${r.pick(['赵', '钱', '孙', '李'])}先生`,
      contactPhone: `15${r.int(100000000, 999999999)}`,
    });
    if (outcome.replayed) continue;
    const need = outcome.reported.need;
    const state = i % 6;
    if (state === 0) continue;
    const holder = r.pick(holders);
    const claim = await demoClaim(deps, need.id, holder.id);
    if (state >= 2) await reportProgress(deps, DEMO, claim.id, { note: '已派人前往' });
    if (state >= 4) await reportProgress(deps, DEMO, claim.id, { done: true });
  }
  await reportPublicNeed(deps, incident.id, {
    title: '卫辉市城区家中老人行动不便需转移',
    category: 'search_rescue',
    quantity: 2,
    unit: '人',
    jurisdiction: '410781',
    lat: 35.398,
    lon: 114.064,
    urgency: 'critical',
    vulnerableGroups: ['elderly', 'disabled'],
    contactPhone: '13800138000',
  });
  await reportPublicNeed(deps, incident.id, {
    title: '卫辉城区老人行动不便 需要转移',
    category: 'search_rescue',
    quantity: 2,
    unit: '人',
    jurisdiction: '410781',
    lat: 35.3983,
    lon: 114.0645,
    urgency: 'critical',
    contactPhone: '13900139000',
  });
  return incident.id;
}
