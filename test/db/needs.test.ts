import { beforeAll, expect, it } from 'vitest';
import { declareCapacity } from '../../src/services/capacity/manage-capacity';
import type { Actor } from '../../src/services/context';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import {
  answerDispatch,
  claimNeed,
  dispatchNeed,
  expireClaims,
  releaseClaim,
  reportProgress,
} from '../../src/services/needs/claims';
import { warmDuplicateChecks } from '../../src/services/needs/duplicate-check';
import { closeNeed, mergeNeeds, resolveByReceipt, verifyNeed } from '../../src/services/needs/manage-needs';
import { getNeed, listPublicNeeds, needByReceipt } from '../../src/services/needs/read-needs';
import { recommendOrganizations } from '../../src/services/needs/recommend-organizations';
import { type NeedInput, reportNeed, reportPublicNeed } from '../../src/services/needs/report-need';
import { archiveOrganization } from '../../src/services/organizations/archive-organization';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const COORD: Actor = { kind: 'user', userId: 'coord-zz', role: 'coordinator', organizationId: null, jurisdiction: '410100' };
const OBSERVER: Actor = { kind: 'user', userId: 'obs', role: 'observer', organizationId: null, jurisdiction: null };
const adminOf = (organizationId: string): Actor => ({
  kind: 'user',
  userId: `admin-${organizationId}`,
  role: 'org_admin',
  organizationId,
  jurisdiction: null,
});

const water: NeedInput = {
  title: '金水区某小区 3 号楼停水，需要饮用水',
  category: 'water_sanitation',
  quantity: 100,
  unit: '箱',
  jurisdiction: '410105',
  lat: 34.7725,
  lon: 113.6868,
  urgency: 'high',
  vulnerableGroups: ['elderly', 'living_alone'],
  peopleAffected: 60,
  contactName: '李阿姨',
  contactPhone: '13912345678',
  address: '金水区文化路 3 号楼 2 单元',
};

describeEachDatabase('needs, claims and the public door', (t) => {
  let incidentId: string;
  let teams: string[];
  beforeAll(async () => {
    const { deps } = t();
    incidentId = (
      await declareIncident(deps, SYSTEM, {
        name: '郑州暴雨',
        category: 'natural_disaster',
        type: '洪涝',
        level: 1,
        jurisdictions: ['410100'],
      })
    ).id;
    teams = [];
    for (let i = 0; i < 50; i++) {
      teams.push(
        (
          await createOrganization(deps, SYSTEM, {
            kind: 'rescue_team',
            name: `救援队${String(i).padStart(2, '0')}`,
            jurisdictions: ['410105'],
          })
        ).id,
      );
    }
  });

  it('is reported with its source, converted from GCJ-02 and kept inside the incident’s areas', async () => {
    const { deps } = t();
    const byCoordinator = await reportNeed(deps, COORD, incidentId, water);
    expect(byCoordinator.replayed).toBe(false);
    if (byCoordinator.replayed) return;
    expect(byCoordinator.reported.need).toMatchObject({
      source: 'coordinator',
      verification: { level: 'verified', by: 'coord-zz' },
      status: 'open',
    });
    const byTeam = await reportNeed(deps, adminOf(teams[0]), incidentId, {
      ...water,
      title: '转运物资需要车辆',
      category: 'logistics_transport',
      contactPhone: null,
      lat: 34.75,
      lon: 113.63,
      coordSystem: 'gcj02',
    });
    if (byTeam.replayed) throw new Error('not replayed');
    expect(byTeam.reported.need.source).toBe('organization');
    expect(byTeam.reported.need.verification.level).toBe('unverified');
    // GCJ-02 is offset a few hundred metres from WGS 84 in China.
    expect(byTeam.reported.need.lat).not.toBe(34.75);
    expect(Math.abs((byTeam.reported.need.lon ?? 0) - 113.63)).toBeGreaterThan(0.003);
    await expect(reportNeed(deps, COORD, incidentId, { ...water, jurisdiction: '440100' })).rejects.toMatchObject({
      field: 'jurisdiction',
    });
    await expect(reportNeed(deps, OBSERVER, incidentId, water)).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('flags likely duplicates on entry, and a merge keeps both records', async () => {
    const { deps } = t();
    // An incident of its own: duplicates are looked for among the incident's needs.
    const flood = await declareIncident(deps, SYSTEM, {
      name: '金水区停水',
      category: 'natural_disaster',
      type: '洪涝',
      level: 3,
      jurisdictions: ['410100'],
    });
    const first = await reportNeed(deps, COORD, flood.id, water);
    if (first.replayed) throw new Error('not replayed');
    const original = first.reported.need;
    const again = await reportPublicNeed(deps, flood.id, {
      ...water,
      title: '文化路3号楼停水 急需饮用水',
      contactPhone: '13800000000',
      lat: 34.7727,
      lon: 113.687,
    });
    if (again.replayed) throw new Error('not replayed');
    expect(again.reported.possibleDuplicates.length).toBe(1);
    expect(again.reported.possibleDuplicates[0].reasons).toContain('same category');
    const samePhone = await reportPublicNeed(deps, flood.id, {
      ...water,
      title: '另一条',
      category: 'food',
      lat: 34.9,
      lon: 113.5,
    });
    if (samePhone.replayed) throw new Error('not replayed');
    expect(samePhone.reported.possibleDuplicates[0].reasons).toEqual(['same phone']);
    expect(samePhone.reported.possibleDuplicates[0].id).toBe(original.id);
    await mergeNeeds(deps, COORD, again.reported.need.id, original.id);
    const merged = await getNeed(deps, COORD, again.reported.need.id);
    expect(merged).toMatchObject({ status: 'closed', closeReason: 'duplicate', duplicateOf: original.id, source: 'public' });
    expect((await getNeed(deps, COORD, original.id)).history.map((h) => h.kind)).toContain('merged');
  });

  it('lets claims succeed while quantity remains and names the holders when it does not', async () => {
    const { deps } = t();
    const reported = await reportNeed(deps, COORD, incidentId, { ...water, title: '金水区某小区 5 号楼停水，需要饮用水' });
    if (reported.replayed) throw new Error('not replayed');
    const need = reported.reported.need;
    const first = await claimNeed(deps, adminOf(teams[1]), need.id, { organizationId: teams[1], quantity: 60 });
    expect(first.need).toMatchObject({ status: 'claimed', claimedQuantity: 60 });
    const conflict = claimNeed(deps, adminOf(teams[2]), need.id, { organizationId: teams[2], quantity: 50 });
    await expect(conflict).rejects.toMatchObject({
      code: 'claim_conflict',
      extra: { remaining: 40, holders: [{ organizationId: teams[1], quantity: 60 }] },
    });
    const rest = await claimNeed(deps, adminOf(teams[2]), need.id, { organizationId: teams[2] });
    expect(rest.claim.quantity).toBe(40);
    await expect(claimNeed(deps, adminOf(teams[3]), need.id, { organizationId: teams[3] })).rejects.toMatchObject({
      code: 'claim_conflict',
    });
    await expect(claimNeed(deps, adminOf(teams[3]), need.id, { organizationId: teams[4] })).rejects.toMatchObject({
      code: 'out_of_scope',
    });
    // Personal data: the holders and the coordinator see it; others do not.
    expect((await getNeed(deps, adminOf(teams[1]), need.id)).contactPhone).toBe('13912345678');
    expect((await getNeed(deps, COORD, need.id)).vulnerableGroups).toEqual(['elderly', 'living_alone']);
    const outsider = await getNeed(deps, adminOf(teams[5]), need.id);
    expect(outsider).toMatchObject({
      contactPhone: null,
      contactName: null,
      address: null,
      vulnerableGroups: null,
      personalDataVisible: false,
    });
    expect(outsider.holders.map((h) => h.organizationId).sort()).toEqual([teams[1], teams[2]].sort());
    // Progress, then done; a release gives quantity back in one action.
    await reportProgress(deps, adminOf(teams[1]), first.claim.id, { note: '已送达 30 箱' });
    expect((await getNeed(deps, COORD, need.id)).status).toBe('in_progress');
    await reportProgress(deps, adminOf(teams[1]), first.claim.id, { done: true });
    const released = await releaseClaim(deps, adminOf(teams[2]), rest.claim.id, '车辆故障');
    expect(released).toMatchObject({ claimedQuantity: 0, fulfilledQuantity: 60, status: 'in_progress' });
  });

  it('lets exactly one of fifty organizations win the whole of one need claimed at once', async () => {
    const { deps } = t();
    const outcome = await reportNeed(deps, COORD, incidentId, {
      ...water,
      title: '被困人员搜救',
      category: 'search_rescue',
      quantity: 1,
      contactPhone: null,
      lat: 34.6,
      lon: 113.9,
    });
    if (outcome.replayed) throw new Error('not replayed');
    const needId = outcome.reported.need.id;
    const results = await Promise.allSettled(teams.map((id) => claimNeed(deps, adminOf(id), needId, { organizationId: id })));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof claimNeed>>>).value.claim.organizationId;
    for (const failure of lost)
      expect(failure.reason).toMatchObject({ code: 'claim_conflict', extra: { holders: [{ organizationId: winner }] } });
  });

  it('expires a claim without progress (search and rescue after two hours)', async () => {
    const { deps, clock } = t();
    const outcome = await reportNeed(deps, COORD, incidentId, {
      ...water,
      title: '老人被困二楼',
      category: 'search_rescue',
      quantity: 1,
      contactPhone: null,
      lat: 34.61,
      lon: 113.91,
    });
    if (outcome.replayed) throw new Error('not replayed');
    const id = outcome.reported.need.id;
    await claimNeed(deps, adminOf(teams[10]), id, { organizationId: teams[10] });
    clock.advance(119 * 60_000);
    await expireClaims(deps);
    expect((await getNeed(deps, COORD, id)).status).toBe('claimed');
    clock.advance(2 * 60_000);
    // At least this claim; others of the suite made no progress either and may expire with it.
    expect(await expireClaims(deps)).toBeGreaterThanOrEqual(1);
    expect(await getNeed(deps, COORD, id)).toMatchObject({ status: 'open', claimedQuantity: 0 });
    expect((await getNeed(deps, COORD, id)).history.map((h) => h.kind)).toContain('claim_expired');
  });

  it('dispatches a need, which the organization accepts or declines with a reason', async () => {
    const { deps } = t();
    const outcome = await reportNeed(deps, COORD, incidentId, {
      ...water,
      title: '安置点需要心理疏导',
      category: 'psychosocial',
      quantity: 2,
      contactPhone: null,
      lat: 34.62,
      lon: 113.92,
    });
    if (outcome.replayed) throw new Error('not replayed');
    const id = outcome.reported.need.id;
    await expect(dispatchNeed(deps, adminOf(teams[11]), id, { organizationId: teams[11] })).rejects.toMatchObject({
      code: 'forbidden',
    });
    const offered = await dispatchNeed(deps, COORD, id, { organizationId: teams[11], quantity: 1 });
    expect(offered.claim.status).toBe('offered');
    await expect(answerDispatch(deps, adminOf(teams[11]), offered.claim.id, { accept: false })).rejects.toMatchObject({
      field: 'reason',
    });
    await answerDispatch(deps, adminOf(teams[11]), offered.claim.id, { accept: false, reason: '无心理咨询师' });
    const second = await dispatchNeed(deps, COORD, id, { organizationId: teams[12] });
    const accepted = await answerDispatch(deps, adminOf(teams[12]), second.claim.id, { accept: true });
    expect(accepted).toMatchObject({ claimedQuantity: 2, status: 'claimed' });
  });

  it('closes only with a reason, and verifies', async () => {
    const { deps } = t();
    const outcome = await reportNeed(deps, adminOf(teams[13]), incidentId, {
      ...water,
      title: '未核实的求助',
      contactPhone: null,
      lat: 34.63,
      lon: 113.93,
    });
    if (outcome.replayed) throw new Error('not replayed');
    const id = outcome.reported.need.id;
    expect((await verifyNeed(deps, COORD, id, 'official')).verification.level).toBe('official');
    await expect(verifyNeed(deps, adminOf(teams[13]), id, 'verified')).rejects.toMatchObject({ code: 'forbidden' });
    await expect(closeNeed(deps, COORD, id, { reason: 'not_found' })).rejects.toMatchObject({ field: 'note' });
    const closed = await closeNeed(deps, COORD, id, { reason: 'not_found', note: '现场无人' });
    expect(closed.status).toBe('closed');
    await expect(claimNeed(deps, adminOf(teams[14]), id, { organizationId: teams[14] })).rejects.toMatchObject({
      code: 'archived',
    });
  });

  it('gives the public a receipt code, a coarse map without personal data, and a way to say it is resolved', async () => {
    const { deps } = t();
    const outcome = await reportPublicNeed(deps, incidentId, {
      ...water,
      title: '我家老人需要转移',
      category: 'shelter',
      contactPhone: '13600000001',
      lat: 34.77771,
      lon: 113.66666,
    });
    if (outcome.replayed) throw new Error('not replayed');
    const code = outcome.reported.need.receiptCode as string;
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    const map = await listPublicNeeds(deps, incidentId, 100);
    const shown = map.find((n) => n.id === outcome.reported.need.id);
    expect(shown).toMatchObject({ lat: 34.775, lon: 113.665 });
    expect(JSON.stringify(map)).not.toMatch(/13600000001|李阿姨|文化路|elderly/);
    expect((await needByReceipt(deps, code.toLowerCase())).status).toBe('open');
    await resolveByReceipt(deps, code);
    expect(await needByReceipt(deps, code)).toMatchObject({ status: 'closed' });
    expect((await listPublicNeeds(deps, incidentId, 100)).map((n) => n.id)).not.toContain(outcome.reported.need.id);
    await expect(needByReceipt(deps, 'NOPE2345')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('recommends organizations by function for a need, explained', async () => {
    const { deps } = t();
    const near = await createOrganization(deps, SYSTEM, {
      kind: 'grassroots_group',
      name: '金水区供水互助队',
      jurisdictions: ['410105'],
      base: { lat: 34.78, lon: 113.69 },
      capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['water_sanitation'] },
    });
    await createOrganization(deps, SYSTEM, {
      kind: 'rescue_team',
      name: '南阳供水保障队',
      jurisdictions: ['411300'],
      base: { lat: 33.0, lon: 112.5 },
      capabilities: { cells: [], serviceCategories: ['water_sanitation'] },
    });
    await createOrganization(deps, SYSTEM, {
      kind: 'foundation',
      name: '广州供水基金',
      jurisdictions: ['440100'],
      capabilities: { cells: [], serviceCategories: ['water_sanitation'] },
    });
    const outcome = await reportNeed(deps, COORD, incidentId, {
      ...water,
      title: '推荐测试',
      contactPhone: null,
      lat: 34.7725,
      lon: 113.6868,
    });
    if (outcome.replayed) throw new Error('not replayed');
    const ranked = await recommendOrganizations(deps, OBSERVER, outcome.reported.need.id);
    expect(ranked.map((r) => r.name)).toEqual(['金水区供水互助队', '南阳供水保障队']);
    expect(ranked[0]).toMatchObject({ organizationId: near.id, membershipStatus: 'active' });
    expect(ranked[0].explanation).toMatch(/^covers water_sanitation; works in action:crisis; 1 km; serves this area/);
  });

  it('keeps recommending from current data: organizations, capacity and archiving by another process', async () => {
    const { deps } = t();
    const outcome = await reportNeed(deps, COORD, incidentId, { ...water, title: '推荐更新测试', contactPhone: null });
    if (outcome.replayed) throw new Error('not replayed');
    const needId = outcome.reported.need.id;
    const first = await recommendOrganizations(deps, OBSERVER, needId);
    // Another server process sharing the database: its own dependencies, its own candidates in memory.
    const other = { ...deps };
    const fresh = await createOrganization(other, SYSTEM, {
      kind: 'rescue_team',
      name: '金水区新成立供水队',
      jurisdictions: ['410105'],
      base: { lat: 34.7726, lon: 113.6869 },
      capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['water_sanitation'] },
    });
    await declareCapacity(other, SYSTEM, fresh.id, { kind: 'people', type: '供水保障人员', typeLevel: 1, quantity: 12 });
    const second = await recommendOrganizations(deps, OBSERVER, needId);
    expect(second[0]).toMatchObject({ organizationId: fresh.id });
    expect(second[0].explanation).toContain('12 of 12 people free');
    await archiveOrganization(other, SYSTEM, fresh.id);
    const third = await recommendOrganizations(deps, OBSERVER, needId);
    expect(third.map((r) => r.organizationId)).toEqual(first.map((r) => r.organizationId));
  });

  it('never creates a second record for a retried Idempotency-Key, and refuses the key with another body', async () => {
    const { deps } = t();
    const key = { key: 'field-device-42:0001', scope: 'POST /needs|coord-zz', body: { title: 'x' } };
    const input = { ...water, title: '重试测试', contactPhone: null, lat: 34.64, lon: 113.94 };
    const runs = await Promise.all([1, 2, 3].map(() => reportNeed(deps, COORD, incidentId, input, key)));
    const ids = new Set(runs.map((r) => (r.replayed ? r.needId : r.reported.need.id)));
    expect(ids.size).toBe(1);
    expect(runs.filter((r) => !r.replayed)).toHaveLength(1);
    await expect(reportNeed(deps, COORD, incidentId, input, { ...key, body: { title: 'y' } })).rejects.toMatchObject({
      code: 'idempotency_mismatch',
    });
  });
  it('compares a report with needs another process reported or closed, and with old needs only by phone', async () => {
    const { deps, clock } = t();
    // Two processes sharing the database: each keeps its own needs in memory.
    const first = { ...deps };
    const second = { ...deps };
    const flood = await declareIncident(deps, SYSTEM, {
      name: '金水区内涝',
      category: 'natural_disaster',
      type: '洪涝',
      level: 3,
      jurisdictions: ['410105'],
    });
    const report = async (via: typeof deps, input: Partial<NeedInput>) => {
      const outcome = await reportNeed(via, COORD, flood.id, { ...water, contactPhone: undefined, ...input });
      if (outcome.replayed) throw new Error('not replayed');
      return { id: outcome.reported.need.id, flagged: outcome.reported.possibleDuplicates.map((d) => d.id).sort() };
    };
    const x = await report(first, { title: '文化路 3 号楼停水 需要饮用水' });
    const y = await report(second, { title: '文化路3号楼停水，需饮用水', lat: 34.7727 });
    expect(y.flagged).toEqual([x.id]);
    const z = await report(second, { title: '文化路 3 号楼停水 饮用水', lon: 113.6871 });
    expect(z.flagged).toEqual([x.id, y.id].sort());
    // The first process learns of the second's reports from the event log.
    const w = await report(first, { title: '文化路 3 号楼 停水 要饮用水' });
    expect(w.flagged).toEqual([x.id, y.id, z.id].sort());
    // A need the second process closes is no longer offered by the first.
    await closeNeed(second, COORD, y.id, { reason: 'done_by_others', note: '邻居已送水' });
    const v = await report(first, { title: '文化路 3 号楼停水 饮用水', contactPhone: '13711112222' });
    expect(v.flagged).not.toContain(y.id);
    expect(v.flagged).toContain(x.id);
    // Two days on: nearby needs are no longer compared by place, but the same phone still is.
    clock.advance(49 * 3_600_000);
    const later = await report(first, { title: '文化路 3 号楼停水 饮用水', contactPhone: '13711112222' });
    expect(later.flagged).toEqual([v.id]);
    const stranger = await report(second, { title: '文化路 3 号楼停水 饮用水' });
    expect(stranger.flagged).toEqual([later.id]);
    // A process starting afresh loads the recent needs of open incidents before any report.
    const restarted = { ...deps };
    expect(await warmDuplicateChecks(restarted)).toBeGreaterThanOrEqual(3);
    expect((await report(restarted, { title: '文化路 3 号楼停水，饮用水' })).flagged).toEqual([later.id, stranger.id].sort());
  });
});
