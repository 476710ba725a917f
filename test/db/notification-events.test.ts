/**
 * Every path that changes what people follow records its platform event exactly once: needs
 * entered by form, public report and spreadsheet import (need.created), claims and dispatches,
 * a coordinator's deployment decision, a missed check-in and a claim about to expire (swept,
 * once even when swept again).
 */
import { beforeAll, expect, it } from 'vitest';
import { platformEventsAfter } from '../../src/db/repositories/platform-events';
import type { PlatformEvent } from '../../src/model/platform-event';
import { sweepAlarms } from '../../src/services/alarms/sweep-alarms';
import { fileDeployment, moveDeployment } from '../../src/services/deployments/manage-deployments';
import { startNeedImport } from '../../src/services/imports/need-import-jobs';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { claimNeed, dispatchNeed } from '../../src/services/needs/claims';
import { type ReportOutcome, reportNeed, reportPublicNeed } from '../../src/services/needs/report-need';
import { warnExpiringClaims } from '../../src/services/notifications/warn-expiring-claims';
import { describeEachDatabase } from '../support/databases';
import { buildNetwork, type Network, SYSTEM } from '../support/fixtures';

const NEED = {
  title: '转移安置点需要饮用水',
  category: 'water_sanitation' as const,
  quantity: 10,
  unit: '箱',
  jurisdiction: '410105',
  lat: 34.77,
  lon: 113.68,
};

/** The id of a need just reported. */
async function reported(outcome: Promise<ReportOutcome>): Promise<string> {
  const o = await outcome;
  if (o.replayed) throw new Error('a fresh need was expected');
  return o.reported.need.id;
}

describeEachDatabase('platform events of existing services', (t) => {
  let network: Network;
  let incident: string;
  let seen = 0;
  /** The events recorded since the last call. */
  const fresh = async (): Promise<PlatformEvent[]> => {
    const events = await platformEventsAfter(t().deps.db, seen, 10_000);
    if (events.length) seen = events[events.length - 1].seq;
    return events;
  };

  beforeAll(async () => {
    const { deps } = t();
    network = await buildNetwork(deps);
    incident = (
      await declareIncident(deps, SYSTEM, {
        name: '事件订阅演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
        policy: { invitationRequired: false, checkInIntervalMinutes: 60 },
      })
    ).id;
    await fresh();
  });

  it('records need.created once for a need entered by form, by the public and by import', async () => {
    const { deps } = t();
    const form = await reported(reportNeed(deps, SYSTEM, incident, NEED));
    const events = await fresh();
    const created = events.filter((e) => e.type === 'need.created');
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({
      entityId: form,
      incidentId: incident,
      jurisdiction: '410105',
      category: 'water_sanitation',
      organizationId: null,
    });

    const pub = await reported(reportPublicNeed(deps, incident, { ...NEED, title: '群众求助：需要帐篷', category: 'shelter' }));
    const publicEvents = (await fresh()).filter((e) => e.type === 'need.created');
    expect(publicEvents.map((e) => [e.entityId, e.category])).toEqual([[pub, 'shelter']]);

    const csv = Buffer.from('序号,区县,需求/情况,人数\r\n1,金水区,被困群众需要救援,3\r\n2,二七区,老人需要转移,2\r\n', 'utf8');
    const started = await startNeedImport(
      deps,
      SYSTEM,
      incident,
      { content: csv, name: 'needs.csv' },
      {
        auto: true,
        defaultCategory: 'search_rescue',
      },
    );
    await started.done;
    const imported = (await fresh()).filter((e) => e.type === 'need.created');
    const job = await deps.db
      .selectFrom('import_jobs')
      .select('report')
      .where('id', '=', started.job.id)
      .executeTakeFirstOrThrow();
    const ids = (JSON.parse(String(job.report)) as { rows: { needId: string }[] }).rows.map((r) => r.needId);
    const needs = await deps.db.selectFrom('needs').select(['id', 'jurisdiction']).where('id', 'in', ids).execute();
    expect(needs.length).toBe(2);
    expect(imported.map((e) => e.entityId).sort()).toEqual(needs.map((n) => n.id).sort());
    expect(imported.every((e) => e.category === 'search_rescue' && e.incidentId === incident)).toBe(true);
    expect(imported.map((e) => e.jurisdiction).sort()).toEqual(needs.map((n) => n.jurisdiction).sort());
  });

  it('records need.claimed and dispatch.created once, addressed to the organization', async () => {
    const { deps } = t();
    const a = await reported(reportNeed(deps, SYSTEM, incident, NEED));
    const b = await reported(reportNeed(deps, SYSTEM, incident, { ...NEED, title: '需要消毒药品' }));
    await fresh();
    const claimed = await claimNeed(deps, SYSTEM, a, { organizationId: network.orgs.zhengzhouTeam });
    const dispatched = await dispatchNeed(deps, SYSTEM, b, { organizationId: network.orgs.zhengzhouSpare });
    const events = await fresh();
    expect(events.map((e) => [e.type, e.entityId, e.organizationId])).toEqual([
      ['need.claimed', claimed.claim.id, network.orgs.zhengzhouTeam],
      ['dispatch.created', dispatched.claim.id, network.orgs.zhengzhouSpare],
    ]);
    expect(events.every((e) => e.jurisdiction === '410105' && e.category === 'water_sanitation')).toBe(true);
  });

  it('records deployment.decided for coordinator decisions only, checkin.missed once per lapse', async () => {
    const { deps, clock } = t();
    const d = await fileDeployment(deps, SYSTEM, incident, {
      organizationId: network.orgs.zhengzhouTeam,
      teamName: '订阅测试分队',
      leaderName: '钱队长',
      leaderPhone: '13700000001',
      headcount: 4,
      origin: '410105',
    });
    await fresh();
    await moveDeployment(deps, SYSTEM, d.id, { to: 'approved' });
    await moveDeployment(deps, SYSTEM, d.id, { to: 'en_route' });
    const decided = await fresh();
    expect(decided.map((e) => [e.type, e.entityId, e.organizationId, e.incidentId])).toEqual([
      ['deployment.decided', d.id, network.orgs.zhengzhouTeam, incident],
    ]);
    clock.advance(61 * 60_000);
    await sweepAlarms(deps, { staleNeedHours: 1000 });
    await sweepAlarms(deps, { staleNeedHours: 1000 });
    const missed = (await fresh()).filter((e) => e.type === 'checkin.missed');
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({ organizationId: network.orgs.zhengzhouTeam, incidentId: incident });
  });

  it('records claim.expiring once per claim and expiry, within the warning window only', async () => {
    const { deps, clock } = t();
    const n = await reported(reportNeed(deps, SYSTEM, incident, { ...NEED, category: 'search_rescue', title: '搜救：楼内被困' }));
    const { claim } = await claimNeed(deps, SYSTEM, n, { organizationId: network.orgs.guangzhouTeam });
    await fresh();
    // Search and rescue claims hold two hours: not yet within 30 minutes of expiring.
    expect(await warnExpiringClaims(deps)).toBe(0);
    clock.advance(95 * 60_000);
    expect(await warnExpiringClaims(deps)).toBeGreaterThanOrEqual(1);
    expect(await warnExpiringClaims(deps)).toBe(0);
    const expiring = (await fresh()).filter((e) => e.type === 'claim.expiring' && e.entityId === claim.id);
    expect(expiring).toHaveLength(1);
    expect(expiring[0]).toMatchObject({
      organizationId: network.orgs.guangzhouTeam,
      category: 'search_rescue',
      jurisdiction: '410105',
    });
  });
});
