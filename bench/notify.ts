/**
 * Notify: a signed statement is issued to an incident whose checked-in deployments belong to
 * 50 organizations with 5,000 user accounts in all, 500 of whose admins have a webhook for
 * `statement.published` on a local receiver. The workers run as `corespond serve` runs them
 * (webhooks every 100 ms with a pool of 32 posts, notifications every 250 ms). Measured from the
 * call that issues the statement until every in-app notification is written and every webhook
 * delivered; target p99 ≤ 5 s. Baseline in the same run: a bare loop of the same 500 POSTs
 * (the bodies the deliveries carried) to the same receiver, 32 at a time over kept-alive
 * connections. ratio = bare loop time ÷ time until the last webhook arrived (higher is better).
 */
import http, { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { insertInChunks } from '../src/db/bulk';
import type { UsersTable } from '../src/db/schema';
import { newId } from '../src/model/ids';
import type { Actor, Deps } from '../src/services/context';
import { fileDeployment } from '../src/services/deployments/manage-deployments';
import { declareIncident } from '../src/services/incidents/manage-incidents';
import { dispatchNotifications, startNotificationWorker } from '../src/services/notifications/dispatch-notifications';
import { createOrganization } from '../src/services/organizations/create-organization';
import { issueStatement } from '../src/services/statements/statements';
import { runWebhooksOnce, startWebhookWorker } from '../src/services/webhooks/deliver-webhooks';
import { createWebhook } from '../src/services/webhooks/manage-webhooks';
import { type BenchContext, percentile, summary } from './harness';

const ORGANIZATIONS = 50;
const USERS = Number(process.env.BENCH_USERS ?? 5000);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONCURRENCY = 32;
const SETTINGS = { allowPrivate: true };

export default async function notifyBench({ database, log }: BenchContext): Promise<string> {
  const { db } = database;
  const deps: Deps = { db, dialect: database.dialect, now: () => new Date(), auditKey: Buffer.alloc(32, 3), dataDir: tmpdir() };
  const system: Actor = { kind: 'system', label: 'bench' };

  // The receiver notes when each webhook-id arrived.
  const arrivals = new Map<string, number>();
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const id = String(request.headers['webhook-id'] ?? `bare-${arrivals.size}`);
      if (!arrivals.has(id)) arrivals.set(id, performance.now());
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  log(`setting up: ${ORGANIZATIONS} organizations, ${USERS} accounts, ${WEBHOOKS} webhooks`);
  const incident = await declareIncident(deps, system, {
    name: '通知基准事件',
    category: 'natural_disaster',
    type: '洪涝',
    level: 2,
    jurisdictions: ['410100'],
  });
  const agency = await createOrganization(deps, system, {
    kind: 'government_agency',
    name: '通知基准应急管理局',
    jurisdictions: ['410100'],
    capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['search_rescue'] },
  });
  const orgs: string[] = [];
  for (let i = 0; i < ORGANIZATIONS; i++) {
    const org = await createOrganization(deps, system, {
      kind: 'rescue_team',
      name: `通知基准救援队${i}`,
      jurisdictions: ['410100'],
      capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['search_rescue'] },
    });
    orgs.push(org.id);
    await fileDeployment(deps, system, incident.id, {
      organizationId: org.id,
      teamName: `第${i}队`,
      leaderName: '队长',
      leaderPhone: '13800000000',
      headcount: 10,
      origin: '410100',
    });
  }
  // Every team is on the ground (the path to it is not what is measured).
  await db.updateTable('deployments').set({ status: 'checked_in' }).where('incident_id', '=', incident.id).execute();
  const at = new Date().toISOString();
  const users: UsersTable[] = Array.from({ length: USERS }, (_, i) => ({
    id: newId(),
    email: `bench-${i}@notify.example.cn`,
    display_name: `成员${i}`,
    password_hash: 'not-a-hash',
    // Ten admins per organization, the rest members, spread evenly.
    role: i < WEBHOOKS ? 'org_admin' : 'org_member',
    organization_id: orgs[i % ORGANIZATIONS],
    jurisdiction: null,
    disabled: 0,
    failed_logins: 0,
    locked_until: null,
    created_at: at,
    updated_at: at,
  }));
  await insertInChunks(db, 'users', users);
  for (const user of users.slice(0, WEBHOOKS)) {
    const owner: Actor = {
      kind: 'user',
      userId: user.id,
      role: 'org_admin',
      organizationId: user.organization_id,
      jurisdiction: null,
    };
    await createWebhook(deps, owner, { url, events: ['statement.published'] }, SETTINGS);
  }
  // Events of the set-up are behind both followers before the clock starts.
  await runWebhooksOnce(deps, SETTINGS);
  await dispatchNotifications(deps);

  const staff: Actor = { kind: 'user', userId: newId(), role: 'agency_staff', organizationId: agency.id, jurisdiction: null };
  const webhooks = startWebhookWorker(deps, { ...SETTINGS, concurrency: CONCURRENCY });
  const notifier = startNotificationWorker(deps, {
    onError: (error: unknown) => log(`notification dispatch failed: ${String(error)}`),
  });

  const deliveryLatencies: number[] = [];
  const allDone: number[] = [];
  const lastWebhook: number[] = [];
  const notified: number[] = [];
  try {
    for (let round = 0; round < ROUNDS; round++) {
      arrivals.clear();
      const start = performance.now();
      const statement = await issueStatement(deps, staff, {
        incidentId: incident.id,
        title: `第${round + 1}号权威发布：关于网传水库溃坝的说明`,
        body: '经核实，水库运行正常，请勿轻信和传播谣言。',
        issuingOrganizationId: agency.id,
      });
      let notesAt: number | null = null;
      for (;;) {
        if (notesAt === null) {
          const row = await db
            .selectFrom('notifications')
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .where('entity_id', '=', statement.id)
            .executeTakeFirstOrThrow();
          if (Number(row.n) >= USERS) notesAt = performance.now();
        }
        if (notesAt !== null && arrivals.size >= WEBHOOKS) break;
        if (performance.now() - start > 120_000)
          throw new Error(`round ${round}: ${arrivals.size} webhooks, notifications ${notesAt !== null}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const times = [...arrivals.values()].map((t) => t - start);
      deliveryLatencies.push(...times);
      lastWebhook.push(Math.max(...times));
      notified.push(notesAt - start);
      allDone.push(Math.max(Math.max(...times), notesAt - start));
      log(
        `round ${round + 1}: webhooks all in after ${Math.max(...times).toFixed(0)} ms, notifications after ${(notesAt - start).toFixed(0)} ms`,
      );
    }
  } finally {
    await notifier.stop();
    await webhooks.stop();
  }

  // The baseline: the same bodies, POSTed bare, 32 at a time over kept-alive connections.
  const bodies = (
    await db.selectFrom('webhook_deliveries').select('payload').orderBy('event_seq', 'desc').limit(WEBHOOKS).execute()
  ).map((r) => r.payload);
  const agent = new http.Agent({ keepAlive: true });
  const post = (body: string) =>
    new Promise<void>((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve());
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  const bare: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < bodies.length) await post(bodies[next++]);
      }),
    );
    bare.push(performance.now() - start);
  }
  agent.destroy();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  receiver.closeAllConnections();

  const median = (values: number[]) => percentile(values, 50);
  return summary('notify', median(bare) / median(lastWebhook), {
    db: database.dialect,
    rounds: ROUNDS,
    users: USERS,
    webhooks: WEBHOOKS,
    delivery_p50_ms: percentile(deliveryLatencies, 50),
    delivery_p99_ms: percentile(deliveryLatencies, 99),
    webhooks_all_in_median_ms: median(lastWebhook),
    notifications_median_ms: median(notified),
    all_done_p99_ms: percentile(allDone, 99),
    all_done_max_ms: Math.max(...allDone),
    bare_loop_ms: median(bare),
  });
}
