/**
 * The board's map of needs: MapLibre over the configured style where the browser has WebGL,
 * else (or when the style fails to load) the drawn SVG map. Both show the newest needs (at
 * most the server's 2,000) that match the list's filters; MapLibre asks again for what is in
 * view as the reader pans and zooms. MapLibre is a chunk of its own, fetched only here.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { needApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { MapKindNote, MapLoading, TilesBoundary, useMapKind } from '../../components/map/map-kind';
import type { NeedMapAnswer, NeedQuery } from '../../types';
import { boardKey, type LiveMode, pollInterval } from './live-updates';
import { NeedMap, UrgencyLegend } from './need-map';

const MapLibreNeedMap = lazy(() => import('./maplibre-need-map').then((m) => ({ default: m.MapLibreNeedMap })));

function useSummary(answer: NeedMapAnswer | undefined, tiles: boolean): string {
  const { t } = useTranslation();
  if (!answer) return t('common.loading');
  if (!answer.truncated) return t('needs.mapOnMap', { count: answer.items.length });
  return t(tiles ? 'needs.mapTruncatedZoom' : 'needs.mapTruncated', { shown: answer.items.length, total: answer.total });
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
  const [failed, setFailed] = useState(false);
  // The box in view (south,west,north,east); null until MapLibre has placed itself.
  const [bbox, setBbox] = useState<string | null>(null);
  const map = useMapKind(failed);
  const tiles = map.kind === 'tiles';
  const inBox = tiles && bbox !== null;

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
  const summary = useSummary(answer, tiles);
  const error = inBox ? inView.error : whole.error;

  let body: ReactNode;
  if (map.kind === 'pending' || (map.kind === 'drawn' && !answer && !error)) {
    body = <MapLoading />;
  } else if (map.kind === 'drawn') {
    body = (
      <NeedMap points={answer?.items ?? []} selectedId={selectedId} onSelect={onSelect} hrefFor={hrefFor} summary={summary} />
    );
  } else {
    body = (
      <figure className="need-map">
        <TilesBoundary onFail={() => setFailed(true)}>
          <MapLibreNeedMap
            styleUrl={map.styleUrl}
            points={answer?.items}
            fitTo={whole.data?.items}
            selectedId={selectedId}
            onSelect={onSelect}
            onViewChange={setBbox}
            onFail={() => setFailed(true)}
          />
        </TilesBoundary>
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
            {summary}
          </span>
        </figcaption>
      </figure>
    );
  }

  return (
    <>
      <ErrorAlert error={error} />
      {body}
      <MapKindNote map={map} testId="need-map-kind" />
    </>
  );
}
