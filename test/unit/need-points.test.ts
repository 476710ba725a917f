import { describe, expect, it } from 'vitest';
import { type NeedPoint, NeedPoints, topK } from '../../src/projections/need-points';

const point = (id: string, lat: number, lon: number, createdAt: number, extra: Partial<NeedPoint> = {}): NeedPoint => ({
  id,
  jurisdiction: '410102',
  lat,
  lon,
  createdAt,
  status: 'open',
  urgency: 'medium',
  category: 'food',
  remaining: 1,
  vulnerable: false,
  closed: false,
  ...extra,
});

describe('need points', () => {
  it('answers a box with the newest needs first, and counts every match', () => {
    const points = new NeedPoints();
    points.put(point('a', 34.7, 113.6, 1));
    points.put(point('b', 34.71, 113.61, 3));
    points.put(point('c', 34.72, 113.62, 2));
    points.put(point('far', 30.0, 110.0, 4));
    const found = points.query({ box: { south: 34.6, west: 113.5, north: 34.8, east: 113.7 } }, 2);
    expect(found.items.map((p) => p.id)).toEqual(['b', 'c']);
    expect(found.total).toBe(3);
    expect(points.query({}, 10).items.map((p) => p.id)).toEqual(['far', 'b', 'c', 'a']);
  });

  it('filters by status, category, urgency, vulnerable people and unclaimed quantity', () => {
    const points = new NeedPoints();
    points.put(point('open-food', 34.7, 113.6, 1));
    points.put(point('claimed-water', 34.7, 113.6, 2, { status: 'claimed', category: 'water_sanitation', remaining: 0 }));
    points.put(point('critical-elderly', 34.7, 113.6, 3, { urgency: 'critical', vulnerable: true }));
    points.put(point('closed', 34.7, 113.6, 4, { status: 'closed', closed: true, remaining: 5 }));
    const ids = (f: Parameters<NeedPoints['query']>[0]) => points.query(f, 10).items.map((p) => p.id);
    expect(ids({ statuses: ['claimed'] })).toEqual(['claimed-water']);
    expect(ids({ category: 'water_sanitation' })).toEqual(['claimed-water']);
    expect(ids({ urgency: 'critical' })).toEqual(['critical-elderly']);
    expect(ids({ vulnerableOnly: true })).toEqual(['critical-elderly']);
    expect(ids({ unclaimedOnly: true })).toEqual(['critical-elderly', 'open-food']);
  });

  it('replaces a need it knows, also when it moves to another cell', () => {
    const points = new NeedPoints();
    points.put(point('a', 34.7, 113.6, 1));
    points.put(point('a', 34.7, 113.6, 1, { status: 'fulfilled', remaining: 0 }));
    expect(points.count).toBe(1);
    expect(points.query({}, 10).items[0]).toMatchObject({ status: 'fulfilled', remaining: 0 });
    points.put(point('a', 31.2, 121.4, 1));
    expect(points.query({ box: { south: 34.6, west: 113.5, north: 34.8, east: 113.7 } }, 10).total).toBe(0);
    expect(points.query({ box: { south: 31.1, west: 121.3, north: 31.3, east: 121.5 } }, 10).items.map((p) => p.id)).toEqual([
      'a',
    ]);
  });

  it('grows past its first capacity', () => {
    const points = new NeedPoints();
    for (let i = 0; i < 5000; i++) points.put(point(`n${i}`, 34 + (i % 100) / 1000, 113 + (i % 77) / 1000, i));
    const found = points.query({ box: { south: 34, west: 113, north: 34.05, east: 113.05 } }, 3);
    const expected = Array.from({ length: 5000 }, (_, i) => 4999 - i).filter((i) => i % 100 <= 50 && i % 77 <= 50);
    expect(found.items.map((p) => p.createdAt)).toEqual(expected.slice(0, 3));
    expect(found.total).toBe(expected.length);
    expect(points.count).toBe(5000);
  });

  it('selects the first k in order', () => {
    const values = [9, 1, 8, 2, 7, 3, 6, 4, 5];
    expect(topK(values, 3, (a, b) => a - b)).toEqual([1, 2, 3]);
    expect(topK(values, 9, (a, b) => b - a)).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });
});
