import { beforeAll, expect, it } from 'vitest';
import { findUserByEmail } from '../../src/db/repositories/users';
import { MEMBERSHIP_STATUSES } from '../../src/model/membership';
import { ORGANIZATION_KINDS } from '../../src/model/organization';
import { substitutionOf } from '../../src/services/analytics/substitution';
import { verifyAuditChain } from '../../src/services/audit/verify-audit-chain';
import { signIn } from '../../src/services/auth/sessions';
import { DEMO_PASSWORD, loadDemoNetwork } from '../../src/services/demo/demo-network';
import { getIncidentEvaluation } from '../../src/services/incidents/incident-evaluation';
import { incidentLedger } from '../../src/services/ledger/read-ledger';
import { recordsOf } from '../../src/services/organizations/organization-record';
import { incidentTransparency } from '../../src/services/resources/transparency';
import { myTasks } from '../../src/services/tasks/my-tasks';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

describeEachDatabase('demo network', (t) => {
  let report: Awaited<ReturnType<typeof loadDemoNetwork>>;
  beforeAll(async () => {
    report = await loadDemoNetwork(t().deps);
  });

  it('loads a few hundred organizations of every kind and membership state, with one account per role', async () => {
    const { deps } = t();
    expect(report.organizations).toBeGreaterThanOrEqual(200);
    const byStatus = await deps.db
      .selectFrom('organizations')
      .select(['membership_status', 'membership_tier', 'kind', 'jurisdictions'])
      .execute();
    expect(new Set(byStatus.map((o) => o.membership_status))).toEqual(new Set(MEMBERSHIP_STATUSES));
    expect(new Set(byStatus.map((o) => o.kind))).toEqual(new Set(ORGANIZATION_KINDS));
    expect(byStatus.some((o) => o.membership_tier === 'provisional')).toBe(true);
    expect(new Set(byStatus.map((o) => (JSON.parse(o.jurisdictions) as string[])[0].slice(0, 2)))).toEqual(
      new Set(['41', '42', '51']),
    );
    for (const table of ['filings', 'agreements', 'seats', 'capacities', 'specialties', 'volunteers'] as const) {
      const rows = await deps.db.selectFrom(table).select(['verified_by']).execute();
      expect(rows.length, table).toBeGreaterThan(10);
      expect(rows.some((r) => r.verified_by) && rows.some((r) => !r.verified_by), table).toBe(true);
    }
    expect(report.accounts.map((a) => a.role).sort()).toEqual([
      'agency_staff',
      'coordinator',
      'observer',
      'org_admin',
      'org_member',
    ]);
    const coordinator = await findUserByEmail(deps.db, 'coordinator@demo.corespond.cn');
    expect(coordinator?.jurisdiction).toBe('410000');
    await expect(signIn(deps, 'team-admin@demo.corespond.cn', DEMO_PASSWORD, 'token')).resolves.toBeDefined();
    // Two past incidents, one being prepared for, and an ongoing one with teams in every state of their deployment and needs in every state.
    const incidents = await deps.db.selectFrom('incidents').select(['id', 'stage']).execute();
    expect(incidents.map((i) => i.stage).sort()).toEqual(['closed', 'closed', 'preparedness', 'response']);
    const deployments = await deps.db.selectFrom('deployments').select('status').execute();
    expect(new Set(deployments.map((d) => d.status)).size).toBeGreaterThanOrEqual(6);
    // Approved teams carry passes; the team that returned has its pass revoked.
    const passes = await deps.db.selectFrom('passes').select(['revoked_at', 'revoke_reason']).execute();
    expect(passes.filter((p) => p.revoked_at === null).length).toBeGreaterThanOrEqual(4);
    expect(passes.filter((p) => p.revoke_reason === 'deployment returned').length).toBeGreaterThanOrEqual(1);
    const needs = await deps.db.selectFrom('needs').select(['status', 'source']).execute();
    expect(new Set(needs.map((n) => n.status))).toEqual(new Set(['open', 'claimed', 'in_progress', 'fulfilled']));
    expect(needs.some((n) => n.source === 'public')).toBe(true);
    expect((await deps.db.selectFrom('need_duplicates').select('need_id').execute()).length).toBeGreaterThanOrEqual(1);
    expect((await verifyAuditChain(deps.db)).ok).toBe(true);
  });

  it('has normal-time programs, far more often among embedded organizations (the stated model)', async () => {
    const { db } = t().deps;
    const programs = await db.selectFrom('programs').select(['id', 'lead_organization_id']).execute();
    expect(programs.length).toBeGreaterThan(20);
    const verified = async (table: 'filings' | 'agreements') =>
      (await db.selectFrom(table).select('organization_id').where('verified_at', 'is not', null).execute()).map(
        (r) => r.organization_id,
      );
    const embedded = new Set([...(await verified('filings')), ...(await verified('agreements'))]);
    const social = (await db.selectFrom('organizations').select('id').where('kind', '<>', 'government_agency').execute()).map(
      (o) => o.id,
    );
    const leads = new Set(programs.map((p) => p.lead_organization_id));
    const rate = (ids: string[]) => ids.filter((id) => leads.has(id)).length / ids.length;
    const inside = social.filter((id) => embedded.has(id));
    const outside = social.filter((id) => !embedded.has(id));
    // Expected 0.6 against 0.1; well apart even with a few hundred organizations.
    expect(rate(inside)).toBeGreaterThan(rate(outside) + 0.25);
  });

  it('shows the crowding-out after the peak and emergent groups in the past incidents (the stated model)', async () => {
    const { deps } = t();
    const past = await deps.db.selectFrom('incidents').select('id').where('stage', '=', 'closed').execute();
    expect(past).toHaveLength(2);
    for (const { id } of past) {
      const s = await substitutionOf(deps, SYSTEM, id);
      // Social teams leave when the response ends (0.8 if not embedded, 0.3 if embedded) and later; government stays.
      expect(s.drop).toBeGreaterThan(0.3);
      expect(s.departures.length).toBeGreaterThan(2);
      const last = s.days[s.days.length - 1];
      expect(Number(last.deployed.socialShare)).toBeLessThan(
        Number(s.days.find((d) => d.day === s.peak?.day)?.deployed.socialShare),
      );
    }
    const emergent = await deps.db
      .selectFrom('applications')
      .innerJoin('organizations', 'organizations.id', 'applications.organization_id')
      .select('organizations.name')
      .where('applications.decision', '=', 'admit_provisional')
      .where('organizations.kind', '=', 'grassroots_group')
      .execute();
    expect(emergent.length).toBeGreaterThanOrEqual(6);
  });

  it("gives the demo team's member open tasks in the ongoing incident", async () => {
    const { deps } = t();
    const member = await findUserByEmail(deps.db, 'team-member@demo.corespond.cn');
    if (!member) throw new Error('the demo team member is missing');
    const actor = {
      kind: 'user',
      userId: member.id,
      role: member.role,
      organizationId: member.organizationId,
      jurisdiction: null,
    } as const;
    const tasks = await myTasks(deps, actor);
    expect(tasks.mayAct).toBe(true);
    expect(tasks.dispatches.length).toBeGreaterThan(0);
    expect(tasks.claims.length).toBeGreaterThan(0);
    expect(tasks.deployments.some((d) => d.nextCheckInDue !== null)).toBe(true);
    expect(tasks.unclaimed.length).toBeGreaterThan(0);
  });

  it('gives the ongoing incident goods: warehouses, offers (some not wanted), a committed plan, shipments in every state, a fresh proposal', async () => {
    const { deps } = t();
    const incident = await deps.db.selectFrom('incidents').select('id').where('stage', '=', 'response').executeTakeFirstOrThrow();
    const warehouses = await deps.db.selectFrom('warehouses').select('kind').execute();
    expect(new Set(warehouses.map((w) => w.kind))).toEqual(new Set(['warehouse', 'collection_point']));
    const offers = await deps.db.selectFrom('offers').select(['kind', 'source', 'unwanted_reason', 'status']).execute();
    expect(new Set(offers.map((o) => o.kind))).toEqual(new Set(['goods', 'money', 'vehicle']));
    expect(offers.some((o) => o.source === 'public') && offers.some((o) => o.unwanted_reason !== null)).toBe(true);
    const plans = await deps.db.selectFrom('allocation_plans').select('status').execute();
    expect(plans.map((p) => p.status).sort()).toEqual(['committed', 'proposed']);
    const shipments = await deps.db.selectFrom('shipments').select('status').execute();
    expect(new Set(shipments.map((s) => s.status))).toEqual(
      new Set(['dispatched', 'in_transit', 'delivered', 'lost', 'returned']),
    );
    const ledger = await incidentLedger(deps, SYSTEM, incident.id, { limit: 10 });
    expect(ledger.reconciled).toMatchObject({ ok: true });
    const published = await incidentTransparency(deps, incident.id);
    expect(published.money.pledged).toBeGreaterThan(0);
    expect(published.items.some((i) => i.delivered > 0)).toBe(true);
  });

  it('evaluates each closed incident from its own history: reviews with ratings, missed check-ins, declined dispatches', async () => {
    const { deps } = t();
    const past = await deps.db.selectFrom('incidents').select('id').where('stage', '=', 'closed').execute();
    for (const { id } of past) {
      const e = await getIncidentEvaluation(deps, SYSTEM, id);
      expect(e.needs.total).toBeGreaterThan(50);
      expect(e.needs.byCategory.every((c) => c.medianMinutesToClaim !== null)).toBe(true);
      expect(e.vulnerable.vulnerable.needs).toBeGreaterThan(0);
      expect(e.deployments.deployed).toBeGreaterThan(5);
      expect(e.deployments.checkIns.kept).toBeGreaterThan(e.deployments.checkIns.missed);
      expect(e.deployments.alarms).toBeGreaterThan(0);
      expect(e.organizations.filter((o) => o.rating !== null).length).toBeGreaterThan(3);
      expect(e.lessons).toMatchObject({ total: 3, reviews: 1 });
      expect(e.texts.deployments).toMatch(/失联告警 [1-9]\d* 次/);
    }
    const declined = await deps.db.selectFrom('need_claims').select('id').where('status', '=', 'declined').execute();
    expect(declined.length).toBeGreaterThan(3);
    // The records differ: some teams carried more through, kept more check-ins, were rated better.
    const rated = await deps.db.selectFrom('lessons').select('performance').where('kind', '=', 'after_action_review').execute();
    const ids = [
      ...new Set(rated.flatMap((r) => (JSON.parse(r.performance) as { organizationId: string }[]).map((n) => n.organizationId))),
    ];
    const records = await recordsOf(deps.db, ids, deps.now());
    expect(new Set([...records.values()].map((r) => r.trackRecord)).size).toBeGreaterThan(3);
    expect([...records.values()].some((r) => r.ratings.mean !== null && r.ratings.mean < 4)).toBe(true);
  });

  it('refuses to load into a platform that already has organizations', async () => {
    await expect(loadDemoNetwork(t().deps)).rejects.toMatchObject({ code: 'setup_done' });
  });

  it('gives the ongoing flood a running coordination centre and a typhoon in preparedness its standby roster', async () => {
    const { deps } = t();
    const incidents = await deps.db.selectFrom('incidents').select(['id', 'name', 'stage']).execute();
    const flood = incidents.find((i) => i.name === '新乡暴雨洪涝灾害');
    const typhoon = incidents.find((i) => i.stage === 'preparedness');
    const centres = await deps.db
      .selectFrom('coordination_centres')
      .selectAll()
      .where('incident_id', '=', flood?.id ?? '')
      .execute();
    expect(centres.filter((c) => c.stood_down_at === null)).toHaveLength(1);
    const seats = await deps.db
      .selectFrom('centre_seats')
      .select(['subsystem'])
      .where('centre_id', '=', centres[0]?.id ?? '')
      .execute();
    expect(seats.length).toBeGreaterThanOrEqual(2);
    const roster = await deps.db
      .selectFrom('standby_requests')
      .select(['answer'])
      .where('incident_id', '=', typhoon?.id ?? '')
      .execute();
    expect(new Set(roster.map((s) => s.answer))).toEqual(new Set(['pending', 'ready', 'unavailable']));
    const changes = await deps.db.selectFrom('incident_changes').select(['kind', 'reason']).execute();
    expect(changes.map((c) => c.kind).sort()).toEqual(['level', 'policy', 'warning_color']);
  });
});
