/**
 * The 3W places on MapLibre GL: one circle per place over the configured style, its area by how
 * much was done there, named with its counts on hover. A chunk of its own with MapLibre, loaded
 * only when the map is asked for.
 */
import { type GeoJSONSource, type Map as MapLibreMap, Popup } from 'maplibre-gl';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { fitTo, useMapLibre } from '../../components/map/use-maplibre';
import { type LocatedPlace, PLACE_COLOR, placeRadius, usePlaceLabel } from './place-map';

const SOURCE = 'places';
const LAYER = 'places';

/** The circles, and their names with the counts in a popup where the pointer rests. */
function addPlaceLayer(instance: MapLibreMap) {
  instance.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  instance.addLayer({
    id: LAYER,
    type: 'circle',
    source: SOURCE,
    // The biggest underneath.
    layout: { 'circle-sort-key': ['-', ['get', 'radius']] },
    paint: {
      'circle-color': PLACE_COLOR,
      'circle-opacity': 0.55,
      'circle-radius': ['get', 'radius'],
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1.5,
    },
  });
  const popup = new Popup({ closeButton: false, closeOnClick: false, offset: 8 });
  instance.on('mousemove', LAYER, (event) => {
    const feature = event.features?.[0];
    const label = feature?.properties?.label;
    if (!feature || typeof label !== 'string' || feature.geometry.type !== 'Point') return;
    instance.getCanvas().style.cursor = 'pointer';
    popup
      .setLngLat(feature.geometry.coordinates as [number, number])
      .setText(label)
      .addTo(instance);
  });
  instance.on('mouseleave', LAYER, () => {
    instance.getCanvas().style.cursor = '';
    popup.remove();
  });
}

export function MapLibrePlaceMap({
  styleUrl,
  places,
  onFail,
}: {
  styleUrl: string;
  places: LocatedPlace[];
  /** The map cannot be drawn (no WebGL context, or the style did not load). */
  onFail: () => void;
}) {
  const { t } = useTranslation();
  const label = usePlaceLabel();
  const container = useRef<HTMLElement>(null);
  const map = useMapLibre(container, { styleUrl, onStyle: addPlaceLayer, onFail, counted: { layer: LAYER, id: 'key' } });
  const features = useMemo((): Parameters<GeoJSONSource['setData']>[0] => {
    const most = Math.max(...places.map((place) => place.count));
    return {
      type: 'FeatureCollection',
      features: places.map((place) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [place.lon, place.lat] },
        properties: { key: place.key, label: label(place), radius: placeRadius(place.count, most) },
      })),
    };
  }, [places, label]);

  useEffect(() => {
    map?.getSource<GeoJSONSource>(SOURCE)?.setData(features);
  }, [map, features]);

  // Framed on the places when they come (another area, another period), not on every redraw.
  useEffect(() => {
    if (map) fitTo(map, places, 10);
  }, [map, places]);

  return <section ref={container} className="need-map-gl" aria-label={t('analytics.www.mapLabel')} data-testid="www-map-gl" />;
}
