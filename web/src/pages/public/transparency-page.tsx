/**
 * 公开透明: for anyone, without an account, where an incident's money and goods stand — pledged,
 * received, allocated, delivered or disbursed, returned, written off — charts first, then the same
 * figures as tables. The figures come from the ledger and follow it: fetched again every 30
 * seconds and whenever the reader comes back to the tab.
 */
import { RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Spin, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, offerApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { currentLanguage, intlLocale } from '../../i18n';
import type { Transparency } from '../../types';
import { IncidentLine, usePublicIncidents } from './public-parts';
import { PublicShell } from './public-shell';
import { TransparencyTables } from './transparency-tables';
import { useTransparencyView } from './transparency-view';

// ECharts comes with the charts only, in a chunk no other public page loads.
const TransparencyCharts = lazy(async () => ({ default: (await import('./transparency-charts')).TransparencyCharts }));

/** /transparency: the open incidents whose figures one can read. */
export function TransparencyStartPage() {
  const { t } = useTranslation();
  const incidents = usePublicIncidents();
  const items = incidents.data ?? [];
  return (
    <PublicShell>
      <Typography.Title level={1} className="public-title">
        {t('transparency.title')}
      </Typography.Title>
      <p className="public-lead">{t('transparency.intro')}</p>
      <h2 className="public-subtitle">{t('transparency.chooseIncident')}</h2>
      <ErrorAlert error={incidents.error} />
      {incidents.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <p className="public-empty">{t('public.noIncidents')}</p>
      ) : (
        <ul className="public-incidents" data-testid="transparency-incidents">
          {items.map((incident) => (
            <li key={incident.id}>
              <Link to={`/transparency/${encodeURIComponent(incident.id)}`} className="public-incident">
                <span className="public-incident-name">{incident.name}</span>
                <IncidentLine incident={incident} />
                <RightOutlined className="public-incident-arrow" aria-hidden="true" />
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p className="public-receipt-link">
        <Link to="/donation">{t('donation.followLink')}</Link>
      </p>
    </PublicShell>
  );
}

function Figures({ data, incidentId }: { data: Transparency; incidentId: string }) {
  const { t } = useTranslation();
  const view = useTransparencyView(data);
  if (view.empty) {
    return (
      <div className="public-section" data-testid="transparency-empty">
        <p className="public-empty">{t('transparency.empty')}</p>
        <p className="public-receipt-link">
          <Link to={`/give/${encodeURIComponent(incidentId)}`}>{t('transparency.giveLink')}</Link>
        </p>
      </div>
    );
  }
  return (
    <>
      <Suspense
        fallback={
          <div className="public-section transparency-loading">
            <Spin />
          </div>
        }
      >
        <TransparencyCharts view={view} />
      </Suspense>
      <TransparencyTables view={view} />
    </>
  );
}

/** When the figures were fetched, to the second (they refresh every 30 seconds). */
function useUpdatedAt(): (at: number) => string {
  useTranslation(); // re-render when the language changes
  const format = new Intl.DateTimeFormat(intlLocale(currentLanguage()), {
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (at) => format.format(new Date(at));
}

/** /transparency/:incidentId: one incident's figures. */
export function TransparencyPage() {
  const { t } = useTranslation();
  const updated = useUpdatedAt();
  const { incidentId = '' } = useParams();
  const figures = useQuery({
    queryKey: ['public', 'transparency', incidentId],
    queryFn: () => offerApi.transparency(incidentId),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
  const missing = figures.error instanceof ApiError && (figures.error.status === 404 || figures.error.status === 400);
  return (
    <PublicShell>
      <p className="public-back">
        <Link to="/transparency">← {t('public.backToIncidents')}</Link>
      </p>
      {missing ? (
        <Alert type="warning" showIcon title={t('public.incidentGone')} />
      ) : (
        <>
          <Typography.Title level={1} className="public-title">
            {figures.data?.incidentName ?? t('transparency.title')}
          </Typography.Title>
          <p className="public-lead">{t('transparency.lead')}</p>
          {figures.data ? (
            <p className="transparency-updated" data-testid="updated-at" aria-live="polite">
              {t('transparency.updatedAt', { time: updated(figures.dataUpdatedAt) })}
            </p>
          ) : null}
          {/* A failed refresh keeps the last figures on screen, with the error above them. */}
          <ErrorAlert error={figures.error} />
          {figures.data ? <Figures data={figures.data} incidentId={incidentId} /> : figures.isPending ? <Spin /> : null}
        </>
      )}
      <p className="public-receipt-link">
        <Link to={`/give/${encodeURIComponent(incidentId)}`}>{t('transparency.giveLink')}</Link>
        {' · '}
        <Link to="/donation">{t('donation.followLink')}</Link>
      </p>
    </PublicShell>
  );
}
