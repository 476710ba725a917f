/**
 * The board's map on MapLibre GL: the configured style with one circle per need, coloured by
 * urgency, grey and small once fulfilled or closed, ringed while some of it is unclaimed.
 * A chunk of its own (MapLibre, its CSS and its worker), loaded only when a board draws it.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { URGENCY_COLORS } from '../../components/incident-tags';
import { fitTo as frame, useMapLibre } from '../../components/map/use-maplibre';
import type { NeedMapPoint } from '../../types';

const SOURCE = 'needs';
const LAYER = 'needs';
const SELECTED = 'needs-selected';
/** Panning fires many moves: ask for the needs in view once the map has rested this long. */
const MOVE_DEBOUNCE_MS = 300;
const DONE_COLOR = '#a3acb9';
const RING_COLOR = '#1f2937';
const SELECTED_COLOR = '#1d5bbf';

type NeedFeatures = Parameters<GeoJSONSource['setData']>[0];

function toFeatures(points: NeedMapPoint[]): NeedFeatures {
  return {
    type: 'FeatureCollection',
    features: points.map((p) => {
      const done = p.status === 'fulfilled' || p.status === 'closed';
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
        properties: { id: p.id, urgency: p.urgency, done, unclaimed: !done && p.remaining > 0 },
      };
    }),
  };
}

/** The box in view as the API's south,west,north,east, clamped to the world and rounded outward. */
function viewBox(map: MapLibreMap): string {
  const b = map.getBounds();
  const clamp = (value: number, limit: number) => Math.min(limit, Math.max(-limit, value));
  const wholeWorld = b.getEast() - b.getWest() >= 360;
  const down = (v: number) => Math.floor(v * 1e4) / 1e4;
  const up = (v: number) => Math.ceil(v * 1e4) / 1e4;
  return [
    down(clamp(b.getSouth(), 90)),
    wholeWorld ? -180 : down(clamp(b.getWest(), 180)),
    up(clamp(b.getNorth(), 90)),
    wholeWorld ? 180 : up(clamp(b.getEast(), 180)),
  ].join(',');
}

const ALERT_SOURCE = 'alert-areas';

/** The polygons of the incident's current warnings, as GeoJSON ([lon, lat] rings). */
function toAreas(areas: AlertArea[]): NeedFeatures {
  return {
    type: 'FeatureCollection',
    features: areas.map((a) => ({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: [a.polygon.map(([lat, lon]) => [lon, lat])] },
      properties: { id: a.id, color: a.color },
    })),
  };
}

/** A warning's area to draw under the needs: its polygon ([lat, lon]) and the colour of its warning. */
export interface AlertArea {
  id: string;
  polygon: number[][];
  color: string;
}

/** The warnings' areas, under the needs: a tinted fill and an outline in the warning's colour. */
function addAlertLayers(instance: MapLibreMap) {
  instance.addSource(ALERT_SOURCE, { type: 'geojson', data: toAreas([]) });
  instance.addLayer({
    id: `${ALERT_SOURCE}-fill`,
    type: 'fill',
    source: ALERT_SOURCE,
    paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.12 },
  });
  instance.addLayer({
    id: `${ALERT_SOURCE}-line`,
    type: 'line',
    source: ALERT_SOURCE,
    paint: { 'line-color': ['get', 'color'], 'line-width': 2 },
  });
}

/** The needs' source and layers, and what clicking and moving the map do. */
function addNeedLayers(
  instance: MapLibreMap,
  handlers: { current: { onSelect: (id: string) => void; onViewChange: (bbox: string) => void } },
) {
  instance.addSource(SOURCE, { type: 'geojson', data: toFeatures([]) });
  instance.addLayer({
    id: LAYER,
    type: 'circle',
    source: SOURCE,
    layout: {
      // Most urgent on top, finished needs underneath.
      'circle-sort-key': ['case', ['get', 'done'], 0, ['match', ['get', 'urgency'], 'critical', 4, 'high', 3, 'medium', 2, 1]],
    },
    paint: {
      'circle-color': [
        'case',
        ['get', 'done'],
        DONE_COLOR,
        [
          'match',
          ['get', 'urgency'],
          'critical',
          URGENCY_COLORS.critical,
          'high',
          URGENCY_COLORS.high,
          'medium',
          URGENCY_COLORS.medium,
          URGENCY_COLORS.low,
        ],
      ],
      'circle-opacity': ['case', ['get', 'done'], 0.7, 0.92],
      'circle-radius': ['case', ['get', 'done'], 4, ['==', ['get', 'urgency'], 'critical'], 8, 6.5],
      'circle-stroke-color': ['case', ['get', 'unclaimed'], RING_COLOR, '#ffffff'],
      'circle-stroke-width': ['case', ['get', 'unclaimed'], 2.5, 1.5],
    },
  });
  instance.addLayer({
    id: SELECTED,
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['get', 'id'], ''],
    paint: {
      'circle-radius': 13,
      'circle-opacity': 0,
      'circle-stroke-color': SELECTED_COLOR,
      'circle-stroke-width': 3,
    },
  });
  instance.on('click', LAYER, (event) => {
    const id = event.features?.[0]?.properties?.id;
    if (typeof id === 'string') handlers.current.onSelect(id);
  });
  instance.on('mouseenter', LAYER, () => {
    instance.getCanvas().style.cursor = 'pointer';
  });
  instance.on('mouseleave', LAYER, () => {
    instance.getCanvas().style.cursor = '';
  });
  let resting: ReturnType<typeof setTimeout> | undefined;
  instance.on('moveend', () => {
    clearTimeout(resting);
    resting = setTimeout(() => handlers.current.onViewChange(viewBox(instance)), MOVE_DEBOUNCE_MS);
  });
  instance.on('remove', () => clearTimeout(resting));
}

export function MapLibreNeedMap({
  styleUrl,
  points,
  fitTo,
  selectedId,
  onSelect,
  onViewChange,
  onFail,
  alertAreas = [],
}: {
  /** The incident's current warnings with a polygon, drawn under the needs. */
  alertAreas?: AlertArea[];
  styleUrl: string;
  /** The needs to draw (undefined while the first answer is on its way). */
  points: NeedMapPoint[] | undefined;
  /** The incident's needs, to frame the map on once when they first come. */
  fitTo: NeedMapPoint[] | undefined;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** The box in view, south,west,north,east, after each move. */
  onViewChange: (bbox: string) => void;
  /** The map cannot be drawn (no WebGL context, or the style did not load). */
  onFail: () => void;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLElement>(null);
  const handlers = useRef({ onSelect, onViewChange });
  useEffect(() => {
    handlers.current = { onSelect, onViewChange };
  });
  const map = useMapLibre(container, {
    styleUrl,
    onStyle: (instance) => {
      addAlertLayers(instance);
      addNeedLayers(instance, handlers);
    },
    onFail,
    counted: { layer: LAYER, id: 'id' },
  });
  // Framed once per map, when the incident's needs first come.
  const framed = useRef<MapLibreMap | null>(null);

  useEffect(() => {
    if (!map || framed.current === map || !fitTo?.length) return;
    framed.current = map;
    frame(map, fitTo, 14);
  }, [map, fitTo]);

  useEffect(() => {
    map?.getSource<GeoJSONSource>(SOURCE)?.setData(toFeatures(points ?? []));
  }, [map, points]);

  useEffect(() => {
    map?.getSource<GeoJSONSource>(ALERT_SOURCE)?.setData(toAreas(alertAreas));
  }, [map, alertAreas]);

  useEffect(() => {
    map?.setFilter(SELECTED, ['==', ['get', 'id'], selectedId ?? '']);
  }, [map, selectedId]);

  return <section ref={container} className="need-map-gl" aria-label={t('needs.mapTilesLabel')} data-testid="need-map-gl" />;
}
