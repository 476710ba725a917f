/**
 * 功能地图覆盖: the 12 cells of strategy × phase as a heat grid of the organizations serving
 * the area, each cell with its programs and needs of the period; gaps (needs, nobody) in red.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableColumnsType, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PHASES, STRATEGIES } from '../../../../src/model/taxonomy';
import type { CoverageCell, FunctionCoverage } from '../../types';
import { AnalyticCard, StatList } from './analytic-card';
import { type ChartOption, EChart } from './echart';

const GAP_RED = '#c8102e';
const PALE = [244, 246, 250];
const DEEP = [143, 176, 230];

/**
 * The cell's blue for a share of the busiest cell's organizations (0–1). Drawn here rather than
 * by ECharts' visualMap, which would add 30 kB to the chunk for one gradient; the palest and
 * deepest stay light enough for the dark labels.
 */
function shade(share: number): string {
  const [r, g, b] = PALE.map((from, i) => Math.round(from + (DEEP[i] - from) * share));
  return `rgb(${r}, ${g}, ${b})`;
}

function CoverageChart({ data }: { data: FunctionCoverage }) {
  const { t } = useTranslation();
  const covered = data.cells.filter((cell) => cell.organizations > 0).length;
  const gaps = data.cells.filter((cell) => cell.gap).length;
  const label = t('analytics.coverage.summary', { covered, gaps });

  const option = useMemo((): ChartOption => {
    const most = Math.max(1, ...data.cells.map((cell) => cell.organizations));
    // Gaps drawn last, so that no neighbour's white border covers their red outline.
    const cells = [...data.cells].sort((a, b) => Number(a.gap) - Number(b.gap));
    const cellOf = (params: unknown) => cells[(params as { dataIndex: number }).dataIndex];
    const counts = (cell: CoverageCell) => ({
      organizations: cell.organizations,
      activities: cell.activities,
      needs: cell.needs,
    });
    return {
      grid: { left: 76, right: 12, top: 36, bottom: 8 },
      xAxis: {
        type: 'category',
        data: PHASES.map((phase) => t(`phase.${phase}`)),
        position: 'top',
        axisTick: { show: false },
        axisLine: { show: false },
        // Every phase named, even when the names are longer than a third of the width (English).
        axisLabel: { color: '#374151', fontWeight: 600, interval: 0, overflow: 'break', width: 110 },
      },
      yAxis: {
        type: 'category',
        // Technology at the top, as in the study's table.
        data: STRATEGIES.map((strategy) => t(`strategy.${strategy}`)),
        inverse: true,
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { color: '#374151', fontWeight: 600 },
      },
      tooltip: {
        trigger: 'item',
        formatter: (params) => {
          const cell = cellOf(params);
          const name = `${t(`strategy.${cell.strategy}`)} · ${t(`phase.${cell.phase}`)}`;
          const gap = cell.gap ? ` · <span style="color:${GAP_RED}">${t('analytics.coverage.gap')}</span>` : '';
          return `<strong>${name}</strong>${gap}<br/>${t('analytics.coverage.cell', counts(cell))}`;
        },
      },
      series: [
        {
          type: 'heatmap',
          data: cells.map((cell) => ({
            value: [PHASES.indexOf(cell.phase), STRATEGIES.indexOf(cell.strategy), cell.organizations],
            // The more organizations, the deeper the blue; a gap is outlined in red, whatever its shade.
            itemStyle: { color: shade(cell.organizations / most), borderColor: cell.gap ? GAP_RED : '#ffffff', borderWidth: 2 },
          })),
          label: {
            show: true,
            lineHeight: 17,
            formatter: (params) => {
              const cell = cellOf(params);
              const lines = [
                `{count|${t('analytics.coverage.organizations')} ${cell.organizations}}`,
                `{rest|${t('analytics.coverage.activities')} ${cell.activities} · ${t('analytics.coverage.needs')} ${cell.needs}}`,
              ];
              if (cell.gap) lines.push(`{gap|${t('analytics.coverage.gap')}}`);
              return lines.join('\n');
            },
            rich: {
              count: { fontSize: 13, fontWeight: 600, color: '#1f2937', lineHeight: 18 },
              rest: { fontSize: 12, color: '#4b5563', lineHeight: 17 },
              gap: { fontSize: 12, fontWeight: 600, color: GAP_RED, lineHeight: 17 },
            },
          },
          emphasis: { itemStyle: { borderColor: '#1d5bbf', borderWidth: 2 } },
        },
      ],
    };
  }, [data, t]);

  return <EChart option={option} label={label} height={340} />;
}

function CoverageTable({ data }: { data: FunctionCoverage }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<CoverageCell> = [
    { title: t('functionMap.strategy'), dataIndex: 'strategy', render: (strategy: string) => t(`strategy.${strategy}`) },
    { title: t('functionMap.phase'), dataIndex: 'phase', render: (phase: string) => t(`phase.${phase}`) },
    { title: t('analytics.coverage.organizations'), dataIndex: 'organizations', align: 'right' },
    { title: t('analytics.coverage.activities'), dataIndex: 'activities', align: 'right' },
    { title: t('analytics.coverage.needs'), dataIndex: 'needs', align: 'right' },
    {
      title: t('analytics.coverage.gap'),
      dataIndex: 'gap',
      render: (gap: boolean) => (gap ? <Tag color="error">{t('analytics.coverage.gap')}</Tag> : '—'),
    },
  ];
  return (
    <Table<CoverageCell>
      rowKey={(cell) => `${cell.strategy}:${cell.phase}`}
      size="small"
      columns={columns}
      dataSource={data.cells}
      pagination={false}
      rowClassName={(cell) => (cell.gap ? 'analytics-gap-row' : '')}
      data-testid="coverage-table"
    />
  );
}

export function FunctionCoverageCard({ query }: { query: UseQueryResult<FunctionCoverage> }) {
  const { t } = useTranslation();
  return (
    <AnalyticCard
      id="analytics-coverage"
      title={t('analytics.coverage.title')}
      hint={t('analytics.coverage.hint')}
      query={query}
      period={(data) => t('analytics.range', { from: data.from, to: data.to })}
      empty={(data) =>
        data.cells.every((cell) => cell.organizations + cell.activities + cell.needs === 0) ? t('analytics.coverage.empty') : null
      }
      summary={(data) => {
        const gaps = data.cells.filter((cell) => cell.gap).length;
        return (
          <StatList
            stats={[
              {
                label: t('analytics.coverage.covered'),
                value: `${data.cells.filter((cell) => cell.organizations > 0).length} / 12`,
              },
              { label: t('analytics.coverage.gaps'), value: gaps, alarm: gaps > 0 },
            ]}
          />
        );
      }}
      chart={(data) => <CoverageChart data={data} />}
      numbers={(data) => <CoverageTable data={data} />}
    />
  );
}
