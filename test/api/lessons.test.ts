import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

describeEachDatabase('the knowledge base over HTTP', (t) => {
  let app: App;
  let network: Network;
  let incident: string;
  beforeAll(async () => {
    app = await testApp(t().deps);
    network = await buildNetwork(t().deps);
    const declared = await call(app, 'POST', '/api/v1/incidents', {
      token: network.tokens.coordHenan,
      body: { name: '郑州暴雨', category: 'natural_disaster', type: '洪涝', level: 2, jurisdictions: ['410100'] },
    });
    incident = String(declared.json.id);
  });

  it('records lessons and an after-action review, and finds them in either Chinese script', async () => {
    const lesson = await call(app, 'POST', '/api/v1/lessons', {
      token: network.tokens.orgAdmin,
      body: {
        kind: 'lesson',
        title: '地下车库进水前要提前转移车辆',
        body: '暴雨预警发布后两小时内组织居民转移地下车库车辆，可避免大量财产损失。',
        jurisdiction: '410105',
        incidentId: incident,
        tags: ['内涝', '预警'],
      },
    });
    expect(lesson.status).toBe(201);
    const review = await call(app, 'POST', '/api/v1/lessons', {
      token: network.tokens.coordHenan,
      body: {
        kind: 'after_action_review',
        title: '郑州暴雨复盘',
        body: '响应前期信息分散，需求表格无人维护；转入统一平台后重复派单明显减少。',
        jurisdiction: '410100',
        incidentId: incident,
        performance: [{ organizationId: network.orgs.zhengzhouTeam, note: '到达及时，报备规范', rating: 5 }],
      },
    });
    expect(review.status).toBe(201);
    const search = async (query: string) =>
      (
        (await call(app, 'GET', `/api/v1/lessons?${query}`, { token: network.tokens.observer })).json.items as { id: string }[]
      ).map((l) => l.id);
    // Traditional characters find the Simplified text.
    expect(await search(`q=${encodeURIComponent('地下車庫')}`)).toEqual([lesson.json.id]);
    expect(await search(`q=${encodeURIComponent('预警')}`)).toEqual([lesson.json.id]);
    expect(await search(`incidentId=${incident}&kind=after_action_review`)).toEqual([review.json.id]);
    expect(await search('jurisdiction=410000')).toEqual(expect.arrayContaining([lesson.json.id, review.json.id]));
    expect(await search('jurisdiction=410105')).toEqual(expect.arrayContaining([lesson.json.id, review.json.id]));
    expect(await search('jurisdiction=440100')).toEqual([]);
    const one = await call(app, 'GET', `/api/v1/lessons/${review.json.id}`, { token: network.tokens.observer });
    expect(one.json.performance).toEqual([{ organizationId: network.orgs.zhengzhouTeam, note: '到达及时，报备规范', rating: 5 }]);
  });

  it('keeps reviews to the incident’s coordinators and names bad input; fuzzing finds no 5xx', async () => {
    const aar = { kind: 'after_action_review', title: '复盘', body: '内容', jurisdiction: '410100', incidentId: incident };
    const post = (token: string, body: unknown) => call(app, 'POST', '/api/v1/lessons', { token, body });
    expect((await post(network.tokens.orgAdmin, aar)).json).toMatchObject({ status: 403 });
    expect((await post(network.tokens.coordGuangdong, aar)).json).toMatchObject({ status: 403, code: 'out_of_scope' });
    expect((await post(network.tokens.observer, { ...aar, kind: 'lesson' })).json).toMatchObject({ status: 403 });
    expect((await post(network.tokens.admin, { ...aar, incidentId: null })).json).toMatchObject({ field: 'incidentId' });
    expect(
      (
        await post(network.tokens.admin, {
          ...aar,
          kind: 'lesson',
          performance: [{ organizationId: network.orgs.zhengzhouTeam, note: '好' }],
        })
      ).json,
    ).toMatchObject({
      field: 'performance',
    });
    expect(
      (await post(network.tokens.admin, { ...aar, performance: [{ organizationId: 'nobody', note: '好' }] })).json,
    ).toMatchObject({
      status: 404,
      field: 'performance/0/organizationId',
    });
    expect((await post(network.tokens.admin, { ...aar, jurisdiction: '999999' })).json).toMatchObject({ field: 'jurisdiction' });
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            kind: fc.oneof(fc.constantFrom('lesson', 'experience', 'after_action_review'), fc.string()),
            title: fc.string(),
            body: fc.string(),
            jurisdiction: fc.oneof(fc.constant('410100'), fc.string()),
            incidentId: fc.oneof(fc.constant(incident), fc.string(), fc.constant(null)),
            programId: fc.oneof(fc.string(), fc.constant(null)),
            tags: fc.oneof(fc.array(fc.string()), fc.anything()),
            performance: fc.oneof(
              fc.array(fc.record({ organizationId: fc.string(), note: fc.string(), rating: fc.integer() })),
              fc.anything(),
            ),
          },
          { requiredKeys: [] },
        ),
        fc.string({ maxLength: 20 }),
        async (body, text) => {
          expect((await post(network.tokens.admin, body)).status).toBeLessThan(500);
          const q = encodeURIComponent(text);
          const res = await call(app, 'GET', `/api/v1/lessons?q=${q}&jurisdiction=${q}&cursor=${q}`, {
            token: network.tokens.observer,
          });
          expect(res.status).toBeLessThan(500);
        },
      ),
      { numRuns: 50 },
    );
  });
});
