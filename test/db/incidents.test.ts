import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/services/context';
import { checkInDeployment, fileDeployment, moveDeployment } from '../../src/services/deployments/manage-deployments';
import { deploymentAlarms, getDeployment, listDeployments } from '../../src/services/deployments/read-deployments';
import { declareIncident, moveIncidentStage, updateIncident } from '../../src/services/incidents/manage-incidents';
import { getIncident, listIncidents } from '../../src/services/incidents/read-incidents';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const coordinator = (jurisdiction: string): Actor => ({
  kind: 'user',
  userId: `coord-${jurisdiction}`,
  role: 'coordinator',
  organizationId: null,
  jurisdiction,
});
const HENAN = coordinator('410000');
const XINXIANG = coordinator('410700');
const GUANGDONG = coordinator('440000');
const flood = {
  name: '新乡“7·20”特大暴雨',
  category: 'natural_disaster' as const,
  type: '洪涝',
  level: 1 as const,
  warningColor: 'red' as const,
  jurisdictions: ['410700', '410100'],
};

describeEachDatabase('incidents and deployments', (t) => {
  let localTeam: string;
  let farTeam: string;
  let localAdmin: Actor;
  let farAdmin: Actor;
  let observer: Actor;
  const team = (organizationId: string) => ({
    organizationId,
    teamName: '水域救援一分队',
    leaderName: '周队长',
    leaderPhone: '13700137000',
    headcount: 12,
    specialties: ['water' as const],
    equipment: ['冲锋舟', '救生衣'],
    vehicles: 2,
    origin: '410702',
  });

  /** A flood of the test's own, declared by the Henan coordinator. */
  const declareFlood = async (name: string) => (await declareIncident(t().deps, HENAN, { ...flood, name })).id;

  beforeAll(async () => {
    const { deps } = t();
    localTeam = (
      await createOrganization(deps, SYSTEM, { kind: 'rescue_team', name: '新乡蓝天救援队', jurisdictions: ['410702'] })
    ).id;
    farTeam = (await createOrganization(deps, SYSTEM, { kind: 'rescue_team', name: '深圳山地救援队', jurisdictions: ['440300'] }))
      .id;
    localAdmin = { kind: 'user', userId: 'local-admin', role: 'org_admin', organizationId: localTeam, jurisdiction: null };
    farAdmin = { kind: 'user', userId: 'far-admin', role: 'org_admin', organizationId: farTeam, jurisdiction: null };
    observer = { kind: 'user', userId: 'observer', role: 'observer', organizationId: null, jurisdiction: null };
  });

  it('is declared by a coordinator whose area holds every affected area', async () => {
    const { deps } = t();
    await expect(declareIncident(deps, XINXIANG, flood)).rejects.toMatchObject({ code: 'out_of_scope' });
    await expect(declareIncident(deps, GUANGDONG, flood)).rejects.toMatchObject({ code: 'out_of_scope' });
    await expect(declareIncident(deps, localAdmin, flood)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(declareIncident(deps, HENAN, { ...flood, jurisdictions: ['419999'] })).rejects.toMatchObject({
      field: 'jurisdictions/0',
    });
    const incident = await declareIncident(deps, HENAN, flood);
    expect(incident).toMatchObject({
      stage: 'response',
      level: 1,
      warningColor: 'red',
      policy: { invitationRequired: true, checkInIntervalMinutes: 240 },
    });
    expect((await getIncident(deps, XINXIANG, incident.id)).viewerCanCoordinate).toBe(true);
    expect((await getIncident(deps, XINXIANG, incident.id)).viewerCanManage).toBe(false);
    expect((await listIncidents(deps, observer, { jurisdiction: '410702' })).map((i) => i.id)).toContain(incident.id);
    expect(await listIncidents(deps, observer, { jurisdiction: '440300' })).toEqual([]);
  });

  it('asks teams from outside the affected areas for an invitation', async () => {
    const { deps } = t();
    const incidentId = await declareFlood('卫辉洪涝（邀请）');
    await expect(fileDeployment(deps, farAdmin, incidentId, { ...team(farTeam), origin: '440300' })).rejects.toMatchObject({
      field: 'invitationReference',
    });
    const invited = await fileDeployment(deps, farAdmin, incidentId, {
      ...team(farTeam),
      origin: '440300',
      invitationReference: '豫应急函〔2021〕88号',
    });
    expect(invited.status).toBe('filed');
    await expect(fileDeployment(deps, localAdmin, incidentId, team(farTeam))).rejects.toMatchObject({ code: 'out_of_scope' });
    await expect(fileDeployment(deps, observer, incidentId, team(localTeam))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('follows a team from filing to return, and raises an alarm when it misses a check-in', async () => {
    const { deps, clock } = t();
    const incidentId = await declareFlood('卫辉洪涝（报备）');
    const filed = await fileDeployment(deps, localAdmin, incidentId, team(localTeam));
    await expect(moveDeployment(deps, localAdmin, filed.id, { to: 'approved' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(moveDeployment(deps, GUANGDONG, filed.id, { to: 'approved' })).rejects.toMatchObject({ code: 'out_of_scope' });
    await expect(moveDeployment(deps, XINXIANG, filed.id, { to: 'working' })).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    await moveDeployment(deps, XINXIANG, filed.id, { to: 'standby', reason: '远程待命' });
    await moveDeployment(deps, XINXIANG, filed.id, { to: 'approved' });
    await moveDeployment(deps, localAdmin, filed.id, { to: 'en_route' });
    await moveDeployment(deps, localAdmin, filed.id, { to: 'checked_in', zone: '卫辉市城区 A 区' });
    await moveDeployment(deps, localAdmin, filed.id, { to: 'working' });
    expect(await deploymentAlarms(deps, XINXIANG, incidentId)).toEqual([]);
    clock.advance(5 * 60 * 60_000);
    expect((await deploymentAlarms(deps, XINXIANG, incidentId)).map((d) => d.id)).toEqual([filed.id]);
    await checkInDeployment(deps, localAdmin, filed.id, { note: '转移群众 120 人', lat: 35.4, lon: 114.06 });
    expect(await deploymentAlarms(deps, XINXIANG, incidentId)).toEqual([]);
    await moveDeployment(deps, localAdmin, filed.id, { to: 'returned' });
    const done = await getDeployment(deps, XINXIANG, filed.id);
    expect(done).toMatchObject({ status: 'returned', zone: '卫辉市城区 A 区' });
    expect(done.log.map((e) => (e.kind === 'status' ? e.to : 'check_in'))).toEqual([
      'filed',
      'standby',
      'approved',
      'en_route',
      'checked_in',
      'working',
      'check_in',
      'returned',
    ]);
  });

  it('declines only with a reason, and shows the leader only to coordinators and the team', async () => {
    const { deps } = t();
    const incidentId = await declareFlood('卫辉洪涝（谢绝）');
    await fileDeployment(deps, farAdmin, incidentId, {
      ...team(farTeam),
      origin: '440300',
      invitationReference: '豫应急函〔2021〕89号',
    });
    const [far] = await listDeployments(deps, HENAN, incidentId, 'filed');
    await expect(moveDeployment(deps, HENAN, far.id, { to: 'declined' })).rejects.toMatchObject({ field: 'reason' });
    await moveDeployment(deps, HENAN, far.id, { to: 'declined', reason: '本地力量已足' });
    expect((await getDeployment(deps, observer, far.id)).leaderPhone).toBeNull();
    expect((await getDeployment(deps, farAdmin, far.id)).leaderPhone).toBe('13700137000');
    expect((await getDeployment(deps, XINXIANG, far.id)).leaderName).toBe('周队长');
  });

  it('moves through stages with the time of each, and freezes when closed', async () => {
    const { deps, clock } = t();
    const incidentId = await declareFlood('卫辉洪涝（关闭）');
    await expect(moveIncidentStage(deps, HENAN, incidentId, { to: 'preparedness' })).rejects.toMatchObject({
      code: 'invalid_transition',
    });
    clock.advance(86_400_000);
    await moveIncidentStage(deps, HENAN, incidentId, { to: 'recovery', reason: '转入恢复重建' });
    await updateIncident(deps, HENAN, incidentId, {
      level: 2,
      policy: { checkInIntervalMinutes: 720 },
      reason: '灾情缓解，降为二级',
    });
    clock.advance(86_400_000);
    const closed = await moveIncidentStage(deps, HENAN, incidentId, { to: 'closed' });
    expect(closed.stages.map((s) => s.to)).toEqual(['response', 'recovery', 'closed']);
    expect(new Set(closed.stages.map((s) => s.at)).size).toBe(3);
    expect(closed).toMatchObject({ level: 2, policy: { checkInIntervalMinutes: 720 } });
    await expect(updateIncident(deps, HENAN, incidentId, { level: 3 })).rejects.toMatchObject({ code: 'archived' });
    await expect(fileDeployment(deps, localAdmin, incidentId, team(localTeam))).rejects.toMatchObject({ code: 'archived' });
    expect(
      (await listIncidents(deps, observer, { stages: ['preparedness', 'response', 'recovery'] })).map((i) => i.id),
    ).not.toContain(incidentId);
  });
});
