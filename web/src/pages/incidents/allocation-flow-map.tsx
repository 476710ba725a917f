/**
 * Where a plan's goods would go: a line from each supply to the need it serves, thicker for
 * more, on MapLibre where the browser can draw it, else on the drawn map. Lines whose ends the
 * reader may not see placed (a need shown to them on its grid cell only still counts) are left
 * out and said so.
 */
import { lazy, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DrawnMap, type Position, projectionOf } from '../../components/map/drawn-map';
import { MapSwitch } from '../../components/map/map-kind';
import type { AllocationLine } from '../../types';

const MapLibreFlowMap = lazy(() => import('./maplibre-flow-map').then((m) => ({ default: m.MapLibreFlowMap })));

export const FLOW_COLOR = '#1d5bbf';
export const SUPPLY_COLOR = '#237804';
export const NEED_COLOR = '#cf1322';

/** One line of the plan with both ends placed. */
export interface Flow {
  id: string;
  from: Position;
  to: Position;
  quantity: number;
  label: string;
}

/** A line's stroke width by its share of the largest quantity: 1.5 to 7 pixels. */
export function flowWidth(quantity: number, largest: number): number {
  return 1.5 + 5.5 * Math.sqrt(largest > 0 ? quantity / largest : 0);
}

function DrawnFlowMap({ flows, title }: { flows: Flow[]; title: string }) {
  const p = useMemo(() => projectionOf(flows.flatMap((f) => [f.from, f.to])), [flows]);
  const largest = Math.max(...flows.map((f) => f.quantity));
  return (
    <figure className="need-map" data-testid="flow-map">
      <DrawnMap projection={p} title={title}>
        <g>
          {flows.map((f) => (
            <line
              key={f.id}
              x1={p.x(f.from.lon)}
              y1={p.y(f.from.lat)}
              x2={p.x(f.to.lon)}
              y2={p.y(f.to.lat)}
              stroke={FLOW_COLOR}
              strokeOpacity={0.7}
              strokeWidth={flowWidth(f.quantity, largest)}
              strokeLinecap="round"
              data-testid="flow-line"
            >
              <title>{f.label}</title>
            </line>
          ))}
          {flows.map((f) => (
            <g key={`${f.id}-ends`}>
              <rect x={p.x(f.from.lon) - 5} y={p.y(f.from.lat) - 5} width={10} height={10} fill={SUPPLY_COLOR} />
              <circle cx={p.x(f.to.lon)} cy={p.y(f.to.lat)} r={6} fill={NEED_COLOR} stroke="#fff" strokeWidth={1.5} />
            </g>
          ))}
        </g>
      </DrawnMap>
    </figure>
  );
}

export function AllocationFlowMap({
  lines,
  label,
}: {
  lines: readonly AllocationLine[];
  label: (line: AllocationLine) => string;
}) {
  const { t } = useTranslation();
  const flows: Flow[] = lines.flatMap((line) =>
    line.needAt && line.supplyAt
      ? [
          {
            id: `${line.needId}|${line.supplyKey}`,
            from: { lat: line.supplyAt.lat, lon: line.supplyAt.lon },
            to: { lat: line.needAt.lat, lon: line.needAt.lon },
            quantity: line.quantity,
            label: label(line),
          },
        ]
      : [],
  );
  if (flows.length === 0) return null;
  const title = t('allocation.mapLabel');
  return (
    <div className="allocation-flow-map" data-testid="allocation-flow-map">
      <MapSwitch
        noteTestId="flow-map-kind"
        drawn={() => <DrawnFlowMap flows={flows} title={title} />}
        tiles={(styleUrl, onFail) => <MapLibreFlowMap styleUrl={styleUrl} flows={flows} onFail={onFail} />}
      />
      <div className="need-map-legend">
        <span className="need-map-legend-item">
          <svg width="10" height="10" aria-hidden="true">
            <rect width="10" height="10" fill={SUPPLY_COLOR} />
          </svg>
          {t('allocation.mapSupply')}
        </span>
        <span className="need-map-legend-item">
          <svg width="10" height="10" aria-hidden="true">
            <circle cx="5" cy="5" r="5" fill={NEED_COLOR} />
          </svg>
          {t('allocation.mapNeed')}
        </span>
        <span className="muted" data-testid="flow-map-count">
          {flows.length < lines.length
            ? t('allocation.mapSome', { shown: flows.length, total: lines.length })
            : t('allocation.mapAll', { count: flows.length })}
        </span>
      </div>
    </div>
  );
}
