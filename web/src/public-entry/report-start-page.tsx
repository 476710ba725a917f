/** /report: the open incidents to ask for help in (公众求助). */
import { useTranslation } from 'react-i18next';
import { IncidentLine, usePublicIncidents } from './incidents';
import { Link } from './router';
import { EmergencyNumbers, ErrorNotice, Loading, PublicShell } from './shell';

export function ReportStartPage() {
  const { t } = useTranslation();
  const incidents = usePublicIncidents();
  const items = incidents.data ?? [];
  return (
    <PublicShell>
      <h1 className="pp-title">{t('public.reportTitle')}</h1>
      <p className="pp-lead">{t('public.reportIntro')}</p>
      <EmergencyNumbers />
      <h2 className="pp-subtitle">{t('public.chooseIncident')}</h2>
      <ErrorNotice error={incidents.error} />
      {incidents.isPending ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="pp-empty">{t('public.noIncidents')}</p>
      ) : (
        <ul className="pp-incidents" data-testid="public-incidents">
          {items.map((incident) => (
            <li key={incident.id}>
              <Link to={`/report/${encodeURIComponent(incident.id)}`} className="pp-incident">
                <span className="pp-incident-name">{incident.name}</span>
                <IncidentLine incident={incident} />
                <span className="pp-incident-arrow" aria-hidden="true">
                  ›
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      <p className="pp-links">
        {t('public.haveCode')} <Link to="/receipt">{t('public.receiptLink')}</Link>
      </p>
      <p className="pp-links">
        {t('public.wantToGive')} <Link to="/give">{t('public.giveLink')}</Link>
      </p>
    </PublicShell>
  );
}
