/**
 * Webhooks end to end on a real local receiver: Standard Webhooks signatures that the
 * `standardwebhooks` package verifies, retries with the same webhook-id, a receiver that is down
 * getting the event later exactly once, fan-out once across two workers, disabling after
 * repeated failure, the SSRF rule at creation and at delivery, and payloads that carry only what
 * each owner may read.
 */
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app-types';
import { MAX_ATTEMPTS, MAX_CONSECUTIVE_FAILURES, RETRY_DELAYS_SECONDS } from '../../src/model/webhook';
import { publishAlert } from '../../src/services/alerts/publish-alert';
import { createBulletin, publishBulletin } from '../../src/services/bulletins/bulletins';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { reportNeed } from '../../src/services/needs/report-need';
import { deliverDue, fanOutEvents, runWebhooksOnce } from '../../src/services/webhooks/deliver-webhooks';
import { call, testApp } from '../support/api';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network, SYSTEM } from '../support/fixtures';
import { type Receiver, startReceiver } from '../support/webhook-receiver';

const ALLOW = { allowPrivate: true, timeoutMs: 2000 };

interface Payload {
  type: string;
  timestamp: string;
  data: { incidentId: string; need: Record<string, unknown> };
}

describeEachDatabase('webhooks', (t) => {
  let app: App;
  let n: Network;
  let incident: string;
  let receiver: Receiver;

  beforeAll(async () => {
    const { deps } = t();
    app = await testApp(deps, { webhooks: { allowPrivate: true } });
    n = await buildNetwork(deps);
    incident = (
      await declareIncident(deps, SYSTEM, {
        name: '郑州暴雨',
        category: 'natural_disaster',
        type: '洪涝',
        level: 2,
        jurisdictions: ['410100'],
      })
    ).id;
    receiver = await startReceiver();
    // Events from before a test's webhooks exist are not theirs.
    await runWebhooksOnce(deps, ALLOW);
  });
  afterAll(async () => {
    await receiver.close();
    await app.close();
  });

  const create = async (who: keyof Network['tokens'], url: string, events = ['need.created']) => {
    const created = await call(app, 'POST', '/api/v1/webhooks', { token: n.tokens[who], body: { url, events } });
    expect(created.status).toBe(201);
    return created.json as { id: string; secret: string };
  };
  const remove = (who: keyof Network['tokens'], id: string) =>
    call(app, 'DELETE', `/api/v1/webhooks/${id}`, { token: n.tokens[who] });
  const report = async (title: string) => {
    const outcome = await reportNeed(t().deps, SYSTEM, incident, {
      title,
      category: 'shelter',
      jurisdiction: '410105',
      lat: 34.7712,
      lon: 113.6634,
      contactName: '张女士',
      contactPhone: '13800001111',
    });
    if (!('reported' in outcome)) throw new Error('not reported');
    return outcome.reported.need.id;
  };
  const deliveries = async (who: keyof Network['tokens'], id: string) =>
    (await call(app, 'GET', `/api/v1/webhooks/${id}/deliveries`, { token: n.tokens[who] })).json.items as {
      webhookMessageId: string;
      status: string;
      attempts: number;
      eventType: string;
      attemptLog: { attempt: number; statusCode: number | null; responseExcerpt: string | null; error: string | null }[];
    }[];

  it('signs each delivery so that standardwebhooks verifies it, and each owner gets the need as the policy shows it to them', async () => {
    const { deps } = t();
    receiver.received.length = 0;
    const coordinator = await create('coordHenan', `${receiver.url}?who=coordinator`);
    const orgAdmin = await create('orgAdmin', `${receiver.url}?who=org-admin`);
    const outsider = await create('coordGuangdong', `${receiver.url}?who=guangdong`);
    expect(coordinator.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    const needId = await report('安置点需要帐篷');
    const run = await runWebhooksOnce(deps, ALLOW);
    expect(run.attempted).toBe(2);
    expect(receiver.received).toHaveLength(2);

    const secretFor = new Map([
      ['coordinator', coordinator.secret],
      ['org-admin', orgAdmin.secret],
    ]);
    const bodies = new Map<string, Payload>();
    // Each request verifies with its own webhook's secret only.
    for (const [who, secret] of secretFor) {
      const verified = receiver.received.flatMap((r) => {
        try {
          return [new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as Payload];
        } catch {
          return [];
        }
      });
      expect(verified).toHaveLength(1);
      bodies.set(who, verified[0]);
    }
    for (const r of receiver.received) {
      expect(r.headers['webhook-id']).toMatch(/^msg_/);
      expect(r.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(Number(r.headers['webhook-timestamp'])).toBeGreaterThan(1_700_000_000);
      expect(r.headers['content-type']).toBe('application/json');
    }
    const tampered = receiver.received[0];
    expect(() =>
      new Webhook(coordinator.secret).verify(tampered.body.replace('帐篷', '食物'), tampered.headers as Record<string, string>),
    ).toThrow();

    const forCoordinator = bodies.get('coordinator') as Payload;
    const forOrgAdmin = bodies.get('org-admin') as Payload;
    expect(forCoordinator).toMatchObject({ type: 'need.created', data: { incidentId: incident } });
    expect(forCoordinator.data.need).toMatchObject({
      id: needId,
      title: '安置点需要帐篷',
      contactPhone: '13800001111',
      contactName: '张女士',
      lat: 34.7712,
      lon: 113.6634,
      personalDataVisible: true,
    });
    // The organization admin is no steward of this need: no phone, no name, the place on the public grid.
    expect(forOrgAdmin.data.need).toMatchObject({ id: needId, title: '安置点需要帐篷', contactPhone: null, contactName: null });
    expect(forOrgAdmin.data.need.personalDataVisible).toBe(false);
    expect(forOrgAdmin.data.need.lat).not.toBe(34.7712);
    expect(JSON.stringify(forOrgAdmin)).not.toContain('13800001111');
    // The Guangdong coordinator's area does not hold the need: nothing is sent.
    expect(await deliveries('coordGuangdong', outsider.id)).toEqual([]);

    const log = await deliveries('coordHenan', coordinator.id);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ eventType: 'need.created', status: 'delivered', attempts: 1 });
    expect(log[0].attemptLog).toEqual([
      expect.objectContaining({ attempt: 1, statusCode: 200, responseExcerpt: 'ok', error: null }),
    ]);
    for (const id of [coordinator.id, orgAdmin.id, outsider.id]) await remove('admin', id);
  });

  it('delivers a published statement, signed JWS included, to the webhooks of its area and of organizations', async () => {
    const { deps } = t();
    receiver.received.length = 0;
    const orgAdmin = await create('orgAdmin', receiver.url, ['statement.published']);
    const outsider = await create('coordGuangdong', receiver.url, ['statement.published']);
    const issued = await call(app, 'POST', '/api/v1/statements', {
      token: n.tokens.agencyStaff,
      body: {
        incidentId: incident,
        title: '关于网传水库溃坝的说明',
        body: '水库运行正常。',
        issuingOrganizationId: n.orgs.henanAgency,
      },
    });
    expect(issued.status).toBe(201);
    await runWebhooksOnce(deps, ALLOW);
    expect(receiver.received).toHaveLength(1);
    const payload = new Webhook(orgAdmin.secret).verify(
      receiver.received[0].body,
      receiver.received[0].headers as Record<string, string>,
    );
    expect(payload).toMatchObject({
      type: 'statement.published',
      data: {
        incidentId: incident,
        statement: {
          id: issued.json.id,
          title: '关于网传水库溃坝的说明',
          issuer: { organizationId: n.orgs.henanAgency },
          jws: issued.json.jws,
        },
      },
    });
    expect(JSON.stringify(payload)).not.toContain('issuedBy');
    expect(await deliveries('coordGuangdong', outsider.id)).toEqual([]);
    await remove('orgAdmin', orgAdmin.id);
    await remove('coordGuangdong', outsider.id);
  });

  it("delivers a published bulletin as each owner may read it, and a coordinators' one not to an organization's admin", async () => {
    const { deps } = t();
    receiver.received.length = 0;
    const coordinator = await create('coordHenan', `${receiver.url}?who=coordinator`, ['bulletin.published']);
    const orgAdmin = await create('orgAdmin', `${receiver.url}?who=org-admin`, ['bulletin.published']);
    const published = async (audience: 'network' | 'coordinators') => {
      const b = await createBulletin(deps, SYSTEM, {
        incidentId: incident,
        title: `备用队通报（${audience}）`,
        body: '正文',
        authorOrganizationId: n.orgs.zhengzhouSpare,
        audience,
      });
      await publishBulletin(deps, SYSTEM, b.id);
      return b.id;
    };
    const forCoordinators = await published('coordinators');
    await runWebhooksOnce(deps, ALLOW);
    expect(receiver.received).toHaveLength(1);
    const payload = new Webhook(coordinator.secret).verify(
      receiver.received[0].body,
      receiver.received[0].headers as Record<string, string>,
    ) as { type: string; data: { incidentId: string; bulletin: Record<string, unknown> } };
    const asRead = await call(app, 'GET', `/api/v1/bulletins/${forCoordinators}`, { token: n.tokens.coordHenan });
    expect(payload.type).toBe('bulletin.published');
    expect(payload.data).toEqual({ incidentId: incident, bulletin: asRead.json });
    expect(await deliveries('orgAdmin', orgAdmin.id)).toEqual([]);
    // A network bulletin reaches the organization's admin, as that admin reads it.
    receiver.received.length = 0;
    const forNetwork = await published('network');
    await runWebhooksOnce(deps, ALLOW);
    const body = receiver.received.flatMap((r) => {
      try {
        return [
          new Webhook(orgAdmin.secret).verify(r.body, r.headers as Record<string, string>) as { data: { bulletin: unknown } },
        ];
      } catch {
        return [];
      }
    })[0];
    const adminReads = await call(app, 'GET', `/api/v1/bulletins/${forNetwork}`, { token: n.tokens.orgAdmin });
    expect(body?.data.bulletin).toEqual(adminReads.json);
    await remove('coordHenan', coordinator.id);
    await remove('orgAdmin', orgAdmin.id);
  });

  it('delivers a warning as its public JSON shows it', async () => {
    const { deps } = t();
    receiver.received.length = 0;
    const hook = await create('coordHenan', receiver.url, ['alert.published']);
    const alert = await publishAlert(deps, { sender: 'corespond', allowedSenders: null }, SYSTEM, {
      incidentId: incident,
      event: '暴雨',
      headline: '金水区暴雨橙色预警',
      warningColor: 'orange',
      category: 'Met',
      urgency: 'Expected',
      certainty: 'Likely',
      jurisdictions: ['410105'],
      expires: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await runWebhooksOnce(deps, ALLOW);
    expect(receiver.received).toHaveLength(1);
    const payload = new Webhook(hook.secret).verify(
      receiver.received[0].body,
      receiver.received[0].headers as Record<string, string>,
    ) as { type: string; data: { incidentId: string; alert: Record<string, unknown> } };
    const shown = await call(app, 'GET', `/api/v1/public/alerts/${alert.id}`);
    expect(payload.type).toBe('alert.published');
    expect(payload.data).toEqual({ incidentId: incident, alert: shown.json });
    expect(payload.data.alert).toMatchObject({ id: alert.id, headline: '金水区暴雨橙色预警' });
    await remove('coordHenan', hook.id);
  });

  it('retries a failed delivery with the same webhook-id, the first retry within 10 s', async () => {
    const { deps, clock } = t();
    receiver.received.length = 0;
    const hook = await create('coordHenan', receiver.url);
    receiver.answer = { status: 503, body: 'busy, try later' };
    await report('重试的求助');
    await runWebhooksOnce(deps, ALLOW);
    expect(receiver.received).toHaveLength(1);
    let log = await deliveries('coordHenan', hook.id);
    expect(log[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(log[0].attemptLog[0]).toMatchObject({ statusCode: 503, responseExcerpt: 'busy, try later' });
    expect(RETRY_DELAYS_SECONDS[0]).toBeLessThanOrEqual(10);
    // Not yet due: nothing is sent.
    await runWebhooksOnce(deps, ALLOW);
    expect(receiver.received).toHaveLength(1);
    receiver.answer = { status: 200, body: 'ok' };
    clock.advance(RETRY_DELAYS_SECONDS[0] * 1000);
    await runWebhooksOnce(deps, ALLOW);
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[1].headers['webhook-id']).toBe(receiver.received[0].headers['webhook-id']);
    expect(receiver.received[1].body).toBe(receiver.received[0].body);
    new Webhook(hook.secret).verify(receiver.received[1].body, receiver.received[1].headers as Record<string, string>);
    log = await deliveries('coordHenan', hook.id);
    expect(log[0]).toMatchObject({
      status: 'delivered',
      attempts: 2,
      webhookMessageId: receiver.received[0].headers['webhook-id'],
    });
    expect(log[0].attemptLog.map((a) => a.statusCode)).toEqual([503, 200]);
    await remove('coordHenan', hook.id);
  });

  it('a receiver that is down gets the event later, once, with the same id', async () => {
    const { deps, clock } = t();
    receiver.received.length = 0;
    const hook = await create('coordHenan', receiver.url);
    await receiver.close();
    await report('接收方宕机时的求助');
    await runWebhooksOnce(deps, ALLOW);
    const log = await deliveries('coordHenan', hook.id);
    expect(log[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(log[0].attemptLog[0].statusCode).toBeNull();
    expect(log[0].attemptLog[0].error).toMatch(/ECONNREFUSED/);
    await receiver.restart();
    clock.advance(RETRY_DELAYS_SECONDS[0] * 1000);
    await runWebhooksOnce(deps, ALLOW);
    clock.advance(24 * 3600 * 1000);
    await runWebhooksOnce(deps, ALLOW);
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0].headers['webhook-id']).toBe(log[0].webhookMessageId);
    const payload = new Webhook(hook.secret).verify(
      receiver.received[0].body,
      receiver.received[0].headers as Record<string, string>,
    );
    expect(payload).toMatchObject({ type: 'need.created', data: { need: { title: '接收方宕机时的求助' } } });
    await remove('coordHenan', hook.id);
  });

  it('fans out an event once when two workers run at the same time, and posts each delivery once', async () => {
    const { deps } = t();
    receiver.received.length = 0;
    const hook = await create('admin', receiver.url);
    await report('两个节点同时分发');
    await Promise.all([fanOutEvents(deps, ALLOW), fanOutEvents(deps, ALLOW)]);
    await Promise.all([deliverDue(deps, ALLOW), deliverDue(deps, ALLOW)]);
    await runWebhooksOnce(deps, ALLOW);
    expect(receiver.received).toHaveLength(1);
    expect(await deliveries('admin', hook.id)).toHaveLength(1);
    await remove('admin', hook.id);
  });

  it('disables a webhook whose deliveries keep failing, and it may be enabled again', async () => {
    const { deps, clock } = t();
    receiver.received.length = 0;
    receiver.answer = { status: 500, body: 'broken' };
    const hook = await create('orgAdmin', receiver.url);
    for (let i = 0; i < MAX_CONSECUTIVE_FAILURES; i++) await report(`一直失败 ${i}`);
    for (let i = 0; i < MAX_ATTEMPTS + 1; i++) {
      await runWebhooksOnce(deps, ALLOW);
      clock.advance(24 * 3600 * 1000);
    }
    expect(receiver.received).toHaveLength(MAX_CONSECUTIVE_FAILURES * MAX_ATTEMPTS);
    const read = await call(app, 'GET', `/api/v1/webhooks/${hook.id}`, { token: n.tokens.orgAdmin });
    expect(read.json).toMatchObject({ enabled: false, consecutiveFailures: MAX_CONSECUTIVE_FAILURES });
    expect(read.json.disabledReason).toContain('in a row');
    const log = await deliveries('orgAdmin', hook.id);
    expect(log.every((d) => d.status === 'failed' && d.attempts === MAX_ATTEMPTS)).toBe(true);
    // Its owner is told in the notification centre, once.
    const notes = await deps.db.selectFrom('notifications').selectAll().where('entity_id', '=', hook.id).execute();
    expect(notes).toEqual([
      expect.objectContaining({
        user_id: n.users.orgAdmin.id,
        type: 'webhook.disabled',
        link: '/settings/webhooks',
        read_at: null,
      }),
    ]);
    expect(notes[0].title).toContain(receiver.url);
    // A disabled webhook gets no new events.
    await report('停用之后');
    await runWebhooksOnce(deps, ALLOW);
    expect(await deliveries('orgAdmin', hook.id)).toHaveLength(MAX_CONSECUTIVE_FAILURES);

    receiver.answer = { status: 200, body: 'ok' };
    const enabled = await call(app, 'POST', `/api/v1/webhooks/${hook.id}/enable`, { token: n.tokens.orgAdmin });
    expect(enabled.json).toMatchObject({ enabled: true, consecutiveFailures: 0, disabledAt: null });
    await report('重新启用之后');
    await runWebhooksOnce(deps, ALLOW);
    expect((await deliveries('orgAdmin', hook.id))[0]).toMatchObject({ status: 'delivered' });
    await remove('orgAdmin', hook.id);
  });

  it('connects to the address that was checked, keeping the URL’s host name in the Host header', async () => {
    const { deps } = t();
    // The name exists only in this resolver: a request reaching the receiver went to the checked address.
    const resolve = async (host: string) => {
      if (host !== 'hooks.corespond.test') throw new Error(`unknown host ${host}`);
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const named = await testApp(deps, { webhooks: { allowPrivate: true, resolve } });
    try {
      receiver.received.length = 0;
      const created = await call(named, 'POST', '/api/v1/webhooks', {
        token: n.tokens.admin,
        body: { url: `http://hooks.corespond.test:${receiver.port}/hooks`, events: ['need.created'] },
      });
      expect(created.status).toBe(201);
      await report('按名称投递');
      await runWebhooksOnce(deps, { ...ALLOW, resolve });
      expect(receiver.received).toHaveLength(1);
      expect(receiver.received[0].headers.host).toBe(`hooks.corespond.test:${receiver.port}`);
      await remove('admin', (created.json as { id: string }).id);
    } finally {
      await named.close();
    }
  });

  it('refuses private targets without the administrator’s leave, at creation and again at delivery', async () => {
    const { deps } = t();
    const strict = await testApp(deps);
    try {
      for (const url of [receiver.url, 'http://localhost:8080/x', 'http://10.0.0.8/x', 'http://[::1]/x']) {
        const refused = await call(strict, 'POST', '/api/v1/webhooks', {
          token: n.tokens.admin,
          body: { url, events: ['need.created'] },
          headers: { 'accept-language': 'en' },
        });
        expect(refused.status).toBe(400);
        expect(refused.json).toMatchObject({ code: 'webhook_target_refused', field: 'url' });
        expect(refused.json.detail).toContain('CORESPOND_WEBHOOKS_ALLOW_PRIVATE');
      }
    } finally {
      await strict.close();
    }
    // Made while private targets were allowed, delivered after the leave was withdrawn: refused, nothing sent.
    receiver.received.length = 0;
    const hook = await create('admin', receiver.url);
    await report('不允许私网之后');
    await runWebhooksOnce(deps, { allowPrivate: false });
    expect(receiver.received).toHaveLength(0);
    const log = await deliveries('admin', hook.id);
    expect(log[0].attemptLog[0]).toMatchObject({ statusCode: null });
    expect(log[0].attemptLog[0].error).toContain('loopback');
    await remove('admin', hook.id);
  });
});
