/**
 * A MapLibre GL map over the configured style, made once per style: its controls and labels in
 * the reader's language, and a failure (no WebGL context, a style that errors or never comes)
 * reported so the page can draw its own map instead. Imported only by lazy-loaded components,
 * so MapLibre, its CSS and its worker stay in a chunk of their own.
 */
import 'maplibre-gl/dist/maplibre-gl.css';
import { LngLatBounds, Map as MapLibreMap, NavigationControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Position } from './drawn-map';

// MapLibre looks for its worker next to its own module, which bundling moves: say where it went.
setWorkerUrl(workerUrl);

/** How long the style may take before the page gives up on it and draws its own map. */
const STYLE_TIMEOUT_MS = 15_000;
/** Mainland China, until the data say where to look. */
const START = { center: [104.2, 35.9] as [number, number], zoom: 3 };

interface Options {
  styleUrl: string;
  /** Once the style is in: add the sources, layers and handlers. */
  onStyle: (map: MapLibreMap) => void;
  /** The map cannot be drawn (no WebGL context, or the style did not load). */
  onFail: () => void;
  /** The layer whose features are counted, by this property, into the container's data-drawn once the map rests. */
  counted?: { layer: string; id: string };
}

/** The map in `container`, once its style has loaded and `onStyle` has run (null before). */
export function useMapLibre(container: RefObject<HTMLElement | null>, options: Options): MapLibreMap | null {
  const { t } = useTranslation();
  const [map, setMap] = useState<MapLibreMap | null>(null);
  // The latest callbacks, so the map is made once per style rather than on every render.
  const handlers = useRef(options);
  useEffect(() => {
    handlers.current = options;
  });
  const { styleUrl } = options;

  useEffect(() => {
    const element = container.current;
    if (!element) return;
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
          'Map.Title': t('map.canvasLabel'),
          'NavigationControl.ZoomIn': t('map.zoomIn'),
          'NavigationControl.ZoomOut': t('map.zoomOut'),
        },
      });
    } catch {
      // No WebGL context after all (GPUInitializationError).
      handlers.current.onFail();
      return;
    }
    let styled = false;
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
      handlers.current.onStyle(instance);
      setMap(instance);
    });
    // How many features the layer really drew, for readers of the page (and tests) to check.
    instance.on('idle', () => {
      const counted = handlers.current.counted;
      if (!counted || !instance.getLayer(counted.layer)) return;
      const drawn = new Set(instance.queryRenderedFeatures({ layers: [counted.layer] }).map((f) => f.properties[counted.id]));
      element.dataset.drawn = String(drawn.size);
    });

    return () => {
      clearTimeout(slow);
      setMap(null);
      instance.remove();
    };
  }, [container, styleUrl, t]);

  return map;
}

/** Frames the map on the positions (nothing to do without any). */
export function fitTo(map: MapLibreMap, positions: readonly Position[], maxZoom: number): void {
  if (positions.length === 0) return;
  const bounds = new LngLatBounds();
  for (const p of positions) bounds.extend([p.lon, p.lat]);
  map.fitBounds(bounds, { padding: 40, maxZoom, duration: 0 });
}
