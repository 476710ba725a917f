import { describe, expect, it } from 'vitest';
import type { Candidate } from '../../src/matching/recommend';
import { CandidateIndex } from '../../src/projections/candidate-index';

const org = (
  id: string,
  jurisdictions: string[],
  base: Candidate['base'],
  categories: Candidate['categories'] = ['food'],
): Candidate => ({
  id,
  name: id,
  kind: 'rescue_team',
  membershipStatus: 'active',
  membershipTier: 'standard',
  jurisdictions,
  base,
  categories,
  cells: [],
  people: 0,
  deployed: 0,
  verifiedCapacity: false,
  fulfilled: 0,
  dropped: 0,
});

const ids = (found: Candidate[]) => found.map((c) => c.id).sort();

describe('candidate index', () => {
  it('finds those serving the need’s county, city or province, and those based nearby, each once', () => {
    const index = new CandidateIndex();
    index.put(org('county', ['410105'], null));
    index.put(org('city', ['410100'], { lat: 30, lon: 100 }));
    index.put(org('province', ['410000'], null));
    index.put(org('other-county', ['410302'], null));
    index.put(org('near-base', ['420100'], { lat: 34.9, lon: 113.5 }));
    index.put(org('serves-and-near', ['410105'], { lat: 34.8, lon: 113.7 }));
    index.put(org('far-base', ['440100'], { lat: 23.1, lon: 113.3 }));
    index.put(org('other-category', ['410105'], null, ['shelter']));
    const found = index.near('food', '410105', 34.77, 113.68, 3);
    expect(ids(found)).toEqual(['city', 'county', 'near-base', 'province', 'serves-and-near']);
    expect(found).toHaveLength(5);
  });

  it('widens the search square by square until there are enough, within the limit', () => {
    const index = new CandidateIndex();
    index.put(org('one-degree', ['420100'], { lat: 35.6, lon: 113.7 }));
    index.put(org('two-degrees', ['420100'], { lat: 36.7, lon: 113.7 }));
    index.put(org('four-degrees', ['420100'], { lat: 38.8, lon: 113.7 }));
    expect(ids(index.near('food', '410105', 34.77, 113.68, 3, 1))).toEqual(['one-degree']);
    expect(ids(index.near('food', '410105', 34.77, 113.68, 3, 10))).toEqual(['one-degree', 'two-degrees']);
  });

  it('replaces and forgets organizations', () => {
    const index = new CandidateIndex();
    index.put(org('a', ['410105'], null));
    index.put(org('a', ['410105'], null, ['shelter']));
    expect(index.near('food', '410105', 34.77, 113.68, 3)).toEqual([]);
    expect(ids(index.near('shelter', '410105', 34.77, 113.68, 3))).toEqual(['a']);
    index.remove('a');
    expect(index.size).toBe(0);
    expect(index.near('shelter', '410105', 34.77, 113.68, 3)).toEqual([]);
  });
});
