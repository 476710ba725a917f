/**
 * Record ids: UUID version 7 (RFC 9562), which begin with the time they were made, so new
 * rows land at the end of every index keyed by id instead of on a random page — a write
 * touches fewer pages, and a group commit writes fewer bytes.
 */
import { v7 } from 'uuid';

export function newId(): string {
  return v7();
}
