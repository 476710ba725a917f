/**
 * The board's map of needs: MapLibre over the configured style where the browser has WebGL,
 * else (or when the style fails to load) the drawn SVG map. Both show the newest needs (at
 * most the server's 2,000) that match the list's filters; MapLibre asks again for what is in
 * view as the reader pans and zooms. MapLibre is a chunk of its own, fetched only here.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { alertApi, needApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { MapLoading, MapSwitch } from '../../components/map/map-kind';
import type { NeedMapAnswer, NeedQuery } from '../../types';
import { ALERT_COLORS } from '../alerts/alert-parts';
import { boardKey, type LiveMode, pollInterval } from './live-updates';
import { NeedMap, UrgencyLegend } from './need-map';

/** The polygons of the incident's current warnings, in their colours. */
function useAlertAreas(incidentId: string, live: LiveMode) {
  const alerts = useQuery({
    queryKey: ['alerts', 'incident', incidentId],
    queryFn: () => alertApi.ofIncident(incidentId),
    refetchInterval: pollInterval(live),
  });
  return useMemo(
    () =>
      (alerts.data?.items ?? []).flatMap((a) =>
        a.current && a.polygon ? [{ id: a.id, polygon: a.polygon, color: ALERT_COLORS[a.warningColor ?? 'blue'] }] : [],
      ),
    [alerts.data],
  );
}

const MapLibreNeedMap = lazy(() => import('./maplibre-need-map').then((m) => ({ default: m.MapLibreNeedMap })));

/** What the map shows of the answer, on MapLibre (`tiles`, where zooming in shows more) or the drawn map. */
function useSummary(answer: NeedMapAnswer | undefined): (tiles: boolean) => string {
  const { t } = useTranslation();
  return (tiles) => {
    if (!answer) return t('common.loading');
    if (!answer.truncated) return t('needs.mapOnMap', { count: answer.items.length });
    return t(tiles ? 'needs.mapTruncatedZoom' : 'needs.mapTruncated', { shown: answer.items.length, total: answer.total });
  };
}

export function BoardMap({
  incidentId,
  query,
  live,
  selectedId,
  onSelect,
  hrefFor,
}: {
  incidentId: string;
  /** The list's filters; the map shows the needs that match them. */
  query: NeedQuery;
  live: LiveMode;
  selectedId: string | null;
  onSelect: (id: string) => void;
  hrefFor: (id: string) => string;
}) {
  const { t } = useTranslation();
  // The box in view (south,west,north,east): null until MapLibre has placed itself, and on the drawn map.
  const [bbox, setBbox] = useState<string | null>(null);
  const inBox = bbox !== null;

  // All the incident's needs: the drawn map's points, and where MapLibre first looks.
  const whole = useQuery({
    queryKey: [...boardKey(incidentId), 'need-map', query, null],
    queryFn: () => needApi.map(incidentId, query),
    placeholderData: keepPreviousData,
    refetchInterval: pollInterval(live),
    enabled: !inBox,
  });
  const inView = useQuery({
    queryKey: [...boardKey(incidentId), 'need-map', query, bbox],
    queryFn: () => needApi.map(incidentId, { ...query, bbox: bbox ?? undefined }),
    placeholderData: keepPreviousData,
    refetchInterval: pollInterval(live),
    enabled: inBox,
  });
  const answer = inBox ? (inView.data ?? whole.data) : whole.data;
  const alertAreas = useAlertAreas(incidentId, live);
  const summary = useSummary(answer);
  const error = inBox ? inView.error : whole.error;

  return (
    <>
      <ErrorAlert error={error} />
      <MapSwitch
        noteTestId="need-map-kind"
        // The drawn map shows all the needs again, not those of MapLibre's last view.
        onFail={() => setBbox(null)}
        drawn={() =>
          answer || error ? (
            <NeedMap
              points={answer?.items ?? []}
              selectedId={selectedId}
              onSelect={onSelect}
              hrefFor={hrefFor}
              summary={summary(false)}
            />
          ) : (
            <MapLoading />
          )
        }
        tiles={(styleUrl, onFail) => (
          <figure className="need-map">
            <MapLibreNeedMap
              styleUrl={styleUrl}
              points={answer?.items}
              fitTo={whole.data?.items}
              selectedId={selectedId}
              onSelect={onSelect}
              onViewChange={setBbox}
              onFail={onFail}
              alertAreas={alertAreas}
            />
            <figcaption className="need-map-legend">
              <UrgencyLegend />
              <span className="need-map-legend-item">
                <span className="need-map-swatch need-map-swatch-ring" aria-hidden="true" />
                {t('needs.mapUnclaimed')}
              </span>
              <span className="need-map-legend-item">
                <span className="need-map-swatch need-map-swatch-done" aria-hidden="true" />
                {t('needs.mapDone')}
              </span>
              <span className="muted" aria-live="polite" data-testid="need-map-count">
                {summary(true)}
              </span>
            </figcaption>
          </figure>
        )}
      />
    </>
  );
}
