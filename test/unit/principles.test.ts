import { describe, expect, it } from 'vitest';
import { evenness, principleIndicators } from '../../src/analysis/principles';

describe('principle indicators', () => {
  it('measures the four principles on a hand-built area', () => {
    const result = principleIndicators({
      organizations: [
        { id: 'a', normalTimeActive: true, tiedIn: true },
        { id: 'b', normalTimeActive: true, tiedIn: false },
        { id: 'c', normalTimeActive: false, tiedIn: false },
        { id: 'd', normalTimeActive: false, tiedIn: true },
      ],
      cellsCovered: 9,
      cooperationTypes: ['learning', 'learning', 'services', 'services'],
      seatSubsystems: ['information', 'command', 'information'],
      applications: [
        { submittedAt: '2025-03-01T00:00:00Z', decidedAt: '2025-03-05T00:00:00Z', decision: 'admit' },
        { submittedAt: '2025-03-01T00:00:00Z', decidedAt: '2025-03-11T00:00:00Z', decision: 'cultivate' },
        { submittedAt: '2025-04-01T00:00:00Z', decidedAt: '2025-04-03T00:00:00Z', decision: 'admit_provisional' },
        { submittedAt: '2025-05-01T00:00:00Z', decidedAt: null, decision: null },
      ],
      newMembers: ['grassroots_group', 'rescue_team', 'community_group', 'foundation'],
    });
    expect(result.normalization).toEqual({ organizations: 4, normalTimeActive: 2, share: 0.5 });
    // Two of five types, evenly: ln 2 / ln 5 = 0.4307.
    expect(result.comprehensiveness).toEqual({
      cellsCovered: 9,
      cellShare: 0.75,
      cooperationTypes: ['services', 'learning'],
      cooperationEvenness: 0.4307,
    });
    expect(result.embedding).toEqual({ tiedIn: 2, share: 0.5, subsystems: ['information', 'command'], subsystemShare: 0.5 });
    // Decided: 3, admitted 2 (admit, provisional); days 4, 10, 2 → median 4.
    expect(result.openness).toEqual({
      applications: 4,
      decided: 3,
      admissionRate: 0.6667,
      medianDaysToDecision: 4,
      newMembers: 4,
      grassrootsShare: 0.5,
    });
  });

  it('has nothing to say without data', () => {
    const empty = principleIndicators({
      organizations: [],
      cellsCovered: 0,
      cooperationTypes: [],
      seatSubsystems: [],
      applications: [],
      newMembers: [],
    });
    expect(empty.normalization.share).toBeNull();
    expect(empty.openness).toMatchObject({ admissionRate: null, medianDaysToDecision: null, grassrootsShare: null });
    expect(evenness(['a', 'a'], ['a', 'b'])).toBe(0);
    expect(evenness(['a', 'b'], ['a', 'b'])).toBe(1);
  });
});
