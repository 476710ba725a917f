/**
 * Sends the mail outbox over SMTP (nodemailer). A mail is claimed by a conditional update
 * before it is sent, so two nodes do not send it twice; a failure is kept with its error and
 * retried later, each wait twice the last (30 s, 1 min, 2 min … at most an hour), so nothing
 * that was queued is lost across restarts.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import { claimMail, dueMails, markMailFailed, markMailSent } from '../../db/repositories/notifications';
import type { Deps } from '../context';

const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;
/** A claimed mail not marked sent by then is tried again (the sender died mid-send). */
const SENDING_MS = 5 * 60_000;

export interface Mailer {
  transport: Transporter;
  from: string;
}

/** A mailer for an SMTP URL (`smtp://user:pass@host:587`, `smtps://…`), or none when mail is not configured. */
export function mailerFor(smtpUrl: string | null, from: string): Mailer | null {
  return smtpUrl ? { transport: nodemailer.createTransport(smtpUrl), from } : null;
}

/** The wait before attempt number `attempts + 1`. */
export function retryDelayMs(attempts: number): number {
  return Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
}

/** Sends the mails now due; answers how many were sent and how many failed (to be retried). */
export async function sendDueMails(deps: Deps, mailer: Mailer, limit = 100): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (const mail of await dueMails(deps.db, deps.now().toISOString(), limit)) {
    const now = deps.now();
    const until = new Date(now.getTime() + SENDING_MS).toISOString();
    if (!(await claimMail(deps.db, mail.id, mail.attempts, now.toISOString(), until))) continue;
    try {
      await mailer.transport.sendMail({
        from: mailer.from,
        to: mail.recipient,
        subject: mail.subject,
        text: mail.body,
        messageId: `<${mail.id}@corespond>`,
      });
      await markMailSent(deps.db, mail.id, deps.now().toISOString());
      sent++;
    } catch (error) {
      const retryAt = new Date(deps.now().getTime() + retryDelayMs(mail.attempts + 1)).toISOString();
      await markMailFailed(deps.db, mail.id, error instanceof Error ? error.message : String(error), retryAt);
      failed++;
    }
  }
  return { sent, failed };
}
