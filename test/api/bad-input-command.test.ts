/**
 * Fuzzing the incident-command routes: arbitrary bodies, ids and orders of calls get a 4xx
 * problem or success, never a 5xx; and the problems name what is wrong.
 */
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { declareSeat } from '../../src/services/embedding/declare-embedding';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network, SYSTEM } from '../support/fixtures';

describeEachDatabase('bad input to incident command', (t) => {
  let app: App;
  let n: Network;
  let token: string;
  const incidents: string[] = [];

  beforeAll(async () => {
    app = await testApp(t().deps, { bodyLimit: 64 * 1024 });
    n = await buildNetwork(t().deps);
    token = n.tokens.admin;
    await declareSeat(t().deps, SYSTEM, {
      organizationId: n.orgs.zhengzhouTeam,
      structure: '郑州市防汛抗旱指挥部',
      subsystem: 'information',
      liaisonName: '王',
      from: '2025-01-01',
    });
    for (const stage of ['preparedness', 'response']) {
      const created = await call(app, 'POST', '/api/v1/incidents', {
        token,
        body: { name: `模糊-${stage}`, category: 'natural_disaster', type: '洪涝', level: 3, jurisdictions: ['410100'], stage },
      });
      incidents.push(String(created.json.id));
    }
  });

  it('names the problem: a missing reason, a seat nobody may staff, an unknown subsystem, a second centre', async () => {
    const [prep, resp] = incidents as [string, string];
    expect((await call(app, 'PATCH', `/api/v1/incidents/${resp}`, { token, body: { warningColor: 'red' } })).json).toMatchObject({
      status: 400,
      code: 'reason_required',
      field: 'reason',
    });
    const activate = (body: unknown) => call(app, 'POST', `/api/v1/incidents/${resp}/centre/activate`, { token, body });
    expect((await activate({ reason: '启动', seats: [] })).json).toMatchObject({ status: 400, code: 'invalid_input' });
    expect(
      (await activate({ reason: '启动', seats: [{ subsystem: 'logistics', organizationId: n.orgs.zhengzhouTeam }] })).json,
    ).toMatchObject({ status: 400, field: 'seats/0/subsystem' });
    expect(
      (await activate({ reason: '启动', seats: [{ subsystem: 'information', organizationId: n.orgs.zhengzhouSpare }] })).json,
    ).toMatchObject({ status: 422, code: 'not_eligible_to_staff', field: 'seats/0/organizationId' });
    const good = { reason: '启动', seats: [{ subsystem: 'information', organizationId: n.orgs.zhengzhouTeam }] };
    expect((await activate(good)).status).toBe(201);
    expect((await activate(good)).json).toMatchObject({ status: 409, code: 'centre_active' });
    expect(
      (await call(app, 'POST', `/api/v1/incidents/${prep}/centre/stand-down`, { token, body: { reason: '撤' } })).json,
    ).toMatchObject({
      status: 409,
      code: 'centre_not_active',
    });
    expect(
      (await call(app, 'POST', `/api/v1/incidents/${resp}/standby`, { token, body: { organizationId: n.orgs.zhengzhouTeam } }))
        .json,
    ).toMatchObject({ status: 409, code: 'roster_closed' });
    expect((await call(app, 'POST', `/api/v1/incidents/ghost/centre/activate`, { token, body: good })).json).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect(
      (
        await call(app, 'POST', `/api/v1/incidents/${prep}/standby/${n.orgs.guangzhouTeam}/answer`, {
          token,
          body: { answer: 'pending' },
        })
      ).json,
    ).toMatchObject({ status: 400, field: 'answer' });
  });

  it('arbitrary bodies on every command route', async () => {
    const jsonValue = fc.jsonValue({ maxDepth: 3 });
    const orgId = fc.oneof(
      fc.constantFrom(n.orgs.zhengzhouTeam, n.orgs.guangzhouTeam, n.orgs.zhengzhouSpare, n.orgs.henanAgency, 'ghost'),
      fc.string(),
    );
    const seat = fc.record(
      {
        subsystem: fc.oneof(fc.constantFrom('information', 'decision', 'assessment', 'command'), fc.string()),
        organizationId: fc.oneof(orgId, jsonValue),
        liaisonName: fc.oneof(fc.string(), fc.constant(null), jsonValue),
        liaisonPhone: fc.oneof(fc.string(), fc.constant(null), jsonValue),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.record(
        {
          reason: fc.oneof(fc.string(), fc.constant(null), jsonValue),
          location: fc.oneof(fc.string(), fc.constant(null), jsonValue),
          seats: fc.oneof(fc.array(seat, { maxLength: 4 }), jsonValue),
          subsystem: fc.oneof(fc.constantFrom('information', 'command'), fc.string()),
          organizationId: fc.oneof(orgId, jsonValue),
          note: fc.oneof(fc.string(), fc.constant(null), jsonValue),
          answer: fc.oneof(fc.constantFrom('ready', 'unavailable', 'pending'), fc.string()),
          level: fc.oneof(fc.integer({ min: 0, max: 5 }), jsonValue),
          warningColor: fc.oneof(fc.constantFrom('red', 'blue', null), fc.string()),
          jurisdictions: fc.oneof(fc.array(fc.constantFrom('410100', '410102', '999999', '4101')), jsonValue),
          policy: fc.oneof(
            fc.record({ invitationRequired: fc.boolean(), checkInIntervalMinutes: fc.integer() }, { requiredKeys: [] }),
            jsonValue,
          ),
        },
        { requiredKeys: [] },
      ),
      jsonValue,
    );
    await fc.assert(
      fc.asyncProperty(body, orgId, fc.constantFrom(0, 1), async (b, org, which) => {
        const incident = incidents[which] as string;
        const routes: [string, string][] = [
          ['PATCH', `/api/v1/incidents/${incident}`],
          ['POST', `/api/v1/incidents/${incident}/centre/activate`],
          ['POST', `/api/v1/incidents/${incident}/centre/seats`],
          ['POST', `/api/v1/incidents/${incident}/centre/stand-down`],
          ['POST', `/api/v1/incidents/${incident}/standby`],
          ['POST', `/api/v1/incidents/${incident}/standby/${encodeURIComponent(org)}/answer`],
          ['DELETE', `/api/v1/incidents/${incident}/standby/${encodeURIComponent(org)}`],
        ];
        for (const [method, path] of routes) {
          const res = await call(app, method, path, { token, body: method === 'DELETE' ? undefined : b });
          expect(res.status, `${method} ${path} ${JSON.stringify(b)}`).toBeLessThan(500);
        }
        for (const path of [
          `/api/v1/incidents/${incident}/centre`,
          `/api/v1/incidents/${incident}/centre/eligible`,
          `/api/v1/incidents/${incident}/standby`,
        ]) {
          expect((await call(app, 'GET', path, { token })).status, path).toBe(200);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('arbitrary ids in the paths', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 80 }), async (id) => {
        const enc = encodeURIComponent(id);
        for (const [method, path] of [
          ['GET', `/api/v1/incidents/${enc}/centre`],
          ['GET', `/api/v1/incidents/${enc}/centre/eligible`],
          ['GET', `/api/v1/incidents/${enc}/standby`],
          ['POST', `/api/v1/incidents/${enc}/centre/stand-down`],
          ['DELETE', `/api/v1/incidents/${enc}/standby/${enc}`],
        ] as const) {
          const res = await call(app, method, path, { token, body: method === 'POST' ? { reason: '撤' } : undefined });
          expect(res.status, `${method} ${path}`).toBeLessThan(500);
          expect(res.status).toBeGreaterThanOrEqual(400);
        }
      }),
      { numRuns: 60 },
    );
  });
});
