/**
 * 合作模式: each non-government organization of the area on the quadrant of service
 * similarity (x) × institutional embedding (y), as a scatter plot; the table explains each.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { Table, type TableColumnsType, Tag } from 'antd';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CooperationMode, CooperationModeItem, CooperationModes } from '../../types';
import { AnalyticCard, useNumberFormats } from './analytic-card';
import { type ChartOption, EChart, escapeHtml } from './echart';

/** The two the network aims for first, then the two it tries to move organizations out of. */
const MODE_ORDER: readonly CooperationMode[] = ['supplementary', 'complementary', 'substitution', 'alienation'];

export const MODE_COLORS = {
  supplementary: '#2f8f5b',
  complementary: '#1d5bbf',
  substitution: '#d48806',
  alienation: '#b8322a',
} satisfies Record<CooperationMode, string>;

/** Where each quadrant lies on the unit square (x similarity, y embedding), split at 0.5. */
const QUADRANTS: Record<CooperationMode, { x: [number, number]; y: [number, number] }> = {
  supplementary: { x: [0.5, 1], y: [0.5, 1] },
  complementary: { x: [0, 0.5], y: [0.5, 1] },
  substitution: { x: [0.5, 1], y: [0, 0.5] },
  alienation: { x: [0, 0.5], y: [0, 0.5] },
};

/** A colour (#rrggbb) made faint, for the quadrants' background. */
function tint(hex: string, alpha: number): string {
  const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Organizations at the very same point (often many at 0, 0) are one dot, sized by their number. */
interface Dot {
  similarity: number;
  embedding: number;
  items: CooperationModeItem[];
}

function dotsOf(items: readonly CooperationModeItem[]): Dot[] {
  const dots = new Map<string, Dot>();
  for (const item of items) {
    const key = `${item.similarity}:${item.embedding}`;
    const dot = dots.get(key) ?? { similarity: item.similarity, embedding: item.embedding, items: [] };
    dot.items.push(item);
    dots.set(key, dot);
  }
  return [...dots.values()];
}

/** The server's reasons for a placement, in the reader's language. */
function useExplain(): (item: CooperationModeItem) => string {
  const { t } = useTranslation();
  const { score } = useNumberFormats();
  return useCallback(
    (item: CooperationModeItem) => {
      const list = (labels: string[]) => (labels.length ? labels.join(t('analytics.listSeparator')) : t('analytics.modes.none'));
      return t('analytics.modes.explain', {
        shared: list(item.shared.map((c) => t(`category.${c}`))),
        similarity: score(item.similarity),
        recognitions: list(item.recognitions.map((r) => t(`analytics.recognition.${r}`))),
        embedding: score(item.embedding),
      });
    },
    [t, score],
  );
}

export function ModeTag({ mode }: { mode: CooperationMode }) {
  const { t } = useTranslation();
  return (
    <Tag color={MODE_COLORS[mode]} variant="outlined" className="analytics-mode-tag">
      {t(`analytics.mode.${mode}`)}
    </Tag>
  );
}

function ModesChart({ data }: { data: CooperationModes }) {
  const { t } = useTranslation();
  const explain = useExplain();
  const { score } = useNumberFormats();
  const label = t('analytics.modes.summary', {
    count: data.items.length,
    counts: MODE_ORDER.map((mode) => `${t(`analytics.mode.${mode}`)} ${data.items.filter((i) => i.mode === mode).length}`).join(
      t('analytics.listSeparator'),
    ),
  });

  const option = useMemo((): ChartOption => {
    const perMode = MODE_ORDER.map((mode) => dotsOf(data.items.filter((item) => item.mode === mode)));
    const axis = (name: string, gap: number) =>
      ({
        type: 'value',
        min: 0,
        max: 1,
        interval: 0.25,
        name,
        nameLocation: 'middle',
        nameGap: gap,
        nameTextStyle: { color: '#4b5563' },
        splitLine: { lineStyle: { color: '#eef0f4' } },
      }) as const;
    return {
      // No legend: the counts above the chart name the colours.
      grid: { left: 52, right: 20, top: 16, bottom: 52 },
      xAxis: axis(t('analytics.modes.similarity'), 30),
      yAxis: axis(t('analytics.modes.embedding'), 36),
      tooltip: {
        trigger: 'item',
        confine: true,
        extraCssText: 'max-width: 320px; white-space: normal;',
        formatter: (params) => {
          const { seriesIndex = 0, dataIndex } = params as { seriesIndex?: number; dataIndex: number };
          const mode = MODE_ORDER[seriesIndex];
          const dot = perMode[seriesIndex]?.[dataIndex];
          if (!mode || !dot) return '';
          const head = `<strong>${escapeHtml(dot.items.map((i) => i.name).join(t('analytics.listSeparator')))}</strong>`;
          const where = `${escapeHtml(t(`analytics.mode.${mode}`))} · ${escapeHtml(t('analytics.modes.similarity'))} ${score(dot.similarity)} · ${escapeHtml(t('analytics.modes.embedding'))} ${score(dot.embedding)}`;
          const why =
            dot.items.length === 1 ? `<br/><span style="color:#6b7280">${escapeHtml(explain(dot.items[0]))}</span>` : '';
          return `${head}<br/>${where}${why}`;
        },
      },
      series: MODE_ORDER.map((mode, index) => ({
        type: 'scatter',
        name: t(`analytics.mode.${mode}`),
        itemStyle: { color: MODE_COLORS[mode], opacity: 0.85, borderColor: '#fff', borderWidth: 1 },
        symbolSize: (_value: unknown, params: { dataIndex: number }) =>
          Math.min(30, 11 + 5 * Math.sqrt((perMode[index][params.dataIndex]?.items.length ?? 1) - 1)),
        data: perMode[index].map((dot) => [dot.similarity, dot.embedding]),
        // Each mode's own quadrant: faintly tinted and named, with the 0.5 thresholds dashed.
        markArea: {
          silent: true,
          itemStyle: { color: tint(MODE_COLORS[mode], 0.06) },
          label: {
            show: true,
            position: QUADRANTS[mode].y[0] === 0.5 ? 'insideTop' : 'insideBottom',
            color: MODE_COLORS[mode],
            fontSize: 13,
            fontWeight: 600,
          },
          data: [
            [
              { name: t(`analytics.mode.${mode}`), coord: [QUADRANTS[mode].x[0], QUADRANTS[mode].y[0]] },
              { coord: [QUADRANTS[mode].x[1], QUADRANTS[mode].y[1]] },
            ],
          ],
        },
        markLine:
          index === 0
            ? {
                silent: true,
                symbol: 'none',
                label: { show: false },
                lineStyle: { type: 'dashed', color: '#9ca3af', width: 1 },
                data: [{ xAxis: 0.5 }, { yAxis: 0.5 }],
              }
            : undefined,
      })),
    };
  }, [data, t, explain, score]);

  return <EChart option={option} label={label} height={340} />;
}

function ModesTable({ data }: { data: CooperationModes }) {
  const { t } = useTranslation();
  const explain = useExplain();
  const { score } = useNumberFormats();
  const rows = [...data.items].sort(
    (a, b) => MODE_ORDER.indexOf(a.mode) - MODE_ORDER.indexOf(b.mode) || a.name.localeCompare(b.name, 'zh-CN'),
  );
  const columns: TableColumnsType<CooperationModeItem> = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      render: (name: string, item) => <Link to={`/organizations/${encodeURIComponent(item.organizationId)}`}>{name}</Link>,
    },
    { title: t('field.kind'), dataIndex: 'kind', render: (kind: CooperationModeItem['kind']) => t(`kind.${kind}`) },
    {
      title: t('analytics.modes.similarity'),
      dataIndex: 'similarity',
      align: 'right',
      sorter: (a, b) => a.similarity - b.similarity,
      render: (value: number) => score(value),
    },
    {
      title: t('analytics.modes.embedding'),
      dataIndex: 'embedding',
      align: 'right',
      sorter: (a, b) => a.embedding - b.embedding,
      render: (value: number) => score(value),
    },
    {
      title: t('analytics.modes.mode'),
      dataIndex: 'mode',
      render: (mode: CooperationMode) => <ModeTag mode={mode} />,
    },
    {
      title: t('analytics.modes.explanation'),
      key: 'explanation',
      className: 'analytics-explanation',
      render: (_: unknown, item) => explain(item),
    },
  ];
  return (
    <Table<CooperationModeItem>
      rowKey="organizationId"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small' }}
      scroll={{ x: 720 }}
      data-testid="modes-table"
    />
  );
}

function ModeCounts({ data }: { data: CooperationModes }) {
  const { t } = useTranslation();
  return (
    <dl className="analytics-stats">
      {MODE_ORDER.map((mode) => (
        <div key={mode} className="analytics-stat">
          <dt>
            <span className="analytics-dot" style={{ background: MODE_COLORS[mode] }} aria-hidden="true" />
            {t(`analytics.mode.${mode}`)}
          </dt>
          <dd data-testid={`mode-count-${mode}`}>{data.items.filter((item) => item.mode === mode).length}</dd>
        </div>
      ))}
    </dl>
  );
}

export function CooperationModesCard({ query }: { query: UseQueryResult<CooperationModes> }) {
  const { t } = useTranslation();
  return (
    <AnalyticCard
      id="analytics-modes"
      title={t('analytics.modes.title')}
      hint={t('analytics.modes.hint')}
      query={query}
      period={(data) => t('analytics.asOf', { to: data.to })}
      empty={(data) => (data.items.length === 0 ? t('analytics.modes.empty') : null)}
      summary={(data) => <ModeCounts data={data} />}
      chart={(data) => <ModesChart data={data} />}
      numbers={(data) => <ModesTable data={data} />}
    />
  );
}
