/**
 * Sends a public report (公众求助). The one place the public report page submits through, so
 * that an offline outbox can take it over: the same Idempotency-Key on a retry or a replay
 * never creates a second need (the server answers the first report's receipt again).
 */
import { publicApi } from '../api';
import type { PublicReport, PublicReportAnswer } from '../types';

/** The report's fields without the incident, which goes first. */
export type PublicReportBody = Omit<PublicReport, 'incidentId'>;

export function submitPublicReport(
  incidentId: string,
  body: PublicReportBody,
  idempotencyKey: string,
): Promise<PublicReportAnswer> {
  return publicApi.report({ ...body, incidentId }, idempotencyKey);
}
