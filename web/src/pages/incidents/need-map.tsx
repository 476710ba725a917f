/**
 * A simple drawn map of needs (components/map/drawn-map.tsx) with one dot per need coloured by
 * urgency: the board's fallback when no map style is configured or the browser cannot draw one.
 */
import { Empty } from 'antd';
import type { KeyboardEvent, MouseEvent } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { URGENCY_COLORS } from '../../components/incident-tags';
import { DrawnMap, projectionOf } from '../../components/map/drawn-map';
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

const URGENCY_ORDER: Urgency[] = ['low', 'medium', 'high', 'critical'];

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
    const p = projectionOf(points);
    const dots = spread(points.map((point) => ({ x: p.x(point.lon), y: p.y(point.lat), point }))).sort(
      (a, b) => URGENCY_ORDER.indexOf(a.point.urgency) - URGENCY_ORDER.indexOf(b.point.urgency),
    );
    return { p, dots };
  }, [points]);

  if (!drawn) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('needs.mapEmpty')} className="need-map-empty" />;
  }
  const { p, dots } = drawn;
  const selected = dots.find((d) => d.point.id === selectedId);
  const choose = (event: MouseEvent | KeyboardEvent, id: string) => {
    event.preventDefault();
    onSelect(id);
  };

  return (
    <figure className="need-map" data-testid="need-map">
      <DrawnMap projection={p} title={t('needs.mapLabel')}>
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
      </DrawnMap>
      <figcaption className="need-map-legend">
        <UrgencyLegend />
        <span className="muted" data-testid="need-map-count">
          {summary ?? t('needs.mapCount', { count: points.length })}
        </span>
      </figcaption>
    </figure>
  );
}
