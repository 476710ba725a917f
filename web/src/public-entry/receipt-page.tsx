/**
 * /receipt and /receipt/:code — 查询求助进度: anyone with a receipt code sees where their request
 * stands, in plain words, and can say "已获救/已解决" so nobody goes out for it any more.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, publicApi } from '../api';
import { useDateTime } from '../format';
import { useSessionQuery } from '../session';
import type { PublicReceipt } from '../types';
import { AreaName } from './incidents';
import { Link, navigate, useNavigationState } from './router';
import { EmergencyNumbers, ErrorNotice, Loading, Notice, PublicShell } from './shell';

const DONE = ['fulfilled', 'closed'];

/** Asks for a code and goes to /receipt/CODE; the code lives in the URL only, never in storage. */
function CodeForm({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation();
  const [code, setCode] = useState(initial);
  return (
    <form
      className="pp-code-form"
      onSubmit={(event) => {
        event.preventDefault();
        const clean = code.replace(/\s+/g, '').toUpperCase();
        if (clean) navigate(`/receipt/${encodeURIComponent(clean)}`);
      }}
    >
      <label htmlFor="receipt-code" className="pp-label">
        {t('receipt.codeLabel')}
      </label>
      <div className="pp-code-row">
        <input
          id="receipt-code"
          className="pp-input pp-code-input"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          maxLength={20}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          placeholder={t('receipt.codePlaceholder')}
        />
        <button type="submit" className="pp-button pp-primary">
          {t('receipt.look')}
        </button>
      </div>
    </form>
  );
}

function Receipt({ receipt, code }: { receipt: PublicReceipt; code: string }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const done = DONE.includes(receipt.status);
  const history = [...receipt.history].reverse();

  const resolve = async () => {
    setBusy(true);
    setError(null);
    try {
      await publicApi.resolve(code);
      await queryClient.invalidateQueries({ queryKey: ['public', 'receipt', code] });
      setConfirming(false);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="pp-receipt" data-testid="receipt">
      <div className={`pp-status pp-status-${receipt.status}`} data-testid="receipt-status" data-status={receipt.status}>
        <span className="pp-status-label">{t(`need.status.${receipt.status}`)}</span>
        <span>{t(`receipt.statusWords.${receipt.status}`)}</span>
      </div>
      <dl className="pp-facts">
        <dt>{t('receipt.what')}</dt>
        <dd>{receipt.title}</dd>
        <dt>{t('receipt.kind')}</dt>
        <dd>
          {t(`category.${receipt.category}`)} · {receipt.quantity} {receipt.unit} · {t(`need.urgency.${receipt.urgency}`)}
        </dd>
        <dt>{t('receipt.area')}</dt>
        <dd>
          <AreaName code={receipt.jurisdiction} />
        </dd>
        <dt>{t('receipt.reportedAt')}</dt>
        <dd>{dateTime(receipt.createdAt)}</dd>
      </dl>
      <h2 className="pp-subtitle">{t('receipt.history')}</h2>
      <ol className="pp-history" data-testid="receipt-history">
        {history.map((entry) => (
          <li key={`${entry.at}-${entry.kind}`}>
            <span>{t(`receipt.event.${entry.kind}`, { defaultValue: t('receipt.event.other') })}</span>
            <time dateTime={entry.at} className="pp-history-time">
              {dateTime(entry.at)}
            </time>
          </li>
        ))}
      </ol>
      <ErrorNotice error={error} onClose={() => setError(null)} />
      {done ? null : confirming ? (
        <div className="pp-confirm">
          <p>{t('receipt.resolveConfirm')}</p>
          <button
            type="button"
            className="pp-button pp-primary pp-block"
            disabled={busy}
            onClick={() => void resolve()}
            data-testid="resolve-confirm"
          >
            {t('receipt.resolveYes')}
          </button>
          <button type="button" className="pp-button pp-block" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
        </div>
      ) : (
        <button type="button" className="pp-button pp-block" onClick={() => setConfirming(true)}>
          {t('receipt.resolve')}
        </button>
      )}
    </section>
  );
}

export function ReceiptPage({ code: raw }: { code: string | null }) {
  const { t } = useTranslation();
  const fresh = Boolean(useNavigationState<{ fresh?: boolean }>()?.fresh);
  const code = raw ? raw.trim().toUpperCase() : null;
  // A signed-in visitor's cookie needs the CSRF token its session brings (for 已获救).
  useSessionQuery();
  const receipt = useQuery({
    queryKey: ['public', 'receipt', code],
    queryFn: () => publicApi.receipt(code ?? ''),
    enabled: code !== null,
    refetchInterval: 30_000,
    retry: false,
  });
  const missing = receipt.error instanceof ApiError && receipt.error.status === 404;

  return (
    <PublicShell>
      {fresh && code ? (
        <div className="pp-done" data-testid="report-done">
          <span className="pp-done-icon" aria-hidden="true">
            ✓
          </span>
          <h1 className="pp-title">{t('receipt.freshTitle')}</h1>
          <p className="pp-lead">{t('receipt.freshBody')}</p>
        </div>
      ) : (
        <h1 className="pp-title">{t('receipt.title')}</h1>
      )}
      {code && (fresh || receipt.data) ? (
        <div className="pp-code-box">
          <div>{t('receipt.yourCode')}</div>
          <div className="pp-code" data-testid="receipt-code">
            {code}
          </div>
          <div className="pp-small">{t('receipt.keepCode')}</div>
        </div>
      ) : code === null ? (
        <p className="pp-lead">{t('receipt.intro')}</p>
      ) : null}
      {code === null ? <CodeForm /> : null}
      {code && receipt.isPending ? <Loading /> : null}
      {missing ? (
        <>
          <Notice tone="warning">{t('receipt.notFound')}</Notice>
          <CodeForm initial={code ?? ''} />
        </>
      ) : (
        <ErrorNotice error={receipt.error} />
      )}
      {receipt.data && code ? <Receipt receipt={receipt.data} code={code} /> : null}
      <EmergencyNumbers />
      <p className="pp-links">
        <Link to="/report">{t('receipt.another')}</Link>
        {code ? (
          <>
            {' · '}
            <Link to="/receipt">{t('receipt.otherCode')}</Link>
          </>
        ) : null}
      </p>
    </PublicShell>
  );
}
