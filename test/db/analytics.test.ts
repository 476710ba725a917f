import { beforeAll, expect, it } from 'vitest';
import { creditCodeCheckCharacter } from '../../src/model/credit-code';
import { collaborationOf } from '../../src/services/analytics/collaboration';
import { cooperationModes } from '../../src/services/analytics/cooperation-modes';
import { functionCoverageOf } from '../../src/services/analytics/function-coverage';
import { lifecycleOf } from '../../src/services/analytics/lifecycle';
import { principlesOf } from '../../src/services/analytics/principles';
import { specialNeeds } from '../../src/services/analytics/special-needs';
import { substitutionOf } from '../../src/services/analytics/substitution';
import { whoWhatWhereOf } from '../../src/services/analytics/who-what-where';
import type { Actor } from '../../src/services/context';
import { fileDeployment, moveDeployment } from '../../src/services/deployments/manage-deployments';
import { declareAgreement, declareSeat, fileFiling } from '../../src/services/embedding/declare-embedding';
import { declareIncident, moveIncidentStage } from '../../src/services/incidents/manage-incidents';
import { decideApplication, submitApplication } from '../../src/services/membership/applications';
import { claimNeed, reportProgress } from '../../src/services/needs/claims';
import { reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { createProgram, type ProgramInput } from '../../src/services/programs/manage-programs';
import { verifyDeclaration, verifyOrganizationFields } from '../../src/services/verify-declaration';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const OBSERVER: Actor = { kind: 'user', userId: 'obs', role: 'observer', organizationId: null, jurisdiction: null };
const code = (n: number) => {
  const first = `5141010${String(n).padStart(10, '0')}`;
  return first + creditCodeCheckCharacter(first);
};

/**
 * A hand-built network in Zhengzhou (410100), worked out by hand:
 * - the city's emergency bureau provides water_sanitation and search_rescue;
 * - 蓝天 (water_sanitation, food → 1 of 2 shared = 0.5): verified credit code 0.2, verified
 *   filing 0.2, verified MOU with the bureau until 2025-12-31 0.3 → 0.7 in mid-2025
 *   (supplementary), 0.4 in 2026 (substitution);
 * - 心理 (psychosocial → 0): verified emergency plan 0.2 + verified seat 0.3 = 0.5 (complementary);
 * - 街坊 (food → 0): a self-declared filing only → 0 (alienation);
 * - 广州队 serves Guangzhou, outside the area: not listed; the bureau itself: not listed.
 */
describeEachDatabase('network analytics', (t) => {
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const { deps, clock } = t();
    // The incident below is declared, moved to recovery and served within a few hours: on one
    // day (UTC), whatever the time the tests run.
    clock.now = new Date(`${clock.now.toISOString().slice(0, 10)}T01:00:00.000Z`);
    const org = async (name: string, input: Record<string, unknown>) => {
      ids[name] = (await createOrganization(deps, SYSTEM, { name, jurisdictions: ['410100'], ...input } as never)).id;
    };
    await org('郑州市应急管理局', {
      kind: 'government_agency',
      capabilities: {
        cells: [
          { strategy: 'action', phase: 'crisis' },
          { strategy: 'technology', phase: 'risk' },
        ],
        serviceCategories: ['water_sanitation', 'search_rescue'],
      },
    });
    await org('蓝天', {
      kind: 'rescue_team',
      creditCode: code(1),
      jurisdictions: ['410105'],
      capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['water_sanitation', 'food'] },
    });
    await org('心理', {
      kind: 'social_organization',
      capabilities: { cells: [{ strategy: 'ideas', phase: 'recovery' }], serviceCategories: ['psychosocial'] },
    });
    await org('街坊', { kind: 'community_group', capabilities: { cells: [], serviceCategories: ['food'] } });
    await org('广州队', {
      kind: 'rescue_team',
      jurisdictions: ['440100'],
      capabilities: { cells: [], serviceCategories: ['food'] },
    });
    await verifyOrganizationFields(deps, SYSTEM, ids.蓝天, ['creditCode']);
    const filing = await fileFiling(deps, SYSTEM, ids.蓝天, { department: '郑州市应急管理局', filedOn: '2025-01-01' });
    await verifyDeclaration(deps, SYSTEM, 'filings', filing.id);
    const mou = await declareAgreement(deps, SYSTEM, {
      organizationId: ids.蓝天,
      counterpartId: ids.郑州市应急管理局,
      type: 'mou',
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
    });
    await verifyDeclaration(deps, SYSTEM, 'agreements', mou.id);
    const plan = await declareAgreement(deps, SYSTEM, {
      organizationId: ids.心理,
      counterpartId: ids.郑州市应急管理局,
      type: 'emergency_plan',
      validFrom: '2024-01-01',
    });
    await verifyDeclaration(deps, SYSTEM, 'agreements', plan.id);
    const seat = await declareSeat(deps, SYSTEM, {
      organizationId: ids.心理,
      structure: '郑州市防汛抗旱指挥部',
      subsystem: 'information',
      liaisonName: '王老师',
      from: '2024-06-01',
    });
    await verifyDeclaration(deps, SYSTEM, 'seats', seat.id);
    await fileFiling(deps, SYSTEM, ids.街坊, { department: '金水区民政局', filedOn: '2025-03-01' });
    const program = (title: string, input: Partial<ProgramInput>) =>
      createProgram(deps, SYSTEM, {
        title,
        kind: 'drill',
        cell: { strategy: 'action', phase: 'risk' },
        stage: 'preparedness',
        leadOrganizationId: ids.蓝天,
        jurisdictions: ['410105'],
        startsOn: '2025-05-01',
        endsOn: '2025-05-02',
        peopleReached: 300,
        cooperationType: 'learning',
        ...input,
      });
    await program('金水区防汛演练', { partnerIds: [ids.郑州市应急管理局] });
    await program('社区心理急救培训', {
      kind: 'training',
      leadOrganizationId: ids.心理,
      cell: { strategy: 'ideas', phase: 'risk' },
      jurisdictions: ['410100'],
      startsOn: '2024-01-01',
      endsOn: '2024-02-01',
    });
    await program('广州演练', { leadOrganizationId: ids.广州队, jurisdictions: ['440100'] });
    // Needs: two for water during the response (action:crisis), then one for food in recovery (resources:recovery).
    const incident = await declareIncident(deps, SYSTEM, {
      name: '覆盖测试暴雨',
      category: 'natural_disaster',
      type: '洪涝',
      level: 3,
      jurisdictions: ['410100'],
    });
    const need = (category: 'water_sanitation' | 'food', lat: number) =>
      reportNeed(deps, SYSTEM, incident.id, { title: `需要 ${category}`, category, jurisdiction: '410105', lat, lon: 113.6 });
    await need('water_sanitation', 34.7);
    await need('water_sanitation', 34.8);
    // 街坊 turns out for the response only.
    ids.incident = incident.id;
    ids.deployment = (
      await fileDeployment(deps, SYSTEM, incident.id, {
        organizationId: ids.街坊,
        teamName: '街坊互助队',
        leaderName: '李师傅',
        leaderPhone: '13500000000',
        headcount: 5,
        origin: '410105',
      })
    ).id;
    t().clock.advance(3_600_000);
    await moveIncidentStage(deps, SYSTEM, incident.id, { to: 'recovery' });
    t().clock.advance(3_600_000);
    await need('food', 34.9);
    // Two needs of elderly people: one served two hours after it was reported, one not.
    const elderly = async (lat: number) => {
      const outcome = await reportNeed(deps, SYSTEM, incident.id, {
        title: '独居老人需要送药',
        category: 'emergency_medical',
        jurisdiction: '410105',
        lat,
        lon: 113.9,
        vulnerableGroups: ['elderly', 'living_alone'],
      });
      if (outcome.replayed) throw new Error('fresh');
      return outcome.reported.need.id;
    };
    const served = await elderly(34.5);
    ids.unservedElderly = await elderly(34.4);
    const { claim } = await claimNeed(deps, SYSTEM, served, { organizationId: ids.蓝天 });
    t().clock.advance(2 * 3_600_000);
    await reportProgress(deps, SYSTEM, claim.id, { done: true, note: '已送达' });
  });

  it('places the area’s non-government organizations in the four quadrants, explained', async () => {
    const { deps } = t();
    const mid2025 = await cooperationModes(deps, OBSERVER, { jurisdiction: '410100', to: '2025-06-30' });
    const by = new Map(mid2025.items.map((i) => [i.organizationId, i]));
    expect(mid2025.items.map((i) => i.name).sort()).toEqual(['心理', '蓝天', '街坊'].sort());
    expect(by.get(ids.蓝天)).toMatchObject({ similarity: 0.5, embedding: 0.7, mode: 'supplementary' });
    expect(by.get(ids.心理)).toMatchObject({ similarity: 0, embedding: 0.5, mode: 'complementary' });
    expect(by.get(ids.街坊)).toMatchObject({ similarity: 0, embedding: 0, mode: 'alienation' });
    expect(by.get(ids.蓝天)?.explanation).toContain('creditCode 0.2, filing 0.2, agreement 0.3');
    const in2026 = await cooperationModes(deps, OBSERVER, { jurisdiction: '410105', to: '2026-06-30' });
    expect(in2026.items.find((i) => i.organizationId === ids.蓝天)).toMatchObject({ embedding: 0.4, mode: 'substitution' });
  });

  it('maps coverage of the 12 cells: organizations, programs of the period and needs by phase, with gaps', async () => {
    const { deps } = t();
    const { cells } = await functionCoverageOf(deps, OBSERVER, { jurisdiction: '410100', from: '2025-01-01' });
    const at = (strategy: string, phase: string) => cells.find((c) => c.strategy === strategy && c.phase === phase);
    expect(cells).toHaveLength(12);
    // The bureau and 蓝天 (广州队 serves elsewhere).
    expect(at('action', 'crisis')).toMatchObject({ organizations: 2, activities: 0, needs: 2, gap: false });
    expect(at('technology', 'risk')).toMatchObject({ organizations: 1, activities: 0, needs: 0 });
    expect(at('ideas', 'recovery')).toMatchObject({ organizations: 1, activities: 0, needs: 0 });
    // The drill in 金水区; the Guangzhou drill is elsewhere and the 2024 training before the period.
    expect(at('action', 'risk')).toMatchObject({ organizations: 0, activities: 1, needs: 0, gap: false });
    expect(at('ideas', 'risk')).toMatchObject({ activities: 0 });
    // Food in recovery: nobody works there.
    expect(at('resources', 'recovery')).toMatchObject({ organizations: 0, needs: 1, gap: true });
    // The elderly people's medicine (emergency_medical → action) was asked for in recovery too.
    expect(at('action', 'recovery')).toMatchObject({ organizations: 0, needs: 2, gap: true });
    expect(cells.filter((c) => c.gap).map((c) => `${c.strategy}:${c.phase}`)).toEqual(['action:recovery', 'resources:recovery']);
    const earlier = await functionCoverageOf(deps, OBSERVER, { jurisdiction: '410100', from: '2024-01-01', to: '2024-12-31' });
    expect(earlier.cells.find((c) => c.strategy === 'ideas' && c.phase === 'risk')).toMatchObject({ activities: 1 });
    expect(earlier.cells.reduce((n, c) => n + c.needs, 0)).toBe(0);
  });

  it('compares vulnerable people’s needs with the others; only coordinators see the unserved list', async () => {
    const { deps } = t();
    const coordinator: Actor = { kind: 'user', userId: 'c', role: 'coordinator', organizationId: null, jurisdiction: '410100' };
    const seen = await specialNeeds(deps, coordinator, { jurisdiction: '410100', from: '2025-01-01' });
    expect(seen.vulnerable).toEqual({ needs: 2, served: 1, shareServed: 0.5, medianHoursToServe: 2 });
    expect(seen.others).toEqual({ needs: 3, served: 0, shareServed: 0, medianHoursToServe: null });
    expect(seen.unservedCount).toBe(1);
    expect(seen.unserved?.map((u) => u.id)).toEqual([ids.unservedElderly]);
    expect(seen.unservedListed).toBe(1);
    const observed = await specialNeeds(deps, OBSERVER, { jurisdiction: '410100', from: '2025-01-01' });
    expect(observed).toMatchObject({ unservedCount: 1, unservedListed: null, unserved: null });
    // A coordinator of another district (二七区) asking about the whole city sees the numbers, not Jinshui's list.
    const neighbour: Actor = { ...coordinator, jurisdiction: '410103' };
    const asked = await specialNeeds(deps, neighbour, { jurisdiction: '410100', from: '2025-01-01' });
    expect(asked).toMatchObject({ unservedCount: 1, unservedListed: 0, unserved: [] });
    const jinshui: Actor = { ...coordinator, jurisdiction: '410105' };
    const own = await specialNeeds(deps, jinshui, { jurisdiction: '410100', from: '2025-01-01' });
    expect(own.unserved?.map((u) => u.id)).toEqual([ids.unservedElderly]);
  });

  it('finds who works only in crisis and recovery (重反应, 轻风险)', async () => {
    const { deps } = t();
    // 蓝天: the 2025 drill (risk) and a claim during recovery; 街坊: a deployment in the response.
    const since2025 = await lifecycleOf(deps, OBSERVER, { jurisdiction: '410100', from: '2025-01-01' });
    expect(since2025).toMatchObject({ active: 2, reactiveOnly: 1, share: 0.5, byPhase: { risk: 1, crisis: 1, recovery: 1 } });
    const phases = new Map(since2025.organizations.map((o) => [o.name, o.phases]));
    expect(phases.get('蓝天')).toEqual(['risk', 'recovery']);
    expect(phases.get('街坊')).toEqual(['crisis']);
    expect(phases.get('心理')).toEqual([]);
    // From 2024 the psychological first-aid training (risk) counts too: 1 of 3.
    const since2024 = await lifecycleOf(deps, OBSERVER, { jurisdiction: '410100', from: '2024-01-01' });
    expect(since2024).toMatchObject({ active: 3, reactiveOnly: 1, share: 0.3333 });
  });

  it('draws who worked with whom: program, agreements, a shared incident', async () => {
    const { deps } = t();
    const graph = await collaborationOf(deps, OBSERVER, { jurisdiction: '410100', from: '2025-01-01' });
    const name = new Map(graph.nodes.map((n) => [n.id, n.name]));
    const edges = graph.edges.map((e) => `${[name.get(e.a), name.get(e.b)].sort().join('—')} ${e.kinds.join('+')}`).sort();
    // The 2025 drill joined 蓝天 and the bureau, as did the MOU; 心理 has the bureau's emergency plan (in force
    // since 2024); 街坊 deployed to the incident, 蓝天 claimed there but filed no deployment: no co-deployment.
    expect(edges).toEqual(['心理—郑州市应急管理局 agreement', '蓝天—郑州市应急管理局 agreement+joint_program'].sort());
    expect(graph).toMatchObject({ components: 2, largestComponent: 3, communities: 1 });
    expect(graph.isolated.map((id) => name.get(id))).toEqual(['街坊']);
    expect(graph.brokers.map((b) => name.get(b.id))).toEqual(['郑州市应急管理局']);
    // 4 organizations, 2 edges: 2 / 6.
    expect(graph.density).toBe(0.3333);
  });

  it('measures the four principles of the area', async () => {
    const { deps } = t();
    const p = await principlesOf(deps, OBSERVER, { jurisdiction: '410100', from: '2025-01-01', to: '2025-12-31' });
    // 常态化: of 蓝天, 心理 and 街坊 only 蓝天 worked in normal times in 2025 (the drill).
    expect(p.normalization).toEqual({ organizations: 3, normalTimeActive: 1, share: 0.3333 });
    // 综合化: action:crisis, technology:risk and ideas:recovery are covered; the one program was a learning one.
    expect(p.comprehensiveness).toEqual({
      cellsCovered: 3,
      cellShare: 0.25,
      cooperationTypes: ['learning'],
      cooperationEvenness: 0,
    });
    // 互嵌化: 蓝天's MOU (to 2025-12-31) and 心理's plan and seat; one subsystem (information) of four.
    expect(p.embedding).toEqual({ tiedIn: 2, share: 0.6667, subsystems: ['information'], subsystemShare: 0.25 });
    expect(p.openness).toMatchObject({ applications: 0, admissionRate: null });
  });

  it('measures openness from the applications to join: admission rate, days to decide, grassroots share', async () => {
    const { deps } = t();
    // In Kaifeng, away from the Zhengzhou network the other tests measure.
    const apply = (name: string, kind: string) =>
      submitApplication(deps, {
        organization: { kind, name, jurisdictions: ['410200'] } as never,
        contact: { name: '联系人', phone: '13900139000' },
      });
    const a = await apply('开封邻里互助队', 'grassroots_group');
    const b = await apply('开封应急志愿服务队', 'rescue_team');
    await apply('开封新申请队', 'community_group');
    // Decided three and five days after they were made; the third still waits.
    t().clock.advance(3 * 86_400_000);
    await decideApplication(deps, SYSTEM, a.application.id, { decision: 'admit', reason: '材料齐全' });
    t().clock.advance(2 * 86_400_000);
    await decideApplication(deps, SYSTEM, b.application.id, { decision: 'decline', reason: '不在服务范围' });
    const open = await principlesOf(deps, OBSERVER, { jurisdiction: '410200' });
    // 1 admitted of 2 decided; median of 3 and 5 days: 4; the one new member is a grassroots group.
    expect(open.openness).toEqual({
      applications: 3,
      decided: 2,
      admissionRate: 0.5,
      medianDaysToDecision: 4,
      newMembers: 1,
      grassrootsShare: 1,
    });
  });

  it('follows social organizations’ share of an incident’s work', async () => {
    const { deps } = t();
    // Filed but not approved, 街坊's team does not count yet.
    const before = await substitutionOf(deps, OBSERVER, ids.incident);
    expect(before.byStage.reduce((n, s) => n + s.deployed.social, 0)).toBe(0);
    await moveDeployment(deps, SYSTEM, ids.deployment, { to: 'approved' });
    const after = await substitutionOf(deps, OBSERVER, ids.incident);
    // Declared, moved to recovery and served the same day: every day of it is recovery.
    expect(after.days.every((d) => d.stage === 'recovery')).toBe(true);
    expect(after.days[0].deployed).toEqual({ social: 5, government: 0, socialShare: 1 });
    const recovery = after.byStage.find((s) => s.stage === 'recovery');
    expect(recovery?.fulfilled).toEqual({ social: 1, government: 0, socialShare: 1 });
    expect(recovery?.deployed.social).toBe(5 * after.days.length);
    expect(after).toMatchObject({ peak: null, departures: [] });
    await expect(substitutionOf(deps, OBSERVER, 'no-such-incident')).rejects.toMatchObject({ field: 'incidentId' });
  });

  it('tells who did what where when (3W)', async () => {
    const { deps } = t();
    const w = await whoWhatWhereOf(deps, OBSERVER, { jurisdiction: '410100', from: '2025-01-01' });
    const name = (id: string) => w.rows.find((r) => r.organizationId === id)?.name;
    expect(w.rows.map((r) => `${name(r.organizationId)} ${r.what} ${r.where} ${r.source} ${r.count}`)).toEqual([
      '蓝天 drill 410105 program 1',
      '郑州市应急管理局 drill 410105 program 1',
      '蓝天 emergency_medical 410105 need 1',
    ]);
    expect(w.rows[0].when).toBe('2025-05');
    // The place named, and placed at the mean of its five needs — (34.7+34.8+34.9+34.5+34.4)/5,
    // (113.6×3+113.9×2)/5 = 34.66, 113.72 — shown on the public grid, as every reader may see a need's place.
    expect(w.byPlace).toEqual([
      { key: '410105', name: '金水区', count: 3, organizations: 2, lat: expect.any(Number), lon: expect.any(Number) },
    ]);
    // (The mean lies on a cell's edge, where the two databases' sums may fall either side.)
    const centreOfCellNear = (value: number | null, mean: number) => {
      expect(Math.abs(Math.round(((value ?? 0) % 0.01) * 1000) - 5)).toBe(0);
      expect(Math.abs((value ?? 0) - mean)).toBeLessThanOrEqual(0.005 + 1e-9);
    };
    centreOfCellNear(w.byPlace[0].lat, 34.66);
    centreOfCellNear(w.byPlace[0].lon, 113.72);
    expect(w.byOrganization[0]).toEqual({ key: ids.蓝天, count: 2, organizations: 1 });
  });

  it('refuses an unknown area or a bad date by naming it', async () => {
    const { deps } = t();
    await expect(cooperationModes(deps, OBSERVER, { jurisdiction: '999999' })).rejects.toMatchObject({ field: 'jurisdiction' });
    await expect(cooperationModes(deps, OBSERVER, { jurisdiction: '410100', to: '2025-13-45' })).rejects.toMatchObject({
      field: 'to',
    });
  });
});
