import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckCharacter } from '../../src/model/credit-code';

describe('Unified Social Credit Code', () => {
  it('accepts real codes of registered bodies', () => {
    // Published codes: an enterprise in Fuzhou, an enterprise in Beijing, a public institution.
    for (const code of ['91350100M000100Y43', '91110000600037341L', '12100000400000624D']) {
      expect(checkCreditCode(code)).toEqual({ ok: true, code });
    }
  });

  it('trims and upper-cases before checking', () => {
    expect(checkCreditCode('  91110000600037341l ')).toEqual({ ok: true, code: '91110000600037341L' });
  });

  it('computes the check character by hand-verifiable arithmetic', () => {
    // 1·9+3·1+9·3+27·5+19·0+26·1+16·0+17·0+20·M(21)+29·0+25·0+13·0+8·1+24·0+10·0+30·Y(30)+28·4
    // = 9+3+27+135+0+26+0+0+420+0+0+0+8+0+0+900+112 = 1640; 1640 mod 31 = 28; 31−28 = 3.
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('names what is wrong', () => {
    expect(checkCreditCode('91350100M000100Y4')).toEqual({ ok: false, problem: 'length' });
    expect(checkCreditCode('91350100M000100Y4O')).toEqual({ ok: false, problem: 'alphabet' });
    expect(checkCreditCode('91350100I000100Y43')).toEqual({ ok: false, problem: 'alphabet' });
    expect(checkCreditCode('91350100M000100Y44')).toEqual({ ok: false, problem: 'checksum' });
  });
});
