/**
 * Which map a page can draw: MapLibre over the configured style where the browser has WebGL,
 * else (or once the style fails to load) the drawn SVG map. MapLibre is a chunk of its own: the
 * caller lazy-loads its MapLibre component, and a failure to load it falls back to the drawn map.
 */
import { useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { Component, type ReactNode, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { mapApi } from '../../api';

type DrawnReason = 'unconfigured' | 'no_webgl' | 'failed';
export type MapKind = { kind: 'pending' } | { kind: 'tiles'; styleUrl: string } | { kind: 'drawn'; reason: DrawnReason };

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

/** Turns a failure to load the map's chunk into the drawn map instead of a broken page. */
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

/** The map this browser draws, given whether MapLibre has already failed here. */
export function useMapKind(failed: boolean): MapKind {
  const settings = useQuery({ queryKey: ['map-settings'], queryFn: mapApi.settings, staleTime: Number.POSITIVE_INFINITY });
  if (settings.isPending) return { kind: 'pending' };
  const styleUrl = settings.data?.styleUrl ?? null;
  if (!styleUrl) return { kind: 'drawn', reason: settings.isError ? 'failed' : 'unconfigured' };
  if (!hasWebGl()) return { kind: 'drawn', reason: 'no_webgl' };
  if (failed) return { kind: 'drawn', reason: 'failed' };
  return { kind: 'tiles', styleUrl };
}

export function MapLoading() {
  return (
    <div className="need-map-loading">
      <Spin />
    </div>
  );
}

/** A line under the map saying which one it is, and why the drawn one. */
export function MapKindNote({ map, testId }: { map: MapKind; testId: string }) {
  const { t } = useTranslation();
  if (map.kind === 'pending') return null;
  return (
    <div className="muted small need-map-kind" data-testid={testId} data-kind={map.kind}>
      {map.kind === 'tiles' ? t('map.kind.tiles') : t(`map.kind.${map.reason}`)}
    </div>
  );
}

/** Where a lazy MapLibre component goes: a spinner while its chunk loads, `onFail` if it cannot. */
export function TilesBoundary({ onFail, children }: { onFail: () => void; children: ReactNode }) {
  return (
    <ChunkBoundary onError={onFail}>
      <Suspense fallback={<MapLoading />}>{children}</Suspense>
    </ChunkBoundary>
  );
}
