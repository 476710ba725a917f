import { describe, expect, it } from 'vitest';
import type { Comparable } from '../../src/matching/duplicates';
import type { DuplicateCandidate } from '../../src/model/need';
import { RecentNeeds } from '../../src/projections/recent-needs';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-07-20T08:00:00Z');

const need = (id: string, lat: number, lon: number, hoursAgo = 0, contactPhone: string | null = null): DuplicateCandidate => ({
  id,
  title: '停水',
  description: null,
  category: 'water_sanitation',
  jurisdiction: '410105',
  lat,
  lon,
  contactPhone,
  createdAt: new Date(T0 - hoursAgo * HOUR).toISOString(),
});

const ids = (found: Comparable[]) => found.map((c) => c.need.id).sort();

describe('recent needs for the duplicate check', () => {
  it('finds the needs within the box around a point, across cell edges, and no further', () => {
    const recent = new RecentNeeds(0.01, 48 * HOUR);
    recent.put(need('inside', 34.7725, 113.6868), false);
    recent.put(need('next-cell', 34.7801, 113.6868), false); // 0.0076° north, over a cell edge
    recent.put(need('corner', 34.7626, 113.6769), false); // 0.0099° off in both directions, in the cell diagonally next
    recent.put(need('too-far-north', 34.7826, 113.6868), false);
    recent.put(need('too-far-east', 34.7725, 113.6969), false);
    expect(ids(recent.candidates({ lat: 34.7725, lon: 113.6868, contactPhone: null }, T0 - 48 * HOUR))).toEqual([
      'corner',
      'inside',
      'next-cell',
    ]);
  });

  it('compares by place only within the window, by phone at any age, and lets closed needs go', () => {
    const recent = new RecentNeeds(0.01, 48 * HOUR);
    recent.put(need('old', 34.77, 113.68, 50), false);
    recent.put(need('old-with-phone', 30.0, 120.0, 500, '13912345678'), false);
    recent.put(need('fresh', 34.77, 113.68, 1), false);
    const since = T0 - 48 * HOUR;
    expect(ids(recent.candidates({ lat: 34.77, lon: 113.68, contactPhone: '13912345678' }, since))).toEqual([
      'fresh',
      'old-with-phone',
    ]);
    recent.put(need('fresh', 34.77, 113.68, 1), true);
    expect(ids(recent.candidates({ lat: 34.77, lon: 113.68, contactPhone: null }, since))).toEqual([]);
    recent.sweep(T0);
    expect(recent.size).toBe(1);
    expect(ids(recent.candidates({ lat: 34.77, lon: 113.68, contactPhone: '13912345678' }, since))).toEqual(['old-with-phone']);
  });

  it('moves a need that is put again at another place', () => {
    const recent = new RecentNeeds(0.01, 48 * HOUR);
    recent.put(need('moved', 34.77, 113.68), false);
    recent.put(need('moved', 34.9, 113.5), false);
    expect(recent.candidates({ lat: 34.77, lon: 113.68, contactPhone: null }, 0)).toEqual([]);
    expect(ids(recent.candidates({ lat: 34.9, lon: 113.5, contactPhone: null }, 0))).toEqual(['moved']);
    expect(recent.size).toBe(1);
  });
});
