import { describe, expect, it } from 'vitest';
import { settlementOf } from '../../web/src/offline/outbox-send';

describe('how an answer settles an outbox entry', () => {
  it('is sent on a success, also a replayed one', () => {
    expect(settlementOf(200, 'http_200')).toBe('sent');
    expect(settlementOf(201, 'http_201')).toBe('sent');
  });
  it('shows a conflict a person must look at: the need closed, the claim taken, the key reused', () => {
    expect(settlementOf(409, 'archived')).toBe('conflict');
    expect(settlementOf(409, 'claim_conflict')).toBe('conflict');
    expect(settlementOf(410, 'gone')).toBe('conflict');
    expect(settlementOf(422, 'idempotency_mismatch')).toBe('conflict');
  });
  it('keeps waiting when the session or the server is at fault, and fails for good otherwise', () => {
    expect(settlementOf(401, 'not_authenticated')).toBe('queued');
    expect(settlementOf(403, 'csrf_failed')).toBe('queued');
    expect(settlementOf(429, 'rate_limited')).toBe('queued');
    expect(settlementOf(503, 'internal_error')).toBe('queued');
    expect(settlementOf(403, 'forbidden')).toBe('failed');
    expect(settlementOf(400, 'invalid_input')).toBe('failed');
  });
});
