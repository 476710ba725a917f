/**
 * The analytics' ECharts: imported module by module (only the charts and components the
 * analytics draw), so the chunk stays small; the host (components/echart-host.tsx) draws them.
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
import { type ComposeOption, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { EChartHost, type EChartHostProps } from '../../components/echart-host';

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

/** An analytics chart: any option built from the modules registered above. */
export function EChart(props: EChartHostProps<ChartOption>) {
  return <EChartHost {...props} />;
}
