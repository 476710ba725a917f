/**
 * Unified Social Credit Code (统一社会信用代码, GB 32100-2015): 18 characters over a
 * 31-character alphabet, the last a mod-31 check over the first seventeen.
 * Only the alphabet and the check character are verified, as the standard defines nothing
 * more that can be checked offline.
 */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type CreditCodeProblem = 'length' | 'alphabet' | 'checksum';

export type CreditCodeResult = { ok: true; code: string } | { ok: false; problem: CreditCodeProblem };

/** Trims and upper-cases a code, then checks its alphabet and check character. */
export function checkCreditCode(input: string): CreditCodeResult {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, problem: 'length' };
  const values: number[] = [];
  for (const ch of code) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return { ok: false, problem: 'alphabet' };
    values.push(v);
  }
  if (values[17] !== creditCodeCheckValue(values.slice(0, 17))) return { ok: false, problem: 'checksum' };
  return { ok: true, code };
}

/** The check character for the first seventeen characters of a code. */
export function creditCodeCheckCharacter(first17: string): string {
  const values = [...first17.toUpperCase()].map((ch) => ALPHABET.indexOf(ch));
  if (values.length !== 17 || values.some((v) => v < 0)) throw new RangeError('need 17 characters of the code alphabet');
  return ALPHABET[creditCodeCheckValue(values)];
}

function creditCodeCheckValue(values: readonly number[]): number {
  const sum = values.reduce((acc, v, i) => acc + v * WEIGHTS[i], 0);
  return (31 - (sum % 31)) % 31;
}
