/** Spotting a need that was already reported: place, time, category, text and phone. Pure but for a bounded memo of texts' bigrams. */

import { type DuplicateCandidate, distanceMetres } from '../model/need';
import { searchKey } from '../model/search-text';

/** Recently seen texts' bigrams: the same nearby needs are compared again and again during a surge. */
const recentBigrams = new Map<string, Set<string>>();
const RECENT_LIMIT = 20_000;

function bigramSet(text: string): Set<string> {
  const known = recentBigrams.get(text);
  if (known) return known;
  const chars = [...searchKey(text)];
  const out = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  if (recentBigrams.size >= RECENT_LIMIT) recentBigrams.delete(recentBigrams.keys().next().value as string);
  recentBigrams.set(text, out);
  return out;
}

/** Jaccard similarity of the character bigrams of two texts, 0 to 1. */
export function textSimilarity(a: string, b: string): number {
  const x = bigramSet(a);
  const y = bigramSet(b);
  if (x.size === 0 || y.size === 0) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return common / (x.size + y.size - common);
}

/** Weights of the parts of the score; text similarity counts up to TEXT_WEIGHT. */
const PLACE_WEIGHT = 0.35;
const TIME_WEIGHT = 0.15;
const CATEGORY_WEIGHT = 0.2;
const TEXT_WEIGHT = 0.3;

const combinedText = (n: DuplicateCandidate) => `${n.title} ${n.description ?? ''}`;

/**
 * How alike two needs look (0–1) and why: place, time, category, text, same phone. With
 * `atLeast`, a pair that cannot reach it whatever its texts is answered null without comparing
 * the texts (most nearby pairs in a surge).
 */
function scorePair(a: DuplicateCandidate, b: DuplicateCandidate, atLeast: number): { score: number; reasons: string[] } | null {
  if (a.contactPhone && a.contactPhone === b.contactPhone) return { score: 1, reasons: ['same phone'] };
  const metres = distanceMetres(a, b);
  if (metres > 1000) return null;
  const hours = Math.abs(Date.parse(a.createdAt) - Date.parse(b.createdAt)) / 3_600_000;
  if (hours > 48) return null;
  const sameCategory = a.category === b.category;
  const base = PLACE_WEIGHT * (1 - metres / 1000) + TIME_WEIGHT * (1 - hours / 48) + (sameCategory ? CATEGORY_WEIGHT : 0);
  if (base + TEXT_WEIGHT < atLeast) return null;
  const similar = textSimilarity(combinedText(a), combinedText(b));
  const score = Number((base + TEXT_WEIGHT * similar).toFixed(3));
  if (score < atLeast) return null;
  const reasons = [`${Math.round(metres)} m apart`];
  if (sameCategory) reasons.push('same category');
  if (similar > 0.3) reasons.push(`similar text (${Math.round(similar * 100)}%)`);
  return { score, reasons };
}

/** How alike two needs look (0–1) and why: place, time, category, text, same phone. */
export function duplicateScore(a: DuplicateCandidate, b: DuplicateCandidate): { score: number; reasons: string[] } {
  return scorePair(a, b, 0) ?? { score: 0, reasons: [] };
}

/** Needs at least this alike are flagged for a coordinator to merge. */
export const DUPLICATE_THRESHOLD = 0.6;

/** The score and reasons of a pair alike enough to flag, or null. */
export function likelyDuplicate(a: DuplicateCandidate, b: DuplicateCandidate): { score: number; reasons: string[] } | null {
  return scorePair(a, b, DUPLICATE_THRESHOLD);
}
