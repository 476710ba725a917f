/**
 * The board's map of needs: MapLibre over the configured style where the browser has WebGL,
 * else (or when the style fails to load) the drawn SVG map. Both show the newest needs (at
 * most the server's 2,000) that match the list's filters; MapLibre asks again for what is in
 * view as the reader pans and zooms. MapLibre is a chunk of its own, fetched only here.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { Component, lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mapApi, needApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import type { NeedMapAnswer, NeedQuery } from '../../types';
import { boardKey, type LiveMode, pollInterval } from './live-updates';
import { NeedMap, UrgencyLegend } from './need-map';

const MapLibreNeedMap = lazy(() => import('./maplibre-need-map').then((m) => ({ default: m.MapLibreNeedMap })));

type DrawnReason = 'unconfigured' | 'no_webgl' | 'failed';
type MapKind = { kind: 'pending' } | { kind: 'tiles'; styleUrl: string } | { kind: 'drawn'; reason: DrawnReason };

let webGl: boolean | undefined;

/** Whether this browser can draw WebGL at all (asked once; the test context is let go at once). */
function hasWebGl(): boolean {
  if (webGl === undefined) {
    try {
      const canvas = document.createElement('canvas');
      const context = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
      webGl = context !== null;
      context?.getExtension('WEBGL_lose_context')?.loseContext();
    } catch {
      webGl = false;
    }
  }
  return webGl;
}

/** Turns a failure to load the map's chunk into the drawn map instead of a broken board. */
class ChunkBoundary extends Component<{ onError: () => void; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override componentDidCatch() {
    this.props.onError();
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

function useMapKind(failed: boolean): MapKind {
  const settings = useQuery({ queryKey: ['map-settings'], queryFn: mapApi.settings, staleTime: Number.POSITIVE_INFINITY });
  if (settings.isPending) return { kind: 'pending' };
  const styleUrl = settings.data?.styleUrl ?? null;
  if (!styleUrl) return { kind: 'drawn', reason: settings.isError ? 'failed' : 'unconfigured' };
  if (!hasWebGl()) return { kind: 'drawn', reason: 'no_webgl' };
  if (failed) return { kind: 'drawn', reason: 'failed' };
  return { kind: 'tiles', styleUrl };
}

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

  const note =
    map.kind === 'pending' ? null : (
      <div className="muted small need-map-kind" data-testid="need-map-kind" data-kind={map.kind}>
        {map.kind === 'tiles' ? t('needs.mapKind.tiles') : t(`needs.mapKind.${map.reason}`)}
      </div>
    );

  let body: ReactNode;
  if (map.kind === 'pending' || (map.kind === 'drawn' && !answer && !error)) {
    body = (
      <div className="need-map-loading">
        <Spin />
      </div>
    );
  } else if (map.kind === 'drawn') {
    body = (
      <NeedMap points={answer?.items ?? []} selectedId={selectedId} onSelect={onSelect} hrefFor={hrefFor} summary={summary} />
    );
  } else {
    body = (
      <figure className="need-map">
        <ChunkBoundary onError={() => setFailed(true)}>
          <Suspense
            fallback={
              <div className="need-map-loading">
                <Spin />
              </div>
            }
          >
            <MapLibreNeedMap
              styleUrl={map.styleUrl}
              points={answer?.items}
              fitTo={whole.data?.items}
              selectedId={selectedId}
              onSelect={onSelect}
              onViewChange={setBbox}
              onFail={() => setFailed(true)}
            />
          </Suspense>
        </ChunkBoundary>
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
      {note}
    </>
  );
}
