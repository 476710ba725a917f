import { describe, expect, it } from 'vitest';
import {
  childJurisdictions,
  containingCodes,
  findJurisdiction,
  isWithin,
  jurisdictionPath,
  overlaps,
} from '../../src/model/jurisdictions';

describe('GB/T 2260 adapter', () => {
  it('knows current divisions at every level', () => {
    expect(findJurisdiction('110108')).toMatchObject({ name: '海淀区', level: 'county', parentCode: '110000', retired: false });
    expect(findJurisdiction('410100')).toMatchObject({ name: '郑州市', level: 'city', parentCode: '410000' });
    expect(findJurisdiction('410000')).toMatchObject({ name: '河南省', level: 'province', parentCode: null });
  });

  it('keeps codes retired by later revisions valid, marked retired', () => {
    // 崇文区 merged into 东城区 in 2010.
    expect(findJurisdiction('110103')).toMatchObject({ name: '崇文区', retired: true, parentCode: '110000' });
  });

  it('rejects codes that never existed', () => {
    expect(findJurisdiction('449999')).toBeUndefined();
    expect(findJurisdiction('12345')).toBeUndefined();
  });

  it('walks the hierarchy both ways', () => {
    expect(jurisdictionPath('410102').map((j) => j.name)).toEqual(['河南省', '郑州市', '中原区']);
    expect(childJurisdictions(null).some((j) => j.code === '410000')).toBe(true);
    expect(childJurisdictions('410100').map((j) => j.code)).toContain('410102');
    expect(childJurisdictions('410100').every((j) => !j.retired)).toBe(true);
  });

  it('tells containment and overlap', () => {
    expect(isWithin('410102', '410000')).toBe(true);
    expect(isWithin('410102', '410100')).toBe(true);
    expect(isWithin('410102', '420000')).toBe(false);
    expect(isWithin('410000', '410102')).toBe(false);
    expect(overlaps('410000', '410102')).toBe(true);
    expect(overlaps('410100', '410200')).toBe(false);
    expect(containingCodes('410102')).toEqual(['410000', '410100']);
    expect(containingCodes('410000')).toEqual([]);
  });
});
