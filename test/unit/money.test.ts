import { describe, expect, it } from 'vitest';
import { chinaDay, isMovementAmount, qualifiedToFundraiseOn } from '../../src/model/money';

describe('money rules', () => {
  it('takes a positive whole number of fen up to a hundred million yuan', () => {
    expect([1, 100, 10_000_000_000].map(isMovementAmount)).toEqual([true, true, true]);
    expect([0, -1, 1.5, 10_000_000_001, Number.NaN, Number.POSITIVE_INFINITY].map(isMovementAmount)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('dates the qualification by the day in China', () => {
    expect(chinaDay('2026-03-01T15:59:59.000Z')).toBe('2026-03-01');
    expect(chinaDay('2026-03-01T16:00:00.000Z')).toBe('2026-03-02');
    const since = { publicFundraisingQualified: true, publicFundraisingSince: '2026-03-02' };
    expect(qualifiedToFundraiseOn(since, '2026-03-01T15:59:59.000Z')).toBe(false);
    expect(qualifiedToFundraiseOn(since, '2026-03-01T16:00:00.000Z')).toBe(true);
    expect(
      qualifiedToFundraiseOn({ publicFundraisingQualified: true, publicFundraisingSince: null }, '2020-01-01T00:00:00Z'),
    ).toBe(true);
    expect(
      qualifiedToFundraiseOn({ publicFundraisingQualified: false, publicFundraisingSince: null }, '2030-01-01T00:00:00Z'),
    ).toBe(false);
  });
});
