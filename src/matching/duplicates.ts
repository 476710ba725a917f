/**
 * Spotting a need that was already reported: place, time, category, text and phone. Pure.
 * A need is prepared once for comparison (its time in milliseconds, and once first compared
 * its text's bigrams as sorted numbers), so comparing it with the dozens of needs near it in a
 * surge costs a few arithmetic steps each.
 */

import { type DuplicateCandidate, distanceMetres, placeOf } from '../model/need';
import { searchKey } from '../model/search-text';

/** The distinct character bigrams of a folded text, each as one number (two code points), sorted. */
function bigramCodes(text: string): Float64Array {
  const points = Array.from(searchKey(text), (c) => c.codePointAt(0) as number);
  const codes = new Set<number>();
  for (let i = 0; i + 1 < points.length; i++) codes.add(points[i] * 0x110000 + points[i + 1]);
  return Float64Array.from(codes).sort();
}

/** Jaccard similarity of two sorted sets of bigram codes, 0 to 1. */
function jaccard(x: Float64Array, y: Float64Array): number {
  if (x.length === 0 || y.length === 0) return 0;
  let common = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length; ) {
    if (x[i] === y[j]) {
      common++;
      i++;
      j++;
    } else if (x[i] < y[j]) i++;
    else j++;
  }
  return common / (x.length + y.length - common);
}

/** Jaccard similarity of the character bigrams of two texts, 0 to 1. */
export function textSimilarity(a: string, b: string): number {
  return jaccard(bigramCodes(a), bigramCodes(b));
}

/** A need made ready to compare; its text's bigrams are worked out when first compared. */
export interface Comparable {
  need: DuplicateCandidate;
  /** Milliseconds since the epoch. */
  created: number;
  bigrams?: Float64Array;
}

export function comparable(need: DuplicateCandidate): Comparable {
  return { need, created: Date.parse(need.createdAt) };
}

function bigramsOf(c: Comparable): Float64Array {
  c.bigrams ??= bigramCodes(`${c.need.title} ${c.need.description ?? ''}`);
  return c.bigrams;
}

const placeA = placeOf;

/** A folded address, for needs known only by their address. */
export const addressKey = (address: string | null | undefined) => (address ? searchKey(address).replace(/[,，。.、]/g, '') : '');

/**
 * How far apart two needs are in metres; for a need not yet located, the same address in the
 * same area counts as the same place and anything else as unknown (null: not compared by place).
 */
function apart(a: DuplicateCandidate, b: DuplicateCandidate): number | null {
  const pa = placeOf(a);
  const pb = placeOf(b);
  if (pa && pb) return distanceMetres(pa, pb);
  const key = addressKey(a.address);
  return key && key === addressKey(b.address) && a.jurisdiction === b.jurisdiction ? 0 : null;
}

/** Weights of the parts of the score; text similarity counts up to TEXT_WEIGHT. */
const PLACE_WEIGHT = 0.35;
const TIME_WEIGHT = 0.15;
const CATEGORY_WEIGHT = 0.2;
const TEXT_WEIGHT = 0.3;

/** A score as it is shown and compared: 3 decimals. */
const toScore = (value: number) => Number(value.toFixed(3));

/**
 * How alike two needs look (0–1) and why: place, time, category, text, same phone. With
 * `atLeast`, a pair that cannot reach it whatever its texts is answered null without comparing
 * the texts (most nearby pairs in a surge).
 */
function scorePair(x: Comparable, y: Comparable, atLeast: number): { score: number; reasons: string[] } | null {
  const a = x.need;
  const b = y.need;
  if (a.contactPhone && a.contactPhone === b.contactPhone) return { score: 1, reasons: ['same phone'] };
  const metres = apart(a, b);
  if (metres === null || metres > 1000) return null;
  const hours = Math.abs(x.created - y.created) / 3_600_000;
  if (hours > 48) return null;
  const sameCategory = a.category === b.category;
  const base = PLACE_WEIGHT * (1 - metres / 1000) + TIME_WEIGHT * (1 - hours / 48) + (sameCategory ? CATEGORY_WEIGHT : 0);
  // Scores are compared as shown, to 3 decimals; rounding keeps order, so the best a pair
  // could score, rounded, bounds its rounded score (unrounded, a pair scoring 0.6 shown
  // could be cut here at 0.5995).
  if (toScore(base + TEXT_WEIGHT) < atLeast) return null;
  const similar = jaccard(bigramsOf(x), bigramsOf(y));
  const score = toScore(base + TEXT_WEIGHT * similar);
  if (score < atLeast) return null;
  const reasons = [placeA(a) && placeA(b) ? `${Math.round(metres)} m apart` : 'same address'];
  if (sameCategory) reasons.push('same category');
  if (similar > 0.3) reasons.push(`similar text (${Math.round(similar * 100)}%)`);
  return { score, reasons };
}

/** How alike two needs look (0–1) and why: place, time, category, text, same phone. */
export function duplicateScore(a: DuplicateCandidate, b: DuplicateCandidate): { score: number; reasons: string[] } {
  return scorePair(comparable(a), comparable(b), 0) ?? { score: 0, reasons: [] };
}

/** Needs at least this alike are flagged for a coordinator to merge. */
export const DUPLICATE_THRESHOLD = 0.6;

/** The score and reasons of a pair alike enough to flag, or null. */
export function likelyDuplicate(a: Comparable, b: Comparable): { score: number; reasons: string[] } | null {
  return scorePair(a, b, DUPLICATE_THRESHOLD);
}
