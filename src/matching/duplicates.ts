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

/** How alike two needs look (0–1) and why: place, time, category, text, same phone. */
export function duplicateScore(a: DuplicateCandidate, b: DuplicateCandidate): { score: number; reasons: string[] } {
  const reasons: string[] = [];
  if (a.contactPhone && a.contactPhone === b.contactPhone) return { score: 1, reasons: ['same phone'] };
  const metres = distanceMetres(a, b);
  if (metres > 1000) return { score: 0, reasons: [] };
  const hours = Math.abs(new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime()) / 3_600_000;
  if (hours > 48) return { score: 0, reasons: [] };
  let score = 0;
  score += 0.35 * (1 - metres / 1000);
  reasons.push(`${Math.round(metres)} m apart`);
  score += 0.15 * (1 - hours / 48);
  if (a.category === b.category) {
    score += 0.2;
    reasons.push('same category');
  }
  const similar = textSimilarity(`${a.title} ${a.description ?? ''}`, `${b.title} ${b.description ?? ''}`);
  score += 0.3 * similar;
  if (similar > 0.3) reasons.push(`similar text (${Math.round(similar * 100)}%)`);
  return { score: Number(score.toFixed(3)), reasons };
}

/** Needs at least this alike are flagged for a coordinator to merge. */
export const DUPLICATE_THRESHOLD = 0.6;
