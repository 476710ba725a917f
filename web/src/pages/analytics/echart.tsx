/**
 * A thin React wrapper around ECharts. ECharts is imported module by module (only the charts
 * and components the analytics draw), so it stays in the analytics chunk and that chunk
 * stays small; the rest of the UI never downloads it.
 */
import {
  BarChart,
  type BarSeriesOption,
  GraphChart,
  type GraphSeriesOption,
  HeatmapChart,
  type HeatmapSeriesOption,
  RadarChart,
  type RadarSeriesOption,
  ScatterChart,
  type ScatterSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  MarkAreaComponent,
  type MarkAreaComponentOption,
  MarkLineComponent,
  type MarkLineComponentOption,
  type RadarComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, type ECharts, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useCallback, useEffect, useRef } from 'react';

// RadarChart brings its own coordinate system (the radar component) with it.
use([
  ScatterChart,
  HeatmapChart,
  BarChart,
  GraphChart,
  RadarChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  MarkAreaComponent,
  CanvasRenderer,
]);

/** The options the analytics' charts may use: anything else was not registered above. */
export type ChartOption = ComposeOption<
  | ScatterSeriesOption
  | HeatmapSeriesOption
  | BarSeriesOption
  | GraphSeriesOption
  | RadarSeriesOption
  | GridComponentOption
  | RadarComponentOption
  | TooltipComponentOption
  | LegendComponentOption
  | MarkLineComponentOption
  | MarkAreaComponentOption
>;

/** Escapes text for ECharts' HTML tooltips (organization names are typed by people). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

interface Props {
  option: ChartOption;
  /** One line saying what the chart shows, for screen readers (the canvas says nothing). */
  label: string;
  height?: number;
}

/**
 * Whether a chart's host can be drawn in: in the page and not of zero size. ECharts' graph
 * cannot lay out at zero width or height and throws ("Cannot read properties of null (reading
 * '0')"); a host measures zero once React has taken it out of the page (its effect cleanup, which
 * disposes the chart, may come a task later) or while it is hidden.
 */
const drawable = (element: HTMLElement) => element.isConnected && element.clientWidth > 0 && element.clientHeight > 0;

export function EChart({ option, label, height = 300 }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  /** An option that came while the host could not be drawn in, set once it can. */
  const pending = useRef<ChartOption | null>(null);

  const draw = useCallback((next: ChartOption) => {
    const element = host.current;
    const instance = chart.current;
    if (!element || !instance) return;
    if (!drawable(element)) {
      pending.current = next;
      return;
    }
    pending.current = null;
    const fontFamily = getComputedStyle(document.documentElement).getPropertyValue('--font-sans').trim() || 'sans-serif';
    // notMerge: a series that is gone from the new option must go from the chart too.
    instance.setOption({ textStyle: { fontFamily }, animationDuration: 300, ...next }, { notMerge: true });
  }, []);

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // The card's width follows the window and the collapsible navigation, not window resizes alone.
    const observer = new ResizeObserver(() => {
      if (!drawable(element)) return;
      if (pending.current) draw(pending.current);
      else instance.resize();
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [draw]);

  useEffect(() => draw(option), [draw, option]);

  return <div ref={host} role="img" aria-label={label} className="analytics-chart" style={{ height }} />;
}
