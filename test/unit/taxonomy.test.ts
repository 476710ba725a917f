import { describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/model/errors';
import { allCells, cellKey, normalizeCategories, normalizeCells, phaseOfStage } from '../../src/model/taxonomy';

describe('function map', () => {
  it('has twelve cells, strategy by phase', () => {
    expect(allCells()).toHaveLength(12);
    expect(allCells()[0]).toEqual({ strategy: 'technology', phase: 'risk' });
    expect(cellKey({ strategy: 'action', phase: 'crisis' })).toBe('action:crisis');
  });

  it('places the four stages in the three phases', () => {
    expect(['mitigation', 'preparedness', 'response', 'recovery'].map((s) => phaseOfStage(s as never))).toEqual([
      'risk',
      'risk',
      'crisis',
      'recovery',
    ]);
  });

  it('drops repeats and keeps map order', () => {
    expect(
      normalizeCells([
        { strategy: 'ideas', phase: 'risk' },
        { strategy: 'action', phase: 'crisis' },
        { strategy: 'ideas', phase: 'risk' },
      ]),
    ).toEqual([
      { strategy: 'action', phase: 'crisis' },
      { strategy: 'ideas', phase: 'risk' },
    ]);
    expect(normalizeCategories(['shelter', 'search_rescue', 'shelter'])).toEqual(['search_rescue', 'shelter']);
  });
});

describe('error table', () => {
  it('gives every code a 4xx/5xx status and both languages', () => {
    for (const [code, entry] of Object.entries(ERRORS)) {
      expect(entry.status, code).toBeGreaterThanOrEqual(400);
      expect(entry.zh.length, code).toBeGreaterThan(0);
      expect(entry.en.length, code).toBeGreaterThan(0);
    }
    // Only a fault of the server, or a part it lacks or that fails it (no Chromium to print a PDF,
    // or one too slow to print it in time: 503; a database not yet ready for traffic, or too busy to
    // answer in time: 503), is 5xx;
    // never bad input.
    expect(
      Object.entries(ERRORS)
        .filter(([, e]) => e.status >= 500)
        .map(([c]) => c),
    ).toEqual(['pdf_unavailable', 'pdf_timeout', 'not_ready', 'database_busy', 'internal_error']);
  });
});
