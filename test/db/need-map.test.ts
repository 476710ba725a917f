import { beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../src/services/context';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { claimNeed } from '../../src/services/needs/claims';
import { closeNeed } from '../../src/services/needs/manage-needs';
import { needMap } from '../../src/services/needs/need-map';
import { type NeedInput, reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const COORD: Actor = { kind: 'user', userId: 'coord-map', role: 'coordinator', organizationId: null, jurisdiction: '410100' };

const at = (title: string, lat: number, lon: number, extra: Partial<NeedInput> = {}): NeedInput => ({
  title,
  category: 'food',
  quantity: 10,
  jurisdiction: '410105',
  lat,
  lon,
  ...extra,
});

describeEachDatabase('the board’s map of needs', (t) => {
  let incidentId: string;
  let team: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    const { deps } = t();
    incidentId = (
      await declareIncident(deps, SYSTEM, {
        name: '地图演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
      })
    ).id;
    team = (await createOrganization(deps, SYSTEM, { kind: 'rescue_team', name: '地图救援队', jurisdictions: ['410105'] })).id;
    for (const [name, input] of Object.entries({
      jinshui: at('金水区求助', 34.78, 113.66, { vulnerableGroups: ['elderly'] }),
      erqi: at('二七区求助', 34.72, 113.62),
      xinzheng: at('新郑求助', 34.4, 113.74),
    })) {
      const outcome = await reportNeed(deps, COORD, incidentId, input);
      if (outcome.replayed) throw new Error('fresh');
      ids[name] = outcome.reported.need.id;
    }
  });

  it('shows the needs in a viewport, newest first, and keeps vulnerable people to those who may know', async () => {
    const { deps } = t();
    const city = { south: 34.6, west: 113.5, north: 34.9, east: 113.8 };
    const map = await needMap(deps, COORD, incidentId, { box: city });
    expect(map.items.map((p) => p.id)).toEqual([ids.erqi, ids.jinshui]);
    expect(map).toMatchObject({ total: 2, truncated: false });
    expect(map.items.find((p) => p.id === ids.jinshui)?.vulnerable).toBe(true);
    const member: Actor = { kind: 'user', userId: 'm', role: 'org_member', organizationId: team, jurisdiction: null };
    const seen = await needMap(deps, member, incidentId, { box: city });
    expect(seen.items.map((p) => p.vulnerable)).toEqual([null, null]);
    // A reader who does not see vulnerable groups sees the public grid, and may not filter by them.
    expect(seen.items.find((p) => p.id === ids.jinshui)).toMatchObject({ lat: 34.785, lon: 113.665, locationPrecision: 'grid' });
    expect(map.items.find((p) => p.id === ids.jinshui)).toMatchObject({ lat: 34.78, lon: 113.66, locationPrecision: 'exact' });
    await expect(needMap(deps, member, incidentId, { vulnerableOnly: true })).rejects.toMatchObject({
      code: 'hidden_field',
      field: 'vulnerable',
    });
    expect((await needMap(deps, COORD, incidentId, { vulnerableOnly: true })).total).toBe(1);
    await expect(needMap(deps, COORD, 'no-such-incident', {})).rejects.toMatchObject({ code: 'not_found' });
  });

  it('catches up with changes made by another process before answering', async () => {
    const { deps } = t();
    await needMap(deps, COORD, incidentId, {});
    // Another server process: the same database, its own dependencies and so its own points.
    const other = { ...deps };
    await claimNeed(other, SYSTEM, ids.erqi, { organizationId: team, quantity: 4 });
    await closeNeed(other, COORD, ids.xinzheng, { reason: 'not_found', note: '现场未找到' });
    const later = await reportNeed(other, COORD, incidentId, at('中原区求助', 34.75, 113.6));
    const map = await needMap(deps, COORD, incidentId, {});
    const byId = new Map(map.items.map((p) => [p.id, p]));
    expect(byId.get(ids.erqi)).toMatchObject({ status: 'claimed', remaining: 6 });
    expect(byId.get(ids.xinzheng)).toMatchObject({ status: 'closed' });
    expect(later.replayed ? null : byId.has(later.reported.need.id)).toBe(true);
    expect((await needMap(deps, COORD, incidentId, { unclaimedOnly: true })).items.map((p) => p.id)).not.toContain(ids.xinzheng);
  });
});
