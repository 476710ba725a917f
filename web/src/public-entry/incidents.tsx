/** The open incidents a visitor can ask for help in, and the line that describes one. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { jurisdictionApi, publicApi } from '../api';
import type { PublicIncident } from '../types';

export function usePublicIncidents() {
  return useQuery({ queryKey: ['public', 'incidents'], queryFn: publicApi.incidents, staleTime: 60_000 });
}

/** A division's name (GB/T 2260), or its code until the name is known. */
export function AreaName({ code }: { code: string }) {
  const { data } = useQuery({
    queryKey: ['jurisdiction', code],
    queryFn: () => jurisdictionApi.get(code),
    staleTime: Number.POSITIVE_INFINITY,
  });
  return <>{data?.name ?? code}</>;
}

export function IncidentLine({ incident }: { incident: PublicIncident }) {
  const { t } = useTranslation();
  return (
    <span className="pp-incident-facts">
      <span className={`pp-level pp-level-${incident.level}`}>{t(`incident.level.${incident.level}`)}</span>
      {incident.warningColor ? (
        <span className={`pp-warning pp-warning-${incident.warningColor}`}>{t(`incident.warning.${incident.warningColor}`)}</span>
      ) : null}
      <span>
        {incident.jurisdictions.slice(0, 3).map((code, i) => (
          <span key={code}>
            {i > 0 ? '、' : ''}
            <AreaName code={code} />
          </span>
        ))}
      </span>
    </span>
  );
}
