import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardCell, guardText, runsAsFormula, unguardText } from '../../src/interop/formula-guard';

describe('spreadsheet formula guard', () => {
  it('marks text a spreadsheet would run as a formula with a leading apostrophe', () => {
    for (const text of [
      '=HYPERLINK("http://example.invalid","x")',
      '+1+2',
      '-2+3',
      '@SUM(A1)',
      '\tcmd',
      '\rcmd',
      '-',
      '+86 138',
    ]) {
      expect(guardText(text)).toBe(`'${text}`);
    }
  });

  it('leaves other text and every number alone', () => {
    for (const text of ['郑州蓝天救援队', 'a=b', ' =1', '', '-12.5', '+3', '-1e5', '.5', '410102;410100']) {
      expect(guardText(text)).toBe(text);
    }
    expect(guardCell(-12.5)).toBe(-12.5);
    expect(guardCell(null)).toBe(null);
    expect(guardCell('=1')).toBe("'=1");
  });

  it('marks text that already starts with an apostrophe before a formula once more', () => {
    expect(guardText("'=1")).toBe("''=1");
    expect(unguardText("''=1")).toBe("'=1");
    // An apostrophe before plain text is the text itself, not a mark.
    expect(guardText("'tis")).toBe("'tis");
    expect(unguardText("'tis")).toBe("'tis");
    expect(unguardText("'-12.5")).toBe("'-12.5");
  });

  it('gives back any text when it is guarded and then read', () => {
    const risky = fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', '1', '.', 'e', 'a', ' ') });
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), risky), (text) => {
        expect(unguardText(guardText(text))).toBe(text);
        // What is written never runs as a formula.
        expect(runsAsFormula(guardText(text))).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('never changes a number', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => {
        expect(guardCell(n)).toBe(n);
        expect(guardText(String(n))).toBe(String(n));
      }),
    );
    fc.assert(
      fc.property(fc.integer(), (n) => {
        expect(guardCell(n)).toBe(n);
      }),
    );
  });
});
