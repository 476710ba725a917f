/**
 * 查询求助进度: anyone with a receipt code sees where their request stands, in plain words,
 * and can say "已获救/已解决" so nobody goes out for it any more.
 */
import { CheckCircleFilled } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ApiError, publicApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { useJurisdictionName } from '../../components/jurisdiction-name';
import { useDateTime } from '../../format';
import { useSessionQuery } from '../../session';
import type { PublicReceipt } from '../../types';
import { PublicCodeForm } from './public-parts';
import { EmergencyNumbers, PublicShell } from './public-shell';

const DONE = ['fulfilled', 'closed'];

function CodeForm({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation();
  return (
    <PublicCodeForm
      id="receipt-code"
      path="/receipt"
      initial={initial}
      label={t('receipt.codeLabel')}
      placeholder={t('receipt.codePlaceholder')}
      button={t('receipt.look')}
    />
  );
}

function Place({ code }: { code: string }) {
  return <>{useJurisdictionName(code) ?? code}</>;
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
    <section className="public-receipt" data-testid="receipt">
      <div className={`public-status public-status-${receipt.status}`} data-testid="receipt-status" data-status={receipt.status}>
        <span className="public-status-label">{t(`need.status.${receipt.status}`)}</span>
        <span className="public-status-words">{t(`receipt.statusWords.${receipt.status}`)}</span>
      </div>
      <dl className="public-facts">
        <dt>{t('receipt.what')}</dt>
        <dd>{receipt.title}</dd>
        <dt>{t('receipt.kind')}</dt>
        <dd>
          {t(`category.${receipt.category}`)} · {receipt.quantity} {receipt.unit} · {t(`need.urgency.${receipt.urgency}`)}
        </dd>
        <dt>{t('receipt.area')}</dt>
        <dd>
          <Place code={receipt.jurisdiction} />
        </dd>
        <dt>{t('receipt.reportedAt')}</dt>
        <dd>{dateTime(receipt.createdAt)}</dd>
      </dl>
      <h2 className="public-subtitle">{t('receipt.history')}</h2>
      <ol className="public-history" data-testid="receipt-history">
        {history.map((entry) => (
          <li key={`${entry.at}-${entry.kind}`}>
            <span className="public-history-words">
              {t(`receipt.event.${entry.kind}`, { defaultValue: t('receipt.event.other') })}
            </span>
            <time dateTime={entry.at} className="public-history-time">
              {dateTime(entry.at)}
            </time>
          </li>
        ))}
      </ol>
      <ErrorAlert error={error} onClose={() => setError(null)} />
      {done ? null : confirming ? (
        <div className="public-confirm">
          <p>{t('receipt.resolveConfirm')}</p>
          <Button type="primary" size="large" block loading={busy} onClick={() => void resolve()} data-testid="resolve-confirm">
            {t('receipt.resolveYes')}
          </Button>
          <Button size="large" block onClick={() => setConfirming(false)} className="top-gap">
            {t('common.cancel')}
          </Button>
        </div>
      ) : (
        <Button size="large" block icon={<CheckCircleFilled />} onClick={() => setConfirming(true)} className="public-resolve">
          {t('receipt.resolve')}
        </Button>
      )}
    </section>
  );
}

export function ReceiptPage() {
  const { t } = useTranslation();
  const { code: raw } = useParams();
  const location = useLocation();
  const fresh = Boolean((location.state as { fresh?: boolean } | null)?.fresh);
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
        <div className="public-done" data-testid="report-done">
          <CheckCircleFilled className="public-done-icon" aria-hidden="true" />
          <Typography.Title level={1} className="public-title">
            {t('receipt.freshTitle')}
          </Typography.Title>
          <p className="public-lead">{t('receipt.freshBody')}</p>
        </div>
      ) : (
        <Typography.Title level={1} className="public-title">
          {t('receipt.title')}
        </Typography.Title>
      )}
      {code && (fresh || receipt.data) ? (
        <div className="public-code-box">
          <div className="public-code-caption">{t('receipt.yourCode')}</div>
          <Typography.Text copyable={{ text: code }} className="public-code" data-testid="receipt-code">
            {code}
          </Typography.Text>
          <div className="public-code-note">{t('receipt.keepCode')}</div>
        </div>
      ) : code === null ? (
        <p className="public-lead">{t('receipt.intro')}</p>
      ) : null}
      {code === null ? <CodeForm /> : null}
      {code && receipt.isPending ? <Spin /> : null}
      {missing ? (
        <>
          <Alert type="warning" showIcon title={t('receipt.notFound')} className="form-alert" />
          <CodeForm initial={code ?? ''} />
        </>
      ) : (
        <ErrorAlert error={receipt.error} />
      )}
      {receipt.data && code ? <Receipt receipt={receipt.data} code={code} /> : null}
      <EmergencyNumbers />
      <p className="public-receipt-link">
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
