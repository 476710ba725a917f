/** Webhooks (Standard Webhooks): retry schedule, when a failing webhook is disabled, and its limits. */

/** At most this many event names per webhook (there are ten). */
export const MAX_WEBHOOK_EVENTS = 10;

/** A webhook is disabled once this many of its deliveries in a row failed every attempt (about ten hours of failures each). */
export const MAX_CONSECUTIVE_FAILURES = 3;

/**
 * Seconds to wait before each retry of a failed delivery: the first within 10 s, later ones
 * further apart. After the last one the delivery has failed for good.
 */
export const RETRY_DELAYS_SECONDS = [5, 30, 120, 600, 3600, 3 * 3600, 6 * 3600] as const;

/** How many attempts a delivery gets in all: the first and one per retry delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/** The states of a delivery. */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Bytes of a receiver's answer kept for the delivery log. */
export const RESPONSE_EXCERPT_BYTES = 1024;

/** When the next attempt is due after `attempts` attempts failed, or null when none is left. */
export function nextAttemptAt(failedAt: Date, attempts: number): Date | null {
  const delay = RETRY_DELAYS_SECONDS[attempts - 1];
  return delay === undefined ? null : new Date(failedAt.getTime() + delay * 1000);
}
