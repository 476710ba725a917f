/**
 * A simple drawn map: an SVG that projects points into its own box (equirectangular, shrunk
 * east–west by the cosine of the middle latitude), with a graticule and a scale bar. No tiles:
 * the fallback when no map style is configured or the browser cannot draw one. What is drawn on
 * it (needs, places) is the caller's.
 */
import type { MouseEvent, ReactNode } from 'react';

const W = 640;
const H = 420;
const MARGIN = 28;
/** Never zoom closer than about 2 km across. */
const MIN_SPAN = 0.02;
const KM_PER_DEGREE = 111.32;
const STEPS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];
const KM_STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500];

export interface Position {
  lat: number;
  lon: number;
}

interface Projection {
  x: (lon: number) => number;
  y: (lat: number) => number;
  west: number;
  east: number;
  south: number;
  north: number;
  pxPerKm: number;
}

/** The projection that frames all the positions (at least one), with a margin around them. */
export function projectionOf(positions: readonly Position[]): Projection {
  let south = Math.min(...positions.map((p) => p.lat));
  let north = Math.max(...positions.map((p) => p.lat));
  let west = Math.min(...positions.map((p) => p.lon));
  let east = Math.max(...positions.map((p) => p.lon));
  const widen = (lo: number, hi: number): [number, number] => {
    const span = Math.max(hi - lo, MIN_SPAN) * 1.16; // a margin around the outermost dots
    const mid = (lo + hi) / 2;
    return [mid - span / 2, mid + span / 2];
  };
  [south, north] = widen(south, north);
  [west, east] = widen(west, east);
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const scale = Math.min((W - 2 * MARGIN) / ((east - west) * k), (H - 2 * MARGIN) / (north - south));
  const dx = (W - (east - west) * k * scale) / 2;
  const dy = (H - (north - south) * scale) / 2;
  // The box drawn is the whole SVG: widen the bounds to it so the graticule fills it.
  const left = west - dx / (k * scale);
  const right = east + dx / (k * scale);
  const top = north + dy / scale;
  const bottom = south - dy / scale;
  return {
    x: (lon) => (lon - left) * k * scale,
    y: (lat) => (top - lat) * scale,
    west: left,
    east: right,
    south: bottom,
    north: top,
    pxPerKm: scale / KM_PER_DEGREE,
  };
}

function gridStep(span: number): number {
  return STEPS.find((step) => span / step <= 6) ?? 10;
}

function ticks(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi; v += step) out.push(Number(v.toFixed(6)));
  return out;
}

function degrees(value: number, positive: string, negative: string, step: number): string {
  const digits = Math.max(0, Math.ceil(-Math.log10(step)));
  return `${Math.abs(value).toFixed(digits)}°${value >= 0 ? positive : negative}`;
}

/** The position under a point of the SVG box (the inverse of the projection). */
export function positionAt(p: Projection, x: number, y: number): Position {
  return { lon: p.west + (x / W) * (p.east - p.west), lat: p.north - (y / H) * (p.north - p.south) };
}

/**
 * The SVG: background, graticule with degrees, scale bar; then what the caller draws over them.
 * With `onPick`, a click on the map tells the position under the pointer.
 */
export function DrawnMap({
  projection: p,
  title,
  children,
  onPick,
}: {
  projection: Projection;
  title: string;
  children: ReactNode;
  onPick?: (position: Position) => void;
}) {
  const latStep = gridStep(p.north - p.south);
  const lonStep = gridStep(p.east - p.west);
  const km = [...KM_STEPS].reverse().find((step) => step * p.pxPerKm <= W / 4) ?? KM_STEPS[0];
  const barLength = km * p.pxPerKm;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: picking a spot is for the pointer; the caller offers a field to type positions in
    <svg
      viewBox={`0 0 ${W} ${H}`}
      className={onPick ? 'need-map-svg need-map-pick' : 'need-map-svg'}
      onClick={
        onPick
          ? (event: MouseEvent<SVGSVGElement>) => {
              const box = event.currentTarget.getBoundingClientRect();
              onPick(positionAt(p, ((event.clientX - box.left) * W) / box.width, ((event.clientY - box.top) * H) / box.height));
            }
          : undefined
      }
    >
      <title>{title}</title>
      <rect x={0} y={0} width={W} height={H} className="need-map-bg" />
      <g className="need-map-grid">
        {ticks(p.south, p.north, latStep).map((lat) => (
          <g key={`lat${lat}`}>
            <line x1={0} x2={W} y1={p.y(lat)} y2={p.y(lat)} />
            {p.y(lat) > 20 && p.y(lat) < H - 22 ? (
              <text x={4} y={p.y(lat) - 3}>
                {degrees(lat, 'N', 'S', latStep)}
              </text>
            ) : null}
          </g>
        ))}
        {ticks(p.west, p.east, lonStep).map((lon) => (
          <g key={`lon${lon}`}>
            <line x1={p.x(lon)} x2={p.x(lon)} y1={0} y2={H} />
            {p.x(lon) > 70 && p.x(lon) < W - 80 ? (
              <text x={p.x(lon) + 3} y={H - 5}>
                {degrees(lon, 'E', 'W', lonStep)}
              </text>
            ) : null}
          </g>
        ))}
      </g>
      <g className="need-map-scale" transform={`translate(${W - barLength - 16}, 26)`}>
        <rect x={-8} y={-20} width={barLength + 16} height={34} rx={3} />
        <line x1={0} x2={barLength} y1={6} y2={6} />
        <line x1={0} x2={0} y1={1} y2={10} />
        <line x1={barLength} x2={barLength} y1={1} y2={10} />
        <text x={barLength / 2} y={-3} textAnchor="middle">
          {km >= 1 ? `${km} km` : `${km * 1000} m`}
        </text>
      </g>
      {children}
    </svg>
  );
}
