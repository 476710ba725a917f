/**
 * Webhooks over HTTP, every route against every role, with the outcomes written out by hand:
 * platform admins, coordinators and organization admins register webhooks; everyone else is
 * refused (403). A webhook is its owner's: the owner and platform admins read it, its delivery
 * log, enable and delete it; to anyone else it does not exist (404). Lists hold the reader's
 * own webhooks (every one for platform admins), and no answer but creation holds a secret.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { userActor } from '../../src/services/auth/sessions';
import { createWebhook } from '../../src/services/webhooks/manage-webhooks';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network } from '../support/fixtures';

type Who = 'anonymous' | ActorName;
const WHO: Who[] = ['anonymous', 'admin', 'coordHenan', 'coordGuangdong', 'agencyStaff', 'orgAdmin', 'orgMember', 'observer'];
const SETTINGS = { allowPrivate: true };
const URL = 'http://127.0.0.1:9/hooks';

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'DELETE';
  path: (n: N) => string;
  body?: unknown;
  /** Expected status for: anonymous, admin, coordHenan, coordGuangdong, agencyStaff, orgAdmin, orgMember, observer */
  expect: [number, number, number, number, number, number, number, number];
}

type N = Network & { orgAdminHook: string };

/** The organization admin's webhook: its owner and platform admins only. */
const OWNED = [401, 200, 404, 404, 404, 200, 404, 404] as Row['expect'];

const ROWS: Row[] = [
  {
    name: 'register a webhook',
    method: 'POST',
    path: () => '/api/v1/webhooks',
    body: { url: URL, events: ['need.created', 'statement.published'] },
    expect: [401, 201, 201, 201, 403, 201, 403, 403],
  },
  {
    name: 'the reader’s webhooks',
    method: 'GET',
    path: () => '/api/v1/webhooks',
    expect: [401, 200, 200, 200, 200, 200, 200, 200],
  },
  { name: 'the organization admin’s webhook', method: 'GET', path: (n) => `/api/v1/webhooks/${n.orgAdminHook}`, expect: OWNED },
  { name: 'its deliveries', method: 'GET', path: (n) => `/api/v1/webhooks/${n.orgAdminHook}/deliveries`, expect: OWNED },
  { name: 'enable it', method: 'POST', path: (n) => `/api/v1/webhooks/${n.orgAdminHook}/enable`, expect: OWNED },
  {
    name: 'a missing webhook',
    method: 'GET',
    path: () => '/api/v1/webhooks/no-such-webhook',
    expect: [401, 404, 404, 404, 404, 404, 404, 404],
  },
  {
    name: 'the deliveries of a missing webhook',
    method: 'GET',
    path: () => '/api/v1/webhooks/no-such-webhook/deliveries',
    expect: [401, 404, 404, 404, 404, 404, 404, 404],
  },
];

describeEachDatabase('webhooks over HTTP, role by role', (t) => {
  let app: App;
  let n: N;
  const send = (method: Row['method'], path: string, who: Who, body?: unknown) =>
    call(app, method, path, {
      token: who === 'anonymous' ? undefined : n.tokens[who],
      body,
      headers: { 'accept-language': 'en' },
    });

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps, { webhooks: SETTINGS });
    const network = await buildNetwork(deps);
    const hook = await createWebhook(deps, userActor(network.users.orgAdmin), { url: URL, events: ['need.created'] }, SETTINGS);
    n = { ...network, orgAdminHook: hook.id };
  });

  for (const row of ROWS) {
    it(`${row.method} ${row.name}`, async () => {
      const got: Record<string, number> = {};
      for (const who of WHO) {
        const res = await send(row.method, row.path(n), who, row.body);
        got[who] = res.status;
        if (res.status >= 400) expect(res.headers['content-type'], who).toMatch(/application\/problem\+json/);
      }
      expect(got).toEqual(Object.fromEntries(WHO.map((w, i) => [w, row.expect[i]])));
    });
  }

  it('DELETE a coordinator’s webhook: its owner and platform admins; to others it does not exist', async () => {
    const expected: Record<Who, number> = {
      anonymous: 401,
      admin: 204,
      coordHenan: 204,
      coordGuangdong: 404,
      agencyStaff: 404,
      orgAdmin: 404,
      orgMember: 404,
      observer: 404,
    };
    const got: Record<string, number> = {};
    for (const who of WHO) {
      const hook = await createWebhook(t().deps, userActor(n.users.coordHenan), { url: URL, events: ['need.created'] }, SETTINGS);
      got[who] = (await send('DELETE', `/api/v1/webhooks/${hook.id}`, who)).status;
      const after = await send('GET', `/api/v1/webhooks/${hook.id}`, 'admin');
      expect(after.status, who).toBe(expected[who] === 204 ? 404 : 200);
    }
    expect(got).toEqual(expected);
  });

  it('answers the secret once, at creation, and lists each reader’s own webhooks', async () => {
    const created = await send('POST', '/api/v1/webhooks', 'coordGuangdong', { url: URL, events: ['alert.published'] });
    expect(created.json).toMatchObject({
      id: expect.any(String),
      secret: expect.stringMatching(/^whsec_/),
      webhook: {
        ownerId: n.users.coordGuangdong.id,
        url: URL,
        events: ['alert.published'],
        enabled: true,
        consecutiveFailures: 0,
        disabledAt: null,
        disabledReason: null,
      },
    });
    const id = created.json.id as string;
    const secret = created.json.secret as string;
    for (const who of WHO.filter((w) => w !== 'anonymous')) {
      const list = await send('GET', '/api/v1/webhooks', who);
      const owners = new Set(list.json.items?.map((w) => w.ownerId));
      if (who === 'admin') {
        expect(list.json.items?.map((w) => w.id)).toEqual(expect.arrayContaining([id, n.orgAdminHook]));
      } else {
        expect(
          [...owners].every((o) => o === n.users[who].id),
          who,
        ).toBe(true);
      }
      expect(JSON.stringify(list.json)).not.toContain(secret);
      expect(JSON.stringify(list.json)).not.toContain('"secret"');
    }
    const own = await send('GET', `/api/v1/webhooks/${id}`, 'coordGuangdong');
    expect(own.json).toEqual({
      id,
      ownerId: n.users.coordGuangdong.id,
      url: URL,
      events: ['alert.published'],
      createdAt: expect.any(String),
      enabled: true,
      consecutiveFailures: 0,
      disabledAt: null,
      disabledReason: null,
    });
    expect((await send('GET', `/api/v1/webhooks/${n.orgAdminHook}/deliveries`, 'orgAdmin')).json).toEqual({
      items: [],
      nextCursor: null,
    });
  });

  it('tells the roles that may not register webhooks why, with the code', async () => {
    for (const who of ['agencyStaff', 'orgMember', 'observer'] as const) {
      expect((await send('POST', '/api/v1/webhooks', who, { url: URL, events: ['need.created'] })).json, who).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
    }
  });
});
