/** The record's figures as defined in src/analysis/performance.ts, on hand-made histories. */
import { expect, it } from 'vitest';
import { checkInIntervals, organizationRecord, trackRecordScore } from '../../src/analysis/performance';

const at = (minutes: number) => new Date(Date.UTC(2026, 6, 20, 8) + minutes * 60_000).toISOString();

it('counts check-in intervals kept and missed while a team is accountable, and the one running late now', () => {
  const events = [
    { kind: 'status' as const, to: 'approved', at: at(0) },
    // Not accountable yet: a check-in before setting off starts nothing.
    { kind: 'check_in' as const, to: null, at: at(10) },
    { kind: 'status' as const, to: 'en_route', at: at(60) },
    { kind: 'check_in' as const, to: null, at: at(300) }, // 240 min: kept (not longer than the interval)
    { kind: 'check_in' as const, to: null, at: at(541) }, // 241 min: missed
    { kind: 'status' as const, to: 'checked_in', at: at(600) }, // a status report is a contact: kept
  ];
  expect(checkInIntervals({ intervalMinutes: 240, events, accountableNow: true }, new Date(at(700)))).toEqual({
    kept: 2,
    missed: 1,
    share: 0.6667,
  });
  // Still on the ground and silent for longer than the interval: that stretch is missed too.
  expect(checkInIntervals({ intervalMinutes: 240, events, accountableNow: true }, new Date(at(900))).missed).toBe(2);
  // Returned: nothing runs on.
  const back = [...events, { kind: 'status' as const, to: 'returned', at: at(700) }];
  expect(checkInIntervals({ intervalMinutes: 240, events: back, accountableNow: false }, new Date(at(5000)))).toEqual({
    kept: 3,
    missed: 1,
    share: 0.75,
  });
  expect(checkInIntervals({ intervalMinutes: 240, events: [], accountableNow: false }, new Date()).share).toBeNull();
});

it('starts a newcomer at one half and moves the track record with each part of the record', () => {
  const none = { fulfilled: 0, dropped: 0, checkInsKept: 0, checkInsMissed: 0, ratingCount: 0, ratingTotal: 0 };
  expect(trackRecordScore(none)).toBe(0.5);
  expect(trackRecordScore({ ...none, fulfilled: 8 })).toBeGreaterThan(0.5);
  expect(trackRecordScore({ ...none, dropped: 3 })).toBeLessThan(0.5);
  expect(trackRecordScore({ ...none, checkInsMissed: 4 })).toBeLessThan(0.5);
  expect(trackRecordScore({ ...none, ratingCount: 2, ratingTotal: 10 })).toBeCloseTo(0.5 + 0.2 * ((2 + 0.5) / 3 - 0.5), 4);
  expect(trackRecordScore({ ...none, ratingCount: 1, ratingTotal: 1 })).toBeLessThan(0.5);
  // Perfect on every count approaches but never reaches 1.
  const best = trackRecordScore({
    fulfilled: 100,
    dropped: 0,
    checkInsKept: 100,
    checkInsMissed: 0,
    ratingCount: 20,
    ratingTotal: 100,
  });
  expect(best).toBeGreaterThan(0.95);
  expect(best).toBeLessThan(1);
});

it('tells claims fulfilled and dropped from dispatches accepted and declined, and the median time to first progress', () => {
  const claim = (
    status: Parameters<typeof organizationRecord>[0][number]['status'],
    dispatched: boolean,
    progress: number | null,
  ) => ({
    status,
    dispatched,
    claimedAt: at(0),
    firstProgressAt: progress === null ? null : at(progress),
  });
  const record = organizationRecord(
    [
      claim('fulfilled', false, 30),
      claim('fulfilled', true, 90),
      claim('expired', false, null),
      claim('released', false, 10),
      claim('declined', true, null),
      claim('offered', true, null),
      claim('active', false, null),
    ],
    [],
    [5, 3],
    new Date(at(100)),
  );
  expect(record).toMatchObject({
    claims: { fulfilled: 2, dropped: 2, active: 1 },
    dispatches: { accepted: 1, declined: 1, awaiting: 1 },
    medianMinutesToFirstProgress: 30,
    checkIns: { kept: 0, missed: 0, share: null },
    ratings: { count: 2, mean: 4 },
  });
  // The declined dispatch weighs like a dropped claim in the track record.
  expect(record.trackRecord).toBe(
    trackRecordScore({ fulfilled: 2, dropped: 3, checkInsKept: 0, checkInsMissed: 0, ratingCount: 2, ratingTotal: 8 }),
  );
});
