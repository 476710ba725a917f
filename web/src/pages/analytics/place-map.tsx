/**
 * The 3W places on a map: a circle where each place's activity lies, its area by how much was
 * done there. MapLibre over the configured style where the browser can draw it, else (as on the
 * incident board) the drawn SVG map; places without a position are counted under it.
 */
import { Empty } from 'antd';
import { lazy, type ReactNode, useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DrawnMap, projectionOf } from '../../components/map/drawn-map';
import { MapSwitch } from '../../components/map/map-kind';
import type { PlaceTotal } from '../../types';

const MapLibrePlaceMap = lazy(() => import('./maplibre-place-map').then((m) => ({ default: m.MapLibrePlaceMap })));

/** A place with a position on the map. */
export type LocatedPlace = PlaceTotal & { lat: number; lon: number };

export const PLACE_COLOR = '#1d5bbf';
/** Up to this many places are named on the drawn map; above it, the busiest only. */
const NAMED = 10;

/** A circle's radius in pixels: its area grows with the count, the busiest place 30 px across. */
export function placeRadius(count: number, most: number): number {
  return 5 + 25 * Math.sqrt(count / Math.max(1, most));
}

/** What a place's circle says: its name, how much was done there and by how many. */
export function usePlaceLabel(): (place: PlaceTotal) => string {
  const { t } = useTranslation();
  return useCallback(
    (place: PlaceTotal) =>
      t('analytics.www.placeTip', { name: place.name, count: place.count, organizations: place.organizations }),
    [t],
  );
}

function DrawnPlaceMap({ places }: { places: LocatedPlace[] }) {
  const { t } = useTranslation();
  const label = usePlaceLabel();
  const drawn = useMemo(() => {
    const p = projectionOf(places);
    const most = Math.max(...places.map((place) => place.count));
    // The biggest underneath, so the small ones on top of them can still be pointed at.
    const circles = [...places]
      .sort((a, b) => b.count - a.count)
      .map((place, rank) => ({
        place,
        x: p.x(place.lon),
        y: p.y(place.lat),
        r: placeRadius(place.count, most),
        named: rank < NAMED,
      }));
    return { p, circles };
  }, [places]);

  return (
    <DrawnMap projection={drawn.p} title={t('analytics.www.mapLabel')}>
      <g className="place-map-circles">
        {drawn.circles.map(({ place, x, y, r }) => (
          <circle key={place.key} cx={x} cy={y} r={r} fill={PLACE_COLOR} className="place-map-circle" data-testid="www-map-place">
            <title>{label(place)}</title>
          </circle>
        ))}
      </g>
      <g className="place-map-names">
        {drawn.circles
          .filter((circle) => circle.named)
          .map(({ place, x, y, r }) => (
            <text key={place.key} x={x + r + 3} y={y + 5}>
              {place.name}
            </text>
          ))}
      </g>
    </DrawnMap>
  );
}

export function PlaceMap({ places }: { places: PlaceTotal[] }) {
  const { t } = useTranslation();
  const located = useMemo(
    () => places.filter((place): place is LocatedPlace => place.lat !== null && place.lon !== null),
    [places],
  );
  const unlocated = places.length - located.length;

  const figure = (kind: 'drawn' | 'tiles', map: ReactNode) => (
    <figure className="need-map place-map" data-testid="www-map" data-kind={kind}>
      {located.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analytics.www.mapEmpty')} className="need-map-empty" />
      ) : (
        map
      )}
      <figcaption className="need-map-legend">
        <span className="need-map-legend-item">
          <span className="need-map-swatch" style={{ background: PLACE_COLOR }} aria-hidden="true" />
          {t('analytics.www.mapLegend')}
        </span>
        <span className="muted" data-testid="www-map-count">
          {t('analytics.www.mapCount', { count: located.length })}
          {unlocated > 0 ? `${t('analytics.listSeparator')}${t('analytics.www.mapUnlocated', { count: unlocated })}` : null}
        </span>
      </figcaption>
    </figure>
  );

  return (
    <MapSwitch
      noteTestId="www-map-kind"
      drawn={() => figure('drawn', <DrawnPlaceMap places={located} />)}
      tiles={(styleUrl, onFail) => figure('tiles', <MapLibrePlaceMap styleUrl={styleUrl} places={located} onFail={onFail} />)}
    />
  );
}
