/**
 * The routes of needs from spreadsheets against every role, with the outcomes written out by
 * hand from SPEC §2: importing needs into an incident is for its coordinators (the Henan
 * coordinator for an incident in Zhengzhou) and platform admins; a job is read and confirmed
 * by the one who started it and platform admins; a need imported without coordinates is
 * placed by its incident's coordinators (or the organization holding it). Bodies are checked
 * per role: the job's samples and the needs' phones only reach those who may see them.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { getNeedImportJob, startNeedImport } from '../../src/services/imports/need-import-jobs';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network } from '../support/fixtures';

type Who = 'anonymous' | ActorName;
const WHO: Who[] = ['anonymous', 'admin', 'coordHenan', 'coordGuangdong', 'agencyStaff', 'orgAdmin', 'orgMember', 'observer'];
const CSV = (n: number) =>
  Buffer.from(`地点,电话,情况\r\n郑州市金水区经三路${n}号,1380000${String(n).padStart(4, '0')},被困${n}人\r\n`, 'utf8');

describeEachDatabase('permissions of needs from spreadsheets', (t) => {
  let app: App;
  let network: Network;
  let incident: string;
  /** Per role: a job awaiting its mapping (started by the Henan coordinator) and a need waiting to be located. */
  const jobs = {} as Record<Who, string>;
  const unlocated = {} as Record<Who, string>;

  beforeAll(async () => {
    const deps = t().deps;
    app = await testApp(deps);
    network = await buildNetwork(deps);
    const u = network.users.coordHenan;
    const coord = {
      kind: 'user' as const,
      userId: u.id,
      role: u.role,
      organizationId: u.organizationId,
      jurisdiction: u.jurisdiction,
    };
    const declared = await declareIncident(deps, coord, {
      name: '郑州暴雨',
      category: 'natural_disaster',
      type: '洪涝',
      level: 1,
      jurisdictions: ['410100'],
    });
    incident = declared.id;
    for (const [i, who] of WHO.entries()) {
      jobs[who] = (await startNeedImport(deps, coord, incident, { content: CSV(i), name: null }, { auto: false })).job.id;
      const auto = await startNeedImport(deps, coord, incident, { content: CSV(100 + i), name: null }, { auto: true });
      await auto.done;
      const report = (await getNeedImportJob(deps, coord, auto.job.id)).report;
      unlocated[who] = String(report?.rows[0].needId);
    }
  });

  const tokenOf = (who: Who) => (who === 'anonymous' ? undefined : network.tokens[who]);

  it('importing needs into an incident: its coordinators and platform admins', async () => {
    const expected = [401, 202, 202, 403, 403, 403, 403, 403];
    for (const [i, who] of WHO.entries()) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/incidents/${incident}/imports/needs`,
        headers: { 'content-type': 'text/csv', ...(tokenOf(who) ? { authorization: `Bearer ${tokenOf(who)}` } : {}) },
        payload: CSV(200 + i),
      });
      expect([who, res.statusCode]).toEqual([who, expected[i]]);
      if (res.statusCode === 202) {
        const job = res.json();
        expect(job.status).toBe('awaiting_mapping');
        expect(job.mapping.columns[1].sample).toEqual([`1380000${String(200 + i).padStart(4, '0')}`]);
      }
    }
  });

  it('reading a job: the one who started it and platform admins; the samples only to them', async () => {
    const expected = [401, 200, 200, 403, 403, 403, 403, 403];
    for (const [i, who] of WHO.entries()) {
      const res = await call(app, 'GET', `/api/v1/imports/${jobs.observer}`, { token: tokenOf(who) });
      expect([who, res.status]).toEqual([who, expected[i]]);
      if (res.status === 200)
        expect((res.json.mapping as { columns: { sample: string[] }[] }).columns[0].sample[0]).toMatch(/经三路/);
      else expect(JSON.stringify(res.json)).not.toMatch(/经三路|1380000/);
    }
  });

  it('confirming a mapping: the one who started the job and platform admins', async () => {
    const expected = [401, 202, 202, 403, 403, 403, 403, 403];
    const columns = [
      { index: 0, field: 'address' },
      { index: 1, field: 'contactPhone' },
      { index: 2, field: 'description' },
    ];
    for (const [i, who] of WHO.entries()) {
      const res = await call(app, 'POST', `/api/v1/imports/${jobs[who]}/mapping`, { token: tokenOf(who), body: { columns } });
      expect([who, res.status]).toEqual([who, expected[i]]);
      if (res.status === 202) expect(res.json.status).toBe('running');
    }
  });

  it('placing a need on the map: its incident coordinators and platform admins (no organization holds these)', async () => {
    const expected = [401, 200, 200, 403, 403, 403, 403, 403];
    for (const [i, who] of WHO.entries()) {
      const res = await call(app, 'POST', `/api/v1/needs/${unlocated[who]}/location`, {
        token: tokenOf(who),
        body: { lat: 34.77, lon: 113.68 },
      });
      expect([who, res.status]).toEqual([who, expected[i]]);
      if (res.status === 200) expect(res.json).toMatchObject({ lat: 34.77, lon: 113.68, locationNeeded: false });
    }
  });

  it("the board's list to locate: every account reads it; phones and addresses only for the area's stewards", async () => {
    const expected = [401, 200, 200, 200, 200, 200, 200, 200];
    const stewards: Who[] = ['admin', 'coordHenan'];
    for (const [i, who] of WHO.entries()) {
      const res = await call(app, 'GET', `/api/v1/incidents/${incident}/needs?locationNeeded=true&limit=100`, {
        token: tokenOf(who),
      });
      expect([who, res.status]).toEqual([who, expected[i]]);
      if (res.status !== 200) continue;
      const items = res.json.items as {
        lat: number | null;
        locationNeeded: boolean;
        contactPhone: string | null;
        address: string | null;
        personalDataVisible: boolean;
      }[];
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) {
        expect(item).toMatchObject({ lat: null, locationNeeded: true });
        if (stewards.includes(who)) expect(item.contactPhone).toMatch(/^1380000/);
        else expect(item).toMatchObject({ contactPhone: null, address: null, personalDataVisible: false });
      }
    }
  });
});
