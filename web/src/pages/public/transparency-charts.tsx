/**
 * The transparency page's charts, a chunk of their own (imported lazily by transparency-page.tsx):
 * ECharts is downloaded by this page only, never by the report, give or receipt pages. Bars lie
 * on their side, so that stage, item and area names stay readable on a phone.
 */
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import { type ComposeOption, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChartHost } from '../../components/echart-host';
import { useNumber } from '../../components/item-words';
import { STAGE_COLOURS, type TransparencyView } from './transparency-view';

use([BarChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

type ChartOption = ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

const AXIS_LABEL = { width: 96, overflow: 'break' as const, fontSize: 12 };
const GRID = { left: 8, right: 56, top: 8, bottom: 8, containLabel: true };
/** Room per bar, so that a chart grows with what it shows instead of squeezing it. */
const BAR = 16;

/** An item-colour cycle for the areas chart (stages have their own colours). */
const ITEM_COLOURS = ['#1d5bbf', '#16a34a', '#d48806', '#7c3aed', '#0891b2', '#c8102e', '#64748b', '#be185d'];

function MoneyChart({ view }: { view: TransparencyView }) {
  const { t } = useTranslation();
  const number = useNumber();
  const { stages, total } = view.money;
  const option = useMemo<ChartOption>(
    () => ({
      grid: GRID,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => `¥${number(Number(v))}` },
      xAxis: { type: 'value', axisLabel: { formatter: (v: number) => number(v) } },
      yAxis: { type: 'category', inverse: true, data: stages.map((s) => s.label), axisLabel: AXIS_LABEL },
      series: [
        {
          type: 'bar',
          name: t('transparency.moneyChart'),
          barMaxWidth: 22,
          label: { show: true, position: 'right', formatter: (p) => `¥${number(Number(p.value))}` },
          data: stages.map((s) => ({ value: total[s.stage], itemStyle: { color: STAGE_COLOURS[s.stage] } })),
        },
      ],
    }),
    [stages, total, number, t],
  );
  return (
    <EChartHost
      option={option}
      label={t('transparency.moneyChartLabel')}
      height={stages.length * 36 + 24}
      className="transparency-chart"
    />
  );
}

function GoodsChart({ view }: { view: TransparencyView }) {
  const { t } = useTranslation();
  const number = useNumber();
  const { stages, items } = view.goods;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { ...GRID, top: 48 },
      legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => number(Number(v)) },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: items.map((i) => i.label), axisLabel: AXIS_LABEL },
      series: stages.map((s) => ({
        type: 'bar' as const,
        name: s.label,
        itemStyle: { color: STAGE_COLOURS[s.stage] },
        barMaxWidth: 14,
        data: items.map((i) => i.figures[s.stage]),
      })),
    }),
    [stages, items, number],
  );
  return (
    <EChartHost
      option={option}
      label={t('transparency.goodsChartLabel')}
      height={Math.max(160, items.length * (stages.length * BAR * 0.8 + 16) + 64)}
      className="transparency-chart"
    />
  );
}

function AreasChart({ view }: { view: TransparencyView }) {
  const { t } = useTranslation();
  const number = useNumber();
  const { items, rows } = view.areas;
  const option = useMemo<ChartOption>(
    () => ({
      grid: { ...GRID, top: items.length > 1 ? 48 : 8 },
      legend: items.length > 1 ? { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } } : undefined,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => number(Number(v)) },
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.name), axisLabel: AXIS_LABEL },
      series: items.map((item, i) => ({
        type: 'bar' as const,
        name: item.label,
        itemStyle: { color: ITEM_COLOURS[i % ITEM_COLOURS.length] },
        barMaxWidth: 18,
        label: items.length === 1 ? { show: true, position: 'right' as const } : undefined,
        data: rows.map((r) => r.delivered.get(item.code) ?? 0),
      })),
    }),
    [items, rows, number],
  );
  return (
    <EChartHost
      option={option}
      label={t('transparency.areasChartLabel')}
      height={Math.max(120, rows.length * (items.length * BAR + 16) + (items.length > 1 ? 64 : 24))}
      className="transparency-chart"
    />
  );
}

/** Money by stage, goods by item and stage, goods delivered by area. */
export function TransparencyCharts({ view }: { view: TransparencyView }) {
  const { t } = useTranslation();
  return (
    <div className="transparency-charts" data-testid="transparency-charts">
      <section className="public-section" aria-labelledby="chart-money-title">
        <h2 className="public-subtitle" id="chart-money-title">
          {t('transparency.moneyChart')}
        </h2>
        <MoneyChart view={view} />
      </section>
      <section className="public-section" aria-labelledby="chart-goods-title">
        <h2 className="public-subtitle" id="chart-goods-title">
          {t('transparency.goodsChart')}
        </h2>
        {view.goods.items.length === 0 ? <p className="public-empty">{t('transparency.noGoods')}</p> : <GoodsChart view={view} />}
      </section>
      <section className="public-section" aria-labelledby="chart-areas-title">
        <h2 className="public-subtitle" id="chart-areas-title">
          {t('transparency.areasChart')}
        </h2>
        {view.areas.rows.length === 0 ? (
          <p className="public-empty">{t('transparency.noDeliveries')}</p>
        ) : (
          <AreasChart view={view} />
        )}
      </section>
    </div>
  );
}
