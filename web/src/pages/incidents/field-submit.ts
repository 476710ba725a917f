/**
 * The team's field actions (check in, report progress, add an evidence photo) go through the
 * device's outbox (web/src/offline): sent at once when the network answers, kept and sent
 * later when it does not. A refusal comes back as the ApiError the forms already show.
 */
import { useTranslation } from 'react-i18next';
import { ApiError, currentCsrfToken } from '../../api';
import type { OutboxKind } from '../../offline/outbox';
import { submitThroughOutbox } from '../../offline/outbox-client';
import { useCurrentUser } from '../../session';

/** sent: the server has it (the answer); queued: kept on this device until the network returns. */
export type FieldResult<T> = { sent: true; answer: T } | { sent: false };

export function useFieldSubmit() {
  const user = useCurrentUser();
  const { t } = useTranslation();
  /** `body`: JSON, or a photo as it is to be sent (made ready by useEvidencePhoto, need-evidence.tsx). */
  const submit = async <T>(kind: OutboxKind, label: string, url: string, body: { json: unknown } | Blob) => {
    const payload = body instanceof Blob ? { blob: body, contentType: body.type } : body;
    const { entry, state } = await submitThroughOutbox({
      kind,
      label,
      url,
      body: payload,
      userId: user.id,
      csrfToken: currentCsrfToken(),
    });
    if (state === 'sent') return { sent: true, answer: entry.result as T } satisfies FieldResult<T>;
    if (state === 'queued') return { sent: false } satisfies FieldResult<T>;
    const outcome = entry.outcome ?? { status: 0, code: 'internal_error' };
    throw new ApiError(outcome.status, outcome.code, { detail: outcome.detail });
  };
  return {
    submit,
    /** What to tell the person when a submission waits on the device. */
    keptOffline: t('outbox.keptOffline'),
  };
}
