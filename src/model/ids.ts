/**
 * Record ids: UUID version 7 (RFC 9562), which begin with the time they were made, so new
 * rows land at the end of every index keyed by id instead of on a random page — a write
 * touches fewer pages, and a group commit writes fewer bytes. Ids made in the same
 * millisecond count up (a 31-bit counter started at random), so ids sort in the order made.
 * Random bytes are drawn from the system a few kilobytes at a time rather than 16 per id.
 */
import { randomFillSync, randomInt } from 'node:crypto';
import { v7 } from 'uuid';

const pool = Buffer.alloc(16 * 256);
let used = pool.length;
let msecs = Number.NEGATIVE_INFINITY;
let seq = 0;

function random16(): Uint8Array {
  if (used + 16 > pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 16;
  return pool.subarray(used - 16, used);
}

export function newId(): string {
  const random = random16();
  const now = Date.now();
  if (now > msecs) {
    msecs = now;
    seq = pool.readUInt32BE(used - 10) & 0x7fffffff;
  } else {
    seq = (seq + 1) | 0;
    if (seq === 0) msecs++;
  }
  return v7({ random, msecs, seq });
}

const READABLE = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A code a person can read out on the phone (a need's receipt, a donation's reference): 8 characters without look-alikes. */
export function readableCode(): string {
  return Array.from({ length: 8 }, () => READABLE[randomInt(READABLE.length)]).join('');
}
