import { describe, expect, it } from 'vitest';
import { expiryState, volunteerWarnings } from '../../src/model/capacity';

describe('expiry of certificates, insurance and specialties', () => {
  it('tells valid, expiring within thirty days, and expired', () => {
    expect(expiryState(null, '2026-11-26')).toBe('valid');
    expect(expiryState('2026-11-25', '2026-11-26')).toBe('expired');
    expect(expiryState('2026-11-26', '2026-11-26')).toBe('expiring');
    expect(expiryState('2026-12-26', '2026-11-26')).toBe('expiring');
    expect(expiryState('2026-12-27', '2026-11-26')).toBe('valid');
  });

  it('lists a volunteer’s warnings', () => {
    const warnings = volunteerWarnings(
      {
        certifications: [
          { type: '红十字救护员', issuer: '红十字会', expiresOn: '2026-12-01' },
          { type: '潜水员', issuer: 'PADI', expiresOn: '2030-01-01' },
          { type: '急救', issuer: '某机构', expiresOn: null },
        ],
        insuranceExpiresOn: '2026-10-01',
      },
      '2026-11-26',
    );
    expect(warnings).toEqual([
      { subject: 'certification', label: '红十字救护员', expiresOn: '2026-12-01', state: 'expiring' },
      { subject: 'insurance', label: 'insurance', expiresOn: '2026-10-01', state: 'expired' },
    ]);
  });
});
