import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { ORGANIZATION_KINDS } from '../../src/model/organization';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network } from '../support/fixtures';
import { waitFor } from '../support/wait';

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

  it('bad applications, decisions and transitions', async () => {
    const apply = (body: unknown) => call(app, 'POST', '/api/v1/applications', { body });
    const organization = { kind: 'rescue_team', name: '申请测试队', jurisdictions: ['410102'] };
    expect((await apply({ organization, contact: { name: '张', phone: '110' } })).json).toMatchObject({
      status: 400,
      field: 'contact/phone',
    });
    expect((await apply({ organization, contact: { name: '张', phone: '13800138000', wechat: 'x' } })).json).toMatchObject({
      status: 400,
      code: 'unknown_field',
      field: 'contact/wechat',
    });
    expect(
      (await apply({ organization: { ...organization, creditCode: '123' }, contact: { name: '张', phone: '13800138000' } })).json,
    ).toMatchObject({ status: 400, code: 'invalid_credit_code', field: 'creditCode' });
    const filed = await apply({ organization, contact: { name: '张', phone: '13800138000' } });
    expect(filed.status).toBe(201);
    const decide = (body: unknown) => call(app, 'POST', `/api/v1/applications/${filed.json.id}/decision`, { token, body });
    expect((await decide({ decision: 'maybe', reason: 'x' })).json).toMatchObject({ status: 400, field: 'decision' });
    expect((await decide({ decision: 'admit' })).json).toMatchObject({ status: 400, field: 'reason' });
    expect((await decide({ decision: 'cultivate', reason: 'x' })).json).toMatchObject({ status: 400, code: 'plan_required' });
    const move = (body: unknown) =>
      call(app, 'POST', `/api/v1/organizations/${filed.json.organizationId}/membership/transitions`, { token, body });
    expect(
      (await move({ to: 'cultivation', reason: 'x', plan: { goals: ['g'], mentorOrganizationId: null, reviewOn: '30/06/2027' } }))
        .json,
    ).toMatchObject({ status: 400, field: 'plan/reviewOn' });
    expect((await move({ to: 'exited', reason: 'x' })).json).toMatchObject({ status: 409, code: 'invalid_transition' });
    expect(
      (await call(app, 'POST', '/api/v1/applications/nope/decision', { token, body: { decision: 'admit', reason: 'x' } })).status,
    ).toBe(404);
  });

  it('bad filings, agreements, seats and verifications', async () => {
    const org = network.orgs.guangzhouTeam;
    const filing = (body: unknown) => call(app, 'POST', `/api/v1/organizations/${org}/filings`, { token, body });
    expect((await filing({ department: '某局', filedOn: '2025-13-45' })).json).toMatchObject({ status: 400, field: 'filedOn' });
    expect((await filing({ filedOn: '2025-01-01' })).json).toMatchObject({ status: 400, field: 'department' });
    const agreement = (body: unknown) => call(app, 'POST', '/api/v1/agreements', { token, body });
    expect(
      (
        await agreement({
          organizationId: org,
          counterpartId: network.orgs.henanAgency,
          type: 'handshake',
          validFrom: '2025-01-01',
        })
      ).json,
    ).toMatchObject({
      status: 400,
      field: 'type',
    });
    const seat = (body: unknown) => call(app, 'POST', '/api/v1/seats', { token, body });
    expect(
      (await seat({ organizationId: org, structure: '指挥部', subsystem: 'finance', liaisonName: '吴', from: '2025-01-01' }))
        .json,
    ).toMatchObject({
      status: 400,
      field: 'subsystem',
    });
    expect(
      (await seat({ organizationId: 'ghost', structure: '指挥部', subsystem: 'command', liaisonName: '吴', from: '2025-01-01' }))
        .status,
    ).toBe(404);
    expect(
      (await call(app, 'POST', `/api/v1/organizations/${org}/verify`, { token, body: { fields: ['rating'] } })).json,
    ).toMatchObject({
      status: 400,
      field: 'fields/0',
    });
    expect((await call(app, 'POST', '/api/v1/filings/ghost/verify', { token })).status).toBe(404);
  });

  it('bad capacity, specialties and volunteers', async () => {
    const org = network.orgs.guangzhouTeam;
    const post = (path: string, body: unknown) => call(app, 'POST', `/api/v1/organizations/${org}/${path}`, { token, body });
    expect((await post('capacity', { kind: 'helicopter', type: '直升机', typeLevel: 1, quantity: 1 })).json).toMatchObject({
      status: 400,
      field: 'kind',
    });
    expect((await post('capacity', { kind: 'boat', type: '冲锋舟', typeLevel: 0, quantity: 1 })).json).toMatchObject({
      status: 400,
      field: 'typeLevel',
    });
    expect((await post('capacity', { kind: 'boat', type: '冲锋舟', typeLevel: 1, quantity: -2 })).json).toMatchObject({
      status: 400,
      field: 'quantity',
    });
    expect(
      (await post('specialties', { specialty: 'water', grade: 4, assessedBy: 'x', validUntil: '2027-01-01' })).json,
    ).toMatchObject({
      status: 400,
      field: 'grade',
    });
    expect(
      (await post('volunteers', { name: '赵', certifications: [{ type: '急救', issuer: '红会', expiresOn: 'soon' }] })).json,
    ).toMatchObject({ status: 400, field: 'certifications/0/expiresOn' });
    expect((await call(app, 'PATCH', '/api/v1/volunteers/ghost', { token, body: { active: false } })).status).toBe(404);
    expect((await call(app, 'PATCH', '/api/v1/capacity/ghost', { token, body: { quantity: 1 } })).status).toBe(404);
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

    it('applications, decisions and transitions with arbitrary bodies', async () => {
      const decision = fc.record(
        {
          decision: fc.oneof(fc.constantFrom('admit', 'admit_provisional', 'cultivate', 'decline'), fc.string()),
          reason: fc.oneof(fc.string(), jsonValue),
          to: fc.oneof(fc.constantFrom('active', 'cultivation', 'suspended', 'exited', 'declined', 'under_review'), fc.string()),
          tier: fc.oneof(fc.constantFrom('standard', 'provisional'), jsonValue),
          plan: fc.oneof(
            fc.record({
              goals: fc.array(fc.string()),
              mentorOrganizationId: fc.oneof(fc.constant(null), fc.string(), fc.constant(network.orgs.henanAgency)),
              reviewOn: fc.oneof(fc.constant('2027-01-31'), fc.string()),
            }),
            jsonValue,
          ),
        },
        { requiredKeys: [] },
      );
      const filed = await call(app, 'POST', '/api/v1/applications', {
        body: {
          organization: { kind: 'grassroots_group', name: '模糊测试队', jurisdictions: ['410102'] },
          contact: { name: '李', phone: '13700137000' },
        },
      });
      await fc.assert(
        fc.asyncProperty(
          orgLike,
          fc.record({ name: fc.string(), phone: fc.string(), email: jsonValue }, { requiredKeys: [] }),
          decision,
          async (organization, contact, body) => {
            const applied = await call(app, 'POST', '/api/v1/applications', { body: { organization, contact } });
            expect(applied.status).toBeLessThan(500);
            const decided = await call(app, 'POST', `/api/v1/applications/${filed.json.id}/decision`, { token, body });
            expect(decided.status, JSON.stringify(body)).toBeLessThan(500);
            const moved = await call(app, 'POST', `/api/v1/organizations/${filed.json.organizationId}/membership/transitions`, {
              token,
              body,
            });
            expect(moved.status, JSON.stringify(body)).toBeLessThan(500);
          },
        ),
        { numRuns: 120 },
      );
    });

    it('filings, agreements, seats, capacity, specialties and volunteers with arbitrary bodies', async () => {
      const day = fc.oneof(fc.constant('2025-01-01'), fc.constant('2024-12-31'), fc.string(), jsonValue);
      const body = fc.record(
        {
          organizationId: fc.oneof(fc.constant(network.orgs.guangzhouTeam), fc.string(), jsonValue),
          counterpartId: fc.oneof(fc.constant(network.orgs.henanAgency), fc.constant(network.orgs.guangzhouTeam), fc.string()),
          type: fc.oneof(fc.constantFrom('mou', 'service_contract', 'emergency_plan'), fc.string()),
          subsystem: fc.oneof(fc.constantFrom('information', 'decision', 'assessment', 'command'), fc.string()),
          department: fc.oneof(fc.string(), jsonValue),
          structure: fc.string(),
          liaisonName: fc.string(),
          filedOn: day,
          validFrom: day,
          validTo: day,
          from: day,
          to: day,
          reference: fc.oneof(fc.string(), fc.constant(null)),
          fields: fc.oneof(
            fc.array(fc.constantFrom('creditCode', 'name', 'kind', 'supervisingAgency', 'jurisdictions', 'x')),
            jsonValue,
          ),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          for (const [method, path] of [
            ['POST', `/api/v1/organizations/${network.orgs.guangzhouTeam}/filings`],
            ['POST', '/api/v1/agreements'],
            ['POST', '/api/v1/seats'],
            ['POST', `/api/v1/organizations/${network.orgs.guangzhouTeam}/verify`],
            ['POST', `/api/v1/organizations/${network.orgs.guangzhouTeam}/capacity`],
            ['POST', `/api/v1/organizations/${network.orgs.guangzhouTeam}/specialties`],
            ['POST', `/api/v1/organizations/${network.orgs.guangzhouTeam}/volunteers`],
          ]) {
            const res = await call(app, method, path, { token, body: b });
            expect(res.status, `${path} ${JSON.stringify(b)}`).toBeLessThan(500);
          }
        }),
        { numRuns: 100 },
      );
    });

    it('roster uploads with arbitrary content', async () => {
      const cell = fc.oneof(
        fc.string(),
        fc.constantFrom('救援队', '410102', '行动介入·危机管理', '91350100M000100Y43', '91', ''),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(fc.constantFrom('组织名称', '组织类型', '服务区域代码', '驻地纬度', '功能坐标'), fc.string()), {
            minLength: 1,
            maxLength: 6,
          }),
          fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 5 }),
          async (headers, rows) => {
            const csv = [headers, ...rows].map((r) => r.map((v) => `"${v.replaceAll('"', '""')}"`).join(',')).join('\n');
            const res = await call(app, 'POST', '/api/v1/imports/organizations', {
              token,
              body: csv,
              headers: { 'content-type': 'text/csv' },
            });
            expect(res.status, csv).toBeLessThan(500);
            if (res.status === 202) {
              let job = res.json;
              await waitFor(
                async () => {
                  job = (await call(app, 'GET', `/api/v1/imports/${res.json.id}`, { token })).json;
                  return job.status !== 'running';
                },
                { what: `the import of ${JSON.stringify(csv)} to finish`, interval: 10, lastSeen: () => job },
              );
              expect(job.status, csv).toBe('done');
            }
          },
        ),
        { numRuns: 60 },
      );
    });

    it('incidents and deployments with arbitrary bodies', async () => {
      const created = await call(app, 'POST', '/api/v1/incidents', {
        token,
        body: { name: '模糊测试事件', category: 'natural_disaster', type: '地震', level: 2, jurisdictions: ['410100'] },
      });
      expect(created.status).toBe(201);
      const incident = String(created.json.id);
      const body = fc.record(
        {
          name: fc.oneof(fc.string(), jsonValue),
          category: fc.oneof(fc.constantFrom('natural_disaster', 'public_health'), fc.string()),
          type: fc.string(),
          level: fc.oneof(fc.integer({ min: 0, max: 5 }), jsonValue),
          warningColor: fc.oneof(fc.constantFrom('red', 'blue', null), fc.string()),
          jurisdictions: fc.oneof(fc.array(fc.constantFrom('410100', '410700', '999999', '4101')), jsonValue),
          stage: fc.oneof(fc.constantFrom('preparedness', 'response', 'recovery', 'closed'), fc.string()),
          to: fc.oneof(
            fc.constantFrom('approved', 'declined', 'standby', 'en_route', 'checked_in', 'working', 'returned', 'recovery'),
            fc.string(),
          ),
          reason: fc.oneof(fc.string(), fc.constant(null)),
          zone: fc.oneof(fc.string(), fc.constant(null)),
          policy: fc.oneof(
            fc.record({ invitationRequired: fc.boolean(), checkInIntervalMinutes: fc.integer() }, { requiredKeys: [] }),
            jsonValue,
          ),
          organizationId: fc.oneof(fc.constant(network.orgs.guangzhouTeam), fc.string()),
          teamName: fc.string(),
          leaderName: fc.string(),
          leaderPhone: fc.string(),
          headcount: fc.oneof(fc.integer(), jsonValue),
          origin: fc.oneof(fc.constantFrom('440100', '000000'), fc.string()),
          eta: fc.oneof(fc.constant('2026-11-27T08:00:00Z'), fc.string(), fc.constant(null)),
          lat: fc.oneof(fc.double(), jsonValue),
          lon: fc.oneof(fc.double(), jsonValue),
          note: fc.string(),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const filed = await call(app, 'POST', `/api/v1/incidents/${incident}/deployments`, { token, body: b });
          expect(filed.status, JSON.stringify(b)).toBeLessThan(500);
          for (const [method, path] of [
            ['POST', '/api/v1/incidents'],
            ['PATCH', `/api/v1/incidents/${incident}`],
            ['POST', `/api/v1/incidents/${incident}/stage`],
            ...(filed.status === 201
              ? [
                  ['POST', `/api/v1/deployments/${filed.json.id}/transitions`],
                  ['POST', `/api/v1/deployments/${filed.json.id}/check-ins`],
                ]
              : []),
          ]) {
            const res = await call(app, method, path, { token, body: b });
            expect(res.status, `${method} ${path} ${JSON.stringify(b)}`).toBeLessThan(500);
          }
        }),
        { numRuns: 80 },
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
