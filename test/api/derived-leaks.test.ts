/**
 * Ways to learn a hidden field without reading it: narrowing a map box onto a point, distances
 * from organizations' known bases, likely-duplicate flags that say a phone matched, and an
 * area's mean position. Each is answered as the privacy policy shows the need to the reader.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';
import { buildPrivacyNetwork, PLACES, type PrivacyNetwork, tokenOf, type Who } from '../support/privacy-network';

describeEachDatabase('derived leaks', (t) => {
  let app: App;
  let n: PrivacyNetwork;
  beforeAll(async () => {
    app = await testApp(t().deps);
    n = await buildPrivacyNetwork(t().deps);
    // An organization whose base is exactly where the held need is.
    await createOrganization(t().deps, SYSTEM, {
      kind: 'social_organization',
      name: '同址食物银行',
      jurisdictions: ['410105'],
      base: { lat: PLACES.heldNeed.lat, lon: PLACES.heldNeed.lon },
      capabilities: { cells: [{ strategy: 'resources', phase: 'crisis' }], serviceCategories: ['food'] },
    });
  });

  const get = (who: Who, path: string) => call(app, 'GET', path, { token: tokenOf(n, who) });
  const ids = (answer: { json: { items?: Record<string, unknown>[] } }) => (answer.json.items ?? []).map((i) => i.id);

  it('widens a box to whole grid cells for readers who see only the grid', async () => {
    const { lat, lon } = PLACES.countyNeed;
    // A box around the exact point, and one beside it in the same cell of the grid.
    const onPoint = `${lat - 0.00001},${lon - 0.00001},${lat + 0.00001},${lon + 0.00001}`;
    const beside = `${lat + 0.0002},${lon + 0.0002},${lat + 0.0003},${lon + 0.0003}`;
    for (const route of ['needs', 'need-map']) {
      for (const who of ['observer', 'otherOrg', 'coordCounty'] as Who[]) {
        const near = await get(who, `/api/v1/incidents/${n.incident}/${route}?bbox=${onPoint}`);
        const next = await get(who, `/api/v1/incidents/${n.incident}/${route}?bbox=${beside}`);
        expect({ who, route, near: ids(near).includes(n.countyNeed), next: ids(next).includes(n.countyNeed) }).toEqual({
          who,
          route,
          near: true,
          next: true,
        });
      }
      // The province's coordinator sees the exact place, so its box is taken as it is.
      const exact = await get('coordHenan', `/api/v1/incidents/${n.incident}/${route}?bbox=${beside}`);
      expect(ids(exact)).not.toContain(n.countyNeed);
    }
  });

  it('measures recommendations from the grid cell for readers who see only the grid', async () => {
    const distanceTo = async (who: Who) => {
      const answer = await get(who, `/api/v1/needs/${n.countyNeed}/recommendations`);
      expect(answer.status).toBe(200);
      return answer.json.items as unknown as { name: string; distanceKm: number | null }[];
    };
    const held = async (who: Who) => {
      const answer = await get(who, `/api/v1/needs/${n.heldNeed}/recommendations`);
      return (answer.json.items as unknown as { name: string; distanceKm: number | null }[]).find(
        (r) => r.name === '同址食物银行',
      );
    };
    expect((await held('orgMember'))?.distanceKm).toBe(0);
    expect((await held('coordHenan'))?.distanceKm).toBe(0);
    // From the centre of its cell: about 0.6 km off.
    for (const who of ['observer', 'otherOrg', 'coordGuangdong', 'coordCounty'] as Who[]) {
      expect({ who, km: (await held(who))?.distanceKm }).toEqual({ who, km: 0.6 });
    }
    expect(await distanceTo('observer')).toBeInstanceOf(Array);
  });

  it('tells a reporter of likely duplicates only among needs whose data it may see', async () => {
    const probe = (who: Who) =>
      call(app, 'POST', `/api/v1/incidents/${n.incident}/needs`, {
        token: tokenOf(n, who),
        body: {
          title: '探测',
          category: 'shelter',
          jurisdiction: '410103',
          lat: 30,
          lon: 110,
          contactPhone: '13911110004',
        },
      });
    const outsider = await probe('orgAdmin');
    expect(outsider.status).toBe(201);
    expect(outsider.json.possibleDuplicates).toEqual([]);
    const coordinator = await probe('coordHenan');
    expect((coordinator.json.possibleDuplicates as { id: string; reasons: string[] }[]).map((d) => d.id)).toContain(n.publicNeed);
    // The need's page lists its flags to its stewards only.
    const flagged = coordinator.json.need as { id: string };
    expect((await get('coordHenan', `/api/v1/needs/${flagged.id}`)).json.duplicates).not.toEqual([]);
    expect((await get('observer', `/api/v1/needs/${flagged.id}`)).json.duplicates).toEqual([]);
  });

  it('places an area of the 3W map on the public grid, not at the mean of its needs’ exact places', async () => {
    const answer = await get('observer', '/api/v1/analytics/who-what-where?jurisdiction=410100');
    expect(answer.status).toBe(200);
    const places = answer.json.byPlace as { key: string; lat: number | null; lon: number | null }[];
    expect(places.length).toBeGreaterThan(0);
    // Every coordinate is the centre of a grid cell (…5 in the third decimal), whatever the mean was.
    const centre = (v: number | null) =>
      v !== null && Math.abs(Math.round(v * 1000) - v * 1000) < 1e-6 && Math.round(v * 1000) % 10 === 5;
    for (const place of places)
      expect({ place: place.key, lat: centre(place.lat), lon: centre(place.lon) }).toEqual({
        place: place.key,
        lat: true,
        lon: true,
      });
  });
});
