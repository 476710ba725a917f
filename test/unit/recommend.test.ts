import { describe, expect, it } from 'vitest';
import { type Candidate, recommend, scoreCandidate } from '../../src/matching/recommend';

const need = {
  category: 'water_sanitation' as const,
  cell: { strategy: 'action' as const, phase: 'crisis' as const },
  jurisdiction: '410105',
  lat: 34.77,
  lon: 113.68,
};

const candidate = (over: Partial<Candidate>): Candidate => ({
  id: 'x',
  name: 'x',
  kind: 'rescue_team',
  membershipStatus: 'active',
  membershipTier: 'standard',
  verifiedCapacity: false,
  jurisdictions: ['410105'],
  base: { lat: 34.77, lon: 113.68 },
  categories: ['water_sanitation'],
  cells: [{ strategy: 'action', phase: 'crisis' }],
  people: 10,
  deployed: 2,
  fulfilled: 14,
  dropped: 0,
  ...over,
});

describe('recommendations by function', () => {
  it('explains each score by its inputs', () => {
    const r = scoreCandidate(need, candidate({ base: { lat: 34.77 + 0.108, lon: 113.68 } }));
    expect(r.explanation).toBe(
      'covers water_sanitation; works in action:crisis; 12 km; serves this area; 8 of 10 people free; 14 needs fulfilled; status active',
    );
    expect(r.factors).toMatchObject({ capability: 1, area: 1, capacity: 0.8 });
    expect(r.distanceKm).toBe(12);
  });

  it('ranks capability first, then nearness, free capacity and track record', () => {
    const ranked = recommend(need, [
      candidate({ id: 'far', name: 'far', base: { lat: 36.5, lon: 113.68 } }),
      candidate({ id: 'near', name: 'near' }),
      candidate({ id: 'other-skill', name: 'other-skill', categories: ['food'], cells: [] }),
      candidate({ id: 'busy', name: 'busy', deployed: 10 }),
      candidate({ id: 'unreliable', name: 'unreliable', fulfilled: 1, dropped: 9 }),
    ]);
    const order = ranked.map((r) => r.organizationId);
    // The one near, free and reliable leads; each shortcoming costs rank; a missing skill costs most.
    expect(order[0]).toBe('near');
    expect(order[4]).toBe('other-skill');
    expect(new Set(order.slice(1, 4))).toEqual(new Set(['busy', 'unreliable', 'far']));
    const score = Object.fromEntries(ranked.map((r) => [r.organizationId, r.score]));
    expect(score.near - score.busy).toBeCloseTo(0.15 * 0.8, 5);
    expect(score.near - score['other-skill']).toBeCloseTo(0.4, 5);
  });

  it('ranks an unrecognized but capable group on its function: status is shown, not held against it', () => {
    const [a, b] = recommend(need, [
      candidate({ id: 'member', name: 'a', membershipStatus: 'active' }),
      candidate({ id: 'emergent', name: 'b', membershipStatus: 'under_review', kind: 'grassroots_group' }),
    ]);
    expect(a.score).toBe(b.score);
    expect(b.explanation).toMatch(/status under_review/);
  });

  it('treats unknown capacity and a new organization as middling, not as zero', () => {
    const fresh = scoreCandidate(need, candidate({ people: 0, deployed: 0, fulfilled: 0, dropped: 0, base: null }));
    expect(fresh.factors).toMatchObject({ capacity: null, distance: null, record: 0.5 });
    expect(fresh.explanation).toMatch(/no base location; serves this area; no people capacity on record; 0 needs fulfilled/);
  });
});
