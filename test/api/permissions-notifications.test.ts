/**
 * The notification centre and subscriptions over HTTP: every signed-in account (each role)
 * reads, marks and follows only for itself — another account's notification or subscription
 * answers 404, the lists hold only one's own — and the anonymous get 401. Bodies are checked
 * for every role.
 */
import { beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { notifyUsers } from '../../src/services/notifications/notify-users';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network } from '../support/fixtures';

type Who = 'anonymous' | ActorName;
const WHO: Who[] = ['anonymous', 'admin', 'coordHenan', 'coordGuangdong', 'agencyStaff', 'orgAdmin', 'orgMember', 'observer'];
const ROLES = WHO.filter((w): w is ActorName => w !== 'anonymous');

describeEachDatabase('notifications and subscriptions over HTTP', (t) => {
  let app: App;
  let n: Network;
  /** Each role's one notification, by role. */
  const noteOf: Partial<Record<ActorName, string>> = {};
  const send = (method: 'GET' | 'POST' | 'DELETE', path: string, who: Who, body?: unknown) =>
    call(app, method, path, {
      token: who === 'anonymous' ? undefined : n.tokens[who],
      body,
      headers: { 'accept-language': 'en' },
    });

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps);
    n = await buildNetwork(deps);
    for (const who of ROLES) {
      await notifyUsers(deps.db, deps, [n.users[who].id], {
        type: 'statement.published',
        title: `给${who}的通知`,
        link: '/incidents',
      });
      const row = await deps.db
        .selectFrom('notifications')
        .select('id')
        .where('user_id', '=', n.users[who].id)
        .executeTakeFirstOrThrow();
      noteOf[who] = row.id;
    }
  });

  it('GET /notifications and the unread count: 401 anonymous, each role only its own', async () => {
    expect((await send('GET', '/api/v1/notifications', 'anonymous')).status).toBe(401);
    expect((await send('GET', '/api/v1/notifications/unread-count', 'anonymous')).status).toBe(401);
    for (const who of ROLES) {
      const list = await send('GET', '/api/v1/notifications', who);
      expect(list.status, who).toBe(200);
      expect(list.json, who).toEqual({
        items: [
          {
            id: noteOf[who],
            type: 'statement.published',
            title: `给${who}的通知`,
            incidentId: null,
            entityId: null,
            link: '/incidents',
            createdAt: expect.any(String),
            readAt: null,
          },
        ],
        unread: 1,
        nextCursor: null,
      });
      expect((await send('GET', '/api/v1/notifications/unread-count', who)).json, who).toEqual({ unread: 1 });
    }
  });

  it("POST /notifications/{id}/read: 404 for another account's notification, 200 for one's own", async () => {
    const target = noteOf.orgMember as string;
    const expected: Record<Who, number> = {
      anonymous: 401,
      admin: 404,
      coordHenan: 404,
      coordGuangdong: 404,
      agencyStaff: 404,
      orgAdmin: 404,
      orgMember: 200,
      observer: 404,
    };
    const got: Record<string, number> = {};
    for (const who of WHO) got[who] = (await send('POST', `/api/v1/notifications/${target}/read`, who)).status;
    expect(got).toEqual(expected);
    // Nobody else's notification was touched.
    expect((await send('GET', '/api/v1/notifications/unread-count', 'orgMember')).json).toEqual({ unread: 0 });
    expect((await send('GET', '/api/v1/notifications/unread-count', 'orgAdmin')).json).toEqual({ unread: 1 });
    expect((await send('POST', '/api/v1/notifications/no-such-note/read', 'orgMember')).status).toBe(404);
  });

  it('POST /notifications/read-all marks only one’s own', async () => {
    expect((await send('POST', '/api/v1/notifications/read-all', 'anonymous')).status).toBe(401);
    const res = await send('POST', '/api/v1/notifications/read-all', 'observer');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ marked: 1, unread: 0 });
    for (const who of ['admin', 'coordHenan', 'orgAdmin'] as const) {
      expect((await send('GET', '/api/v1/notifications/unread-count', who)).json, who).toEqual({ unread: 1 });
    }
  });

  it('subscriptions: every role creates, lists and deletes only its own', async () => {
    const ids: Partial<Record<ActorName, string>> = {};
    expect((await send('POST', '/api/v1/subscriptions', 'anonymous', { channels: ['in_app'] })).status).toBe(401);
    expect((await send('GET', '/api/v1/subscriptions', 'anonymous')).status).toBe(401);
    for (const who of ROLES) {
      const res = await send('POST', '/api/v1/subscriptions', who, {
        jurisdiction: '410100',
        category: 'shelter',
        kinds: ['need.created'],
        channels: ['in_app', 'email'],
      });
      expect(res.status, who).toBe(201);
      expect(res.json, who).toMatchObject({
        userId: n.users[who].id,
        jurisdiction: '410100',
        category: 'shelter',
        kinds: ['need.created'],
        channels: ['in_app', 'email'],
        incidentId: null,
        language: null,
      });
      ids[who] = String(res.json.id);
    }
    for (const who of ROLES) {
      const list = await send('GET', '/api/v1/subscriptions', who);
      expect(
        (list.json.items as { id: string; userId: string }[]).map((s) => [s.id, s.userId]),
        who,
      ).toEqual([[ids[who], n.users[who].id]]);
    }
    const got: Record<string, number> = {};
    for (const who of WHO) got[who] = (await send('DELETE', `/api/v1/subscriptions/${ids.orgAdmin}`, who)).status;
    // The owner deletes it (204); everyone before the owner in the list got 404; after, it is gone (404).
    expect(got).toEqual({
      anonymous: 401,
      admin: 404,
      coordHenan: 404,
      coordGuangdong: 404,
      agencyStaff: 404,
      orgAdmin: 204,
      orgMember: 404,
      observer: 404,
    });
    expect((await send('GET', '/api/v1/subscriptions', 'orgAdmin')).json.items).toEqual([]);
    expect(((await send('GET', '/api/v1/subscriptions', 'orgMember')).json.items as unknown[]).length).toBe(1);
  });

  it('bad input is a 400 naming the field, never a 500', async () => {
    const bad = async (body: unknown, field?: string) => {
      const res = await send('POST', '/api/v1/subscriptions', 'orgMember', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      if (field) expect(String(res.json.field ?? res.json.detail), JSON.stringify(body)).toContain(field);
    };
    await bad({ channels: [] }, 'channels');
    await bad({ channels: ['sms'] }, 'channels');
    await bad({}, 'channels');
    await bad({ channels: ['in_app'], kinds: ['need.deleted'] }, 'kinds');
    await bad({ channels: ['in_app'], jurisdiction: '41' }, 'jurisdiction');
    await bad({ channels: ['in_app'], jurisdiction: '999999' }, 'jurisdiction');
    await bad({ channels: ['in_app'], incidentId: 'no-such-incident' }, 'incidentId');
    await bad({ channels: ['in_app'], category: 'unicorns' }, 'category');
    await bad({ channels: ['in_app'], extra: 1 });
    await bad({ channels: ['in_app'], incidentId: 'a\u0000b' });
    const cursor = await send('GET', '/api/v1/notifications?cursor=not-a-cursor', 'orgMember');
    expect(cursor.status).toBe(400);
    expect((await send('GET', '/api/v1/notifications?limit=0', 'orgMember')).status).toBe(400);
    expect((await send('GET', '/api/v1/notifications?limit=1000', 'orgMember')).status).toBe(400);
  });
});
