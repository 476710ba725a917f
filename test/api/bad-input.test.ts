import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { ORGANIZATION_KINDS } from '../../src/model/organization';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';

describeEachDatabase('bad input gets a 4xx problem naming the problem', (t) => {
  let app: App;
  let network: Network;
  let token: string;
  const valid = { kind: 'rescue_team', name: '输入测试队', jurisdictions: ['410102'] };

  beforeAll(async () => {
    app = await testApp(t().deps, { bodyLimit: 64 * 1024 });
    network = await buildNetwork(t().deps);
    token = network.tokens.admin;
  });

  const post = (body: unknown, headers?: Record<string, string>) =>
    call(app, 'POST', '/api/v1/organizations', { token, body, headers });

  it('an invalid credit code', async () => {
    const res = await post({ ...valid, creditCode: '91350100M000100Y44' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'invalid_credit_code', field: 'creditCode' });
    expect(res.json.detail).toMatch(/check character/);
  });

  it('an unknown jurisdiction code, and a malformed one', async () => {
    expect((await post({ ...valid, jurisdictions: ['410102', '419999'] })).json).toMatchObject({
      status: 400,
      code: 'unknown_jurisdiction',
      field: 'jurisdictions/1',
    });
    expect((await post({ ...valid, jurisdictions: ['41010'] })).json).toMatchObject({
      status: 400,
      code: 'invalid_input',
      field: 'jurisdictions/0',
    });
    expect((await call(app, 'GET', '/api/v1/organizations?jurisdiction=999999', { token })).json).toMatchObject({
      code: 'unknown_jurisdiction',
      field: 'jurisdiction',
    });
  });

  it('malformed JSON', async () => {
    const res = await post('{"kind": "rescue_team",', { 'content-type': 'application/json' });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ code: 'malformed_json' });
  });

  it('an oversized body', async () => {
    const res = await post({ ...valid, name: 'x'.repeat(100 * 1024) });
    expect(res.status).toBe(413);
    expect(res.json).toMatchObject({ code: 'body_too_large' });
  });

  it('an unknown field, at the top and nested', async () => {
    expect((await post({ ...valid, rating: 5 })).json).toMatchObject({ status: 400, code: 'unknown_field', field: 'rating' });
    expect((await post({ ...valid, base: { lat: 34, lon: 113, alt: 100 } })).json).toMatchObject({
      status: 400,
      code: 'unknown_field',
      field: 'base/alt',
    });
    expect((await call(app, 'GET', '/api/v1/organizations?colour=red', { token })).json).toMatchObject({
      status: 400,
      field: 'colour',
    });
  });

  it('a missing or wrongly typed field', async () => {
    expect((await post({ kind: 'rescue_team', jurisdictions: ['410102'] })).json).toMatchObject({ status: 400, field: 'name' });
    expect((await post({ ...valid, kind: 'church' })).json).toMatchObject({ status: 400, field: 'kind' });
    expect((await post({ ...valid, base: { lat: 91, lon: 0 } })).json).toMatchObject({ status: 400, field: 'base/lat' });
    expect(
      (await post({ ...valid, capabilities: { cells: [{ strategy: 'magic', phase: 'risk' }], serviceCategories: [] } })).json,
    ).toMatchObject({ status: 400, field: 'capabilities/cells/0/strategy' });
  });

  it('a body that is not JSON', async () => {
    const res = await post('name=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(res.json).toMatchObject({ code: 'unsupported_media_type' });
  });

  it('a bad cursor, a bad limit, an unknown id', async () => {
    expect((await call(app, 'GET', '/api/v1/organizations?cursor=zzz', { token })).json).toMatchObject({
      status: 400,
      code: 'invalid_cursor',
    });
    expect((await call(app, 'GET', '/api/v1/organizations?limit=100000', { token })).json).toMatchObject({
      status: 400,
      field: 'limit',
    });
    expect((await call(app, 'GET', '/api/v1/organizations/nope', { token })).json).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect((await call(app, 'GET', '/api/v1/nowhere', { token })).json).toMatchObject({ status: 404, code: 'route_not_found' });
  });

  it('answers in Chinese when asked', async () => {
    const res = await post({ ...valid, creditCode: 'bad' }, { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(res.json.title).toBe('统一社会信用代码不正确');
  });

  describe('fuzzing the organization endpoints finds no 5xx', () => {
    const jsonValue = fc.jsonValue({ maxDepth: 3 });
    const orgLike = fc.record(
      {
        kind: fc.oneof(fc.constantFrom(...ORGANIZATION_KINDS), fc.string()),
        name: fc.oneof(fc.string({ maxLength: 30 }), fc.constant(''), jsonValue),
        nameEn: fc.oneof(fc.string(), fc.constant(null), jsonValue),
        creditCode: fc.oneof(
          fc.string({ minLength: 18, maxLength: 18 }),
          fc.constant('91350100M000100Y43'),
          fc.constant(null),
          jsonValue,
        ),
        supervisingAgency: fc.oneof(fc.string(), fc.constant(null)),
        jurisdictions: fc.oneof(
          fc.array(fc.oneof(fc.constantFrom('410102', '440100', '110103', '000000'), fc.stringMatching(/^\d{6}$/), fc.string()), {
            maxLength: 4,
          }),
          jsonValue,
        ),
        base: fc.oneof(fc.record({ lat: fc.double(), lon: fc.double() }), fc.constant(null), jsonValue),
        capabilities: fc.oneof(
          fc.record({
            cells: fc.array(
              fc.record({ strategy: fc.constantFrom('action', 'ideas', 'x'), phase: fc.constantFrom('risk', 'crisis', 'y') }),
            ),
            serviceCategories: fc.array(fc.constantFrom('shelter', 'food', 'nope')),
          }),
          jsonValue,
        ),
        extra: jsonValue,
      },
      { requiredKeys: [] },
    );

    it('POST and PATCH with arbitrary bodies', async () => {
      await fc.assert(
        fc.asyncProperty(orgLike, fc.boolean(), async (body, patch) => {
          const res = patch
            ? await call(app, 'PATCH', `/api/v1/organizations/${network.orgs.guangzhouTeam}`, { token, body })
            : await post(body);
          expect(res.status, JSON.stringify(body)).toBeLessThan(500);
        }),
        { numRuns: 150 },
      );
    });

    it('GET with arbitrary query strings and ids', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom('q', 'kind', 'jurisdiction', 'cell', 'category', 'limit', 'cursor', 'x'), fc.string()),
          fc.string(),
          async (query, id) => {
            const qs = new URLSearchParams(query).toString();
            const list = await call(app, 'GET', `/api/v1/organizations?${qs}`, { token });
            expect(list.status, qs).toBeLessThan(500);
            const one = await call(app, 'GET', `/api/v1/organizations/${encodeURIComponent(id)}`, { token });
            expect(one.status, id).toBeLessThan(500);
          },
        ),
        { numRuns: 150 },
      );
    });

    it('raw bytes as a body', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string(), async (raw) => {
          const res = await post(raw, { 'content-type': 'application/json' });
          expect(res.status).toBeLessThan(500);
        }),
        { numRuns: 100 },
      );
    });
  });
});
