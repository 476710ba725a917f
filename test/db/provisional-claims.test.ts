/**
 * Provisional-tier organizations (emergent groups admitted provisionally) may claim, but their
 * claims hold the quantity unconfirmed until a coordinator confirms or rejects them (issue 12).
 */
import { beforeAll, expect, it } from 'vitest';
import { findClaim } from '../../src/db/repositories/claims';
import { findNeed, needHistory } from '../../src/db/repositories/needs';
import { declareCapacity } from '../../src/services/capacity/manage-capacity';
import { declareIncident } from '../../src/services/incidents/manage-incidents';
import { transitionMembership } from '../../src/services/membership/transition-membership';
import { claimNeed, confirmClaim, rejectClaim, reportProgress } from '../../src/services/needs/claims';
import { recommendOrganizations } from '../../src/services/needs/recommend-organizations';
import { reportNeed } from '../../src/services/needs/report-need';
import { createOrganization } from '../../src/services/organizations/create-organization';
import { verifyDeclaration } from '../../src/services/verify-declaration';
import { describeEachDatabase } from '../support/databases';
import { SYSTEM } from '../support/fixtures';

describeEachDatabase('provisional claims wait for a coordinator', (t) => {
  let incident: string;
  let provisional: string;
  let standard: string;
  let serial = 0;
  const group = async (kind: 'grassroots_group' | 'rescue_team') =>
    (
      await createOrganization(t().deps, SYSTEM, {
        kind,
        name: `临时认领队${++serial}`,
        jurisdictions: ['410105'],
        base: { lat: 34.8, lon: 113.7 },
        capabilities: { cells: [{ strategy: 'resources', phase: 'crisis' }], serviceCategories: ['food'] },
      })
    ).id;
  const need = async (quantity = 5) => {
    const outcome = await reportNeed(t().deps, SYSTEM, incident, {
      title: `临时认领需求${++serial}`,
      category: 'food',
      quantity,
      jurisdiction: '410105',
      lat: 34.8 + serial * 0.001,
      lon: 113.7,
    });
    if (outcome.replayed) throw new Error('a fresh need was expected');
    return outcome.reported.need.id;
  };

  beforeAll(async () => {
    const { deps } = t();
    incident = (
      await declareIncident(deps, SYSTEM, {
        name: '临时认领演练',
        category: 'natural_disaster',
        type: '洪涝',
        level: 3,
        jurisdictions: ['410100'],
      })
    ).id;
    provisional = await group('grassroots_group');
    await transitionMembership(deps, SYSTEM, provisional, { to: 'active', tier: 'provisional', reason: '暂时接纳的自发群体' });
    standard = await group('rescue_team');
  });

  it('holds the quantity of an unconfirmed claim against others, and refuses progress until confirmed', async () => {
    const { deps } = t();
    const needId = await need(5);
    const { claim, need: after } = await claimNeed(deps, SYSTEM, needId, { organizationId: provisional, quantity: 5 });
    expect(claim.status).toBe('unconfirmed');
    expect(after.status).toBe('claimed');
    expect(after.claimedQuantity).toBe(5);
    await expect(claimNeed(deps, SYSTEM, needId, { organizationId: standard, quantity: 1 })).rejects.toMatchObject({
      code: 'claim_conflict',
    });
    await expect(reportProgress(deps, SYSTEM, claim.id, { note: '出发' })).rejects.toMatchObject({
      code: 'invalid_transition',
      detail: "the claim awaits a coordinator's confirmation",
    });
  });

  it('confirming makes the claim active with a fresh hold, once', async () => {
    const { deps } = t();
    const needId = await need(3);
    const { claim } = await claimNeed(deps, SYSTEM, needId, { organizationId: provisional });
    const confirmed = await confirmClaim(deps, SYSTEM, claim.id);
    expect(confirmed.claimedQuantity).toBe(3);
    const stored = await findClaim(deps.db, claim.id);
    expect(stored?.status).toBe('active');
    expect(stored?.endedAt).toBeNull();
    expect((stored?.expiresAt ?? '') >= claim.expiresAt).toBe(true);
    expect((await needHistory(deps.db, needId)).map((e) => e.kind)).toContain('claim_confirmed');
    await expect(confirmClaim(deps, SYSTEM, claim.id)).rejects.toMatchObject({ code: 'invalid_transition' });
    await expect(rejectClaim(deps, SYSTEM, claim.id, '太晚了')).rejects.toMatchObject({ code: 'invalid_transition' });
    // Now it is an ordinary claim: progress keeps it alive.
    const progressed = await reportProgress(deps, SYSTEM, claim.id, { note: '物资已装车' });
    expect(progressed.status).toBe('in_progress');
  });

  it('rejecting needs a reason, frees the quantity and reopens the need, recorded with the reason', async () => {
    const { deps } = t();
    const needId = await need(2);
    const { claim } = await claimNeed(deps, SYSTEM, needId, { organizationId: provisional });
    await expect(rejectClaim(deps, SYSTEM, claim.id, '   ')).rejects.toMatchObject({ code: 'invalid_input', field: 'reason' });
    const reopened = await rejectClaim(deps, SYSTEM, claim.id, '该群体未携带救生设备');
    expect(reopened.status).toBe('open');
    expect(reopened.claimedQuantity).toBe(0);
    expect((await findClaim(deps.db, claim.id))?.status).toBe('rejected');
    const rejected = (await needHistory(deps.db, needId)).find((e) => e.kind === 'claim_rejected');
    expect(rejected?.detail).toMatchObject({ claimId: claim.id, reason: '该群体未携带救生设备' });
    // Someone else may take it now.
    const { claim: other } = await claimNeed(deps, SYSTEM, needId, { organizationId: standard });
    expect(other.status).toBe('active');
    expect((await findNeed(deps.db, needId))?.claimedQuantity).toBe(2);
  });

  it('labels provisional organizations in recommendations, and a standard one claims straight away', async () => {
    const { deps } = t();
    const needId = await need(1);
    const ranked = await recommendOrganizations(deps, SYSTEM, needId, { limit: 50 });
    const mine = ranked.find((r) => r.organizationId === provisional);
    expect(mine).toMatchObject({ membershipTier: 'provisional' });
    expect(mine?.explanation).toContain('provisional');
    expect(ranked.find((r) => r.organizationId === standard)).toMatchObject({ membershipTier: 'standard' });
    const { claim } = await claimNeed(deps, SYSTEM, needId, { organizationId: standard });
    expect(claim.status).toBe('active');
  });

  it('filters recommendations by kind, distance and verified capacity', async () => {
    const { deps } = t();
    const needId = await need(1);
    const kinds = await recommendOrganizations(deps, SYSTEM, needId, { limit: 50, kind: 'grassroots_group' });
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.every((r) => r.kind === 'grassroots_group')).toBe(true);
    const near = await recommendOrganizations(deps, SYSTEM, needId, { limit: 50, withinKm: 5 });
    expect(near.every((r) => r.distanceKm !== null && r.distanceKm <= 5)).toBe(true);
    expect(near.map((r) => r.organizationId)).toContain(standard);
    const verifiedIds = async () => {
      const found = await recommendOrganizations(deps, SYSTEM, needId, { limit: 50, verifiedOnly: true });
      expect(found.every((r) => r.verifiedCapacity)).toBe(true);
      return found.map((r) => r.organizationId);
    };
    expect(await verifiedIds()).not.toContain(standard);
    const boats = await declareCapacity(deps, SYSTEM, standard, { kind: 'vehicle', type: '冲锋舟', typeLevel: 2, quantity: 2 });
    expect(await verifiedIds()).not.toContain(standard);
    await verifyDeclaration(deps, SYSTEM, 'capacities', boats.id);
    expect(await verifiedIds()).toContain(standard);
  });
});
