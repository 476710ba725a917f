import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MODE_CONFIG,
  embeddingScore,
  modeOf,
  placeOrganization,
  type RecognitionRecord,
  recognitionsOn,
  serviceSimilarity,
} from '../../src/analysis/cooperation-modes';
import type { ServiceCategory } from '../../src/model/taxonomy';

const NONE: RecognitionRecord = { creditCodeVerified: false, filings: [], agreements: [], seats: [] };
const government = new Set<ServiceCategory>(['water_sanitation', 'emergency_medical']);

describe('cooperation modes', () => {
  // Worked by hand: water is also provided by government, food is not → 1 of 2 = 0.5 (homogeneous).
  // Recognitions: credit code 0.2 + filing 0.2 (+ MOU 0.3 while it is in force).
  const waterAndFood: ServiceCategory[] = ['water_sanitation', 'food'];
  const record: RecognitionRecord = {
    creditCodeVerified: true,
    filings: [{ filedOn: '2025-02-01', verified: true }],
    agreements: [{ type: 'mou', validFrom: '2025-01-01', validTo: '2025-12-31', verified: true }],
    seats: [{ from: '2025-01-01', to: null, verified: false }],
  };

  it('counts only verified recognitions in force at the end of the period', () => {
    expect(recognitionsOn(record, '2025-06-30')).toEqual(['creditCode', 'filing', 'agreement']);
    expect(recognitionsOn(record, '2026-06-30')).toEqual(['creditCode', 'filing']);
    expect(recognitionsOn(record, '2024-12-31')).toEqual(['creditCode']);
    expect(recognitionsOn({ ...record, creditCodeVerified: false }, '2025-01-05')).toEqual(['agreement']);
    expect(recognitionsOn(NONE, '2025-06-30')).toEqual([]);
  });

  it('places an organization in each quadrant, explained by its inputs', () => {
    const mid2025 = placeOrganization(waterAndFood, government, record, '2025-06-30');
    expect(mid2025).toMatchObject({ similarity: 0.5, embedding: 0.7, mode: 'supplementary', shared: ['water_sanitation'] });
    expect(mid2025.explanation).toContain('1 of 2 service categories also provided by government (water_sanitation)');
    expect(mid2025.explanation).toContain('creditCode 0.2, filing 0.2, agreement 0.3: embedding 0.7');
    // A year later the MOU has lapsed: 0.4, not embedded.
    expect(placeOrganization(waterAndFood, government, record, '2026-06-30')).toMatchObject({
      embedding: 0.4,
      mode: 'substitution',
    });
    // Psychosocial support only (0 of 1), in an emergency plan 0.2 and a verified seat 0.3 = 0.5: embedded.
    const planAndSeat: RecognitionRecord = {
      ...NONE,
      agreements: [{ type: 'emergency_plan', validFrom: '2024-01-01', validTo: null, verified: true }],
      seats: [{ from: '2024-03-01', to: '2026-12-31', verified: true }],
    };
    expect(placeOrganization(['psychosocial'], government, planAndSeat, '2025-06-30')).toMatchObject({
      similarity: 0,
      embedding: 0.5,
      mode: 'complementary',
    });
    const bare = placeOrganization([], government, NONE, '2025-06-30');
    expect(bare).toMatchObject({ similarity: 0, embedding: 0, mode: 'alienation' });
    expect(bare.explanation).toContain('no verified recognition in force on 2025-06-30');
  });

  it('caps embedding at 1 and follows the configured thresholds and weights', () => {
    expect(embeddingScore(['creditCode', 'filing', 'agreement', 'emergencyPlan', 'seat'])).toBe(1);
    expect(serviceSimilarity(['water_sanitation', 'water_sanitation', 'food', 'shelter'], government)).toBe(0.3333);
    const strict = { ...DEFAULT_MODE_CONFIG, similarityThreshold: 0.6 };
    expect(modeOf(0.5, 0.7, strict)).toBe('complementary');
    const heavySeat = { ...DEFAULT_MODE_CONFIG, weights: { ...DEFAULT_MODE_CONFIG.weights, seat: 0.5 } };
    expect(embeddingScore(['seat'], heavySeat)).toBe(0.5);
    expect(modeOf(0.5, 0.5)).toBe('supplementary');
    expect(modeOf(0.49, 0.49)).toBe('alienation');
  });
});
