/**
 * The composer's map on MapLibre GL (components/map/use-maplibre.ts, as the board's): the
 * polygon being drawn, its points, and the incident's reported needs as where its areas lie.
 * A click adds a point. A chunk of its own, loaded only when the composer draws it.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Position } from '../../components/map/drawn-map';
import { fitTo as frame, useMapLibre } from '../../components/map/use-maplibre';

const SOURCE = 'alert-polygon';
const POINTS = 'alert-polygon-points';
const PLACES = 'alert-places';

type Features = Parameters<GeoJSONSource['setData']>[0];

/** The polygon as GeoJSON: the area once it has three points, else the line so far; and its points. */
function toPolygon(polygon: [number, number][], color: string): Features {
  const ring = polygon.map(([lat, lon]) => [lon, lat]);
  const shape =
    ring.length >= 3
      ? [
          {
            type: 'Feature' as const,
            geometry: { type: 'Polygon' as const, coordinates: [[...ring, ring[0]]] },
            properties: { color },
          },
        ]
      : ring.length === 2
        ? [{ type: 'Feature' as const, geometry: { type: 'LineString' as const, coordinates: ring }, properties: { color } }]
        : [];
  return {
    type: 'FeatureCollection',
    features: [
      ...shape,
      ...ring.map((coordinates, i) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates },
        properties: { color, vertex: i },
      })),
    ],
  };
}

function toPlaces(places: Position[]): Features {
  return {
    type: 'FeatureCollection',
    features: places.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lon, p.lat] }, properties: {} })),
  };
}

function addLayers(instance: MapLibreMap, onPick: { current: (position: Position) => void }) {
  instance.addSource(PLACES, { type: 'geojson', data: toPlaces([]) });
  instance.addLayer({
    id: PLACES,
    type: 'circle',
    source: PLACES,
    paint: { 'circle-radius': 4, 'circle-color': '#7b8594', 'circle-opacity': 0.6 },
  });
  instance.addSource(SOURCE, { type: 'geojson', data: toPolygon([], '#cf1322') });
  instance.addLayer({
    id: `${SOURCE}-fill`,
    type: 'fill',
    source: SOURCE,
    filter: ['==', ['geometry-type'], 'Polygon'],
    paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.18 },
  });
  instance.addLayer({
    id: `${SOURCE}-line`,
    type: 'line',
    source: SOURCE,
    filter: ['!=', ['geometry-type'], 'Point'],
    paint: { 'line-color': ['get', 'color'], 'line-width': 2.5 },
  });
  instance.addLayer({
    id: POINTS,
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: { 'circle-radius': 5, 'circle-color': '#ffffff', 'circle-stroke-color': ['get', 'color'], 'circle-stroke-width': 2.5 },
  });
  instance.getCanvas().style.cursor = 'crosshair';
  instance.on('click', (event) => onPick.current({ lat: event.lngLat.lat, lon: event.lngLat.lng }));
}

export function MapLibreAreaMap({
  styleUrl,
  polygon,
  color,
  places,
  fallback,
  onPick,
  onFail,
}: {
  styleUrl: string;
  polygon: [number, number][];
  color: string;
  places: Position[];
  /** What to frame the map on with neither places nor points. */
  fallback: Position[];
  onPick: (position: Position) => void;
  onFail: () => void;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLElement>(null);
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  });
  const map = useMapLibre(container, {
    styleUrl,
    onStyle: (instance) => addLayers(instance, pick),
    onFail,
    counted: { layer: POINTS, id: 'vertex' },
  });
  // Framed when the map is made and when the places come, not as points are clicked: the map
  // must not move under the pointer.
  const latest = useRef(polygon);
  latest.current = polygon;
  useEffect(() => {
    if (!map) return;
    const positions = [...places, ...latest.current.map(([lat, lon]) => ({ lat, lon }))];
    frame(map, positions.length ? positions : fallback, 13);
  }, [map, places, fallback]);

  useEffect(() => {
    map?.getSource<GeoJSONSource>(SOURCE)?.setData(toPolygon(polygon, color));
  }, [map, polygon, color]);

  useEffect(() => {
    map?.getSource<GeoJSONSource>(PLACES)?.setData(toPlaces(places));
  }, [map, places]);

  return (
    <figure className="need-map">
      <section ref={container} className="need-map-gl" aria-label={t('alerts.mapLabel')} data-testid="alert-map-gl" />
    </figure>
  );
}
