/**
 * The notification dispatcher on both databases: the defaults (a statement to every team
 * checked in, a dispatch to its organization, a missed check-in to the area's coordinators and
 * the team's organization), subscriptions by area prefix, category and kind, the privacy rule
 * (no alarm for an observer, no personal data in a title or an e-mail), exactly once across
 * repeated and concurrent runs, and e-mail delivered to a real SMTP server started here,
 * retried after the server was down.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database';
import { sweepAlarms } from '../../src/services/alarms/sweep-alarms';
import { publishAlert } from '../../src/services/alerts/publish-alert';
import { recordChange } from '../../src/services/audit/record-change';
import { createBulletin, publishBulletin } from '../../src/services/bulletins/bulletins';
import type { Actor, Deps } from '../../src/services/context';
import { checkInDeployment, fileDeployment, moveDeployment } from '../../src/services/deployments/manage-deployments';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { dispatchNeed } from '../../src/services/needs/claims';
import { reportNeed } from '../../src/services/needs/report-need';
import { dispatchNotifications } from '../../src/services/notifications/dispatch-notifications';
import { listNotifications, subscribe } from '../../src/services/notifications/manage-notifications';
import { mailerFor, sendDueMails } from '../../src/services/notifications/send-mail';
import { issueStatement } from '../../src/services/statements/statements';
import { describeEachDatabase } from '../support/databases';
import { type ActorName, buildNetwork, type Network, SYSTEM } from '../support/fixtures';

interface Received {
  to: string[];
  raw: string;
}

/** A real SMTP server on a free local port, keeping what it receives. */
async function startSmtp(): Promise<{ url: string; inbox: Received[]; close(): Promise<void> }> {
  const inbox: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`,
    inbox,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The decoded text of a received message (nodemailer writes UTF-8 bodies quoted-printable or base64). */
function decoded(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(head)?.[1] ?? '';
  const words = subject.replace(/\r?\n[ \t]/g, '').replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
  let text = body;
  if (/Content-Transfer-Encoding: base64/i.test(head)) text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else if (/Content-Transfer-Encoding: quoted-printable/i.test(head))
    text = Buffer.from(
      body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
      'latin1',
    ).toString('utf8');
  return `${words}\n${text}`;
}

const NEED = {
  title: '张大爷家需要饮用水',
  description: '联系人张三，13912345678，住金水路8号',
  contactName: '张三',
  contactPhone: '13912345678',
  address: '金水路8号',
  category: 'water_sanitation' as const,
  quantity: 4,
  unit: '箱',
  jurisdiction: '410105',
  lat: 34.77,
  lon: 113.68,
};

describeEachDatabase('the notification dispatcher', (t) => {
  let network: Network;
  let incident: string;
  let second: Database;
  let otherNode: Deps;
  const mine = async (userId: string) =>
    t().deps.db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id').execute();

  beforeAll(async () => {
    const { deps, env } = t();
    network = await buildNetwork(deps);
    incident = (
      await declareIncident(deps, SYSTEM, {
        name: '通知演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
        policy: { invitationRequired: false, checkInIntervalMinutes: 60 },
      })
    ).id;
    second = env.DATABASE_URL
      ? openDatabase({ url: env.DATABASE_URL, poolSize: 3 })
      : openDatabase({ dataDir: env.CORESPOND_DATA_DIR });
    otherNode = { ...deps, db: second.db };
    // Nothing before this point is of interest.
    await dispatchNotifications(deps);
    await deps.db.deleteFrom('notifications').execute();
  });
  afterAll(async () => {
    await second?.close();
  });

  it('tells every user of every organization checked in to the incident of a statement, once, and no one else', async () => {
    const { deps } = t();
    const d = await fileDeployment(deps, SYSTEM, incident, {
      organizationId: network.orgs.zhengzhouTeam,
      teamName: '通知测试分队',
      leaderName: '孙队长',
      leaderPhone: '13700000002',
      headcount: 3,
      origin: '410105',
    });
    await moveDeployment(deps, SYSTEM, d.id, { to: 'approved' });
    await moveDeployment(deps, SYSTEM, d.id, { to: 'checked_in' });
    await dispatchNotifications(deps);
    // The approval went to the deploying organization.
    expect((await mine(network.users.orgMember.id)).map((n) => n.type)).toEqual(['deployment.decided']);
    await deps.db.transaction().execute((trx) =>
      recordChange(trx, deps, SYSTEM, {
        action: 'statement.publish',
        entityType: 'statement',
        entityId: 'statement-1',
        event: { type: 'statement.published', incidentId: incident },
      }),
    );
    // Two nodes at once, then again: each event is handled once.
    if (deps.dialect === 'postgres')
      await Promise.all([dispatchNotifications(deps), dispatchNotifications(otherNode, { holder: 'node-b' })]);
    else {
      await dispatchNotifications(deps);
      await dispatchNotifications(otherNode, { holder: 'node-b' });
    }
    await dispatchNotifications(deps);
    for (const user of [network.users.orgAdmin, network.users.orgMember, network.users.member2]) {
      const statements = (await mine(user.id)).filter((n) => n.type === 'statement.published');
      expect(statements).toHaveLength(1);
      expect(statements[0]).toMatchObject({ incident_id: incident, entity_id: 'statement-1', link: `/incidents/${incident}` });
      expect(statements[0].title).toBe('新的权威发布：通知演练');
    }
    for (const user of [network.users.observer, network.users.coordHenan, network.users.agencyStaff, network.users.admin]) {
      expect((await mine(user.id)).filter((n) => n.type === 'statement.published')).toEqual([]);
    }
  });

  it('matches subscriptions by area prefix, category and kind, with titles free of personal data', async () => {
    const { deps } = t();
    const observer = {
      kind: 'user' as const,
      userId: network.users.observer.id,
      role: 'observer' as const,
      organizationId: null,
      jurisdiction: null,
    };
    await subscribe(deps, observer, { jurisdiction: '410000', kinds: ['need.created', 'checkin.missed'], channels: ['in_app'] });
    const gd = {
      kind: 'user' as const,
      userId: network.users.coordGuangdong.id,
      role: 'coordinator' as const,
      organizationId: null,
      jurisdiction: '440000',
    };
    await subscribe(deps, gd, { jurisdiction: '440000', channels: ['in_app'] });
    const henan = {
      kind: 'user' as const,
      userId: network.users.coordHenan.id,
      role: 'coordinator' as const,
      organizationId: null,
      jurisdiction: '410000',
    };
    await subscribe(deps, henan, { category: 'shelter', kinds: ['need.created'], channels: ['in_app'] });
    await reportNeed(deps, SYSTEM, incident, NEED);
    await dispatchNotifications(deps);
    const got = (await mine(network.users.observer.id)).filter((n) => n.type === 'need.created');
    expect(got).toHaveLength(1);
    expect(got[0].title).toBe('新需求：供水与卫生 · 金水区 · 通知演练');
    for (const secret of ['张三', '13912345678', '金水路8号', '张大爷']) expect(got[0].title).not.toContain(secret);
    // Outside the Guangdong coordinator's area, and not the Henan coordinator's category.
    expect((await mine(network.users.coordGuangdong.id)).filter((n) => n.type === 'need.created')).toEqual([]);
    expect((await mine(network.users.coordHenan.id)).filter((n) => n.type === 'need.created')).toEqual([]);
    // The answer of the API: own notifications, unread first.
    const page = await listNotifications(deps, observer, { limit: 10 });
    expect(page.unread).toBe(page.items.filter((n) => n.readAt === null).length);
    expect(page.items.map((n) => n.id)).toEqual(got.map((n) => n.id).reverse());
  });

  it('gives a missed check-in to the area coordinators and the team, never to a subscribed observer', async () => {
    const { deps, clock } = t();
    const d = await fileDeployment(deps, SYSTEM, incident, {
      organizationId: network.orgs.zhengzhouTeam,
      teamName: '漏报分队',
      leaderName: '周队长',
      leaderPhone: '13700000003',
      headcount: 2,
      origin: '410105',
    });
    await moveDeployment(deps, SYSTEM, d.id, { to: 'approved' });
    await checkInDeployment(deps, SYSTEM, d.id, {});
    await dispatchNotifications(deps);
    clock.advance(61 * 60_000);
    await sweepAlarms(deps, { staleNeedHours: 1000 });
    await dispatchNotifications(deps);
    const missed = async (userId: string) => (await mine(userId)).filter((n) => n.type === 'checkin.missed');
    expect(await missed(network.users.coordHenan.id)).toHaveLength(1);
    expect(await missed(network.users.orgAdmin.id)).toHaveLength(1);
    expect(await missed(network.users.observer.id)).toEqual([]);
    expect(await missed(network.users.coordGuangdong.id)).toEqual([]);
    expect((await missed(network.users.orgAdmin.id))[0].title).not.toContain('周队长');
  });

  it('tells the organization of a dispatch, and e-mails subscribers in their language through SMTP, retrying when the server was down', async () => {
    const { deps, clock } = t();
    const smtp = await startSmtp();
    try {
      const member = {
        kind: 'user' as const,
        userId: network.users.orgMember.id,
        role: 'org_member' as const,
        organizationId: network.orgs.zhengzhouTeam,
        jurisdiction: null,
      };
      await subscribe(deps, member, { kinds: ['dispatch.created'], channels: ['email'], language: 'en' });
      const outcome = await reportNeed(deps, SYSTEM, incident, { ...NEED, category: 'shelter' });
      if (outcome.replayed) throw new Error('a fresh need was expected');
      await dispatchNeed(deps, SYSTEM, outcome.reported.need.id, { organizationId: network.orgs.zhengzhouTeam });
      await dispatchNotifications(deps, { publicUrl: 'https://corespond.example.cn' });
      for (const user of [network.users.orgAdmin, network.users.orgMember, network.users.member2]) {
        expect((await mine(user.id)).filter((n) => n.type === 'dispatch.created')).toHaveLength(1);
      }
      // First with nobody listening: the mail stays queued with its error.
      const down = mailerFor(
        `smtp://127.0.0.1:1/?ignoreTLS=true&connectionTimeout=2000`,
        'CoRespond <noreply@corespond.example.cn>',
      );
      expect(await sendDueMails(deps, down as NonNullable<typeof down>)).toEqual({ sent: 0, failed: 1 });
      const queued = await deps.db.selectFrom('mail_outbox').selectAll().where('user_id', '=', member.userId).execute();
      expect(queued).toHaveLength(1);
      expect(queued[0]).toMatchObject({ attempts: 1, sent_at: null });
      expect(queued[0].last_error).toBeTruthy();
      const mailer = mailerFor(smtp.url, 'CoRespond <noreply@corespond.example.cn>');
      if (!mailer) throw new Error('a mailer was expected');
      // Not before its retry is due.
      expect(await sendDueMails(deps, mailer)).toEqual({ sent: 0, failed: 0 });
      clock.advance(31_000);
      expect(await sendDueMails(deps, mailer)).toEqual({ sent: 1, failed: 0 });
      expect(await sendDueMails(deps, mailer)).toEqual({ sent: 0, failed: 0 });
      expect(smtp.inbox).toHaveLength(1);
      expect(smtp.inbox[0].to).toEqual([network.users.orgMember.email]);
      const text = decoded(smtp.inbox[0].raw);
      expect(text).toContain('[CoRespond] New dispatch: Shelter');
      expect(text).toContain(`https://corespond.example.cn/incidents/${incident}`);
      for (const secret of ['张三', '13912345678', '金水路8号', '张大爷']) expect(text).not.toContain(secret);
    } finally {
      await smtp.close();
    }
  });

  const actor = (name: ActorName): Actor => {
    const u = network.users[name];
    return {
      kind: 'user',
      userId: u.id,
      role: u.role,
      organizationId: u.organizationId ?? null,
      jurisdiction: u.jurisdiction ?? null,
    };
  };
  const titlesOf = async (name: ActorName, type: string, entityId: string) =>
    (await mine(network.users[name].id)).filter((n) => n.type === type && n.entity_id === entityId).map((n) => n.title);

  it("tells a published bulletin only to those its audience lets read it, by the bulletins' own rule", async () => {
    const { deps } = t();
    const everyone: ActorName[] = ['admin', 'coordHenan', 'coordGuangdong', 'agencyStaff', 'orgAdmin', 'orgMember', 'observer'];
    for (const name of everyone) await subscribe(deps, actor(name), { kinds: ['bulletin.published'], channels: ['in_app'] });
    const published = async (audience: 'network' | 'coordinators') => {
      const b = await createBulletin(deps, SYSTEM, {
        incidentId: incident,
        title: `备用队通报（${audience}）`,
        body: '正文',
        authorOrganizationId: network.orgs.zhengzhouSpare,
        audience,
      });
      await publishBulletin(deps, SYSTEM, b.id);
      return b.id;
    };
    const forCoordinators = await published('coordinators');
    const forNetwork = await published('network');
    await dispatchNotifications(deps);
    const told = async (id: string) => {
      const names: ActorName[] = [];
      for (const name of everyone) if ((await titlesOf(name, 'bulletin.published', id)).length) names.push(name);
      return names;
    };
    // Coordinators' audience: admins and the coordinators of the area (the author organization has no subscriber here).
    expect(await told(forCoordinators)).toEqual(['admin', 'coordHenan']);
    expect(await told(forNetwork)).toEqual(everyone);
  });

  it("puts a statement's title in its notification and e-mail", async () => {
    const { deps } = t();
    await subscribe(deps, actor('observer'), { kinds: ['statement.published'], channels: ['email'] });
    const statement = await issueStatement(deps, SYSTEM, {
      incidentId: incident,
      title: '关于金水区供水恢复的通告',
      body: '正文',
      issuingOrganizationId: network.orgs.henanAgency,
    });
    await dispatchNotifications(deps);
    // The team checked in earlier is told by default, in the app.
    const [told] = await titlesOf('orgMember', 'statement.published', statement.id);
    expect(told).toMatch(/^新的权威发布：关于金水区供水恢复的通告 · .*通知演练$/);
    const mails = await deps.db
      .selectFrom('mail_outbox')
      .select(['subject', 'body'])
      .where('user_id', '=', network.users.observer.id)
      .execute();
    const mail = mails.find((m) => m.subject.includes('关于金水区供水恢复的通告'));
    expect(mail?.subject).toBe(`[协应] ${told}`);
  });

  it('tells a warning with its headline to the subscribers of its areas and incident, and to no one else', async () => {
    const { deps } = t();
    await subscribe(deps, actor('orgAdmin'), { jurisdiction: '410105', kinds: ['alert.published'], channels: ['in_app'] });
    await subscribe(deps, actor('agencyStaff'), { incidentId: incident, kinds: ['alert.published'], channels: ['in_app'] });
    await subscribe(deps, actor('orgMember'), { jurisdiction: '410102', kinds: ['alert.published'], channels: ['in_app'] });
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
    await dispatchNotifications(deps);
    for (const name of ['orgAdmin', 'agencyStaff'] as const) {
      const [title] = await titlesOf(name, 'alert.published', alert.id);
      expect(title).toMatch(/^新的预警：金水区暴雨橙色预警 · /);
    }
    // Another district, and Guangdong's coordinator who follows Guangdong only.
    expect(await titlesOf('orgMember', 'alert.published', alert.id)).toEqual([]);
    expect(await titlesOf('coordGuangdong', 'alert.published', alert.id)).toEqual([]);
    // A warning of no incident reaches the subscribers of its areas, its second area included.
    const areaWide = await publishAlert(deps, { sender: 'corespond', allowedSenders: null }, SYSTEM, {
      event: '大风',
      headline: '中原区、金水区大风蓝色预警',
      warningColor: 'blue',
      category: 'Met',
      urgency: 'Expected',
      certainty: 'Likely',
      jurisdictions: ['410102', '410105'],
      expires: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await dispatchNotifications(deps);
    for (const name of ['orgAdmin', 'orgMember'] as const)
      expect(await titlesOf(name, 'alert.published', areaWide.id)).toEqual(['新的预警：中原区、金水区大风蓝色预警 · 中原区']);
    expect(await titlesOf('agencyStaff', 'alert.published', areaWide.id)).toEqual([]);
  });
});
