/** One submission kept on the device until the server has answered it. Pure types. */

/** What was submitted: the field actions a team takes, and a public report. */
export type OutboxKind = 'check_in' | 'progress' | 'evidence' | 'need_report' | 'public_report';

/**
 * queued: waiting for the network; sending: on its way; sent: the server made it (or had made
 * it: a replay); conflict: the server refused it for a reason a person must look at (the need
 * was closed meanwhile, the claim is taken); failed: refused for good (e.g. not allowed).
 */
export type OutboxState = 'queued' | 'sending' | 'sent' | 'conflict' | 'failed';

/** The server's answer when it was not a success: its problem code and detail. */
export interface OutboxOutcome {
  status: number;
  code: string;
  detail?: string;
  /** The field the refusal names (a public report's phone number, say). */
  field?: string;
}

export interface OutboxEntry {
  id: string;
  kind: OutboxKind;
  /** Words that tell the person what this was ("蓝天一队 报到", the need's title). */
  label: string;
  /** Path under /api/v1, e.g. /deployments/…/check-ins. */
  url: string;
  method: 'POST';
  /** JSON, or a photo as it will be sent (already downscaled). */
  body: { json: unknown } | { blob: Blob; contentType: string };
  idempotencyKey: string;
  /** Whose submission it is; 'public' for the public pages (no account). */
  userId: string;
  /** The CSRF token of the session it was made in (the service worker has no other). */
  csrfToken: string | null;
  createdAt: string;
  state: OutboxState;
  /** When a try last ended, and how many tries there were. */
  triedAt: string | null;
  tries: number;
  outcome: OutboxOutcome | null;
  /** The server's answer to a success (a public report's receipt code, the file name). */
  result: unknown;
}
