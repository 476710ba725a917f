/**
 * 合作模式: each non-government organization of the area on the quadrant of service
 * similarity (x) × institutional embedding (y), as a scatter plot; the table explains each.
 * A province has thousands: when the answer holds only a page of them, the chart draws where
 * they cluster instead (bubbles sized by how many sit there), and the table pages.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import { Segmented, type TableColumnsType, Tag, Typography } from 'antd';
import type { ScatterSeriesOption } from 'echarts/charts';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi } from '../../api';
import { OrganizationName } from '../../components/organization-name';
import type { AnalyticsScope, CooperationMode, CooperationModeCell, CooperationModeItem, CooperationModes } from '../../types';
import { AnalyticCard, StatList, useNumberFormats } from './analytic-card';
import { type ChartOption, EChart, escapeHtml } from './echart';
import { type Answer, PagedRows, PagedTable } from './paged-list';

/** The two the network aims for first, then the two it tries to move organizations out of. */
const MODE_ORDER: readonly CooperationMode[] = ['supplementary', 'complementary', 'substitution', 'alienation'];

const MODE_COLORS = {
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
  const { score, list } = useNumberFormats();
  return useCallback(
    (item: CooperationModeItem) =>
      t('analytics.modes.explain', {
        shared: list(item.shared.map((c) => t(`category.${c}`))),
        similarity: score(item.similarity),
        recognitions: list(item.recognitions.map((r) => t(`analytics.recognition.${r}`))),
        embedding: score(item.embedding),
      }),
    [t, score, list],
  );
}

function ModeTag({ mode }: { mode: CooperationMode }) {
  const { t } = useTranslation();
  return (
    <Tag color={MODE_COLORS[mode]} variant="outlined" className="analytics-mode-tag">
      {t(`analytics.mode.${mode}`)}
    </Tag>
  );
}

/** Whether the answer holds every organization, so each can be drawn (else where they cluster). */
const whole = (data: CooperationModes) => data.items.length >= data.total;

/** The faint quadrants, each named, and the dashed 0.5 thresholds: under either kind of points. */
function quadrantMarks(mode: CooperationMode, first: boolean, name: string): Pick<ScatterSeriesOption, 'markArea' | 'markLine'> {
  return {
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
        [{ name, coord: [QUADRANTS[mode].x[0], QUADRANTS[mode].y[0]] }, { coord: [QUADRANTS[mode].x[1], QUADRANTS[mode].y[1]] }],
      ],
    },
    markLine: first
      ? {
          silent: true,
          symbol: 'none',
          label: { show: false },
          lineStyle: { type: 'dashed', color: '#9ca3af', width: 1 },
          data: [{ xAxis: 0.5 }, { yAxis: 0.5 }],
        }
      : undefined,
  };
}

function ModesChart({ data }: { data: CooperationModes }) {
  const { t } = useTranslation();
  const explain = useExplain();
  const { score } = useNumberFormats();
  const clustered = !whole(data);
  const summary = t('analytics.modes.summary', {
    count: data.total,
    counts: MODE_ORDER.map((mode) => `${t(`analytics.mode.${mode}`)} ${data.counts[mode]}`).join(t('analytics.listSeparator')),
  });
  const note = clustered ? t('analytics.modes.clustered', { count: data.total }) : null;

  const option = useMemo((): ChartOption => {
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
    const where = (mode: CooperationMode, similarity: number, embedding: number, about: boolean) =>
      escapeHtml(
        t(about ? 'analytics.modes.whereAbout' : 'analytics.modes.where', {
          mode: t(`analytics.mode.${mode}`),
          similarity: score(similarity),
          embedding: score(embedding),
        }),
      );
    const tooltip = (formatter: (seriesIndex: number, dataIndex: number) => string) =>
      ({
        trigger: 'item',
        confine: true,
        extraCssText: 'max-width: 320px; white-space: normal;',
        formatter: (params: unknown) => {
          const { seriesIndex = 0, dataIndex } = params as { seriesIndex?: number; dataIndex: number };
          return formatter(seriesIndex, dataIndex);
        },
      }) as const;
    const base = {
      // No legend: the counts above the chart name the colours.
      grid: { left: 52, right: 20, top: 16, bottom: 52 },
      xAxis: axis(t('analytics.modes.similarity'), 30),
      yAxis: axis(t('analytics.modes.embedding'), 36),
    };
    const style = (mode: CooperationMode) => ({ color: MODE_COLORS[mode], opacity: 0.85, borderColor: '#fff', borderWidth: 1 });

    if (clustered) {
      // Where the organizations cluster, rounded to tenths: a bubble's area is how many sit there.
      const cells = MODE_ORDER.map((mode) => data.density.filter((cell) => cell.mode === mode));
      const most = Math.max(1, ...data.density.map((cell) => cell.count));
      return {
        ...base,
        tooltip: tooltip((seriesIndex, dataIndex) => {
          const cell: CooperationModeCell | undefined = cells[seriesIndex]?.[dataIndex];
          if (!cell) return '';
          return `<strong>${escapeHtml(t('analytics.modes.cellCount', { count: cell.count }))}</strong><br/>${where(cell.mode, cell.similarity, cell.embedding, true)}`;
        }),
        series: MODE_ORDER.map((mode, index) => ({
          type: 'scatter',
          name: t(`analytics.mode.${mode}`),
          itemStyle: style(mode),
          symbolSize: (value: number[]) => 8 + 34 * Math.sqrt((value[2] ?? 1) / most),
          data: cells[index].map((cell) => [cell.similarity, cell.embedding, cell.count]),
          ...quadrantMarks(mode, index === 0, t(`analytics.mode.${mode}`)),
        })),
      };
    }

    const perMode = MODE_ORDER.map((mode) => dotsOf(data.items.filter((item) => item.mode === mode)));
    return {
      ...base,
      tooltip: tooltip((seriesIndex, dataIndex) => {
        const mode = MODE_ORDER[seriesIndex];
        const dot = perMode[seriesIndex]?.[dataIndex];
        if (!mode || !dot) return '';
        const head = `<strong>${escapeHtml(dot.items.map((i) => i.name).join(t('analytics.listSeparator')))}</strong>`;
        const why = dot.items.length === 1 ? `<br/><span style="color:#6b7280">${escapeHtml(explain(dot.items[0]))}</span>` : '';
        return `${head}<br/>${where(mode, dot.similarity, dot.embedding, false)}${why}`;
      }),
      series: MODE_ORDER.map((mode, index) => ({
        type: 'scatter',
        name: t(`analytics.mode.${mode}`),
        itemStyle: style(mode),
        symbolSize: (_value: unknown, params: { dataIndex: number }) =>
          Math.min(30, 11 + 5 * Math.sqrt((perMode[index][params.dataIndex]?.items.length ?? 1) - 1)),
        data: perMode[index].map((dot) => [dot.similarity, dot.embedding]),
        ...quadrantMarks(mode, index === 0, t(`analytics.mode.${mode}`)),
      })),
    };
  }, [data, clustered, t, explain, score]);

  return (
    <>
      {note ? (
        <Typography.Paragraph type="secondary" className="analytics-note" data-testid="modes-clustered">
          {note}
        </Typography.Paragraph>
      ) : null}
      <EChart option={option} label={note ? t('analytics.sentences', { first: summary, second: note }) : summary} height={340} />
    </>
  );
}

type ModeFilter = CooperationMode | 'all';

/**
 * The placements a page at a time, of all modes or one. All modes start from the card's answer;
 * while it is the last area's, its placements (of the mode chosen) are shown as they are.
 */
function ModesTable({ data, scope, answer }: { data: CooperationModes; scope: AnalyticsScope; answer: Answer }) {
  const { t } = useTranslation();
  const explain = useExplain();
  const { score } = useNumberFormats();
  const [mode, setMode] = useState<ModeFilter>('all');
  const total = mode === 'all' ? data.total : data.counts[mode];
  const columns: TableColumnsType<CooperationModeItem> = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      render: (name: string, item) => <OrganizationName id={item.organizationId} name={name} />,
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
    <>
      <Segmented<ModeFilter>
        size="small"
        value={mode}
        onChange={setMode}
        aria-label={t('analytics.modes.filter')}
        className="analytics-table-filter"
        data-testid="modes-filter"
        options={[
          { value: 'all', label: t('analytics.modes.all', { count: data.total }) },
          ...MODE_ORDER.map((value) => ({ value, label: `${t(`analytics.mode.${value}`)} ${data.counts[value]}` })),
        ]}
      />
      <PagedRows<CooperationModeItem>
        answer={answer}
        queryKey={['cooperation-modes', scope.jurisdiction, scope.to, mode]}
        first={mode === 'all' ? data : undefined}
        rows={mode === 'all' ? data.items : data.items.filter((item) => item.mode === mode)}
        fetchPage={(cursor) => analyticsApi.cooperationModes(scope, { mode: mode === 'all' ? undefined : mode, cursor })}
      >
        {(list) => (
          <PagedTable<CooperationModeItem>
            list={list}
            total={total}
            shownTestId="modes-shown"
            rowKey="organizationId"
            columns={columns}
            dataSource={[...list.items].sort(
              (a, b) => MODE_ORDER.indexOf(a.mode) - MODE_ORDER.indexOf(b.mode) || a.name.localeCompare(b.name, 'zh-CN'),
            )}
            scroll={{ x: 720 }}
            data-testid="modes-table"
          />
        )}
      </PagedRows>
    </>
  );
}

function ModeCounts({ data }: { data: CooperationModes }) {
  const { t } = useTranslation();
  return (
    <StatList
      stats={MODE_ORDER.map((mode) => ({
        label: t(`analytics.mode.${mode}`),
        value: data.counts[mode],
        color: MODE_COLORS[mode],
        testId: `mode-count-${mode}`,
      }))}
    />
  );
}

export function CooperationModesCard({ query, scope }: { query: UseQueryResult<CooperationModes>; scope: AnalyticsScope }) {
  const { t } = useTranslation();
  return (
    <AnalyticCard
      id="analytics-modes"
      title={t('analytics.modes.title')}
      hint={t('analytics.modes.hint')}
      query={query}
      period={(data) => t('analytics.asOf', { to: data.to })}
      empty={(data) => (data.total === 0 ? t('analytics.modes.empty') : null)}
      summary={(data) => <ModeCounts data={data} />}
      chart={(data) => <ModesChart data={data} />}
      numbers={(data) => <ModesTable data={data} scope={scope} answer={query} />}
    />
  );
}
