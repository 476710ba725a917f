/**
 * Text normalization for search: Traditional and Simplified spellings, full-width forms
 * and case all fold to one key, so 廣東 finds 广东 and ＡＢＣ finds abc.
 */
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

/** The folded form of a text: NFKC, Simplified Chinese, lower case, no spaces. */
export function searchKey(text: string): string {
  return toSimplified(text.normalize('NFKC')).toLowerCase().replace(/\s+/g, '');
}

/** The distinct character bigrams of a folded text; a single character stands alone. */
export function bigrams(key: string): string[] {
  const chars = [...key];
  if (chars.length < 2) return chars;
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return [...out];
}

/** The index terms of an organization's names. */
export function searchTerms(...names: (string | null | undefined)[]): string[] {
  const terms = new Set<string>();
  for (const name of names) if (name) for (const t of bigrams(searchKey(name))) terms.add(t);
  return [...terms];
}

/** The key a name sorts by: its pinyin without tones, lower case (郑州 → "zheng zhou"). */
export function sortKey(name: string): string {
  const simplified = toSimplified(name.normalize('NFKC'));
  return pinyin(simplified, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join(' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
