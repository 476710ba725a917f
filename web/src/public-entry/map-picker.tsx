/**
 * The optional map of the report page: a tap on the map fills the latitude and longitude.
 * Loaded only when the visitor asks for it (a chunk of its own with MapLibre), and only
 * where the server has a map style configured.
 */
import { useQuery } from '@tanstack/react-query';
import { Marker } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { mapApi } from '../api';
import { useMapLibre } from '../components/map/use-maplibre';
import { Loading, Notice } from './shell';

interface Props {
  lat: number | null;
  lon: number | null;
  onPick: (lat: number, lon: number) => void;
}

function StyledMap({ styleUrl, lat, lon, onPick }: Props & { styleUrl: string }) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const marker = useRef<Marker | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const map = useMapLibre(container, {
    styleUrl,
    onStyle: (instance) => {
      instance.on('click', (event) => pick.current(Number(event.lngLat.lat.toFixed(6)), Number(event.lngLat.lng.toFixed(6))));
    },
    onFail: () => undefined,
  });
  useEffect(() => {
    if (!map || lat === null || lon === null) return;
    marker.current ??= new Marker({ color: '#c0392b' });
    marker.current.setLngLat([lon, lat]).addTo(map);
  }, [map, lat, lon]);
  return (
    <div className="pp-map-box">
      <div ref={container} className="pp-map" role="application" aria-label={t('public.mapLabel')} data-testid="report-map" />
      <p className="pp-hint">{t('public.mapHint')}</p>
    </div>
  );
}

export default function MapPicker(props: Props) {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: ['map-settings'], queryFn: mapApi.settings, staleTime: Number.POSITIVE_INFINITY });
  if (settings.isPending) return <Loading />;
  const styleUrl = settings.data?.styleUrl;
  if (!styleUrl) return <Notice tone="info">{t('public.noMap')}</Notice>;
  return <StyledMap styleUrl={styleUrl} {...props} />;
}
