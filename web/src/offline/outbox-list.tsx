/**
 * The outbox as a person sees it: each submission made on this device, its state (waiting for
 * the network, sending, sent, refused and why), newest first. Plain elements and the app's
 * translations, so the public pages can show it without the coordinators' UI library.
 */
import { useTranslation } from 'react-i18next';
import './outbox.css';
import { type OutboxEntry, requeue } from './outbox';
import { flushOutbox } from './outbox-client';

function Outcome({ entry }: { entry: OutboxEntry }) {
  const { t, i18n } = useTranslation();
  if (!entry.outcome || entry.state === 'queued' || entry.state === 'sending') return null;
  const key = `error.${entry.outcome.code}`;
  const words = i18n.exists(key) ? t(key) : t('error.unknown', { code: entry.outcome.code });
  return (
    <div className="outbox-outcome" data-testid="outbox-outcome">
      {words}
      {entry.outcome.detail ? `（${entry.outcome.detail}）` : ''}
    </div>
  );
}

/** A public report that got through: its receipt code, and the page that follows it. */
function ReceiptOf({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  const code = (entry.result as { receiptCode?: unknown } | null)?.receiptCode;
  if (entry.kind !== 'public_report' || entry.state !== 'sent' || typeof code !== 'string') return null;
  return (
    <div className="outbox-receipt">
      {t('outbox.receiptCode')}{' '}
      <a href={`/receipt/${encodeURIComponent(code)}`} data-testid="outbox-receipt">
        <code>{code}</code>
      </a>
    </div>
  );
}

export function OutboxList({
  entries,
  owner,
  csrfToken,
}: {
  entries: OutboxEntry[];
  owner: string;
  csrfToken: () => string | null;
}) {
  const { t, i18n } = useTranslation();
  if (entries.length === 0) return null;
  const waiting = entries.filter((e) => e.state === 'queued').length;
  const time = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  const retry = async (id: string) => {
    await requeue(id);
    await flushOutbox(owner, csrfToken());
  };
  return (
    <section className="outbox" data-testid="outbox" aria-labelledby="outbox-title">
      <h2 id="outbox-title" className="outbox-title">
        {t('outbox.title')}
        {waiting > 0 ? <span className="outbox-waiting"> · {t('outbox.waiting', { count: waiting })}</span> : null}
      </h2>
      <ul className="outbox-items">
        {entries.map((entry) => (
          <li key={entry.id} className={`outbox-item outbox-${entry.state}`} data-testid="outbox-item" data-state={entry.state}>
            <div className="outbox-line">
              <span className="outbox-state">{t(`outbox.state.${entry.state}`)}</span>
              <span className="outbox-label">
                {t(`outbox.kind.${entry.kind}`)} · {entry.label}
              </span>
              <time className="outbox-time" dateTime={entry.createdAt}>
                {time.format(new Date(entry.createdAt))}
              </time>
            </div>
            <Outcome entry={entry} />
            <ReceiptOf entry={entry} />
            {entry.state === 'failed' ? (
              <button type="button" className="outbox-retry" onClick={() => void retry(entry.id)}>
                {t('outbox.retry')}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {waiting > 0 ? <p className="outbox-hint">{t('outbox.hint')}</p> : null}
    </section>
  );
}
