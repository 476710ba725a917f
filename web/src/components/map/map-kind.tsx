/**
 * Which map a page can draw: MapLibre over the configured style where the browser has WebGL,
 * else (or once the style fails to load) the drawn SVG map. MapLibre is a chunk of its own: the
 * caller lazy-loads its MapLibre component, and a failure to load it falls back to the drawn map.
 * MapSwitch draws the one that can be, with a line under it saying which.
 */
import { useQuery } from '@tanstack/react-query';
import { Spin } from 'antd';
import { Component, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mapApi } from '../../api';

type DrawnReason = 'unconfigured' | 'no_webgl' | 'failed';
type MapKind = { kind: 'pending' } | { kind: 'tiles'; styleUrl: string } | { kind: 'drawn'; reason: DrawnReason };

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
function useMapKind(failed: boolean): MapKind {
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
function MapKindNote({ map, testId }: { map: MapKind; testId: string }) {
  const { t } = useTranslation();
  if (map.kind === 'pending') return null;
  return (
    <div className="muted small need-map-kind" data-testid={testId} data-kind={map.kind}>
      {map.kind === 'tiles' ? t('map.kind.tiles') : t(`map.kind.${map.reason}`)}
    </div>
  );
}

/**
 * The map this browser can draw, and under it the line saying which: `tiles`, the caller's lazy
 * MapLibre component over the configured style (a spinner while its chunk loads), given
 * `onFail` to call when it cannot draw; else, or once it has failed here, `drawn`.
 */
export function MapSwitch({
  drawn,
  tiles,
  onFail,
  noteTestId,
}: {
  drawn: () => ReactNode;
  tiles: (styleUrl: string, onFail: () => void) => ReactNode;
  /** Told when MapLibre gives up here, as the drawn map takes over. */
  onFail?: () => void;
  noteTestId: string;
}) {
  const [failed, setFailed] = useState(false);
  const map = useMapKind(failed);
  const fail = () => {
    setFailed(true);
    onFail?.();
  };

  let body: ReactNode;
  if (map.kind === 'pending') {
    body = <MapLoading />;
  } else if (map.kind === 'drawn') {
    body = drawn();
  } else {
    body = (
      <ChunkBoundary onError={fail}>
        <Suspense fallback={<MapLoading />}>{tiles(map.styleUrl, fail)}</Suspense>
      </ChunkBoundary>
    );
  }
  return (
    <>
      {body}
      <MapKindNote map={map} testId={noteTestId} />
    </>
  );
}
