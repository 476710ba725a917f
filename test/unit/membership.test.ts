import { describe, expect, it } from 'vitest';
import { canTransition, decisionOutcome, mayBeProvisional, nextStatuses, reviewDue } from '../../src/model/membership';

describe('membership lifecycle rules', () => {
  it('admits, cultivates, suspends, lets go and takes back', () => {
    expect(nextStatuses('under_review')).toEqual(['active', 'cultivation', 'declined']);
    expect(canTransition('active', 'suspended')).toBe(true);
    expect(canTransition('suspended', 'active')).toBe(true);
    expect(canTransition('exited', 'active')).toBe(true);
    expect(canTransition('declined', 'under_review')).toBe(true);
  });

  it('refuses shortcuts', () => {
    expect(canTransition('under_review', 'suspended')).toBe(false);
    expect(canTransition('declined', 'active')).toBe(false);
    expect(canTransition('active', 'under_review')).toBe(false);
    expect(canTransition('active', 'active')).toBe(false);
    expect(canTransition('active', 'active', true)).toBe(true);
    expect(canTransition('suspended', 'suspended', true)).toBe(false);
  });

  it('maps each decision to a status and tier', () => {
    expect(decisionOutcome('admit')).toEqual({ status: 'active', tier: 'standard' });
    expect(decisionOutcome('admit_provisional')).toEqual({ status: 'active', tier: 'provisional' });
    expect(decisionOutcome('cultivate')).toEqual({ status: 'cultivation', tier: 'standard' });
    expect(decisionOutcome('decline')).toEqual({ status: 'declined', tier: 'standard' });
  });

  it('keeps the provisional tier for emergent and community groups', () => {
    expect(mayBeProvisional('grassroots_group')).toBe(true);
    expect(mayBeProvisional('community_group')).toBe(true);
    expect(mayBeProvisional('rescue_team')).toBe(false);
    expect(mayBeProvisional('government_agency')).toBe(false);
  });

  it('tells when a cultivation plan is due', () => {
    const plan = { goals: ['x'], mentorOrganizationId: null, reviewOn: '2026-12-01' };
    expect(reviewDue(plan, '2026-11-30')).toBe(false);
    expect(reviewDue(plan, '2026-12-01')).toBe(true);
  });
});
