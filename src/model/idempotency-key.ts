/**
 * Public Idempotency-Keys are scoped to the route and the key alone (a phone that changes
 * networks between retries keeps its key), so a key must be hard to guess or to hit by
 * chance: at least 16 characters of URL-safe randomness, such as a UUID. Pure.
 */

/** Shortest public key: a UUID's 32 hex digits or 16 characters of [A-Za-z0-9_-] and more. */
export const PUBLIC_KEY_MIN_LENGTH = 16;
export const KEY_MAX_LENGTH = 200;
/** Fewer different characters than this is a pattern ("aaaa…", "1212…"), not randomness. */
const MIN_DISTINCT = 8;
const SHAPE = /^[A-Za-z0-9_-]+$/;

/** Why a key cannot scope a public create on its own, or null when it can. */
export function publicKeyProblem(key: string): string | null {
  if (key.length < PUBLIC_KEY_MIN_LENGTH) {
    return `Idempotency-Key must be at least ${PUBLIC_KEY_MIN_LENGTH} random characters (a UUID); this one has ${key.length}`;
  }
  if (key.length > KEY_MAX_LENGTH) return `Idempotency-Key is longer than ${KEY_MAX_LENGTH} characters`;
  if (!SHAPE.test(key)) return 'Idempotency-Key may hold only letters, digits, "-" and "_" (a UUID)';
  if (new Set(key.replace(/-/g, '')).size < MIN_DISTINCT) {
    return 'Idempotency-Key does not look random: generate a UUID once per submission';
  }
  return null;
}
