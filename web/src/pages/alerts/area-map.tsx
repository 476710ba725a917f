/**
 * The composer's map of a warning's area, on the board's map machinery (components/map):
 * MapLibre over the configured style where the browser can draw it (a lazy chunk of its own),
 * else the drawn map. It shows the polygon and its points, the incident's reported needs as
 * where its areas lie, and names the chosen GB/T 2260 divisions (the platform holds no
 * boundaries for them). A click on the map adds a point to the polygon.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Typography } from 'antd';
import { lazy, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { needApi } from '../../api';
import { JurisdictionName } from '../../components/jurisdiction-name';
import { DrawnMap, type Position, projectionOf } from '../../components/map/drawn-map';
import { MapSwitch } from '../../components/map/map-kind';

const MapLibreAreaMap = lazy(() => import('./maplibre-area-map').then((m) => ({ default: m.MapLibreAreaMap })));

/** Mainland China's box, where the map looks before it has anything to frame. */
export const CHINA: Position[] = [
  { lat: 18.2, lon: 73.5 },
  { lat: 53.6, lon: 135.1 },
];

/** A clicked position as a polygon point, to about ten metres. */
function pointOf({ lat, lon }: Position): [number, number] {
  return [Number(lat.toFixed(4)), Number(lon.toFixed(4))];
}

/** Whether all the points are in the projection's box. */
function inside(p: ReturnType<typeof projectionOf>, polygon: [number, number][]): boolean {
  return polygon.every(([lat, lon]) => lat >= p.south && lat <= p.north && lon >= p.west && lon <= p.east);
}

/** Where the incident's areas lie: its located needs (nothing when the reader may not see them). */
function useIncidentPlaces(incidentId: string | null): Position[] {
  const needs = useQuery({
    queryKey: ['alert-area-needs', incidentId],
    queryFn: () => needApi.map(incidentId as string, {}),
    enabled: incidentId !== null,
    retry: false,
  });
  return useMemo(() => (needs.data?.items ?? []).map(({ lat, lon }) => ({ lat, lon })), [needs.data]);
}

export function AlertAreaMap({
  polygon,
  color,
  jurisdictions,
  incidentId,
  onChange,
}: {
  /** The polygon's points as [lat, lon] (not yet closed). */
  polygon: [number, number][];
  color: string;
  jurisdictions: string[];
  incidentId: string | null;
  /** The polygon after a point is added, the last taken away, or all cleared. */
  onChange: (polygon: [number, number][]) => void;
}) {
  const { t } = useTranslation();
  const places = useIncidentPlaces(incidentId);
  const add = (position: Position) => onChange([...polygon, pointOf(position)]);
  // The drawn map keeps its frame while points are clicked on it, so the next click lands where it is aimed.
  const [frozen, setFrozen] = useState<Position[] | null>(null);
  const framing = useMemo(() => {
    const positions = [...places, ...polygon.map(([lat, lon]) => ({ lat, lon }))];
    return positions.length ? positions : CHINA;
  }, [places, polygon]);
  // A polygon typed outside the kept frame frames the map anew.
  const frame = frozen && inside(projectionOf(frozen), polygon) ? frozen : framing;

  return (
    <>
      <MapSwitch
        noteTestId="alert-map-kind"
        drawn={() => {
          const p = projectionOf(frame);
          const points = polygon.map(([lat, lon]) => `${p.x(lon)},${p.y(lat)}`).join(' ');
          return (
            <figure className="need-map" data-testid="alert-map">
              <DrawnMap
                projection={p}
                title={t('alerts.mapLabel')}
                onPick={(position) => {
                  setFrozen(frame);
                  add(position);
                }}
              >
                <g className="alert-map-places">
                  {places.map((place, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: places have no identity of their own here
                    <circle key={i} className="alert-map-place" cx={p.x(place.lon)} cy={p.y(place.lat)} r={4} />
                  ))}
                </g>
                {polygon.length >= 3 ? (
                  <polygon points={points} fill={color} fillOpacity={0.18} stroke={color} strokeWidth={2.5} />
                ) : polygon.length === 2 ? (
                  <polyline points={points} fill="none" stroke={color} strokeWidth={2.5} />
                ) : null}
                <g data-testid="alert-map-points">
                  {polygon.map(([lat, lon], i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: a polygon's points are its order
                    <circle key={i} cx={p.x(lon)} cy={p.y(lat)} r={5} fill="#fff" stroke={color} strokeWidth={2.5} />
                  ))}
                </g>
              </DrawnMap>
            </figure>
          );
        }}
        tiles={(styleUrl, onFail) => (
          <MapLibreAreaMap
            styleUrl={styleUrl}
            polygon={polygon}
            color={color}
            places={places}
            fallback={CHINA}
            onPick={add}
            onFail={onFail}
          />
        )}
      />
      <Flex gap={8} wrap align="center" className="alert-map-tools">
        <Typography.Text type="secondary" className="small">
          {t('alerts.mapHelp')}
        </Typography.Text>
        <Button
          size="small"
          disabled={polygon.length === 0}
          onClick={() => onChange(polygon.slice(0, -1))}
          data-testid="alert-map-undo"
        >
          {t('alerts.mapUndo')}
        </Button>
        <Button
          size="small"
          disabled={polygon.length === 0}
          onClick={() => {
            setFrozen(null);
            onChange([]);
          }}
          data-testid="alert-map-clear"
        >
          {t('alerts.mapClear')}
        </Button>
      </Flex>
      <div className="small muted" aria-live="polite" data-testid="alert-map-summary">
        {polygon.length > 0 && polygon.length < 3 ? t('alerts.mapTooFew', { count: polygon.length }) : null}
        {polygon.length >= 3 ? t('alerts.mapPoints', { count: polygon.length }) : null}
      </div>
      <div className="small">
        <Typography.Text type="secondary">{t('alerts.mapAreas')}</Typography.Text>{' '}
        {jurisdictions.length === 0
          ? t('alerts.areasEmpty')
          : jurisdictions.map((code, i) => (
              <span key={code}>
                {i > 0 ? '、' : ''}
                <JurisdictionName code={code} />
              </span>
            ))}
        {places.length > 0 ? <span className="muted"> · {t('alerts.mapPlaces', { count: places.length })}</span> : null}
      </div>
    </>
  );
}
