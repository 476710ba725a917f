/**
 * Membership gates action (issue 12): only active members and organizations under cultivation
 * may claim needs, accept dispatches, file deployments or be recommended; the others get 403
 * `membership_inactive` naming their status, archived ones keep 409 `archived`; suspending an
 * organization releases the needs it holds.
 */
import { beforeAll, expect, it } from 'vitest';
import { findClaim } from '../../src/db/repositories/claims';
import { findNeed, needHistory } from '../../src/db/repositories/needs';
import { fileDeployment } from '../../src/services/deployments/manage-deployments';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { submitApplication } from '../../src/services/membership/applications';
import { transitionMembership } from '../../src/services/membership/transition-membership';
import { claimNeed, dispatchNeed } from '../../src/services/needs/claims';
import { recommendOrganizations } from '../../src/services/needs/recommend-organizations';
import { reportNeed } from '../../src/services/needs/report-need';
import { archiveOrganization } from '../../src/services/organizations/archive-organization';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

describeEachDatabase('membership gates action', (t) => {
  let incident: string;
  let serial = 0;
  const team = async (extra: { base?: { lat: number; lon: number } } = {}) =>
    (
      await createOrganization(t().deps, SYSTEM, {
        kind: 'rescue_team',
        name: `门槛测试队${++serial}`,
        jurisdictions: ['410105'],
        capabilities: { cells: [{ strategy: 'resources', phase: 'crisis' }], serviceCategories: ['food'] },
        ...extra,
      })
    ).id;
  const need = async (quantity = 5) => {
    const outcome = await reportNeed(t().deps, SYSTEM, incident, {
      title: `门槛测试需求${++serial}`,
      category: 'food',
      quantity,
      jurisdiction: '410105',
      lat: 34.8 + serial * 0.001,
      lon: 113.7,
    });
    if (outcome.replayed) throw new Error('a fresh need was expected');
    return outcome.reported.need.id;
  };
  const filing = (organizationId: string) => ({
    organizationId,
    teamName: '门槛分队',
    leaderName: '王队长',
    leaderPhone: '13500000000',
    headcount: 4,
    origin: '410105',
  });

  beforeAll(async () => {
    incident = (
      await declareIncident(t().deps, SYSTEM, {
        name: '门槛演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
      })
    ).id;
  });

  it('refuses suspended, exited and under-review organizations with their status, and archived ones as before', async () => {
    const { deps } = t();
    const suspended = await team();
    await transitionMembership(deps, SYSTEM, suspended, { to: 'suspended', reason: '未按要求报备' });
    const exited = await team();
    await transitionMembership(deps, SYSTEM, exited, { to: 'exited', reason: '组织解散' });
    const applicant = (
      await submitApplication(deps, {
        organization: { kind: 'grassroots_group', name: '门槛申请队', jurisdictions: ['410105'] },
        contact: { name: '李四', phone: '13900000000' },
      })
    ).organization.id;
    for (const [organizationId, status] of [
      [suspended, 'suspended'],
      [exited, 'exited'],
      [applicant, 'under_review'],
    ] as const) {
      const refused = { code: 'membership_inactive', field: 'organizationId', extra: { membershipStatus: status } };
      await expect(claimNeed(deps, SYSTEM, await need(), { organizationId })).rejects.toMatchObject(refused);
      await expect(dispatchNeed(deps, SYSTEM, await need(), { organizationId })).rejects.toMatchObject(refused);
      await expect(fileDeployment(deps, SYSTEM, incident, filing(organizationId))).rejects.toMatchObject(refused);
    }
    const archived = await team();
    await archiveOrganization(deps, SYSTEM, archived);
    await expect(claimNeed(deps, SYSTEM, await need(), { organizationId: archived })).rejects.toMatchObject({ code: 'archived' });
    // A refused claim holds nothing.
    const open = await need();
    await expect(claimNeed(deps, SYSTEM, open, { organizationId: suspended })).rejects.toMatchObject({
      code: 'membership_inactive',
    });
    expect(await findNeed(deps.db, open)).toMatchObject({ claimedQuantity: 0, status: 'open' });
  });

  it('lets active members and organizations under cultivation act', async () => {
    const { deps } = t();
    const cultivated = await team();
    await transitionMembership(deps, SYSTEM, cultivated, {
      to: 'cultivation',
      reason: '需要提升能力',
      plan: { goals: ['完成培训'], mentorOrganizationId: null, reviewOn: '2027-06-30' },
    });
    expect((await claimNeed(deps, SYSTEM, await need(), { organizationId: cultivated, quantity: 1 })).claim.status).toBe(
      'active',
    );
    expect((await fileDeployment(deps, SYSTEM, incident, filing(await team()))).status).toBeDefined();
  });

  it('releases the needs an organization holds when it is suspended, and the board is told', async () => {
    const { deps } = t();
    const holder = await team();
    const claimed = await need(5);
    const offered = await need(2);
    const claim = (await claimNeed(deps, SYSTEM, claimed, { organizationId: holder, quantity: 3 })).claim;
    const dispatch = (await dispatchNeed(deps, SYSTEM, offered, { organizationId: holder })).claim;
    expect(await findNeed(deps.db, claimed)).toMatchObject({ claimedQuantity: 3, status: 'claimed' });
    const liveBefore = await deps.db.selectFrom('live_events').select('seq').where('incident_id', '=', incident).execute();
    await transitionMembership(deps, SYSTEM, holder, { to: 'suspended', reason: '违规收费' });
    expect(await findNeed(deps.db, claimed)).toMatchObject({ claimedQuantity: 0, status: 'open' });
    expect(await findNeed(deps.db, offered)).toMatchObject({ claimedQuantity: 0, status: 'open' });
    expect((await findClaim(deps.db, claim.id))?.status).toBe('released');
    expect((await findClaim(deps.db, dispatch.id))?.status).toBe('released');
    const released = (await needHistory(deps.db, claimed)).find((h) => h.kind === 'released');
    expect(released?.detail).toMatchObject({ claimId: claim.id, reason: expect.stringContaining('违规收费') });
    const liveAfter = await deps.db.selectFrom('live_events').select('seq').where('incident_id', '=', incident).execute();
    expect(liveAfter.length - liveBefore.length).toBe(2);
  });

  it('recommends only organizations that may act', async () => {
    const { deps } = t();
    const place = { lat: 34.9, lon: 113.9 };
    const active = await team({ base: place });
    const suspended = await team({ base: place });
    await transitionMembership(deps, SYSTEM, suspended, { to: 'suspended', reason: '暂停' });
    const outcome = await reportNeed(deps, SYSTEM, incident, {
      title: '推荐门槛',
      category: 'food',
      jurisdiction: '410105',
      ...place,
    });
    if (outcome.replayed) throw new Error('a fresh need was expected');
    const names = (await recommendOrganizations(deps, SYSTEM, outcome.reported.need.id, { limit: 50 })).map(
      (r) => r.organizationId,
    );
    expect(names).toContain(active);
    expect(names).not.toContain(suspended);
  });
});
