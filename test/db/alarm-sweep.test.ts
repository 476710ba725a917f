/**
 * The alarm sweep (issue 12): missed check-ins and stale needs are detected on the server,
 * recorded once even when two nodes sweep at the same moment, pushed live, resolved when the
 * subject moves on, and acknowledged by coordinators (recorded).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { type Database, openDatabase } from '../../src/db/database';
import { acknowledgeAlarm, listAlarms } from '../../src/services/alarms/alarms';
import { sweepAlarms } from '../../src/services/alarms/sweep-alarms';
import type { Deps } from '../../src/services/context';
import { checkInDeployment, fileDeployment, moveDeployment } from '../../src/services/deployments/manage-deployments';
import { declareIncident, moveIncidentStage } from '../../src/services/incidents/manage-incidents';
import { claimNeed } from '../../src/services/needs/claims';
import { reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

const OPTIONS = { staleNeedHours: 12 };

describeEachDatabase('the alarm sweep', (t) => {
  let incident: string;
  let team: string;
  let second: Database;
  let otherNode: Deps;
  let serial = 0;
  // Two nodes share PostgreSQL; SQLite is one server's own file, so there the second connection sweeps after the first.
  const bothNodes = () =>
    t().deps.dialect === 'postgres'
      ? Promise.all([sweepAlarms(t().deps, OPTIONS), sweepAlarms(otherNode, OPTIONS)])
      : sweepAlarms(t().deps, OPTIONS).then(async (a) => [a, await sweepAlarms(otherNode, OPTIONS)]);

  const auditCount = async (action: string, entityId: string) =>
    Number(
      (
        await t()
          .deps.db.selectFrom('audit_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('action', '=', action)
          .where('entity_id', '=', entityId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const liveAlarms = async () =>
    Number(
      (
        await t()
          .deps.db.selectFrom('live_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('incident_id', '=', incident)
          .where('kind', '=', 'alarm')
          .executeTakeFirstOrThrow()
      ).n,
    );
  const deployed = async () => {
    const { deps } = t();
    const d = await fileDeployment(deps, SYSTEM, incident, {
      organizationId: team,
      teamName: `告警测试分队${++serial}`,
      leaderName: '赵队长',
      leaderPhone: '13700000000',
      headcount: 5,
      origin: '410105',
    });
    await moveDeployment(deps, SYSTEM, d.id, { to: 'approved' });
    await moveDeployment(deps, SYSTEM, d.id, { to: 'en_route' });
    return d.id;
  };

  beforeAll(async () => {
    const { deps, env } = t();
    incident = (
      await declareIncident(deps, SYSTEM, {
        name: '告警演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
        policy: { invitationRequired: false, checkInIntervalMinutes: 60 },
      })
    ).id;
    team = (
      await createOrganization(deps, SYSTEM, {
        kind: 'rescue_team',
        name: '告警测试救援队',
        jurisdictions: ['410105'],
        capabilities: { cells: [{ strategy: 'action', phase: 'crisis' }], serviceCategories: ['search_rescue'] },
      })
    ).id;
    // A second API node: its own connections to the same database, the same clock.
    second = env.DATABASE_URL
      ? openDatabase({ url: env.DATABASE_URL, poolSize: 3 })
      : openDatabase({ dataDir: env.CORESPOND_DATA_DIR });
    otherNode = { ...deps, db: second.db };
  });
  afterAll(async () => {
    await second?.close();
  });

  it('raises one alarm per missed check-in even when two nodes sweep at once, records it and tells the board', async () => {
    const { deps, clock } = t();
    const deployment = await deployed();
    expect((await sweepAlarms(deps, OPTIONS)).raised).toBe(0);
    clock.advance(61 * 60_000);
    const liveBefore = await liveAlarms();
    const [a, b] = await bothNodes();
    const alarms = (await listAlarms(deps, SYSTEM, incident)).filter((x) => x.subjectId === deployment);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ kind: 'missed_check_in', organizationId: team, resolvedAt: null, acknowledgedAt: null });
    expect(alarms[0].subjectLabel).toMatch(/^告警测试分队/);
    expect(a.raised + b.raised).toBeGreaterThanOrEqual(1);
    expect(await auditCount('alarm.raise', alarms[0].id)).toBe(1);
    expect(await liveAlarms()).toBeGreaterThan(liveBefore);
    // Sweeping again changes nothing.
    await sweepAlarms(otherNode, OPTIONS);
    await sweepAlarms(deps, OPTIONS);
    expect((await listAlarms(deps, SYSTEM, incident)).filter((x) => x.subjectId === deployment)).toHaveLength(1);
    expect(await auditCount('alarm.raise', alarms[0].id)).toBe(1);
  });

  it('resolves the alarm when the team checks in, and raises a new one when it lapses again', async () => {
    const { deps, clock } = t();
    const deployment = await deployed();
    clock.advance(61 * 60_000);
    await sweepAlarms(deps, OPTIONS);
    const [first] = (await listAlarms(deps, SYSTEM, incident)).filter((x) => x.subjectId === deployment);
    await checkInDeployment(deps, SYSTEM, deployment, { note: '已到达集结点' });
    await bothNodes();
    expect((await listAlarms(deps, SYSTEM, incident)).filter((x) => x.subjectId === deployment)).toHaveLength(0);
    const all = (await listAlarms(deps, SYSTEM, incident, { all: true })).filter((x) => x.subjectId === deployment);
    expect(all).toEqual([expect.objectContaining({ id: first.id, resolvedAt: expect.any(String) })]);
    expect(await auditCount('alarm.resolve', first.id)).toBe(1);
    clock.advance(61 * 60_000);
    await sweepAlarms(deps, OPTIONS);
    const again = (await listAlarms(deps, SYSTEM, incident)).filter((x) => x.subjectId === deployment);
    expect(again).toHaveLength(1);
    expect(again[0].id).not.toBe(first.id);
    expect(again[0].dueAt > first.dueAt).toBe(true);
  });

  it('raises a stale-need alarm after the configured hours without any update, and resolves it on the next update', async () => {
    const { deps, clock } = t();
    const outcome = await reportNeed(deps, SYSTEM, incident, {
      title: '无人跟进的求助',
      category: 'search_rescue',
      jurisdiction: '410105',
      lat: 34.75,
      lon: 113.66,
    });
    if (outcome.replayed) throw new Error('a fresh need was expected');
    const needId = outcome.reported.need.id;
    clock.advance(11 * 3_600_000);
    await sweepAlarms(deps, OPTIONS);
    expect((await listAlarms(deps, SYSTEM, incident)).some((x) => x.subjectId === needId)).toBe(false);
    clock.advance(2 * 3_600_000);
    await bothNodes();
    const stale = (await listAlarms(deps, SYSTEM, incident)).filter((x) => x.subjectId === needId);
    expect(stale).toEqual([
      expect.objectContaining({ kind: 'stale_need', subjectLabel: '无人跟进的求助', organizationId: null }),
    ]);
    // A shorter setting finds it too, but never twice.
    await sweepAlarms(deps, { staleNeedHours: 1 });
    expect((await listAlarms(deps, SYSTEM, incident)).filter((x) => x.subjectId === needId)).toHaveLength(1);
    await claimNeed(deps, SYSTEM, needId, { organizationId: team });
    await sweepAlarms(deps, OPTIONS);
    expect((await listAlarms(deps, SYSTEM, incident)).some((x) => x.subjectId === needId)).toBe(false);
  });

  it('records an acknowledgement once, and lets only coordinators of the incident acknowledge', async () => {
    const { deps, clock } = t();
    const deployment = await deployed();
    clock.advance(61 * 60_000);
    await sweepAlarms(deps, OPTIONS);
    const [alarm] = (await listAlarms(deps, SYSTEM, incident)).filter((x) => x.subjectId === deployment);
    const member = { kind: 'user', userId: 'u-member', role: 'org_member', organizationId: team, jurisdiction: null } as const;
    await expect(acknowledgeAlarm(deps, member, alarm.id)).rejects.toMatchObject({ code: 'forbidden' });
    // The team's own people see their team's alarms, and only those.
    const theirs = await listAlarms(deps, member, incident);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((x) => x.organizationId === team)).toBe(true);
    const acknowledged = await acknowledgeAlarm(deps, SYSTEM, alarm.id);
    expect(acknowledged).toMatchObject({ id: alarm.id, acknowledgedBy: 'system:test', acknowledgedAt: expect.any(String) });
    await expect(acknowledgeAlarm(deps, SYSTEM, alarm.id)).rejects.toMatchObject({ code: 'invalid_transition' });
    expect(await auditCount('alarm.acknowledge', alarm.id)).toBe(1);
  });

  it('raises nothing for a closed incident', async () => {
    const { deps, clock } = t();
    const quiet = (
      await declareIncident(deps, SYSTEM, {
        name: '已结束事件',
        category: 'natural_disaster',
        type: '洪涝',
        level: 4,
        jurisdictions: ['410100'],
      })
    ).id;
    await reportNeed(deps, SYSTEM, quiet, {
      title: '结束前的求助',
      category: 'food',
      jurisdiction: '410105',
      lat: 34.7,
      lon: 113.6,
    });
    await moveIncidentStage(deps, SYSTEM, quiet, { to: 'closed', reason: '处置完毕' });
    clock.advance(24 * 3_600_000);
    await sweepAlarms(deps, OPTIONS);
    expect(await listAlarms(deps, SYSTEM, quiet, { all: true })).toEqual([]);
  });

  it('reads CORESPOND_STALE_NEED_HOURS, 12 by default, and refuses nonsense', () => {
    expect(loadConfig({}).staleNeedHours).toBe(12);
    expect(loadConfig({ CORESPOND_STALE_NEED_HOURS: '4' }).staleNeedHours).toBe(4);
    expect(() => loadConfig({ CORESPOND_STALE_NEED_HOURS: 'soon' })).toThrow(/CORESPOND_STALE_NEED_HOURS/);
  });
});
