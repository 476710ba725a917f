/**
 * A plan's flows on MapLibre GL: a line from each supply to its need, thicker for more, over the
 * configured style. A chunk of its own, loaded only when an allocation card draws it.
 */
import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fitTo, useMapLibre } from '../../components/map/use-maplibre';
import { FLOW_COLOR, type Flow, flowWidth, NEED_COLOR, SUPPLY_COLOR } from './allocation-flow-map';

const FLOWS = 'flows';
const ENDS = 'flow-ends';

type Features = Parameters<GeoJSONSource['setData']>[0];

function lineFeatures(flows: readonly Flow[]): Features {
  const largest = Math.max(0, ...flows.map((f) => f.quantity));
  return {
    type: 'FeatureCollection',
    features: flows.map((f) => ({
      type: 'Feature',
      geometry: {
        type: 'LineString',
        coordinates: [
          [f.from.lon, f.from.lat],
          [f.to.lon, f.to.lat],
        ],
      },
      properties: { id: f.id, width: flowWidth(f.quantity, largest) },
    })),
  };
}

function endFeatures(flows: readonly Flow[]): Features {
  return {
    type: 'FeatureCollection',
    features: flows.flatMap((f) => [
      { type: 'Feature', geometry: { type: 'Point', coordinates: [f.from.lon, f.from.lat] }, properties: { end: 'supply' } },
      { type: 'Feature', geometry: { type: 'Point', coordinates: [f.to.lon, f.to.lat] }, properties: { end: 'need' } },
    ]),
  };
}

function addFlowLayers(instance: MapLibreMap) {
  instance.addSource(FLOWS, { type: 'geojson', data: lineFeatures([]) });
  instance.addSource(ENDS, { type: 'geojson', data: endFeatures([]) });
  instance.addLayer({
    id: FLOWS,
    type: 'line',
    source: FLOWS,
    layout: { 'line-cap': 'round' },
    paint: { 'line-color': FLOW_COLOR, 'line-opacity': 0.75, 'line-width': ['get', 'width'] },
  });
  instance.addLayer({
    id: ENDS,
    type: 'circle',
    source: ENDS,
    paint: {
      'circle-color': ['match', ['get', 'end'], 'supply', SUPPLY_COLOR, NEED_COLOR],
      'circle-radius': 6,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  });
}

export function MapLibreFlowMap({ styleUrl, flows, onFail }: { styleUrl: string; flows: Flow[]; onFail: () => void }) {
  const { t } = useTranslation();
  const container = useRef<HTMLElement>(null);
  const map = useMapLibre(container, { styleUrl, onStyle: addFlowLayers, onFail, counted: { layer: FLOWS, id: 'id' } });

  // The flows as data: the map is redrawn when they change, not on every render of the card.
  const shape = flows.map((f) => `${f.id}:${f.quantity}:${f.from.lat},${f.from.lon}:${f.to.lat},${f.to.lon}`).join(';');
  const latest = useRef(flows);
  latest.current = flows;
  // Framed once per map, so editing a quantity does not move what the reader is looking at.
  const framed = useRef<MapLibreMap | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `shape` stands for the flows read through `latest`
  useEffect(() => {
    if (!map) return;
    const now = latest.current;
    map.getSource<GeoJSONSource>(FLOWS)?.setData(lineFeatures(now));
    map.getSource<GeoJSONSource>(ENDS)?.setData(endFeatures(now));
    if (framed.current !== map) {
      framed.current = map;
      fitTo(
        map,
        now.flatMap((f) => [f.from, f.to]),
        13,
      );
    }
  }, [map, shape]);

  return <section ref={container} className="need-map-gl" aria-label={t('allocation.mapLabel')} data-testid="flow-map-gl" />;
}
