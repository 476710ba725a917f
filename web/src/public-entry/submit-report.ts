/**
 * Sends a public report (公众求助) through the outbox (web/src/offline): the report is kept on
 * this device first with its own Idempotency-Key, then sent; when the network is away it waits
 * there and goes out when the network returns. However often it arrives, the server makes one
 * need (a replay answers the first report's receipt again).
 */
import { ApiError, currentCsrfToken } from '../api';
import { submitThroughOutbox } from '../offline/outbox-client';
import type { PublicReport, PublicReportAnswer } from '../types';

/** The report's fields without the incident, which goes first. */
export type PublicReportBody = Omit<PublicReport, 'incidentId'>;

/** sent: the server's receipt; queued: kept on this phone until the network returns. */
export type PublicReportOutcome = { state: 'sent'; answer: PublicReportAnswer } | { state: 'queued' };

/** Sends the report, or keeps it; a refusal (a field the server does not accept) is thrown as an ApiError. */
export async function submitPublicReport(incidentId: string, body: PublicReportBody): Promise<PublicReportOutcome> {
  const { entry, state } = await submitThroughOutbox({
    kind: 'public_report',
    label: body.title,
    url: '/public/needs',
    body: { json: { ...body, incidentId } },
    userId: 'public',
    // The public route needs no token; a visitor who is also signed in sends the session's.
    csrfToken: currentCsrfToken(),
  });
  if (state === 'sent') return { state, answer: entry.result as PublicReportAnswer };
  if (state === 'queued') return { state };
  const outcome = entry.outcome ?? { status: 0, code: 'unknown' };
  throw new ApiError(outcome.status, outcome.code, { field: outcome.field, detail: outcome.detail });
}
