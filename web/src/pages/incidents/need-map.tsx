/**
 * A simple drawn map of needs: an SVG that projects the points into their own box
 * (equirectangular, shrunk east–west by the cosine of the middle latitude), with a graticule,
 * a scale bar and one dot per need coloured by urgency. No tiles: the board's fallback when no
 * map style is configured or the browser cannot draw one.
 */
import { Empty } from 'antd';
import type { KeyboardEvent, MouseEvent } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { URGENCY_COLORS } from '../../components/incident-tags';
import type { NeedStatus, ServiceCategory, Urgency } from '../../types';

export interface MapPoint {
  id: string;
  /** Absent for points from the map endpoint: the category names the dot instead. */
  title?: string;
  category: ServiceCategory;
  lat: number;
  lon: number;
  urgency: Urgency;
  status: NeedStatus;
}

const W = 640;
const H = 420;
const MARGIN = 28;
/** Never zoom closer than about 2 km across. */
const MIN_SPAN = 0.02;
const KM_PER_DEGREE = 111.32;
const STEPS = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10];
const KM_STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500];
const URGENCY_ORDER: Urgency[] = ['low', 'medium', 'high', 'critical'];

interface Projection {
  x: (lon: number) => number;
  y: (lat: number) => number;
  west: number;
  east: number;
  south: number;
  north: number;
  pxPerKm: number;
}

function project(points: MapPoint[]): Projection {
  let south = Math.min(...points.map((p) => p.lat));
  let north = Math.max(...points.map((p) => p.lat));
  let west = Math.min(...points.map((p) => p.lon));
  let east = Math.max(...points.map((p) => p.lon));
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

/** Spreads dots that fall on one spot around it, so each stays clickable. */
function spread(points: { x: number; y: number; point: MapPoint }[]): { x: number; y: number; point: MapPoint }[] {
  const groups = new Map<string, { x: number; y: number; point: MapPoint }[]>();
  for (const p of points) {
    const key = `${Math.round(p.x / 6)}:${Math.round(p.y / 6)}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()].flatMap((group) =>
    group.length === 1
      ? group
      : group.map((p, i) => {
          const angle = (2 * Math.PI * i) / group.length;
          const r = 7 + group.length;
          return { ...p, x: p.x + r * Math.cos(angle), y: p.y + r * Math.sin(angle) };
        }),
  );
}

/** The colour of each urgency, most urgent first. */
export function UrgencyLegend() {
  const { t } = useTranslation();
  return (
    <>
      {[...URGENCY_ORDER].reverse().map((urgency) => (
        <span key={urgency} className="need-map-legend-item">
          <span className="need-map-swatch" style={{ background: URGENCY_COLORS[urgency] }} aria-hidden="true" />
          {t(`need.urgency.${urgency}`)}
        </span>
      ))}
    </>
  );
}

export function NeedMap({
  points,
  selectedId,
  onSelect,
  hrefFor,
  summary,
}: {
  points: MapPoint[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  hrefFor: (id: string) => string;
  /** What the legend says of the count (by default, how many dots there are). */
  summary?: string;
}) {
  const { t } = useTranslation();
  const drawn = useMemo(() => {
    if (points.length === 0) return null;
    const p = project(points);
    const latStep = gridStep(p.north - p.south);
    const lonStep = gridStep(p.east - p.west);
    const dots = spread(points.map((point) => ({ x: p.x(point.lon), y: p.y(point.lat), point }))).sort(
      (a, b) => URGENCY_ORDER.indexOf(a.point.urgency) - URGENCY_ORDER.indexOf(b.point.urgency),
    );
    const km = [...KM_STEPS].reverse().find((step) => step * p.pxPerKm <= W / 4) ?? KM_STEPS[0];
    return { p, latStep, lonStep, dots, km };
  }, [points]);

  if (!drawn) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('needs.mapEmpty')} className="need-map-empty" />;
  }
  const { p, latStep, lonStep, dots, km } = drawn;
  const selected = dots.find((d) => d.point.id === selectedId);
  const choose = (event: MouseEvent | KeyboardEvent, id: string) => {
    event.preventDefault();
    onSelect(id);
  };
  const barLength = km * p.pxPerKm;

  return (
    <figure className="need-map" data-testid="need-map">
      <svg viewBox={`0 0 ${W} ${H}`} className="need-map-svg">
        <title>{t('needs.mapLabel')}</title>
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
        <g className="need-map-dots">
          {dots.map(({ x, y, point }) => {
            const done = point.status === 'fulfilled' || point.status === 'closed';
            const name = point.title ?? t(`category.${point.category}`);
            const label = `${t(`need.urgency.${point.urgency}`)} · ${name} · ${t(`need.status.${point.status}`)}`;
            return (
              <a
                key={point.id}
                href={hrefFor(point.id)}
                onClick={(event) => choose(event, point.id)}
                aria-label={label}
                className="need-map-dot"
                data-testid="need-map-dot"
                data-need-id={point.id}
              >
                <title>{label}</title>
                <circle
                  cx={x}
                  cy={y}
                  r={point.urgency === 'critical' ? 9 : 7}
                  fill={URGENCY_COLORS[point.urgency]}
                  fillOpacity={done ? 0.35 : 0.92}
                />
              </a>
            );
          })}
        </g>
        {selected ? <circle cx={selected.x} cy={selected.y} r={14} className="need-map-selected" /> : null}
      </svg>
      <figcaption className="need-map-legend">
        <UrgencyLegend />
        <span className="muted" data-testid="need-map-count">
          {summary ?? t('needs.mapCount', { count: points.length })}
        </span>
      </figcaption>
    </figure>
  );
}
