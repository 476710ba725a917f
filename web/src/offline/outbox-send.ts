/**
 * Sends one outbox entry and reads the server's answer: success (also a replay of a key the
 * server has seen), a refusal a person must look at (409/410/422: the need was closed, the
 * claim taken by another organization), a refusal for good, or no answer at all (the network
 * is away: the entry stays queued). Used by the pages and by the service worker.
 */
import { claimForSending, type OutboxEntry, settleEntry } from './outbox';
import type { OutboxOutcome, OutboxState } from './outbox-entry';

export type SendResult = { state: Exclude<OutboxState, 'sending'>; outcome: OutboxOutcome | null; result: unknown };

/** How an answer's status settles an entry. 401 and a stale CSRF token wait for the next sign-in. */
export function settlementOf(status: number, code: string): Exclude<OutboxState, 'sending'> {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 401 || code === 'csrf_failed' || status === 429 || status >= 500) return 'queued';
  if (status === 409 || status === 410 || status === 422) return 'conflict';
  return 'failed';
}

async function readAnswer(response: Response): Promise<{ json: unknown; code: string; detail?: string; field?: string }> {
  let json: unknown = null;
  if ((response.headers.get('content-type') ?? '').includes('json')) json = await response.json().catch(() => null);
  const problem = (json ?? {}) as { code?: unknown; detail?: unknown; field?: unknown };
  return {
    json,
    code: typeof problem.code === 'string' ? problem.code : `http_${response.status}`,
    detail: typeof problem.detail === 'string' ? problem.detail : undefined,
    field: typeof problem.field === 'string' ? problem.field : undefined,
  };
}

/** One try of one entry; null when another sender has it already. */
export async function sendEntry(id: string, csrfToken: string | null): Promise<SendResult | null> {
  const entry = await claimForSending(id);
  if (!entry) return null;
  const outcome = await deliver(entry, csrfToken ?? entry.csrfToken);
  await settleEntry(id, outcome.state, outcome.outcome, outcome.result);
  return outcome;
}

async function deliver(entry: OutboxEntry, csrfToken: string | null): Promise<SendResult> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Idempotency-Key': entry.idempotencyKey };
  if (csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body: BodyInit;
  if ('json' in entry.body) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(entry.body.json);
  } else {
    headers['Content-Type'] = entry.body.contentType;
    body = entry.body.blob;
  }
  let response: Response;
  try {
    response = await fetch(`/api/v1${entry.url}`, { method: entry.method, headers, body, credentials: 'same-origin' });
  } catch {
    return { state: 'queued', outcome: { status: 0, code: 'network_error' }, result: null };
  }
  const answer = await readAnswer(response);
  const state = settlementOf(response.status, answer.code);
  if (state === 'sent') return { state, outcome: null, result: answer.json };
  return {
    state,
    outcome: { status: response.status, code: answer.code, detail: answer.detail, field: answer.field },
    result: null,
  };
}
