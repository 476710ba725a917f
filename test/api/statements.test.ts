/**
 * Signed official statements end to end: issued over HTTP, verified with a standard JOSE
 * library against the served JWKS, refused after one byte of the payload changes, still valid
 * after the keys rotate (by hand and on the 90-day schedule, two nodes at once making one key),
 * the `statement.published` event recorded, and rumours answered by a statement.
 */
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { allPassKeys } from '../../src/db/repositories/passes';
import { platformEventsAfter } from '../../src/db/repositories/platform-events';
import type { App } from '../../src/http/app-types';
import { STATEMENT_TYPE } from '../../src/model/statement';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { rotateSigningKey, rotateSigningKeyWhenDue } from '../../src/services/passes/signing-keys';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network, SYSTEM } from '../support/fixtures';

const decoder = new TextDecoder();

async function verify(app: App, jws: string) {
  const jwks = (await call(app, 'GET', '/.well-known/jwks.json')).json as unknown as JSONWebKeySet;
  const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(jwks), { algorithms: ['EdDSA'] });
  return { claims: JSON.parse(decoder.decode(payload)) as Record<string, unknown>, header: protectedHeader };
}

/** The same token with one byte of its payload changed (re-encoded, so it still parses). */
function tamper(jws: string): string {
  const [header, payload, signature] = jws.split('.');
  const bytes = Buffer.from(payload, 'base64url');
  const at = bytes.indexOf(Buffer.from('"title"')) + 10;
  bytes[at] = bytes[at] ^ 0x01;
  return `${header}.${bytes.toString('base64url')}.${signature}`;
}

describeEachDatabase('signed statements', (t) => {
  let app: App;
  let n: Network;
  let incident: string;

  const issue = (token: string, body: Record<string, unknown>) => call(app, 'POST', '/api/v1/statements', { token, body });

  beforeAll(async () => {
    const { deps } = t();
    deps.publicUrl = 'https://corespond.example.cn';
    app = await testApp(deps);
    n = await buildNetwork(deps);
    incident = (
      await declareIncident(deps, SYSTEM, {
        name: '郑州洪涝',
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        jurisdictions: ['410100'],
      })
    ).id;
  });

  describe('issue and verify', () => {
    it('signs a statement that any JOSE library verifies with the served keys, and that fails after one changed byte', async () => {
      const before = (await platformEventsAfter(t().deps.db, 0, 10_000)).length;
      const res = await issue(n.tokens.agencyStaff, {
        incidentId: incident,
        title: '关于“水库溃坝”传言的说明',
        body: '经核实，**常庄水库**运行正常，未发生溃坝。',
        issuingOrganizationId: n.orgs.henanAgency,
      });
      expect(res.status).toBe(201);
      const jws = res.json.jws as string;
      const { claims, header } = await verify(app, jws);
      expect(header).toEqual({ alg: 'EdDSA', typ: STATEMENT_TYPE, kid: res.json.kid });
      expect(claims).toEqual({
        iss: 'https://corespond.example.cn',
        sub: res.json.id,
        iat: Math.floor(new Date(res.json.issuedAt as string).getTime() / 1000),
        title: '关于“水库溃坝”传言的说明',
        body: '经核实，**常庄水库**运行正常，未发生溃坝。',
        issuer: { organizationId: n.orgs.henanAgency, name: expect.stringContaining('河南省应急管理厅') },
        incidentId: incident,
      });
      await expect(verify(app, tamper(jws))).rejects.toThrow(/signature verification failed/);

      const events = (await platformEventsAfter(t().deps.db, 0, 10_000)).slice(before);
      expect(events).toEqual([
        expect.objectContaining({
          type: 'statement.published',
          entityId: res.json.id,
          incidentId: incident,
          organizationId: n.orgs.henanAgency,
          jurisdiction: '410000',
        }),
      ]);

      const pub = await call(app, 'GET', `/api/v1/public/statements/${res.json.id}`);
      expect(pub.status).toBe(200);
      expect(pub.json).toEqual({
        id: res.json.id,
        incidentId: incident,
        title: '关于“水库溃坝”传言的说明',
        body: '经核实，**常庄水库**运行正常，未发生溃坝。',
        issuer: { organizationId: n.orgs.henanAgency, name: expect.stringContaining('河南省应急管理厅') },
        issuedAt: res.json.issuedAt,
        kid: res.json.kid,
        jws,
        issuedBy: null,
        rumours: [],
        personalDataVisible: false,
      });
    });

    it('a statement without an incident carries no incidentId claim', async () => {
      const res = await issue(n.tokens.coordHenan, {
        title: '防汛提示',
        body: '请远离河道。',
        issuingOrganizationId: n.orgs.henanAgency,
      });
      expect(res.status).toBe(201);
      const { claims } = await verify(app, res.json.jws as string);
      expect(claims).not.toHaveProperty('incidentId');
      expect(res.json.incidentId).toBeNull();
    });
  });

  describe('rotation', () => {
    it('a statement signed before a rotation still verifies after it, and the new one under the new key', async () => {
      const old = await issue(n.tokens.agencyStaff, {
        title: '旧钥签名',
        body: '正文',
        issuingOrganizationId: n.orgs.henanAgency,
      });
      const rotated = await rotateSigningKey(t().deps);
      const fresh = await issue(n.tokens.agencyStaff, {
        title: '新钥签名',
        body: '正文',
        issuingOrganizationId: n.orgs.henanAgency,
      });
      expect(fresh.json.kid).toBe(rotated.kid);
      expect(old.json.kid).not.toBe(rotated.kid);
      expect((await verify(app, old.json.jws as string)).header.kid).toBe(old.json.kid);
      expect((await verify(app, fresh.json.jws as string)).header.kid).toBe(rotated.kid);
      const jwks = (await call(app, 'GET', '/.well-known/jwks.json')).json as unknown as JSONWebKeySet;
      expect(jwks.keys.map((k) => k.kid)).toEqual(expect.arrayContaining([old.json.kid, rotated.kid]));
    });

    it('rotates on its own once the newest key is 90 days old; two nodes checking at once make one key', async () => {
      const { deps, clock } = t();
      expect(await rotateSigningKeyWhenDue(deps)).toBeNull();
      const generations = (await allPassKeys(deps.db)).length;
      clock.advance(89 * 86_400_000);
      expect(await rotateSigningKeyWhenDue(deps)).toBeNull();
      clock.advance(2 * 86_400_000);
      const [a, b] = await Promise.all([rotateSigningKeyWhenDue(deps), rotateSigningKeyWhenDue(deps)]);
      const keys = await allPassKeys(deps.db);
      expect(keys).toHaveLength(generations + 1);
      expect([a, b].filter((k) => k !== null).map((k) => k?.kid)).toEqual([keys.at(-1)?.kid]);
      expect(await rotateSigningKeyWhenDue(deps)).toBeNull();
    });
  });

  describe('rumours', () => {
    it('records a rumour, links it to the statement that answers it, and shows the public only answered ones', async () => {
      const rumour = await call(app, 'POST', `/api/v1/incidents/${incident}/rumours`, {
        token: n.tokens.orgMember,
        body: { text: '常庄水库已经溃坝', seenWhere: '微信群“金水区业主群”', seenAt: '2026-07-20T08:30:00+08:00' },
      });
      expect(rumour.status).toBe(201);
      const unanswered = await call(app, 'POST', `/api/v1/incidents/${incident}/rumours`, {
        token: n.tokens.coordHenan,
        body: { text: '地铁五号线停运一个月', seenWhere: '微博', seenAt: '2026-07-20T09:00:00+08:00' },
      });
      expect(unanswered.status).toBe(201);
      expect((await call(app, 'GET', `/api/v1/public/incidents/${incident}/rumours`)).json.items).toEqual([]);

      const statement = await issue(n.tokens.agencyStaff, {
        incidentId: incident,
        title: '常庄水库运行正常',
        body: '网传溃坝不实。',
        issuingOrganizationId: n.orgs.henanAgency,
      });
      const answer = await call(app, 'POST', `/api/v1/rumours/${rumour.json.id}/answer`, {
        token: n.tokens.agencyStaff,
        body: { statementId: statement.json.id },
      });
      expect(answer.status).toBe(200);
      expect(answer.json.statementId).toBe(statement.json.id);

      const pub = await call(app, 'GET', `/api/v1/public/incidents/${incident}/rumours`);
      expect(pub.json.items).toEqual([
        {
          id: rumour.json.id,
          incidentId: incident,
          text: '常庄水库已经溃坝',
          seenWhere: '微信群“金水区业主群”',
          seenAt: '2026-07-20T00:30:00.000Z',
          statementId: statement.json.id,
          recordedBy: null,
          recordedAt: null,
          personalDataVisible: false,
        },
      ]);
      const page = await call(app, 'GET', `/api/v1/public/statements/${statement.json.id}`);
      expect((page.json.rumours as { text: string }[]).map((r) => r.text)).toEqual(['常庄水库已经溃坝']);
      const inside = await call(app, 'GET', `/api/v1/incidents/${incident}/rumours`, { token: n.tokens.observer });
      expect((inside.json.items ?? []).map((r) => r.text).sort()).toEqual(['地铁五号线停运一个月', '常庄水库已经溃坝'].sort());
      expect(inside.json.items?.[0]?.recordedBy).toEqual(expect.any(String));
    });
  });
});
