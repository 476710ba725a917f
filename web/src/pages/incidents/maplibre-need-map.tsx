/**
 * The board's map on MapLibre GL: the configured style with one circle per need, coloured by
 * urgency, grey and small once fulfilled or closed, ringed while some of it is unclaimed.
 * A chunk of its own (MapLibre, its CSS and its worker), loaded only when a board draws it.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import { type GeoJSONSource, LngLatBounds, Map as MapLibreMap, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { URGENCY_COLORS } from '../../components/incident-tags';
import type { NeedMapPoint } from '../../types';

// MapLibre looks for its worker next to its own module, which bundling moves: say where it went.
setWorkerUrl(workerUrl);

const SOURCE = 'needs';
const LAYER = 'needs';
const SELECTED = 'needs-selected';
/** How long the style may take before the board gives up on it and draws its own map. */
const STYLE_TIMEOUT_MS = 15_000;
/** Panning fires many moves: ask for the needs in view once the map has rested this long. */
const MOVE_DEBOUNCE_MS = 300;
/** Mainland China, until the needs say where to look. */
const START = { center: [104.2, 35.9] as [number, number], zoom: 3 };
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

export function MapLibreNeedMap({
  styleUrl,
  points,
  fitTo,
  selectedId,
  onSelect,
  onViewChange,
  onFail,
}: {
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
  // Set once the needs' source and layers are in the style.
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const framed = useRef(false);
  // The latest callbacks, so the map is made once per style rather than on every render.
  const handlers = useRef({ onSelect, onViewChange, onFail });
  useEffect(() => {
    handlers.current = { onSelect, onViewChange, onFail };
  });

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    framed.current = false;
    let instance: MapLibreMap;
    try {
      instance = new MapLibreMap({
        container: element,
        // Resolved here: a path on this server must not be read against the worker's address.
        style: new URL(styleUrl, window.location.href).href,
        ...START,
        maxZoom: 18,
        attributionControl: { compact: true },
        locale: {
          'Map.Title': t('needs.mapCanvasLabel'),
          'NavigationControl.ZoomIn': t('needs.mapZoomIn'),
          'NavigationControl.ZoomOut': t('needs.mapZoomOut'),
        },
      });
    } catch {
      // No WebGL context after all (GPUInitializationError).
      handlers.current.onFail();
      return;
    }
    let styled = false;
    let resting: ReturnType<typeof setTimeout> | undefined;
    const slow = setTimeout(() => handlers.current.onFail(), STYLE_TIMEOUT_MS);

    instance.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    // Before the style is in, an error is the style failing; later ones are single tiles, and
    // the map stays useful without them.
    instance.on('error', () => {
      if (!styled) handlers.current.onFail();
    });
    instance.on('style.load', () => {
      styled = true;
      clearTimeout(slow);
      instance.addSource(SOURCE, { type: 'geojson', data: toFeatures([]) });
      instance.addLayer({
        id: LAYER,
        type: 'circle',
        source: SOURCE,
        layout: {
          // Most urgent on top, finished needs underneath.
          'circle-sort-key': [
            'case',
            ['get', 'done'],
            0,
            ['match', ['get', 'urgency'], 'critical', 4, 'high', 3, 'medium', 2, 1],
          ],
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
      setMap(instance);
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
    // How many needs the layer really drew, for readers of the page (and tests) to check.
    instance.on('idle', () => {
      if (!instance.getLayer(LAYER)) return;
      const drawn = new Set(instance.queryRenderedFeatures({ layers: [LAYER] }).map((f) => f.properties.id));
      element.dataset.drawn = String(drawn.size);
    });
    instance.on('moveend', () => {
      clearTimeout(resting);
      resting = setTimeout(() => handlers.current.onViewChange(viewBox(instance)), MOVE_DEBOUNCE_MS);
    });

    return () => {
      clearTimeout(slow);
      clearTimeout(resting);
      setMap(null);
      instance.remove();
    };
  }, [styleUrl, t]);

  useEffect(() => {
    if (!map || framed.current || !fitTo?.length) return;
    framed.current = true;
    const bounds = new LngLatBounds();
    for (const p of fitTo) bounds.extend([p.lon, p.lat]);
    map.fitBounds(bounds, { padding: 40, maxZoom: 14, duration: 0 });
  }, [map, fitTo]);

  useEffect(() => {
    map?.getSource<GeoJSONSource>(SOURCE)?.setData(toFeatures(points ?? []));
  }, [map, points]);

  useEffect(() => {
    map?.setFilter(SELECTED, ['==', ['get', 'id'], selectedId ?? '']);
  }, [map, selectedId]);

  return <section ref={container} className="need-map-gl" aria-label={t('needs.mapTilesLabel')} data-testid="need-map-gl" />;
}
